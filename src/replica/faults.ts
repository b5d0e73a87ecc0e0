/**
 * Which requests the replica answers badly. The choice is a hash of the seed, the site and the request target (and,
 * with `only: 'all'`, the request's ordinal for that target), never a random draw: the same crawl against the same
 * replica meets the same faults, so a failing test can be rerun and debugged.
 */
import { createHash } from 'node:crypto';

export type FaultKind = '500' | '503' | '429' | 'reset' | 'truncate' | 'slow' | 'hang';

export const FAULT_KINDS: readonly FaultKind[] = ['500', '503', '429', 'reset', 'truncate', 'slow', 'hang'];

/**
 * `hang` is left out of the default kinds: only a client timeout ends it, and a crawler's timeout is usually tens
 * of seconds, which would make every test that uses the defaults slow.
 */
export const DEFAULT_FAULT_KINDS: readonly FaultKind[] = ['500', '503', '429', 'reset', 'truncate', 'slow'];

export interface FaultOptions {
  /** Probability, 0..1, that a request (by default: the first request for a target) is faulted. */
  rate: number;
  kinds?: FaultKind[];
  seed?: number;
  /** `Retry-After` of 429 and 503 answers, in seconds. Default 1. */
  retryAfterSeconds?: number;
  /** `seconds` (`Retry-After: 1`, default) or `date` (an HTTP-date that many seconds ahead). */
  retryAfterForm?: 'seconds' | 'date';
  /** How long a `slow` answer waits before it is sent. Default 1000 ms. */
  slowMs?: number;
  /**
   * `first` (default): only the first request for each target (path and query exactly as sent, per site) may be
   * faulted; every later request for it is answered normally, so a client that retries gets everything.
   * `all`: every request is drawn afresh (its ordinal for the target enters the hash), so retries may fail too.
   */
  only?: 'first' | 'all';
  /** Also fault `/robots.txt`; off by default so a robots test is not also a fault test. */
  robots?: boolean;
}

export interface ResolvedFaults {
  rate: number;
  kinds: readonly FaultKind[];
  seed: number;
  retryAfterSeconds: number;
  retryAfterForm: 'seconds' | 'date';
  slowMs: number;
  only: 'first' | 'all';
  robots: boolean;
}

export function resolveFaults(opts: FaultOptions): ResolvedFaults {
  if (!(opts.rate >= 0 && opts.rate <= 1)) throw new Error(`replica faults: rate must be within 0..1, got ${opts.rate}`);
  const kinds = opts.kinds ?? DEFAULT_FAULT_KINDS;
  if (kinds.length === 0) throw new Error('replica faults: kinds must not be empty');
  for (const k of kinds) if (!FAULT_KINDS.includes(k)) throw new Error(`replica faults: unknown kind "${k}"`);
  return {
    rate: opts.rate,
    kinds,
    seed: opts.seed ?? 0,
    retryAfterSeconds: opts.retryAfterSeconds ?? 1,
    retryAfterForm: opts.retryAfterForm ?? 'seconds',
    slowMs: opts.slowMs ?? 1000,
    only: opts.only ?? 'first',
    robots: opts.robots ?? false,
  };
}

/** Two independent uniform draws from one hash: whether to fault, and which kind. */
function draws(seed: number, siteId: string, target: string, ordinal: number): [number, number] {
  const h = createHash('sha256').update(`${seed}\0${siteId}\0${target}\0${ordinal}`).digest();
  return [h.readUInt32BE(0) / 2 ** 32, h.readUInt32BE(4) / 2 ** 32];
}

/**
 * The fault for the `ordinal`-th (0-based) request for `target` on `siteId`, or null. Pure, so tests can ask what
 * a replica will do without sending anything.
 */
export function faultFor(f: ResolvedFaults, siteId: string, target: string, ordinal: number): FaultKind | null {
  if (f.only === 'first' && ordinal > 0) return null;
  const [chance, pick] = draws(f.seed, siteId, target, f.only === 'first' ? 0 : ordinal);
  if (chance >= f.rate) return null;
  return f.kinds[Math.floor(pick * f.kinds.length)] ?? null;
}

/** Counts requests per target so `faultFor` knows the ordinal; one per site. */
export class FaultPlan {
  private readonly seen = new Map<string, number>();

  constructor(
    readonly faults: ResolvedFaults,
    private readonly siteId: string,
  ) {}

  next(target: string, isRobots: boolean): FaultKind | null {
    if (isRobots && !this.faults.robots) return null;
    const ordinal = this.seen.get(target) ?? 0;
    this.seen.set(target, ordinal + 1);
    return faultFor(this.faults, this.siteId, target, ordinal);
  }
}

/** An HTTP-date has whole seconds: round up, so the date form never asks for less wait than the seconds form. */
export function retryAfterValue(f: ResolvedFaults, now: number): string {
  if (f.retryAfterForm === 'seconds') return String(f.retryAfterSeconds);
  return new Date(Math.ceil((now + f.retryAfterSeconds * 1000) / 1000) * 1000).toUTCString();
}
