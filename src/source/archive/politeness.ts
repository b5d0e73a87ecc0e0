import type { Clock } from '../../fetch/clock.js';

/**
 * At most `limit` request starts in any window of `windowMs`, spread evenly (one every `windowMs / limit`) rather
 * than in bursts, which web archives punish with bans. Starts are recorded when they happen, so a stalled event loop
 * cannot squeeze more than `limit` into a window either: the (limit+1)-th start waits until a full window, plus a
 * margin for the network's jitter, has passed since the one `limit` starts before it. Callers are served in order.
 * `pause` holds every request back (a 429 is about the client, not one URL).
 */
export class RateGate {
  private readonly starts: number[] = [];
  private queue: Promise<void> = Promise.resolve();
  private pausedUntil = 0;
  private readonly spacing: number;
  private readonly margin: number;

  constructor(
    private readonly clock: Clock,
    private readonly limit: number,
    private readonly windowMs: number,
  ) {
    this.spacing = windowMs / limit;
    this.margin = Math.max(50, windowMs * 0.05);
  }

  /** Resolves when the next request may start (at once when aborted: the caller checks its signal). */
  take(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.wait(signal));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** No request starts before `ms` from now. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
  }

  private async wait(signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (signal?.aborted) return;
      const now = this.clock.now();
      let at = this.pausedUntil;
      const last = this.starts.at(-1);
      if (last !== undefined) at = Math.max(at, last + this.spacing);
      if (this.starts.length >= this.limit) at = Math.max(at, this.starts[this.starts.length - this.limit]! + this.windowMs + this.margin);
      if (now >= at) {
        this.starts.push(now);
        if (this.starts.length > this.limit) this.starts.shift();
        return;
      }
      await this.clock.sleep(at - now, signal);
    }
  }
}

/** The Internet Archive's figures, at the 80 % its staff asked clients to keep (EDGI's `wayback` client). */
export const DEFAULT_CDX_PER_MINUTE = 24;
export const DEFAULT_REPLAYS_PER_SECOND = 8;
/** The Internet Archive sends 429 without Retry-After; a minute is what its staff and EDGI wait. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;
/** First wait before retrying a 5xx or a network error, doubled each time (EDGI: 2 s × 2^(n-1)). */
export const DEFAULT_BACKOFF_MS = 2000;
