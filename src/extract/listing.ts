import { kooboo } from '../profiles/kooboo.js';
import type { PortalProfile } from '../profiles/profile.js';
import { articleSection, canonicalArticleUrl, canonicalListingUrl } from '../profiles/urls.js';
import type { Element } from 'domhandler';
import { ancestors, baseHref as firstBaseHref, contains, flatten, textOf, loadHtml } from './dom.js';
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
 * Reads a listing page: its article links (by URL grammar, wherever they stand) and its pager (links to the same
 * listing with another PageIndex). Pure, like the article extractor.
 */
export function extractListing(html: string, url: string, options: { profile?: PortalProfile } = {}): ListingPage {
  const profile = options.profile ?? kooboo;
  const $ = loadHtml(html);
  const baseHref = firstBaseHref($);
  const base = baseHref ? new URL(baseHref, url).href : url;
  const self = canonicalListingUrl(url, undefined, profile);
  const host = new URL(url).host;

  const articles = new Map<string, string>();
  const elements = new Map<string, Element[]>();
  const pages = new Map<string, number>();
  if (self) pages.set(self.url, self.page);
  for (const anchor of anchors($)) {
    const article = canonicalArticleUrl(anchor.href, base, profile);
    if (article) {
      if (new URL(article).host !== host) continue;
      if (!articles.get(article)) articles.set(article, anchor.text);
      elements.set(article, [...(elements.get(article) ?? []), anchor.el]);
      continue;
    }
    const listing = canonicalListingUrl(anchor.href, base, profile);
    if (self && listing && listing.key === self.key && hasPageParam(anchor.href, base, profile)) {
      pages.set(listing.url, listing.page);
    }
  }

  const kept = sameSection([...articles.keys()], url, profile);
  let range: RegExpExecArray | null = null;
  for (const item of flatten($.root()[0]!).items) {
    if (item.kind === 'text' && (range = profile.pager.range.exec(item.text))) break;
  }
  return {
    articles: [...articles]
      .filter(([u]) => kept.has(u))
      .map(([articleUrl, title]) => ({ url: articleUrl, title, date: itemDate(articleUrl, elements) })),
    pages: [...pages].map(([pageUrl, page]) => ({ url: pageUrl, page })).sort((a, b) => a.page - b.page),
    total: range ? Number(range[3]) : null,
  };
}

/**
 * The news section's article links, without the documents or other sections a sidebar links (`/VanBan/View/...`):
 * the section named like the listing itself when it has articles, else the one the page links most.
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

/**
 * The day a listing prints beside an article (`dd/MM/yyyy`), looked for in the article's item: the largest element
 * around one of its links that links no other article. Lets `--since` stop a walk without opening the articles.
 */
function itemDate(url: string, elements: Map<string, Element[]>): string | null {
  const others = new Set<Element>();
  for (const [other, els] of elements) if (other !== url) for (const el of els) others.add(el);
  for (const anchor of elements.get(url) ?? []) {
    let item: Element = anchor;
    for (const parent of ancestors(anchor)) {
      if ($contains(parent, others)) break;
      item = parent;
    }
    const match = /(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(textOf(item));
    if (match) {
      const [, d, m, y] = match;
      if (Number(m) >= 1 && Number(m) <= 12 && Number(d) >= 1 && Number(d) <= 31) {
        return `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
      }
    }
  }
  return null;
}

function $contains(root: Element, els: Set<Element>): boolean {
  for (const el of els) if (contains(root, el)) return true;
  return false;
}

function hasPageParam(href: string, base: string, profile: PortalProfile): boolean {
  try {
    const name = profile.url.pageParam.toLowerCase();
    return [...new URL(href, base).searchParams.keys()].some((k) => k.toLowerCase() === name);
  } catch {
    return false;
  }
}
