import type { Database } from 'better-sqlite3';
import { profiles } from '../profiles/index.js';
import type { PortalProfile } from '../profiles/profile.js';
import { canonicalArticleUrl, canonicalListingUrl } from '../profiles/urls.js';
import type { CdxQuery } from '../source/archive/cdx.js';
import { foldHost, foldKey, onPortal } from '../source/archive/fold.js';

/**
 * What one `recover` URL asks for, and how a capture's original URL is read against it. The portal's family
 * profiles and URL canonicalisation decide what is an article and what a listing, exactly as in a live crawl; the
 * archive's spellings of the portal (`http`/`https`, `www.`, `:80`) are folded into one origin, the one the archive
 * already uses for the site (so a recovery merges with a live crawl) or else the one the user gave.
 */
export interface Portal {
  /** The URL as the user gave it. */
  seed: string;
  /** `scheme://host` every recovered URL of the portal is written with. */
  origin: string;
  /** The host, folded (`www.` and default port dropped): the web archive's idea of the site. */
  host: string;
  /** `site`: the whole portal (a home page URL); `listing`: one listing and what it links; `article`: one article. */
  scope: 'site' | 'listing' | 'article';
  /** The CDX query that lists the scope's captures. */
  query: CdxQuery;
  /** For `listing`: the listing's key per profile (page-independent). */
  listingKeys: Map<string, string>;
  /** For `article`: its canonical URL. */
  article: string | null;
}

export type Target = { kind: 'article'; url: string; profile: PortalProfile } | { kind: 'listing'; url: string };

/** The origin articles of this host already have in the archive (the most common one), or null. */
function archivedOrigin(db: Database | null, host: string): string | null {
  if (!db) return null;
  const counts = new Map<string, number>();
  const sites = db.prepare('SELECT DISTINCT site FROM articles').pluck().all() as string[];
  const urls = db.prepare('SELECT url FROM articles WHERE site = ?').pluck();
  for (const site of sites.filter((s) => foldHost(s) === host)) {
    for (const url of urls.iterate(site) as IterableIterator<string>) {
      const origin = new URL(url).origin;
      counts.set(origin, (counts.get(origin) ?? 0) + 1);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

export function portalOf(seed: string, db: Database | null, range: { from: string | null; to: string | null }): Portal {
  const url = new URL(seed);
  const host = foldHost(url.host);
  const origin = archivedOrigin(db, host) ?? `${url.protocol}//${url.host.replace(/:(80|443)$/, '')}`;
  const folded = onPortal(seed, origin)!;
  const bounds = { from: range.from, to: range.to };
  const first = firstClaim(folded);
  const article = first?.kind === 'article' ? first.url : null;
  if (article) {
    return { seed, origin, host, scope: 'article', query: { ...lookupQuery(article), ...bounds }, listingKeys: new Map(), article };
  }
  const path = url.pathname.replace(/\/+$/, '');
  if (path === '' && url.search === '') {
    return { seed, origin, host, scope: 'site', query: { url: host, matchType: 'host', ...bounds }, listingKeys: new Map(), article: null };
  }
  const listingKeys = new Map(profiles.map((p) => [p.id, canonicalListingUrl(folded, undefined, p)!.key]));
  return { seed, origin, host, scope: 'listing', query: { url: `${host}${path}`, matchType: 'prefix', ...bounds }, listingKeys, article: null };
}

/**
 * The query that finds every capture of one article under any of its spellings: a prefix query on its path (the
 * `PageIndex` and other parameters follow it), or, for articles named by a query parameter, on the path and `?`
 * (archives sort query parameters, so the name may not come first).
 */
export function lookupQuery(article: string): CdxQuery {
  const u = new URL(article);
  const host = foldHost(u.host);
  return u.search ? { url: `${host}${u.pathname}?`, matchType: 'prefix' } : { url: `${host}${u.pathname}`, matchType: 'prefix' };
}

/** Whether a query has listed every capture `url` can have: its folded key lies under the query's. */
export function covers(query: CdxQuery, url: string): boolean {
  const key = foldKey(url);
  if (query.matchType === 'host') return key.startsWith(`${foldHost(query.url)})`);
  const prefix = foldKey(query.url);
  return query.matchType === 'prefix' ? key.startsWith(prefix) : key === prefix;
}

/**
 * What a capture's original URL is to this portal: an article (canonical URL), a listing page (canonical URL), or
 * nothing (another site, or a page outside the URL's scope).
 */
export function targetOf(original: string, portal: Portal): Target | null {
  const url = onPortal(original, portal.origin);
  if (!url) return null;
  const claim = firstClaim(url);
  if (!claim) return null;
  if (claim.kind === 'article') return { kind: 'article', url: claim.url, profile: claim.profile };
  if (portal.scope === 'article') return null;
  if (portal.scope === 'site') return { kind: 'listing', url: claim.url };
  if (portal.listingKeys.get(claim.profile.id) === claim.key) return { kind: 'listing', url: claim.url };
  return null;
}

/**
 * The first profile, in the registry's order, that reads a URL as one of its articles or listings. A profile's own
 * listing wins over a later family's looser article grammar (`/Tintuc/` is a Kooboo listing before it is a
 * WordPress post), as a live crawl reads a seed with its own family.
 */
function firstClaim(
  url: string,
): { kind: 'article'; url: string; profile: PortalProfile } | { kind: 'listing'; url: string; key: string; profile: PortalProfile } | null {
  for (const profile of profiles) {
    const article = canonicalArticleUrl(url, undefined, profile);
    if (article) return { kind: 'article', url: article, profile };
    const listing = canonicalListingUrl(url, undefined, profile);
    if (listing) return { kind: 'listing', url: listing.url, key: listing.key, profile };
  }
  return null;
}
