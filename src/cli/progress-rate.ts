/**
 * A rate over a sliding window: work done in the last `windowMs`, divided by the time it took. A polite crawl
 * finishes an article a second, in bursts when several hosts answer at once and not at all while a host asks to
 * wait; averaging over half a minute keeps the time left from jumping with every burst, and measuring up to
 * `now` (not up to the last finished item) lets it fall while nothing finishes.
 */
export class RateMeter {
  private readonly samples: { at: number; done: number }[] = [];

  constructor(
    private readonly windowMs = 30_000,
    /** Below this much observed time there is no rate yet: one early burst is not a pace. */
    private readonly minSpanMs = 1_000,
  ) {}

  sample(at: number, done: number): void {
    const last = this.samples.at(-1);
    // Within a quarter second of the last sample, only the count moves: the window stays a few hundred entries.
    if (last && at - last.at < 250 && this.samples.length > 1) last.done = done;
    else this.samples.push({ at, done });
    // Keep one sample at or before the window's start, so the window is always fully covered.
    while (this.samples.length > 2 && this.samples[1]!.at <= at - this.windowMs) this.samples.shift();
  }

  /** Items per second, or null while fewer than `minSpanMs` have been observed. */
  rate(now: number): number | null {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    if (!first || !last) return null;
    const span = now - first.at;
    if (span < this.minSpanMs) return null;
    return ((last.done - first.done) * 1000) / span;
  }
}

/** Seconds left at `rate`, or null when the total or the rate is unknown, or nothing moves. */
export function secondsLeft(done: number, total: number | null, rate: number | null): number | null {
  if (total === null || rate === null || rate <= 0) return null;
  return Math.max(0, Math.round((total - done) / rate));
}
