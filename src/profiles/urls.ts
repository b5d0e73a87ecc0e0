import type { PortalProfile } from './profile.js';

/**
 * URL grammar of a portal family. The same article is reachable under many URLs (`PageIndex` only selects a page
 * of the related block; `View` and `view`; percent-escapes in either hex case), so everything the crawler
 * compares or stores goes through these functions.
 */

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Query parameter lookup ignoring the name's case, as ASP.NET does. */
function param(url: URL, name: string): string | null {
  const lower = name.toLowerCase();
  for (const [key, value] of url.searchParams) if (key.toLowerCase() === lower) return value;
  return null;
}

function parse(href: string, base?: string): URL | null {
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** Canonical article URL, or null when the link is not an article of this family. */
export function canonicalArticleUrl(href: string, base: string | undefined, profile: PortalProfile): string | null {
  const url = parse(href, base);
  if (!url) return null;
  const match = profile.url.articlePath.exec(url.pathname);
  if (!match) return shortArticleUrl(url, profile);
  const prefix = match[1]!;
  const pathSlug = decode(match[2]!);
  const view = profile.url.viewSegment;
  if (pathSlug) return `${url.protocol}//${url.host}${prefix}/${view}/${encodeURIComponent(pathSlug)}`;
  const key = param(url, profile.url.articleKeyParam);
  if (!key) return null;
  return `${url.protocol}//${url.host}${prefix}/${view}/?${profile.url.articleKeyParam}=${encodeURIComponent(key)}`;
}

/** The path before the slug of an article URL (`/TinTuc`, `/dev~TUACHUA~Xa/TinTuc`, `/T`), lower-cased, or null. */
export function articleSection(href: string, profile: PortalProfile): string | null {
  const url = parse(href);
  if (!url) return null;
  const match = profile.url.articlePath.exec(url.pathname) ?? profile.url.shortArticlePath.exec(url.pathname);
  return match ? match[1]!.toLowerCase() : null;
}

/** `/<PageKey>/<slug>?PageIndex=N`, canonical without the page parameter. */
function shortArticleUrl(url: URL, profile: PortalProfile): string | null {
  const match = profile.url.shortArticlePath.exec(url.pathname);
  if (!match || param(url, profile.url.pageParam) === null) return null;
  const slug = decode(match[2]!);
  if (!slug || profile.url.reservedSegments.includes(slug.toLowerCase())) return null;
  return `${url.protocol}//${url.host}${match[1]}/${encodeURIComponent(slug)}`;
}

export interface ListingRef {
  url: string;
  page: number;
  /** Identifies the listing regardless of page: same path (ignoring case) and category key. */
  key: string;
}

/** Canonical listing page URL: path, `PageIndex`, and the category key when the listing uses the query form. */
export function canonicalListingUrl(href: string, base: string | undefined, profile: PortalProfile): ListingRef | null {
  const url = parse(href, base);
  if (!url) return null;
  const raw = param(url, profile.url.pageParam);
  const page = raw && /^\d+$/.test(raw) ? Math.max(1, Number(raw)) : 1;
  const category = param(url, profile.url.listingKeyParam);
  const path = url.pathname;
  const tail = category ? `&${profile.url.listingKeyParam}=${encodeURIComponent(category)}` : '';
  const origin = `${url.protocol}//${url.host}`;
  return {
    url: `${origin}${path}?${profile.url.pageParam}=${page}${tail}`,
    page,
    key: `${origin}${path.toLowerCase().replace(/\/+$/, '')}|${(category ?? '').toLowerCase()}`,
  };
}

export function siteOf(url: string): string {
  return new URL(url).host;
}

/** The URL of page `page` of the listing `ref` (canonical form). */
export function listingPageUrl(ref: ListingRef, page: number, profile: PortalProfile): string {
  const url = new URL(ref.url);
  url.searchParams.set(profile.url.pageParam, String(page));
  return canonicalListingUrl(url.href, undefined, profile)!.url;
}
