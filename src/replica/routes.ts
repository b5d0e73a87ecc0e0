/**
 * Parses a request URL into a replica route, the way IIS and Kooboo's routing read it: path segments are
 * case-insensitive, `PageIndex` is optional (1 by default, also when not a positive number), unknown query
 * parameters are ignored, and a UserKey is compared after percent-decoding, whatever case its hex digits use.
 */
import type { Site } from './site.js';

export type Route =
  | { kind: 'home' }
  | { kind: 'listing'; page: number }
  | { kind: 'category'; key: string; page: number }
  | { kind: 'article'; slug: string; page: number }
  | { kind: 'media'; file: string }
  | { kind: 'theme'; file: string }
  | { kind: 'robots' }
  | { kind: 'notFound' }
  | { kind: 'badRequest' };

const same = (a: string | undefined, b: string): boolean => a !== undefined && a.toLowerCase() === b.toLowerCase();

function param(query: URLSearchParams, name: string): string | null {
  for (const [k, v] of query) if (same(k, name)) return v;
  return null;
}

function pageIndex(query: URLSearchParams): number {
  const raw = param(query, 'PageIndex') ?? '';
  const n = /^\d{1,6}$/.test(raw) ? Number(raw) : 0;
  return n >= 1 ? n : 1;
}

function segments(pathname: string): string[] | null {
  const parts = pathname.split('/').slice(1);
  if (parts.at(-1) === '') parts.pop();
  try {
    return parts.map((p) => decodeURIComponent(p));
  } catch {
    return null;
  }
}

export function parseRoute(site: Site, rawUrl: string): Route {
  // `//host/...` would make the URL parser switch hosts; no real link looks like that.
  if (!rawUrl.startsWith('/') || rawUrl.startsWith('//')) return { kind: 'badRequest' };
  const url = new URL(rawUrl, 'http://replica.invalid');
  const segs = segments(url.pathname);
  if (segs === null) return { kind: 'badRequest' };
  const page = pageIndex(url.searchParams);
  const [first, second, third, ...rest] = segs;

  if (first === undefined) return { kind: 'home' };
  // Crawlers ask for exactly this path (RFC 9309 §2.3); IIS would also answer other spellings, no crawler sends them.
  if (url.pathname === '/robots.txt') return { kind: 'robots' };
  if (same(first, site.listingKey) && (second === undefined || (same(second, 'All') && third === undefined))) {
    return { kind: 'listing', page };
  }
  if (same(first, site.pageKey) && rest.length === 0) {
    if (same(second, 'View')) {
      const slug = third ?? param(url.searchParams, 'UserKey');
      return slug ? { kind: 'article', slug, page } : { kind: 'notFound' };
    }
    if (same(second, 'CM')) {
      const key = third ?? param(url.searchParams, 'userkey');
      return key ? { kind: 'category', key, page } : { kind: 'notFound' };
    }
    if (site.articleUrlForm === 'short' && second !== undefined && third === undefined) {
      return { kind: 'article', slug: second, page };
    }
  }
  if (same(first, 'Cms_Data') && segs.length === 6 && same(second, 'Contents') && same(third, site.cmsSite)) {
    const [media, images, file] = rest;
    if (same(media, 'Media') && same(images, 'Images') && file) return { kind: 'media', file };
  }
  if (same(first, 'Cms_Data') && segs.length === 7 && same(second, 'Sites') && same(third, site.cmsSite)) {
    const [themes, , images, file] = rest;
    if (same(themes, 'Themes') && same(images, 'images') && file) return { kind: 'theme', file };
  }
  return { kind: 'notFound' };
}
