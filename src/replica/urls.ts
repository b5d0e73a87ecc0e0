/**
 * The Kooboo URL grammar of each replica site. Every listing link carries `PageIndex` (the page it is printed
 * on), so one article is reachable under many URLs: exactly what the crawler must learn to fold together.
 */
import type { Article, LinkContext, Site } from './site.js';

/** Percent-encodes a UserKey; `'` too, because the pager prints hrefs in single quotes. */
function encodeKey(key: string, lowerHex: boolean): string {
  const enc = encodeURIComponent(key).replace(/'/g, '%27');
  return lowerHex ? enc.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()) : enc;
}

/**
 * Link to an article as printed in `context`, with the related block's page `page`.
 * `context` undefined means the canonical form (used for the pager of the article's own related block).
 */
export function articleUrl(site: Site, article: Article, page: number, context?: LinkContext): string {
  const lowerHex = context !== undefined && (article.linkVariants ?? []).some((v) => v.context === context);
  const view = article.viewLowercase ? 'view' : 'View';
  const key = encodeKey(article.slug, lowerHex);
  if (site.articleUrlForm === 'short') return `/${site.pageKey}/${key}?PageIndex=${page}`;
  return site.articleUrlForm === 'userkey'
    ? `/${site.pageKey}/${view}/?UserKey=${key}&PageIndex=${page}`
    : `/${site.pageKey}/${view}/${key}?PageIndex=${page}`;
}

export function listingUrl(site: Site, page: number): string {
  return `/${site.listingKey}/?PageIndex=${page}`;
}

export function categoryUrl(site: Site, key: string, page: number): string {
  return site.categoryUrlForm === 'query'
    ? `/${site.pageKey}/CM/?PageIndex=${page}&userkey=${encodeKey(key, false)}`
    : `/${site.pageKey}/CM/${encodeKey(key, false)}?PageIndex=${page}`;
}

export function imageUrl(site: Site, file: string): string {
  return `/Cms_Data/Contents/${site.cmsSite}/Media/Images/${encodeURIComponent(file)}`;
}

export function themeUrl(site: Site, file: string): string {
  return `/Cms_Data/Sites/${site.cmsSite}/Themes/Default/images/${file}`;
}
