/** Request rates as the archive saw them, from its request log: what politeness tests assert on. */
import type { ArchiveRoute } from './faults.js';
import type { ArchiveRequest } from './server.js';

/** Routes that count against the CDX limit (TimeMaps share it on the Internet Archive) and the memento limit. */
export const CDX_ROUTES: readonly ArchiveRoute[] = ['cdx', 'timemap', 'pywb-cdx', 'pywb-timemap'];
export const REPLAY_ROUTES: readonly ArchiveRoute[] = ['replay', 'timegate', 'pywb-replay'];

function times(requests: readonly ArchiveRequest[], routes: readonly ArchiveRoute[]): number[] {
  return requests.filter((r) => routes.includes(r.route)).map((r) => r.monotonic).sort((a, b) => a - b);
}

/** The most requests to `routes` that arrived within any span of `windowMs` (monotonic clock). */
export function peakCount(requests: readonly ArchiveRequest[], routes: readonly ArchiveRoute[], windowMs: number): number {
  const t = times(requests, routes);
  let best = 0;
  for (let i = 0, j = 0; j < t.length; j++) {
    while (t[j]! - t[i]! >= windowMs) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

/** The shortest gap between two consecutive requests to `routes`, in ms; Infinity with fewer than two. */
export function minGap(requests: readonly ArchiveRequest[], routes: readonly ArchiveRoute[]): number {
  const t = times(requests, routes);
  let gap = Infinity;
  for (let i = 1; i < t.length; i++) gap = Math.min(gap, t[i]! - t[i - 1]!);
  return gap;
}
