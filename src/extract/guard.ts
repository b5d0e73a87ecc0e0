import type { PortalProfile } from '../profiles/profile.js';
import { canonicalArticleUrl } from '../profiles/urls.js';
import type { Element } from 'domhandler';
import type { Item, PageQuery, TextItem } from './dom.js';

/**
 * The article a block links to when the block is nothing but that link (a listing item's title, a related title
 * standing alone), or null. Links to the page itself do not count.
 */
export function linkTarget($: PageQuery, item: TextItem, base: string, profile: PortalProfile, self: string | null): string | null {
  const anchors = $(item.el).find('a[href]').toArray();
  if (anchors.length === 0 && item.el.name === 'a') anchors.push(item.el);
  let linked = 0;
  let target: string | null = null;
  for (const a of anchors) {
    const url = canonicalArticleUrl(a.attribs['href'] ?? '', base, profile);
    if (!url || url === self) continue;
    target ??= url;
    linked += $(a).text().replace(/\s+/g, ' ').trim().length;
  }
  return target && linked >= item.text.length * 0.8 ? target : null;
}

/**
 * Why the text found under a title is a list of articles (a family's listing or home page fetched as an article)
 * rather than one article, or null. A listing links three or more other articles before its last piece of prose (one
 * is enough when the "title" itself links to the page: it is the list's first item); an article's related titles
 * come after its text.
 */
export function listingReason(
  $: PageQuery,
  region: Item[],
  all: Item[],
  title: TextItem,
  url: string,
  base: string,
  profile: PortalProfile,
): string | null {
  const self = canonicalArticleUrl(url, undefined, profile);
  // A title that links to the page itself may be a listing item's: it is one when other articles' links stand in
  // blocks of the same shape (the same elements around them) elsewhere on the page.
  const selfLinked =
    $(title.el).closest('a').length > 0 ||
    $(title.el).find('a[href]').toArray().some((a) => canonicalArticleUrl(a.attribs['href'] ?? '', base, profile) === self);
  if (selfLinked) {
    const shape = shapeOf(title.el);
    const alike = all.filter((i) => i.kind === 'text' && i !== title && shapeOf(i.el) === shape && linkTarget($, i, base, profile, self));
    if (alike.length > 0) return `a list of ${alike.length + 1} articles (a listing or home page), not an article`;
  }
  let lastProse = -1;
  region.forEach((item, i) => {
    if (item.kind === 'text' && item.text.length >= 60 && !linkTarget($, item, base, profile, self)) lastProse = i;
  });
  const linked = new Set<string>();
  for (let i = 0; i < lastProse; i++) {
    const item = region[i]!;
    if (item.kind !== 'text') continue;
    const target = linkTarget($, item, base, profile, self);
    if (target) linked.add(target);
  }
  return linked.size >= 3 ? `a list of ${linked.size} articles (a listing or home page), not an article` : null;
}

/** An element's tag and its parents' tags: the shape listing items share (class names play no part). */
function shapeOf(el: Element): string {
  const names: string[] = [];
  let cur: Element | null = el;
  for (let i = 0; cur && i < 3; i++) {
    names.push(cur.name);
    cur = cur.parent && cur.parent.type === 'tag' ? (cur.parent as Element) : null;
  }
  return names.join('<');
}

const FILE = /\.(pdf|docx?|xlsx?|pptx?|zip|rar|7z)(?:[?#]|$)/i;

/**
 * A block that is nothing but links to pages of the same site (a menu entry, a "back" link, a list of titles), as
 * opposed to prose with a link in it or a link to an attached file.
 */
export function isNavigation($: PageQuery, item: TextItem, base: string): boolean {
  const anchors = $(item.el).find('a[href]').toArray();
  if (anchors.length === 0 && item.el.name === 'a') anchors.push(item.el);
  if (anchors.length === 0) return false;
  let linked = 0;
  const host = new URL(base).host;
  for (const a of anchors) {
    let url: URL;
    try {
      url = new URL(a.attribs['href'] ?? '', base);
    } catch {
      continue;
    }
    if (url.host !== host || FILE.test(url.pathname)) return false;
    linked += $(a).text().replace(/\s+/g, ' ').trim().length;
  }
  return linked >= item.text.length * 0.8;
}

/** Enough prose for an article: a paragraph of a sentence or more and some text in all, none of it menus. */
export function hasProse(paragraphs: string[]): boolean {
  const total = paragraphs.reduce((n, p) => n + p.length, 0);
  return total >= 80 && paragraphs.some((p) => p.length >= 40);
}
