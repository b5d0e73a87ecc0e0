/**
 * Trouble the archive makes, per route: 429s (without Retry-After, as the Internet Archive sends them), 503s and
 * truncated bodies drawn at fixed rates, and a rate limiter that answers 429 to a client going faster than the
 * limits. Draws are a hash of the seed, the route, the request target and its ordinal, never a random number, so a
 * rerun meets the same faults.
 */
import { createHash } from 'node:crypto';

export type ArchiveRoute = 'cdx' | 'replay' | 'timegate' | 'timemap' | 'pywb-cdx' | 'pywb-replay' | 'pywb-timemap' | 'other';
export type ArchiveFaultKind = '429' | '503' | 'truncate' | 'gzip-quirk';

export interface RouteFaults {
  /** Probability, 0..1, of a 429 without Retry-After. */
  rate429?: number;
  /** Probability of a 503 with `X-Archive-Wayback-Runtime-Error`. */
  rate503?: number;
  /** Probability that the body stops halfway (Content-Length promised in full). Replay only. */
  truncate?: number;
  /**
   * Probability that a memento asked for with `Accept-Encoding: gzip` comes gzipped under a malformed pair of
   * headers, `content-encoding: ''` and `Content-Encoding: gzip` (EDGI's "HACK" block). Replay only.
   */
  gzipQuirk?: number;
}

export interface ArchiveFaultOptions {
  /** Applies to `/cdx/search/cdx`, TimeMaps and pywb `/<coll>/cdx`. */
  cdx?: RouteFaults;
  /** Applies to `/web/...` and `/<coll>/<ts>.../<url>` mementos and TimeGates. */
  replay?: RouteFaults;
  seed?: number;
  /**
   * `first` (default): only the first request for a target may be faulted, so a retry gets through.
   * `all`: every request draws afresh, so retries may fail too (nothing is lost as long as the client persists).
   */
  only?: 'first' | 'all';
}

export interface RateLimits {
  /** CDX and TimeMap requests allowed in any 60 s window (the Internet Archive: about 60). */
  cdxPerMinute?: number;
  /** Memento requests allowed in any 1 s window. */
  replayPerSecond?: number;
  /**
   * After this many rate-limited requests within a minute, refuse the client's connections (TCP reset, as the
   * Internet Archive's soft bans) for `banMs`. Off by default.
   */
  banAfter?: number;
  /** Default 60 000. */
  banMs?: number;
}

export type RouteGroup = 'cdx' | 'replay';

export function groupOf(route: ArchiveRoute): RouteGroup | null {
  if (route === 'cdx' || route === 'timemap' || route === 'pywb-cdx' || route === 'pywb-timemap') return 'cdx';
  if (route === 'replay' || route === 'timegate' || route === 'pywb-replay') return 'replay';
  return null;
}

function draw(seed: number, group: string, target: string, ordinal: number): number {
  return createHash('sha256').update(`${seed}\0${group}\0${target}\0${ordinal}`).digest().readUInt32BE(0) / 2 ** 32;
}

export class ArchiveFaults {
  private readonly seen = new Map<string, number>();
  private readonly windows: Record<RouteGroup, number[]> = { cdx: [], replay: [] };
  private readonly refused: number[] = [];
  private bannedUntil = -Infinity;

  constructor(
    private readonly faults: ArchiveFaultOptions,
    private readonly limits: RateLimits,
  ) {
    for (const g of [faults.cdx, faults.replay]) {
      for (const r of [g?.rate429, g?.rate503, g?.truncate, g?.gzipQuirk]) {
        if (r !== undefined && !(r >= 0 && r <= 1)) throw new Error(`web archive faults: rates must be within 0..1, got ${r}`);
      }
    }
  }

  /** The fault for this request, if any; `rate-limit` when the client went over a limit. */
  next(route: ArchiveRoute, target: string, now: number): ArchiveFaultKind | 'rate-limit' | null {
    const group = groupOf(route);
    if (group === null) return null;
    if (this.overLimit(group, now)) {
      this.noteRefusal(now);
      return 'rate-limit';
    }
    const key = `${group}\0${target}`;
    const ordinal = this.seen.get(key) ?? 0;
    this.seen.set(key, ordinal + 1);
    if ((this.faults.only ?? 'first') === 'first' && ordinal > 0) return null;
    const f = this.faults[group];
    if (!f) return null;
    const x = draw(this.faults.seed ?? 0, group, target, (this.faults.only ?? 'first') === 'first' ? 0 : ordinal);
    let edge = 0;
    const replayOnly = (rate: number | undefined) => (group === 'replay' ? rate : 0);
    for (const [kind, rate] of [['429', f.rate429], ['503', f.rate503], ['truncate', replayOnly(f.truncate)], ['gzip-quirk', replayOnly(f.gzipQuirk)]] as const) {
      edge += rate ?? 0;
      if (x < edge) return kind;
    }
    return null;
  }

  /** The client is banned: its requests are reset without an answer. */
  banned(now: number): boolean {
    return now < this.bannedUntil;
  }

  private noteRefusal(now: number): void {
    const after = this.limits.banAfter;
    if (after === undefined) return;
    while (this.refused.length > 0 && this.refused[0]! <= now - 60_000) this.refused.shift();
    this.refused.push(now);
    if (this.refused.length >= after) {
      this.bannedUntil = now + (this.limits.banMs ?? 60_000);
      this.refused.length = 0;
    }
  }

  /** Sliding window over the requests that were answered (a refused request counts too, as on the real service). */
  private overLimit(group: RouteGroup, now: number): boolean {
    const [limit, span] = group === 'cdx' ? [this.limits.cdxPerMinute, 60_000] : [this.limits.replayPerSecond, 1000];
    if (limit === undefined) return false;
    const w = this.windows[group];
    while (w.length > 0 && w[0]! <= now - span) w.shift();
    w.push(now);
    return w.length > limit;
  }
}
