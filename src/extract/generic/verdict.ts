import type { Element } from 'domhandler';
import type { Flat } from './blocks.js';
import { contains, findAll } from './dom.js';
import { isRelatedLabel } from './related.js';

/**
 * Whether what was found is an article at all. A listing or a home page also has a best container: a column of
 * teasers, each a title link over a short summary. It is told apart by how many title links it holds for its prose.
 * An error page says so in its title or heading and has little else.
 */
const ERROR_PAGE =
  /(?:^|\D)404(?:\D|$)|not found|page not found|không tìm thấy|không tồn tại|trang bạn (?:yêu cầu|truy cập|tìm)|đã bị xóa|lỗi truy cập|error occurred|có lỗi xảy ra/iu;

export const MIN_LETTERS = 80;

export interface Evidence {
  flat: Flat;
  roots: Element[];
  hints: boolean;
  bodyLetters: number;
  paragraphs: number;
  title: string;
  heading: string | null;
  /** The page's host: teasers link to the site's own pages. */
  host: string;
  /** The page calls itself an article (`og:type` article, JSON-LD Article types). */
  declared: boolean;
}

export function rejectReason(e: Evidence): string | null {
  const { flat, roots, hints, bodyLetters, paragraphs, title, heading } = e;
  if (paragraphs === 0 || bodyLetters < MIN_LETTERS) return `no article text (${bodyLetters} letters of prose)`;
  if ((ERROR_PAGE.test(title) || (heading !== null && ERROR_PAGE.test(heading))) && bodyLetters < 1500) {
    return `an error page ("${(heading ?? title).slice(0, 60)}")`;
  }
  const teasers = e.declared ? 0 : titleLinks(flat, roots, hints, e.host);
  if (teasers >= 4 && bodyLetters / teasers < 400) {
    return `a listing: ${teasers} article links for ${bodyLetters} letters of text`;
  }
  return null;
}

/**
 * Teasers in the article's containers: a block that is mostly a link of headline length followed, before the next
 * such link, by a line of prose (the teaser's summary). A related list at the end of an article is links only.
 */
function titleLinks(flat: Flat, roots: Element[], hints: boolean, host: string): number {
  let count = 0;
  for (const root of roots) {
    const r = flat.range.get(root);
    if (!r) continue;
    let open = false;
    for (let i = r[0]; i < r[1]; i++) {
      const block = flat.blocks[i]!;
      if (block.kind !== 'text') continue;
      if (isRelatedLabel(block.text)) break;
      if (hints && block.chrome && block.chrome !== root && contains(root, block.chrome)) continue;
      if (block.linkChars >= 20 && block.linkChars / block.chars > 0.5) open = linksHome(block.el, host);
      else if (open && block.chars >= 40 && block.linkChars / block.chars < 0.3) {
        count++;
        open = false;
      }
    }
  }
  return count;
}

/** The block's first link leads to a page of the same site (references and sources lead elsewhere). */
function linksHome(el: Element, host: string): boolean {
  const a = findAll(el, ANCHOR)[0];
  const href = a?.attribs['href'];
  if (!href) return false;
  if (!/^[a-z][a-z0-9+.-]*:|^\/\//i.test(href)) return !href.startsWith('#');
  try {
    return new URL(href, `http://${host}/`).host === host;
  } catch {
    return false;
  }
}

const ANCHOR = new Set(['a']);
