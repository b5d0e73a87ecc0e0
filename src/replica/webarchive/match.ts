/**
 * Which CDX rows a `url` (+ `matchType`) selects, shared by the Wayback and pywb endpoints. Rows are in CDX order,
 * so every scope is a contiguous run found by binary search on the urlkey.
 */
import type { Capture } from './capture.js';
import { parseLoose, surt, surtHost } from './surt.js';

export type MatchType = 'exact' | 'prefix' | 'host' | 'domain';

export interface Scope {
  type: MatchType;
  /** The urlkey (exact), its prefix (prefix), or the reversed host (host, domain). */
  key: string;
  /** The host the query names, `www.` folded, for the blocked-site check. */
  host: string;
}

const TYPES: readonly string[] = ['exact', 'prefix', 'host', 'domain'];

/**
 * Reads `url` and `matchType` as the Wayback CDX server does: wildcards (`…*` prefix, `*.…` domain) count only
 * when `matchType` is absent; there is no wildcard for host. Returns an error message for a bad matchType.
 */
export function scopeOf(rawUrl: string, matchType: string | null): Scope | string {
  let url = rawUrl.trim();
  let type: MatchType = 'exact';
  if (matchType !== null) {
    if (!TYPES.includes(matchType)) return `Invalid matchType: ${matchType}`;
    type = matchType as MatchType;
  } else if (url.startsWith('*.')) {
    type = 'domain';
    url = url.slice(2);
  } else if (url.endsWith('*')) {
    type = 'prefix';
    url = url.replace(/\*+$/, '');
  }
  const parsed = parseLoose(url);
  const hostname = parsed?.hostname ?? url.split('/')[0] ?? url;
  const host = surtHost(hostname);
  const port = parsed && parsed.port !== '' && parsed.port !== '80' && parsed.port !== '443' ? `:${parsed.port}` : '';
  const folded = hostname.toLowerCase().replace(/^www\d*\./, '');
  switch (type) {
    case 'exact':
      return { type, key: surt(url), host: folded };
    case 'prefix':
      // A bare host gives `host)/`, the whole host; `host/TinTuc` gives `host)/tintuc`, which also selects `/tintucxyz`.
      return { type, key: surt(url), host: folded };
    case 'host':
      return { type, key: `${host}${port})`, host: folded };
    case 'domain':
      return { type, key: host, host: folded };
  }
}

export function inScope(scope: Scope, urlkey: string): boolean {
  switch (scope.type) {
    case 'exact':
      return urlkey === scope.key;
    case 'prefix':
    case 'host':
      return urlkey.startsWith(scope.key);
    case 'domain':
      return urlkey.startsWith(scope.key + ')') || urlkey.startsWith(scope.key + ',') || urlkey.startsWith(scope.key + ':');
  }
}

/** The rows in scope, in CDX order. */
export function rowsIn(rows: readonly Capture[], scope: Scope): Capture[] {
  const start = scope.key;
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]!.urlkey < start) lo = mid + 1;
    else hi = mid;
  }
  const out: Capture[] = [];
  for (let i = lo; i < rows.length && rows[i]!.urlkey.startsWith(scope.key); i++) {
    if (inScope(scope, rows[i]!.urlkey)) out.push(rows[i]!);
  }
  return out;
}
