/** Picking a capture for a requested timestamp: exact when the 14 digits match, else the closest in time. */
import type { Capture } from './capture.js';
import { msOf, padFrom } from './timestamp.js';

export interface Pick {
  capture: Capture;
  exact: boolean;
}

/** `list` is one urlkey's captures, oldest first; `requested` the URL as asked (breaks ties between spellings). */
export function pickCapture(list: readonly Capture[], ts: string, requested: string): Pick | null {
  if (list.length === 0) return null;
  if (ts.length === 14) {
    const same = list.filter((c) => c.timestamp === ts);
    if (same.length > 0) return { capture: same.find((c) => c.original === requested) ?? same[0]!, exact: true };
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
