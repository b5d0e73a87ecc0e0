import type { CheerioAPI } from 'cheerio';
import type { PortalProfile } from '../profiles/profile.js';
import { canonicalArticleUrl } from '../profiles/urls.js';
import type { Item, TextItem } from './dom.js';

/**
 * The article a block links to when the block is nothing but that link (a listing item's title, a related title
 * standing alone), or null. Links to the page itself do not count.
 */
export function linkTarget($: CheerioAPI, item: TextItem, base: string, profile: PortalProfile, self: string | null): string | null {
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
 * rather than one article, or null. A listing links three or more other articles before its last piece of prose; an
 * article's related titles come after its text.
 */
export function listingReason($: CheerioAPI, region: Item[], url: string, base: string, profile: PortalProfile): string | null {
  const self = canonicalArticleUrl(url, undefined, profile);
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

const FILE = /\.(pdf|docx?|xlsx?|pptx?|zip|rar|7z)(?:[?#]|$)/i;

/**
 * A block that is nothing but links to pages of the same site (a menu entry, a "back" link, a list of titles), as
 * opposed to prose with a link in it or a link to an attached file.
 */
export function isNavigation($: CheerioAPI, item: TextItem, base: string): boolean {
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
