import type { Element } from 'domhandler';
import { type Flat, letters } from './blocks.js';
import { contains, findAll, parentElement } from './dom.js';
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
  /** The page's URL: teasers link to other pages of the same site. */
  self: string;
  /** The page calls itself an article (`og:type` article, JSON-LD Article types). */
  declared: boolean;
}

export function rejectReason(e: Evidence): string | null {
  const { flat, roots, hints, bodyLetters, paragraphs, title, heading } = e;
  if (paragraphs === 0 || bodyLetters < MIN_LETTERS) return `no article text (${bodyLetters} letters of prose)`;
  if ((ERROR_PAGE.test(title) || (heading !== null && ERROR_PAGE.test(heading))) && bodyLetters < 1500) {
    return `an error page ("${(heading ?? title).slice(0, 60)}")`;
  }
  if (e.declared) return null;
  const { count: teasers, letters: teaserLetters, pager } = titleLinks(flat, roots, hints, e.self);
  // Teasers over a listing's range pager (`1-10 of 376`, `Trang 1/45`), before any related-links label.
  if (teasers >= 1 && pager) return `a listing: ${teasers} article links over a pager`;
  // Many teasers for little text, or a short listing (a last page, a small category) that is teasers all through.
  if (
    (teasers >= 3 && bodyLetters / teasers < 400) ||
    (teasers === 2 && teaserLetters >= bodyLetters * 0.6) ||
    (teasers === 1 && teaserLetters >= bodyLetters * 0.8 && bodyLetters < 600)
  ) {
    return `a listing: ${teasers} article links for ${bodyLetters} letters of text`;
  }
  // A short listing (a last page, a small category) whose best box is one teaser among its siblings: the box a few
  // levels up is teasers all through.
  const region = regionAround(roots[0]!);
  const around = titleLinks(flat, [region], hints, e.self);
  if (around.count >= 2 && around.count < 4 && around.letters >= proseLetters(flat, region, hints) * 0.6) {
    return `a listing: ${around.count} article links with their summaries and little else`;
  }
  return null;
}

/**
 * Teasers in the article's containers: a block that is mostly a link of headline length followed, before the next
 * such link, by a line of prose (the teaser's summary). A related list at the end of an article is links only.
 */
const RANGE_PAGER = /^\s*(?:\d+\s*-\s*\d+\s+(?:of|trên|của|\/)\s+\d+|trang\s+\d+\s*\/\s*\d+|page\s+\d+\s+of\s+\d+)/i;

function titleLinks(
  flat: Flat,
  roots: Element[],
  hints: boolean,
  self: string,
): { count: number; letters: number; pager: boolean } {
  let count = 0;
  let total = 0;
  let pager = false;
  for (const root of roots) {
    const r = flat.range.get(root);
    if (!r) continue;
    let open = false;
    for (let i = r[0]; i < r[1]; i++) {
      const block = flat.blocks[i]!;
      if (block.kind !== 'text') continue;
      if (isRelatedLabel(block.text)) break;
      if (hints && block.chrome && block.chrome !== root && contains(root, block.chrome)) continue;
      if (block.text.length < 60 && RANGE_PAGER.test(block.text)) pager = true;
      if (block.linkChars >= 20 && block.linkChars / block.chars > 0.5) open = linksHome(block.el, self);
      else if (block.linkChars >= 20 && teaserInOneBlock(block.text, block.linkChars) && linksHome(block.el, self)) {
        // Title link, date and summary in one cell, the summary after a line break.
        count++;
        total += block.chars;
        open = false;
      } else if (open && block.chars >= 40 && block.linkChars / block.chars < 0.3) {
        count++;
        total += block.chars;
        open = false;
      }
    }
  }
  return { count, letters: total, pager };
}

/** The block's first link leads to another page of the same site (references and sources lead elsewhere). */
function linksHome(el: Element, self: string): boolean {
  const a = findAll(el, ANCHOR)[0];
  const href = a?.attribs['href'];
  if (!href || href.startsWith('#')) return false;
  try {
    const to = new URL(href, self);
    const from = new URL(self);
    return to.host === from.host && to.pathname + to.search !== from.pathname + from.search;
  } catch {
    return false;
  }
}

const ANCHOR = new Set(['a']);

/** `<a>Title</a> 22/08/2023<br>Summary…`: a first line that is mostly the link, then a line of prose. */
function teaserInOneBlock(text: string, linkChars: number): boolean {
  const br = text.indexOf('\n');
  if (br <= 0) return false;
  const head = letters(text.slice(0, br));
  // Letters are counted on the raw text (decomposed accents count twice), the head on the composed: some slack.
  return linkChars >= head * 0.6 && linkChars <= head * 1.3 && letters(text.slice(br)) >= 40;
}

/** The box up to three levels above the article's box, short of the page itself. */
function regionAround(el: Element): Element {
  let region = el;
  for (let i = 0; i < 3; i++) {
    const parent = parentElement(region);
    if (!parent || parent.name === 'body' || parent.name === 'html') break;
    region = parent;
  }
  return region;
}

/** Letters of the region's text blocks that read as prose (a line of 40 letters or more, mostly not links). */
function proseLetters(flat: Flat, region: Element, hints: boolean): number {
  const r = flat.range.get(region);
  if (!r) return 0;
  let total = 0;
  for (let i = r[0]; i < r[1]; i++) {
    const b = flat.blocks[i]!;
    if (b.kind !== 'text' || b.chars < 40 || (hints && b.chrome)) continue;
    if (b.linkChars < b.chars * 0.3) total += b.chars;
    else if (teaserInOneBlock(b.text, b.linkChars)) total += b.chars;
  }
  return total;
}
