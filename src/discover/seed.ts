import * as cheerio from 'cheerio';
import { extractPage } from '../extract/page.js';
import { matchesPattern } from './article-links.js';
import { canonicalUrl } from './canonical.js';
import { discoverListing, type ListingDiscovery } from './listing.js';
import { ARTICLE_PROSE, longestProse } from './prose.js';

/** A seed no profile claims, as discovery reads it: a listing with its pager and pattern, or an article page. */
export type DiscoveredSeed =
  | { kind: 'discovered'; discovery: ListingDiscovery }
  | { kind: 'generic-article'; url: string; discovery: ListingDiscovery };

/** Fewest article links, with no pager, for a page to count as a listing (a page with a pager needs one). */
const MIN_LISTED = 3;

/**
 * Reads a seed page no profile claims. Its own URL having the shape of the links it lists, with running prose (or a
 * body the generic extractor reads), makes it an article: the list is its related block, a pager that block's.
 * Otherwise a main list of articles or a pager makes it a listing; failing both, a page the generic extractor can
 * read is an article. Null: no portal page at all.
 */
export function discoverSeed(url: string, html: string): DiscoveredSeed | null {
  const discovery = discoverListing(html, url);
  const list = discovery.list;
  const self = canonicalUrl(url) ?? url;
  if (list && matchesPattern(self, list.pattern) && (isProse(html) || readsAsArticle(html, url))) {
    return { kind: 'generic-article', url: self, discovery };
  }
  if (list && (list.articles.length >= MIN_LISTED || (discovery.pager && list.articles.length > 0))) {
    return { kind: 'discovered', discovery };
  }
  return readsAsArticle(html, url) ? { kind: 'generic-article', url: self, discovery } : null;
}

function isProse(html: string): boolean {
  return longestProse(cheerio.load(html)) >= ARTICLE_PROSE;
}

/**
 * The generic extractor finds a dated article, or a long one, on the page. Any page has some text (a web server's
 * welcome page has two sentences): that alone makes no article.
 */
export function readsAsArticle(html: string, url: string): boolean {
  try {
    const record = extractPage(html, url, { profile: 'generic' });
    return record.published_at !== null || record.body_text.length >= ARTICLE_PROSE;
  } catch {
    return false;
  }
}
