import type { Database } from 'better-sqlite3';
import robotsParserModule from 'robots-parser';
import type { Fetcher } from '../fetch/client.js';
import type { Clock } from '../fetch/clock.js';
import { FetchError, isUnreachable } from '../fetch/errors.js';
import type { Logger } from '../log.js';
import { getRobots, saveRobots, type StoredRobots } from '../store/http-cache.js';

interface Robot {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
  getSitemaps(): string[];
}

// The package is CommonJS (`module.exports = fn`) while its typings declare a default export.
const robotsParser = robotsParserModule as unknown as (url: string, body: string) => Robot;

/** A day, as the major crawlers cache robots.txt (RFC 9309 §2.4 asks for no more than 24 hours). */
const MAX_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * robots.txt per host, parsed by robots-parser (RFC 9309). A 4xx means no rules; a server that cannot answer
 * (5xx, network errors, after retries) means full disallow for this run, as the RFC requires, and is asked again
 * next run. A good answer is kept in the archive for a day, so an incremental re-run costs no extra request.
 */
export class RobotsPolicy {
  private readonly loaded = new Map<string, Promise<Robot | 'disallow-all' | null>>();
  /** Why a host's robots.txt could not be had, by origin. */
  private readonly problems = new Map<string, string>();
  /** Origins whose robots.txt could not be had because the host did not answer at all. */
  private readonly silent = new Set<string>();
  private readonly delays = new Map<string, number>();

  private db: Database | null;
  private readonly fresh = new Map<string, StoredRobots>();

  constructor(
    private readonly deps: {
      db: Database | null;
      fetch: Fetcher;
      clock: Clock;
      log: Logger;
      agent: string;
      ignore: boolean;
      /** Told each host's Crawl-delay once it is known, so the next request already waits for it. */
      onDelay?: (host: string, ms: number) => void;
    },
  ) {
    this.db = deps.db;
  }

  /**
   * The rules are read before the archive exists (seeds are checked first); once it is open, what was fetched is
   * kept there for the next runs.
   */
  attach(db: Database): void {
    this.db = db;
    for (const [host, robots] of this.fresh) saveRobots(db, host, robots);
    this.fresh.clear();
  }

  /** Loads the host's rules once; call before the first request to the host so Crawl-delay applies from the start. */
  load(origin: string): Promise<Robot | 'disallow-all' | null> {
    if (this.deps.ignore) return Promise.resolve(null);
    let pending = this.loaded.get(origin);
    if (!pending) {
      pending = this.fetchRules(origin);
      this.loaded.set(origin, pending);
    }
    return pending;
  }

  async allowed(url: string): Promise<boolean> {
    const rules = await this.load(new URL(url).origin);
    if (rules === null) return true;
    if (rules === 'disallow-all') return false;
    return rules.isAllowed(url, this.deps.agent) !== false;
  }

  /** The `Sitemap:` lines of the origin's robots.txt (none when robots.txt is ignored or absent). */
  async sitemaps(origin: string): Promise<string[]> {
    const rules = await this.load(origin);
    return rules === null || rules === 'disallow-all' ? [] : rules.getSitemaps();
  }

  /** Why the origin's robots.txt could not be read (so nothing may be fetched there this run), or null. */
  problem(origin: string): string | null {
    return this.problems.get(origin) ?? null;
  }

  /** Whether the origin's host did not answer at all when its robots.txt was asked for. */
  unreachable(origin: string): boolean {
    return this.silent.has(origin);
  }

  /** The host's Crawl-delay in milliseconds, 0 when none (or robots ignored). */
  crawlDelayMs(host: string): number {
    return this.delays.get(host) ?? 0;
  }

  private async fetchRules(origin: string): Promise<Robot | 'disallow-all' | null> {
    const { clock, log } = this.deps;
    const url = `${origin}/robots.txt`;
    const host = new URL(origin).host;
    const stored = this.db ? getRobots(this.db, host) : null;
    let robots: StoredRobots | null =
      stored && clock.now() - Date.parse(stored.fetched_at) < MAX_AGE_MS ? stored : null;
    if (!robots) {
      try {
        const page = await this.deps.fetch(url, { expect: 'any' });
        robots = { status: page.status, body: page.body.toString('utf8'), fetched_at: page.fetchedAt };
      } catch (err) {
        const status = err instanceof FetchError ? err.status : undefined;
        if (status !== undefined && status >= 400 && status < 500) {
          robots = { status, body: null, fetched_at: new Date(clock.now()).toISOString() };
        } else {
          const reason = (err as Error).message.replace(/^GET \S+: /, '');
          this.problems.set(origin, `robots.txt unavailable (${reason}), so nothing is fetched from ${host} this run`);
          if (isUnreachable(err)) this.silent.add(origin);
          log.info(`robots.txt of ${host} unavailable: ${reason}`);
          return 'disallow-all';
        }
      }
      if (this.db) saveRobots(this.db, host, robots);
      else this.fresh.set(host, robots);
    }
    if (robots.body === null) return null;
    const rules = robotsParser(url, robots.body);
    const delay = rules.getCrawlDelay(this.deps.agent);
    if (delay !== undefined && delay > 0) {
      this.delays.set(host, delay * 1000);
      this.deps.onDelay?.(host, delay * 1000);
    }
    return rules;
  }
}
