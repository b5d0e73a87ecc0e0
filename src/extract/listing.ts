import { kooboo } from '../profiles/kooboo.js';
import { detectFamily } from './detect.js';
import { findDate } from '../profiles/dates.js';
import type { PortalProfile } from '../profiles/profile.js';
import { articleSection, canonicalArticleUrl, canonicalListingUrl, hasPage } from '../profiles/urls.js';
import type { Element } from 'domhandler';
import { type PageQuery, ancestors, baseHref as firstBaseHref, contains, flatten, loadHtml, textOf } from './dom.js';
import { anchors } from './links.js';

export interface ListingPage {
  /** Article links on the page, canonical, unique, in document order, with the day printed beside the link. */
  articles: { url: string; title: string; date: string | null }[];
  /** Pages of this listing the pager links to, and the page itself: canonical, unique, by page number. */
  pages: { url: string; page: number }[];
  /** `<total>` of the pager's `<start>-<end> of <total>`, when printed. */
  total: number | null;
}

/**
 * Reads a listing page: its article links (by URL grammar, wherever they stand, or for families whose article URLs
 * look like any page's, inside the listing's items) and its pager (links to the same listing with another page, in
 * any of the family's pager grammars). Pure, like the article extractor.
 */
export function extractListing(html: string, url: string, options: { profile?: PortalProfile } = {}): ListingPage {
  const profile = options.profile ?? detectFamily(html, url).profile ?? kooboo;
  const { $, document } = loadHtml(html);
  const baseHref = firstBaseHref(document);
  const base = baseHref ? new URL(baseHref, url).href : url;
  const self = canonicalListingUrl(url, undefined, profile);
  const host = new URL(url).host;

  const articles = new Map<string, string>();
  const elements = new Map<string, Element[]>();
  const pages = new Map<string, number>();
  if (self) pages.set(self.url, self.page);
  for (const anchor of anchors(document)) {
    const article = canonicalArticleUrl(anchor.href, base, profile);
    if (article) {
      if (new URL(article).host !== host) continue;
      if (!articles.get(article)) articles.set(article, anchor.text);
      elements.set(article, [...(elements.get(article) ?? []), anchor.el]);
      continue;
    }
    const listing = canonicalListingUrl(anchor.href, base, profile);
    if (self && listing && listing.key === self.key && hasPage(anchor.href, base, profile)) {
      pages.set(listing.url, listing.page);
    }
  }

  let kept = sameSection([...articles.keys()], url, profile);
  if (profile.listing.itemsOnly) kept = inItems(kept, elements, $, profile);
  let range: RegExpExecArray | null = null;
  const rangeRe = profile.pager.range;
  if (rangeRe) {
    for (const item of flatten(document).items) {
      if (item.kind === 'text' && (range = rangeRe.exec(item.text))) break;
    }
  }
  return {
    articles: [...articles]
      .filter(([u]) => kept.has(u))
      .map(([articleUrl, title]) => ({ url: articleUrl, title, date: itemDate(articleUrl, elements, profile) })),
    pages: [...pages].map(([pageUrl, page]) => ({ url: pageUrl, page })).sort((a, b) => a.page - b.page),
    total: range ? Number(range[3]) : null,
  };
}

/**
 * The news section's article links, without the documents or other sections a sidebar links (`/VanBan/View/...`):
 * the section named like the listing itself when it has articles, else the one the page links most. Families whose
 * grammar names no section keep every article link.
 */
function sameSection(urls: string[], listingUrl: string, profile: PortalProfile): Set<string> {
  const counts = new Map<string, number>();
  for (const u of urls) {
    const section = articleSection(u, profile)!;
    counts.set(section, (counts.get(section) ?? 0) + 1);
  }
  const own = new URL(listingUrl).pathname.split('/').slice(0, 2).join('/').toLowerCase();
  const chosen = counts.has(own) ? own : [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  return new Set(urls.filter((u) => articleSection(u, profile) === chosen));
}

/** The largest element around one of an article's links that links no other article: the listing's item. */
function itemOf(url: string, elements: Map<string, Element[]>): Element[] {
  const others = new Set<Element>();
  for (const [other, els] of elements) if (other !== url) for (const el of els) others.add(el);
  return (elements.get(url) ?? []).map((anchor) => {
    let item: Element = anchor;
    for (const parent of ancestors(anchor)) {
      if ($contains(parent, others)) break;
      item = parent;
    }
    return item;
  });
}

/**
 * Links that stand in a listing item (one with a date, a picture or a summary beside the link), not in a menu or a
 * list of bare titles. When no link stands so, a listing of bare titles, all but the menus' and sidebars' are kept.
 */
function inItems(urls: Set<string>, elements: Map<string, Element[]>, $: PageQuery, profile: PortalProfile): Set<string> {
  const out = new Set<string>();
  const chrome = (el: Element) => [el, ...ancestors(el)].some((a) => a.name === 'nav' || a.name === 'header' || a.name === 'footer' || a.name === 'aside');
  for (const url of urls) {
    const ok = itemOf(url, elements).some((item) => {
      if (chrome(item)) return false;
      const text = textOf(item);
      const title = $(elements.get(url)![0]!).text().trim();
      return (
        findDate(text, profile.date.grammars, profile.date.timeZone) !== null ||
        $(item).find('img').length > 0 ||
        text.length - title.length >= 60
      );
    });
    if (ok) out.add(url);
  }
  if (out.size > 0) return out;
  // A listing of bare titles: every link but those of the menus and sidebars.
  return new Set([...urls].filter((url) => (elements.get(url) ?? []).some((el) => !chrome(el))));
}

/**
 * The day a listing prints beside an article (`dd/MM/yyyy`, `16:23 03/12/2024`...), looked for in the article's
 * item. Lets `--since` stop a walk without opening the articles.
 */
function itemDate(url: string, elements: Map<string, Element[]>, profile: PortalProfile): string | null {
  for (const item of itemOf(url, elements)) {
    const found = findDate(textOf(item), profile.date.grammars, profile.date.timeZone);
    if (found) return found.iso.slice(0, 10);
  }
  return null;
}

function $contains(root: Element, els: Set<Element>): boolean {
  for (const el of els) if (contains(root, el)) return true;
  return false;
}
