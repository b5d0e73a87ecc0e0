import { normalizeLine } from '../../text/normalize.js';
import { type AuthorLabels, type Byline, splitByline } from '../author.js';
import { type PageMeta, ldArticles, ldNames, metaValue } from './meta.js';
import { textOf } from './dom.js';

/**
 * Author and organisation. What the page prints wins over what its metadata says, because Vietnamese portals fill
 * `<meta name="author">` with the site's name: a labelled line (`Tác giả: …`, `Người viết: …`), the name after the
 * `./.` sign-off, then metadata (JSON-LD `author`, `author` meta, `itemprop="author"`), then a bare closing line.
 * `Name - Organisation` is split at the first ` - ` as the Kooboo extractor does.
 */
export const AUTHOR_LABELS: AuthorLabels = {
  labels: { author: ['Tác giả', 'Người viết', 'Bài và ảnh', 'Bài, ảnh', 'Tin và ảnh', 'Tin, ảnh', 'Người đăng', 'Thực hiện'] },
};

/** `Tác giả: X`, `Bài: X`, `By X`; the short labels need their colon, prose starts with them too. */
const LABELLED =
  /^\s*(?:(?:tác giả|người viết|bài và ảnh|bài, ảnh|tin và ảnh|tin, ảnh|người đăng|thực hiện|biên tập)\s*:?|(?:bài|tin|ảnh|author|autor|auteur|written by|texte?)\s*:|(?:by|von|par|door|por|di|av|af)\s+(?=\p{Lu}))\s*/iu;
const SOURCE = /^\s*(?:nguồn|nguồn tin|theo|source|quelle)\s*:\s*(.+)$/iu;
const SIGN_OFF = /\.\s*\/\s*\.\s*(.*)$/su;
const SENTENCE_END = /[.!?…;:"”')\]]$/u;

export interface PrintedByline {
  byline: Byline;
  /** How it was found: the line is removed from the body when printed there. */
  kind: 'label' | 'sign-off' | 'closing' | 'meta';
}

export function labelledByline(text: string): string | null {
  if (text.length > 150) return null;
  const match = LABELLED.exec(text);
  if (!match) return null;
  const rest = text.slice(match[0].length).trim();
  if (!rest || rest.split(/\s+/).length > 12 || SENTENCE_END.test(rest.replace(/\.$/, '')) && rest.length > 60) return null;
  return rest;
}

export function sourceLine(text: string): string | null {
  if (text.length > 150) return null;
  const m = SOURCE.exec(text);
  return m ? normalizeLine(m[1]!) || null : null;
}

/** A paragraph ending in the `./.` sign-off followed by a name: the paragraph up to the sign-off and the name. */
export function splitSignOff(text: string): { text: string; name: string | null } | null {
  const m = SIGN_OFF.exec(text);
  if (!m) return null;
  const name = normalizeLine(m[1] ?? '');
  if (name.length > 120) return null;
  return { text: text.slice(0, m.index + m[0].length - (m[1] ?? '').length).trimEnd(), name: name || null };
}

/** A bare closing line that is a name: two to six capitalised words, no digits, no sentence punctuation. */
export function looksLikeName(text: string): boolean {
  const t = text.trim();
  if (t.length < 4 || t.length > 60 || /\d/.test(t) || SENTENCE_END.test(t) || t.includes('\n')) return false;
  const words = t.split(/\s+/);
  if (words.length < 2 || words.length > 6) return false;
  return words.every((w) => /^\p{Lu}/u.test(w) || /^(?:-|–|và|and|&)$/.test(w));
}

const NOT_A_PERSON = /thông tin điện tử|cổng thông tin|^admin|webmaster|quản trị|^https?:|^www\.|\.(?:com|vn|org|net)\b/i;

export function metadataAuthor(meta: PageMeta): string | null {
  const site = metaValue(meta, 'og:site_name', 'application-name');
  const ok = (name: string | null | undefined): name is string => {
    if (!name) return false;
    const n = normalizeLine(name);
    return n.length > 1 && n.length <= 120 && !NOT_A_PERSON.test(n) && (!site || n.toLowerCase() !== site.toLowerCase().trim());
  };
  for (const obj of ldArticles(meta)) {
    const names = ldNames(obj['author'] ?? obj['creator']).filter(ok);
    if (names.length > 0) return names.join(', ');
  }
  for (const key of ['author', 'article:author', 'dc.creator', 'sailthru.author', 'parsely-author', 'byl', 'dcterms.creator']) {
    for (const value of meta.values.get(key) ?? []) {
      const name = value.replace(/^(?:by|von|par)\s+/i, '');
      if (ok(name)) return normalizeLine(name);
    }
  }
  for (const el of meta.itemprops) {
    if (!/author|creator/i.test(el.attribs['itemprop'] ?? '')) continue;
    const value = el.attribs['content'] ?? textOf(el).split('\n')[0] ?? '';
    const name = value.replace(/^(?:by|von|par)\s+/i, '');
    if (ok(name) && name.length <= 80) return normalizeLine(name);
  }
  return null;
}

/** Words that open the name of an office rather than a person (`Văn phòng HĐND - UBND huyện`, `Đài Truyền thanh`). */
const ORGANISATION =
  /^(?:văn phòng|ủy ban|uỷ ban|ubnd|hđnd|ubmttq|mttq|mặt trận|phòng|ban|trung tâm|ttvh|đài|sở|hội|đoàn|công an|trường|báo|tạp chí|cổng|trang thông tin|huyện ủy|huyện uỷ|thành ủy|thị ủy|tỉnh ủy|đảng ủy|đảng uỷ|chi cục|cục|tổng cục|hạt|bộ chỉ huy|ban chỉ huy|viện|bệnh viện|trạm|kho bạc|chi nhánh|công ty|hợp tác xã|liên đoàn|thanh tra|tòa án|toà án|viện kiểm sát|ttxvn|vtv|vov)(?:\s|$)/iu;

export function isOrganisation(name: string): boolean {
  return ORGANISATION.test(name.trim());
}

export function toByline(line: string): Byline {
  const whole = normalizeLine(line);
  // An office signs alone: the whole line is the organisation, dashes and all.
  if (isOrganisation(whole)) return { author: null, organization: whole };
  const split = splitByline(line, AUTHOR_LABELS);
  return { author: split.author ? normalizeLine(split.author) : null, organization: split.organization ? normalizeLine(split.organization) : null };
}
