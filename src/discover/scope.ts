import { decodeSegment } from './shape.js';

/**
 * Where a discovery may go: the seed's host, and the seed's section when the articles live under it. A seed
 * `/tin-tuc/` whose articles are `/tin-tuc/<cat>/<slug>.html` keeps to `/tin-tuc/`; a seed `/category/tin-tuc/`
 * whose articles are `/2023/03/29/<slug>/` shares no segment with them, so only the host bounds it.
 */
export interface Scope {
  host: string;
  /** Leading path segments every URL in scope starts with (decoded; compared without case). */
  prefix: string[];
}

function segmentsOf(url: URL): string[] {
  return url.pathname.split('/').filter(Boolean).map((s) => decodeSegment(s).toLowerCase());
}

/** The scope a seed and its articles' shared leading segments imply. */
export function scopeOf(seedUrl: string, articlePrefix: readonly string[]): Scope {
  const seed = new URL(seedUrl);
  const seedSegments = segmentsOf(seed);
  const prefix: string[] = [];
  for (let i = 0; i < Math.min(seedSegments.length, articlePrefix.length); i++) {
    const a = articlePrefix[i]!.toLowerCase();
    // `/tin-tuc.html` or `/TinTuc/Default.aspx` is the section `/tin-tuc`, `/TinTuc` too.
    const s = seedSegments[i]!.replace(/\.(html?|aspx?|php)$/, '');
    if (a !== s) break;
    prefix.push(a);
  }
  return { host: seed.host, prefix };
}

export function inScope(href: string, scope: Scope): boolean {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  if (url.host !== scope.host) return false;
  const segments = segmentsOf(url);
  return scope.prefix.every((p, i) => segments[i] === p);
}

export function describeScope(scope: Scope): string {
  return `${scope.host}/${scope.prefix.join('/')}${scope.prefix.length ? '/' : ''}…`;
}
