/** Picking a capture for a requested timestamp: exact when the 14 digits match, else the closest in time. */
import type { Capture } from './capture.js';
import { surt } from './surt.js';
import { msOf, padFrom } from './timestamp.js';

export interface Pick {
  capture: Capture;
  exact: boolean;
}

/** An archived redirect to another spelling of its own URL (http → https, adding `www.`). */
const selfRedirect = (c: Capture): boolean => c.location !== undefined && surt(c.location) === c.urlkey;

/**
 * `list` is one urlkey's captures, oldest first; `requested` the URL as asked (breaks ties between spellings). A
 * client following a self-redirect asks for the target at the redirect's own timestamp: like Wayback, skip
 * self-redirects then, so it is sent on to the target's nearest capture instead of round in a circle.
 */
export function pickCapture(list: readonly Capture[], ts: string, requested: string): Pick | null {
  if (list.length === 0) return null;
  if (ts.length === 14) {
    const same = list.filter((c) => c.timestamp === ts);
    const exact = same.find((c) => c.original === requested) ?? same[0];
    if (exact !== undefined && !(selfRedirect(exact) && exact.original !== requested)) return { capture: exact, exact: true };
    if (exact !== undefined) list = list.filter((c) => !selfRedirect(c));
    if (list.length === 0) return null;
  }
  const target = msOf(padFrom(ts));
  let best = list[0]!;
  let bestDistance = Infinity;
  for (const c of list) {
    const d = Math.abs(msOf(c.timestamp) - target);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return { capture: best, exact: false };
}

export function latest(list: readonly Capture[]): Capture | null {
  return list.at(-1) ?? null;
}
