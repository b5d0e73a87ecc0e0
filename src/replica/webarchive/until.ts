/**
 * The truth about the archive as it stood at a time: only the captures made by then, the versions they show, and
 * the latest of those. Pairs with the server's `until`, for tests of a re-run after new crawls land.
 */
import { padTo } from './timestamp.js';
import type { ArchiveTruth, ArticleTruth, Pitfalls } from './truth.js';

function articleUntil(a: ArticleTruth, last: string): ArticleTruth {
  const captures = a.captures.filter((c) => c.timestamp <= last);
  const versions = a.versions
    .map((v) => ({ ...v, captures: v.captures.filter((c) => c.timestamp <= last) }))
    .filter((v) => v.captures.length > 0);
  const shown = captures.filter((c) => c.kind === 'page' || c.kind === 'revisit').at(-1);
  const latest = shown === undefined ? -1 : versions.findIndex((v) => v.captures.some((c) => c.timestamp === shown.timestamp && c.original === shown.original));
  return { ...a, captures, versions, held: versions.length > 0, latest };
}

export function truthUntil(truth: ArchiveTruth, until: string): ArchiveTruth {
  const last = padTo(until);
  const keep = <T extends { timestamp: string }>(list: T[]) => list.filter((r) => r.timestamp <= last);
  const p = truth.pitfalls;
  const pitfalls: Pitfalls = {
    ...p,
    revisits: keep(p.revisits),
    duplicates: keep(p.duplicates),
    redirects: keep(p.redirects),
    notFound: keep(p.notFound),
    soft404: keep(p.soft404),
    sameSecond: keep(p.sameSecond),
    charsetDropped: keep(p.charsetDropped),
    variants: keep(p.variants),
  };
  return {
    ...truth,
    portals: truth.portals.map((portal) => ({ ...portal, days: portal.days.filter((d) => d <= last), articles: portal.articles.map((a) => articleUntil(a, last)) })),
    pitfalls,
  };
}
