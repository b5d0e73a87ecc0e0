import type { ArticleRule, PagerGrammar, PortalProfile } from './profile.js';

/**
 * URL grammar of a portal family, read from its profile. The same article is reachable under many URLs (a page
 * parameter that only selects a page of the related block, `redirect=` and session parameters, case, percent-escapes
 * in either hex case), so everything the crawler compares or stores goes through these functions.
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

/** Each path segment decoded and encoded again, so `%e1` and `%E1` (and a bare `ễ`) are one spelling. */
function normalPath(path: string, lowerCase: boolean): string {
  const out = path
    .split('/')
    .map((segment) => encodeURIComponent(decode(segment)).replace(/%2C/g, ','))
    .join('/');
  return lowerCase ? out.toLowerCase() : out;
}

function build(rule: ArticleRule, match: RegExpExecArray, url: URL, profile: PortalProfile): string | null {
  const groups = match.groups ?? {};
  if (rule.canonical) {
    let missing = false;
    const path = rule.canonical.replace(/\{(prefix|slug|param:[^}]+)\}/g, (_, name: string) => {
      if (name === 'prefix') return groups['prefix'] ?? '';
      if (name === 'slug') return encodeURIComponent(decode(groups['slug'] ?? ''));
      const value = param(url, name.slice(6));
      if (value === null) missing = true;
      return encodeURIComponent(value ?? '');
    });
    return missing ? null : path;
  }
  let path = url.pathname;
  if (rule.trim) path = path.replace(rule.trim, '');
  path = normalPath(path, profile.url.caseInsensitivePath);
  // A file-like last segment (`/<slug>.html`) takes no slash.
  if (rule.trailingSlash && !path.endsWith('/') && !/\.[a-z0-9]{2,5}$/i.test(path)) path += '/';
  const kept = (rule.keep ?? [])
    .map((name) => [name, param(url, name)] as const)
    .filter((p): p is readonly [string, string] => p[1] !== null)
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`);
  return kept.length ? `${path}?${kept.join('&')}` : path;
}

function articleMatch(url: URL, profile: PortalProfile): { rule: ArticleRule; match: RegExpExecArray } | null {
  if (profile.url.notArticle.some((re) => re.test(url.pathname))) return null;
  for (const rule of profile.url.article) {
    const match = rule.path.exec(url.pathname);
    if (!match) continue;
    if (rule.requires && !rule.requires.some((name) => param(url, name) !== null)) continue;
    const slug = match.groups?.['slug'];
    if (slug !== undefined && rule.reserved?.includes(decode(slug).toLowerCase())) continue;
    return { rule, match };
  }
  return null;
}

/** Canonical article URL, or null when the link is not an article of this family. */
export function canonicalArticleUrl(href: string, base: string | undefined, profile: PortalProfile): string | null {
  const url = parse(href, base);
  if (!url) return null;
  if (profile.url.canonical) return profile.url.canonical(url);
  const found = articleMatch(url, profile);
  if (!found) return null;
  const path = build(found.rule, found.match, url, profile);
  return path === null ? null : `${url.protocol}//${url.host}${path}`;
}

/** The grammar an article URL follows, in words (for probe), or null. */
export function articleGrammar(href: string, profile: PortalProfile): string | null {
  const url = parse(href);
  return url ? (articleMatch(url, profile)?.rule.grammar ?? null) : null;
}

/**
 * The section of an article URL: the path before the slug when the grammar names one (`/TinTuc`,
 * `/dev~TUACHUA~Xa/TinTuc`, `/T`), lower-cased; '' when the family has none; null when not an article.
 */
export function articleSection(href: string, profile: PortalProfile): string | null {
  const url = parse(href);
  if (!url) return null;
  const found = articleMatch(url, profile) ?? looseMatch(url, profile);
  if (!found) return null;
  return (found.match.groups?.['prefix'] ?? '').toLowerCase();
}

/** The grammar's path alone, requirements aside: a canonical URL has dropped the parameter its form needed. */
function looseMatch(url: URL, profile: PortalProfile): { match: RegExpExecArray } | null {
  for (const rule of profile.url.article) {
    const match = rule.path.exec(url.pathname);
    if (match) return { match };
  }
  return null;
}

export interface ListingRef {
  url: string;
  page: number;
  /** Identifies the listing regardless of page: same path (ignoring case) and category key. */
  key: string;
}

interface PagerHit {
  grammar: PagerGrammar;
  /** The page number (1-based), or null when the URL does not carry this grammar. */
  page: number | null;
  /** The path without the page suffix. */
  basePath: string;
}

function paramMatches(name: string, grammar: PagerGrammar): boolean {
  const p = grammar.param;
  if (p === undefined) return false;
  return typeof p === 'string' ? name.toLowerCase() === p.toLowerCase() : p.test(name);
}

function pageOf(raw: string, grammar: PagerGrammar): number {
  const first = grammar.first ?? 1;
  return /^\d{1,6}$/.test(raw) ? Math.max(1, Number(raw) - first + 1) : 1;
}

