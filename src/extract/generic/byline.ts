import { normalizeLine } from '../../text/normalize.js';
import { type AuthorLabels, type Byline, splitByline } from '../author.js';
import { type PageMeta, ldArticles, ldNames, metaValue } from './meta.js';
import type { Element } from 'domhandler';
import { isTag } from 'domhandler';
import type { Flat } from './blocks.js';
import { parentElement, textOf, walk } from './dom.js';

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
/** `./.`, the official end-of-text mark, and what follows it on the line. */
const SIGN_OFF = /\.?\s*\/\s*\.(?=\s|$)\s*(.*)$/su;
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
  // The mark goes; the sentence keeps its full stop (`…chất lượng./.` gives `…chất lượng.`).
  let before = text.slice(0, m.index).trimEnd();
  if (before && !/[.!?…]$/u.test(before)) before += '.';
  return { text: before, name: name || null };
}

/** A bare closing line that is a name: two to six capitalised words, no digits, no sentence punctuation. */
export function looksLikeName(text: string): boolean {
  const t = text.trim();
  if (t.length < 4 || t.length > 60 || /[\d:|/©@]/.test(t) || SENTENCE_END.test(t) || t.includes('\n')) return false;
  const words = t.split(/\s+/);
  if (words.length < 2 || words.length > 6) return false;
  return words.every((w) => /^\p{Lu}/u.test(w) || /^(?:-|–|và|and|&)$/.test(w));
}

const NAME_PREFIX =
  /^(?:(?:posted|written|published)\s+by|alle\s+artikel\s+von|all\s+(?:posts|articles|stories)\s+by|more\s+(?:from|by)|mehr\s+von|(?:gepostet|geschrieben|veröffentlicht|verfasst)\s+von|publicado\s+por|publié\s+par|écrit\s+par|by|von|par|por|di|door|av|af|autor(?:in)?:?|author:?|texte? ?:|tác giả:?|người viết:?)\s+/iu;
const DATE_TAIL = /(?:\s*(?:[,|•·]|\/\/|\s-\s|—|–)\s*|\s+)(?:\S*\d.*|(?:datum|date|ngày|updated|aktualisiert|publié|published)\b.*)$/iu;

/** A name as bylines print it, without `By`, a trailing date, share counts or separators. */
export function cleanName(raw: string): string {
  let name = normalizeLine(raw).replace(NAME_PREFIX, '');
  name = name.replace(DATE_TAIL, '').replace(/\s*(?:[,|•·:]|\/\/)\s*$/u, '').trim();
  return name;
}

const NOT_A_PERSON = /thông tin điện tử|cổng thông tin|^admin|webmaster|quản trị|^https?:|^www\.|\.(?:com|vn|org|net)\b/i;

export function metadataAuthor(meta: PageMeta): string | null {
  const site = metaValue(meta, 'og:site_name', 'application-name');
  const ok = (name: string | null | undefined): name is string => {
    if (!name) return false;
    const n = normalizeLine(name);
    return n.length > 1 && n.length <= 120 && !NOT_A_PERSON.test(n) && !NOT_A_NAME.test(n) && (!site || n.toLowerCase() !== site.toLowerCase().trim());
  };
  for (const obj of ldArticles(meta)) {
    const names = ldNames(obj['author'] ?? obj['creator']).map(cleanName).filter(ok);
    if (names.length > 0) return names.join(', ');
  }
  for (const key of ['author', 'article:author', 'dc.creator', 'sailthru.author', 'parsely-author', 'byl', 'dcterms.creator']) {
    for (const value of meta.values.get(key) ?? []) {
      const name = cleanName(value);
      if (ok(name)) return name;
    }
  }
  for (const el of meta.itemprops) {
    if (!/author|creator/i.test(el.attribs['itemprop'] ?? '')) continue;
    const value = el.attribs['content'] ?? textOf(el).split('\n')[0] ?? '';
    const name = cleanName(value);
    if (ok(name) && name.length <= 80) return name;
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
  const whole = cleanName(line);
  // An office signs alone: the whole line is the organisation, dashes and all.
  if (isOrganisation(whole)) return { author: null, organization: whole };
  const split = splitByline(whole, AUTHOR_LABELS);
  return { author: split.author ? normalizeLine(split.author) : null, organization: split.organization ? normalizeLine(split.organization) : null };
}

const BYLINE_WORDS = /(?:^|[\s_-])(?:author|authors|byline|by-line|writer|autor|auteur|posted-by|post-author|entry-author|article-author|tac-?gia|nguoi-?viet)(?:$|[\s_-])/i;

function bylineBoxOf(el: Element): Element | null {
  for (let cur: Element | null = el, level = 0; cur && level < 3; level++, cur = parentElement(cur)) {
    if (cur.attribs['rel'] === 'author') return cur;
    const words = `${cur.attribs['class'] ?? ''} ${cur.attribs['id'] ?? ''}`;
    if (words.length > 1 && BYLINE_WORDS.test(words.replace(/([a-z])([A-Z])/g, '$1-$2'))) return cur;
  }
  return null;
}

const MONTH_ONLY = /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|januar|februar|märz|mai|juni|juli|oktober|dezember)[a-z]*$/i;

const NOT_A_NAME = /^(?:by|von|par|por|di|door|av|af|posted|published|updated|veröffentlicht|publiziert|aktualisiert|publicado|publié|mis à jour|no author|unknown|anonymous|admin)\b/i;

function plausibleName(name: string): boolean {
  if (NOT_A_NAME.test(name)) return false;
  if (name.length < 2 || name.length > 60 || /[\d*@:©|]/.test(name) || name.split(/\s+/).length > 6) return false;
  return /^\p{Lu}/u.test(name) && !NOT_A_PERSON.test(name) && !MONTH_ONLY.test(name);
}

/**
 * The byline the template prints near the title in a box named for it (`class="author"`, `byline`,
 * `rel="author"`): the author link's text, or the box's first line without `By` and the date
 * (`By Jane Doe | 3 May 2022` gives `Jane Doe`).
 */
export function bylineElement(flat: Flat, from: number, to: number): string | null {
  const tried = new Set<Element>();
  for (let i = Math.max(0, from); i < Math.min(flat.blocks.length, to); i++) {
    const block = flat.blocks[i]!;
    if (block.kind !== 'text' || block.text.length > 200 || block.heading) continue;
    const box = bylineBoxOf(block.el) ?? (block.linkChars > 0 ? authorAnchor(block.el) : null);
    if (!box || tried.has(box)) continue;
    tried.add(box);
    const link = box.name === 'a' ? box : authorAnchor(box);
    const candidates = [link ? textOf(link) : null, textOf(box).split('\n')[0] ?? ''];
    for (const raw of candidates) {
      if (!raw) continue;
      const name = cleanName(raw);
      // `Thu Trang - Trung tâm VH - TT - TH huyện`: the person is checked, the line is kept for the split.
      const person = name.split(/\s+[-–—]\s+/)[0] ?? name;
      if (plausibleName(person) || (isOrganisation(name) && name.length <= 120)) return name;
    }
  }
  return null;
}

/** The link to an author page inside the element: `rel="author"` or a `/author/` path. */
function authorAnchor(el: Element): Element | null {
  let found: Element | null = null;
  walk(el, (node) => {
    if (found || !isTag(node)) return found === null;
    if (node.name === 'a' && (node.attribs['rel'] === 'author' || /\/(?:author|autor|authors|autoren|tac-gia)\//i.test(node.attribs['href'] ?? ''))) found = node;
    return found === null;
  });
  return found;
}

export interface BylineEvidence {
  flat: Flat;
  meta: PageMeta;
  /** The byline the article's text printed (label, sign-off, a name alone on the first or last line). */
  printed: { text: string; kind: 'label' | 'sign-off' | 'closing' } | null;
  /** The organisation of a `Nguồn:` line. */
  source: string | null;
  /** First block of the title and header lines, and the article's block range. */
  headerFrom: number;
  bodyStart: number;
  bodyEnd: number;
}

/** A `Tác giả: X` segment of a header line that also holds the date (`Tác giả: X | Thời gian đăng: …`). */
function headerByline(flat: Flat, from: number, to: number): string | null {
  for (let i = Math.max(0, from); i < to; i++) {
    const block = flat.blocks[i]!;
    if (block.kind !== 'text' || block.text.length > 200) continue;
    for (const segment of block.text.split(/\s*[|•·]\s*/)) {
      const name = labelledByline(segment);
      if (name) return name;
    }
  }
  return null;
}

/** A `Person - Organisation` line right after the article's box: the byline the template set apart from the text. */
function signatureAfter(flat: Flat, bodyEnd: number): string | null {
  for (let i = bodyEnd; i < Math.min(flat.blocks.length, bodyEnd + 2); i++) {
    const block = flat.blocks[i]!;
    if (block.kind !== 'text') continue;
    const text = normalizeLine(block.text);
    if (text.length > 120 || block.linkChars > 0) return null;
    const person = text.split(/\s+[-–—]\s+/);
    return person.length >= 2 && plausibleName(person[0]!) && !SENTENCE_END.test(text) ? text : null;
  }
  return null;
}

export function findByline(e: BylineEvidence): Byline {
  const { flat } = e;
  const line =
    (e.printed && e.printed.kind !== 'closing' ? e.printed.text : null) ??
    headerByline(flat, e.headerFrom, e.bodyStart) ??
    metadataAuthor(e.meta) ??
    bylineElement(flat, e.headerFrom - 6, e.bodyStart + 6) ??
    bylineElement(flat, e.bodyEnd - 3, e.bodyEnd + 8) ??
    signatureAfter(flat, e.bodyEnd) ??
    e.printed?.text ??
    null;
  const byline = line ? toByline(line) : { author: null, organization: null };
  return { author: byline.author, organization: byline.organization ?? e.source };
}