/** Which of the family's pager grammars the URL uses, and its page; the first grammar when it uses none. */
function pagerHit(url: URL, profile: PortalProfile): PagerHit {
  for (const grammar of profile.pager.grammars) {
    if (grammar.path) {
      const m = grammar.path.exec(url.pathname);
      if (m) return { grammar, page: pageOf(m[1] ?? '', grammar), basePath: url.pathname.slice(0, m.index) || '/' };
    }
    for (const [name, value] of url.searchParams) {
      if (paramMatches(name, grammar)) return { grammar, page: pageOf(value, grammar), basePath: url.pathname };
    }
  }
  return { grammar: profile.pager.grammars[0] ?? {}, page: null, basePath: url.pathname };
}

function isPagerParam(name: string, profile: PortalProfile): boolean {
  return profile.pager.grammars.some((g) => paramMatches(name, g));
}

function withSlash(path: string, trailing: boolean | null): string {
  if (trailing === null) return path;
  const bare = path.replace(/\/+$/, '');
  return trailing ? `${bare}/` : bare || '/';
}

/** Canonical listing page URL: path, page, and the parameters that say which listing it is. */
export function canonicalListingUrl(href: string, base: string | undefined, profile: PortalProfile): ListingRef | null {
  const url = parse(href, base);
  if (!url) return null;
  const hit = pagerHit(url, profile);
  const page = hit.page ?? 1;
  const { listing } = profile;
  const nameOf = (name: string) => (profile.url.caseInsensitiveParams ? name.toLowerCase() : name);
  const kept: [string, string][] = [];
  for (const [name, value] of url.searchParams) {
    if (isPagerParam(name, profile) || listing.drop.test(name)) continue;
    if (listing.keep && !listing.keep.test(name)) continue;
    if (kept.some(([n]) => n.toLowerCase() === name.toLowerCase())) continue;
    kept.push([nameOf(name), value]);
  }
  kept.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const keyParams = kept.filter(([name]) => listing.key?.test(name));
  const origin = `${url.protocol}//${url.host}`;
  const basePath = withSlash(hit.basePath, listing.trailingSlash);
  const key = `${origin}${basePath.toLowerCase().replace(/\/+$/, '')}|${keyParams.map(([n, v]) => `${n.toLowerCase()}=${v}`).join('&').toLowerCase()}`;
  return { url: pageUrl(origin, basePath, page, hit, page === 1 ? keyParams : kept, url), page, key };
}

function query(params: [string, string][]): string {
  return params.map(([n, v]) => `${n}=${encodeURIComponent(v)}`).join('&');
}

function pageUrl(origin: string, basePath: string, page: number, hit: PagerHit, params: [string, string][], url: URL): string {
  const { grammar } = hit;
  const first = grammar.first ?? 1;
  const explicit = page > 1 || grammar.explicitFirst === true;
  if (grammar.path && grammar.pathFormat) {
    const path = explicit ? `${basePath.replace(/\/+$/, '')}${grammar.pathFormat.replace('{n}', String(page + first - 1))}` : basePath;
    const q = query(params);
    return `${origin}${path}${q ? `?${q}` : ''}`;
  }
  const name = pageParamName(grammar, url);
  const parts = explicit && name ? [`${name}=${page + first - 1}`] : [];
  const q = [...parts, query(params)].filter(Boolean).join('&');
  return `${origin}${basePath}${q ? `?${q}` : ''}`;
}

/** The page parameter's name as this listing spells it (a namespaced Liferay name is read off the URL). */
function pageParamName(grammar: PagerGrammar, url: URL): string | null {
  if (typeof grammar.param === 'string') return grammar.param;
  for (const [name] of url.searchParams) if (grammar.param?.test(name)) return name;
  return null;
}

/** The link carries a page of the listing (a page parameter or path suffix of the family's pager). */
export function hasPage(href: string, base: string, profile: PortalProfile): boolean {
  const url = parse(href, base);
  return url !== null && pagerHit(url, profile).page !== null;
}

export function siteOf(url: string): string {
  return new URL(url).host;
}

/**
 * The URL of page `page` of the listing `ref` (canonical form), or null when the family's page parameter cannot be
 * spelt from the listing's URL alone (a Liferay portlet namespace is only known from a pager link).
 */
export function listingPageUrl(ref: ListingRef, page: number, profile: PortalProfile): string {
  const url = new URL(ref.url);
  const hit = pagerHit(url, profile);
  const grammar = hit.grammar;
  if (grammar.path && grammar.pathFormat) {
    const base = withSlash(hit.basePath, profile.listing.trailingSlash);
    const first = grammar.first ?? 1;
    url.pathname = page > 1 || grammar.explicitFirst ? `${base.replace(/\/+$/, '')}${grammar.pathFormat.replace('{n}', String(page + first - 1))}` : base;
    return canonicalListingUrl(url.href, undefined, profile)!.url;
  }
  const name = pageParamName(grammar, url);
  if (name) {
    for (const key of [...url.searchParams.keys()]) if (key.toLowerCase() === name.toLowerCase()) url.searchParams.delete(key);
    url.searchParams.set(name, String(page + (grammar.first ?? 1) - 1));
  }
  return canonicalListingUrl(url.href, undefined, profile)!.url;
}
