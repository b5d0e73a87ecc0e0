import { existsSync } from 'node:fs';
import { crawl, type CrawlSummary, type Seed } from '../crawl/crawler.js';
import { createExtractor, DEFAULT_EXTRACT_TIMEOUT_MS } from '../crawl/extract-pool.js';
import type { Extractor } from '../crawl/extract-jobs.js';
import type { CrawlProgress } from '../crawl/types.js';
import { RobotsPolicy } from '../crawl/robots.js';
import { seedFromWire } from '../crawl/seed-wire.js';
import { UsageError } from '../errors.js';
import type { Database } from 'better-sqlite3';
import { createFetcher, type Fetcher, type FetchResult } from '../fetch/client.js';
import { getValidators } from '../store/http-cache.js';
import { latestBody } from '../store/pages.js';
import { articlesPerSite } from '../store/records.js';
import { type Clock, systemClock } from '../fetch/clock.js';
import type { ConnectRule } from '../fetch/connect-to.js';
import { createDispatcher } from '../fetch/dispatcher.js';
import { HostGate } from '../fetch/politeness.js';
import { isUnreachable } from '../fetch/errors.js';
import type { Logger } from '../log.js';
import { profiles } from '../profiles/index.js';
import { openArchive } from '../store/index.js';
import { Spool } from '../crawl/spool.js';
import { type Checkpointer, startCheckpointer } from '../store/checkpointer.js';
import { acquireLock } from '../store/lock.js';
import { EXIT } from './exit-codes.js';

export interface CrawlCommandOptions {
  urls: string[];
  db: string;
  concurrency: number;
  /** Requests in flight to one host at most. */
  perHost?: number;
  delay: number;
  maxPages: number | null;
  userAgent: string;
  timeout: number;
  retries: number;
  ignoreRobots?: boolean;
  full?: boolean;
  refresh?: boolean;
  since?: Date | null;
  media?: boolean;
  /** Give up reading one page (parse and extraction) after this many milliseconds; default 10,000. */
  extractTimeout?: number;
  /** curl-style `--connect-to` rules: connect elsewhere while URLs and records keep the real host names. */
  connectTo?: ConnectRule[];
}

export { DEFAULT_EXTRACT_TIMEOUT_MS };

export interface CrawlCommandResult {
  code: number;
  summary: CrawlSummary;
  /** What the archive holds after the crawl, for the closing summary. */
  archive: { articles: number; sites: string[] };
}

export interface CrawlCommandDeps {
  log: Logger;
  clock?: Clock;
  signal?: AbortSignal;
  /** Exit code for an interrupted crawl (130 for SIGINT, 143 for SIGTERM). */
  interruptedCode?: () => number;
  onProgress?: (summary: CrawlSummary, progress: CrawlProgress) => void;
  /**
   * Extraction threads the caller started before loading this module, so that theirs and this module's loading
   * overlap (see commands/crawl.ts); the command closes it. Created here when absent.
   */
  extractor?: Extractor;
}

/** The robots.txt product token: the User-Agent's first word (`portal-archiver`). */
function agentToken(userAgent: string): string {
  return userAgent.split(/[\s/]/)[0] || 'portal-archiver';
}

export { summaryLine } from './closing.js';

/**
 * A seed fetched conditionally against an existing archive: a 304 means the stored copy is current, and that copy
 * is what the crawl reads (an unchanged first listing page ends an incremental re-run at once).
 */
async function fetchSeed(url: string, fetch: Fetcher, db: Database | null): Promise<FetchResult> {
  const validators = db ? getValidators(db, url) : null;
  const stored = validators && db ? latestBody(db, url) : null;
  if (!stored) return fetch(url, { expect: 'html' });
  const page = await fetch(url, { expect: 'html', etag: validators!.etag, lastModified: validators!.lastModified });
  return page.status === 304 ? { ...page, body: stored } : page;
}

/** A portal that no longer answers may survive in web archives. */
function gone(url: string): string {
  return ` (the site may be gone: try portal-archiver recover ${url})`;
}

/**
 * Which portal family claims the seed page, and whether it is a listing or an article; for a page no family claims,
 * what discovery finds in it. Recognition reads the page in the extraction worker, like every page of the crawl: under
 * its time budget, and without the extractors' modules on this thread (about 0.15 s of every crawl's start).
 */
async function recogniseSeed(page: FetchResult, extractor: Extractor): Promise<Pick<Seed, 'kind' | 'compressed'> | null> {
  const { value, compressed } = await extractor.run({
    kind: 'seed',
    url: page.finalUrl,
    body: page.body,
    contentType: page.headers['content-type'],
    compress: page.status !== 304,
  });
  if (value) {
    const kind = seedFromWire(value, profiles);
    return kind && { kind, compressed };
  }
  // Discovery's modules load only for a seed no profile claims (most crawls never need them: 55 ms of start-up).
  const [{ discoverSeed }, { decodeHtml }] = await Promise.all([import('../discover/seed.js'), import('../fetch/decode.js')]);
  const kind = discoverSeed(page.finalUrl, decodeHtml(page.body, page.headers['content-type']));
  return kind && { kind };
}

/** Fetches and recognises every seed before the archive is written, so a bad seed leaves no trace on disk. */
async function resolveSeeds(
  urls: string[],
  fetch: Fetcher,
  robots: RobotsPolicy,
  db: Database | null,
  log: Logger,
  extractor: Extractor,
): Promise<Seed[]> {
  const seeds: Seed[] = [];
  const problems: string[] = [];
  for (const url of urls) {
    try {
      if (!(await robots.allowed(url))) {
        const origin = new URL(url).origin;
        const problem = robots.problem(origin);
        problems.push(
          problem
            ? `cannot fetch ${url}: ${problem}${robots.unreachable(origin) ? gone(url) : ''}`
            : `${url} is disallowed by the site's robots.txt (--ignore-robots to override)`,
        );
        continue;
      }
      const page = await fetchSeed(url, fetch, db);
      let recognised: Pick<Seed, 'kind' | 'compressed'> | null;
      try {
        recognised = await recogniseSeed(page, extractor);
      } catch (err) {
        // Fetched, but not readable within the extraction budget (or the extractor failed on it).
        problems.push(`cannot read ${url}: ${err instanceof Error ? err.message : String(err)}`);
        continue;
      }
      if (!recognised) {
        problems.push(`${url} is not a portal listing or article this tool recognises (no article links, pager or publication label)`);
        continue;
      }
      seeds.push({ url, page, ...recognised });
    } catch (err) {
      const why = err instanceof Error ? err.message.replace(/^GET \S+: /, '') : String(err);
      problems.push(`cannot fetch ${url}: ${why}${isUnreachable(err) ? gone(url) : ''}`);
    }
  }
  if (seeds.length === 0) throw new UsageError(problems[0] ?? 'no URL to crawl');
  for (const problem of problems) log.warn(problem);
  return seeds;
}

/**
 * The crawl command: lock the archive, fetch and recognise the seeds, open the archive, crawl, and turn the outcome
 * into an exit code. The lock comes first so an overlapping cron run leaves at once.
 */
export async function crawlCommand(options: CrawlCommandOptions, deps: CrawlCommandDeps): Promise<CrawlCommandResult> {
  const clock = deps.clock ?? systemClock;
  let lock: ReturnType<typeof acquireLock>;
  try {
    lock = acquireLock(options.db);
  } catch (err) {
    await deps.extractor?.close();
    throw err;
  }
  const dispatcher = createDispatcher({
    connections: Math.max(2, options.perHost ?? 2),
    keepAliveTimeout: 10_000,
    connectTo: options.connectTo ?? [],
  });
  let robots: RobotsPolicy | null = null;
  const gate = new HostGate(clock, (host) => Math.max(options.delay, robots?.crawlDelayMs(host) ?? 0));
  const fetch = createFetcher({
    dispatcher,
    gate,
    clock,
    userAgent: options.userAgent,
    timeoutMs: options.timeout,
    retries: options.retries,
    maxBytes: 10 * 1024 * 1024,
    ...(deps.signal ? { signal: deps.signal } : {}),
    onRetry: (url, attempt, wait, err) => deps.log.info(`retry ${attempt} of ${url} in ${Math.round(wait)} ms: ${err.message}`),
  });
  // Started now so its threads load while the seeds are fetched; stopped at once by a signal.
  const extractor =
    deps.extractor ??
    createExtractor({
      budgetMs: options.extractTimeout ?? DEFAULT_EXTRACT_TIMEOUT_MS,
      ...(deps.signal ? { signal: deps.signal } : {}),
    });
  // An existing archive is opened first for its robots.txt cache: a re-run then asks no host for robots.txt again. A
  // new one is created only once the seeds are known (a bad URL leaves no file behind). A file that exists may be a
  // blank database (a first crawl killed before its schema was committed, or a file made by `touch`): it is made an
  // archive now, as a missing one would be later, rather than refused as not ours.
  let db: Database | null = null;
  let checkpointer: Checkpointer | null = null;
  // Beside the archive, like the lock: article pages between their arrival and their commit (crawl/spool.ts).
  const spool = Spool.of(options.db);
  try {
    db = existsSync(options.db) ? openArchive(options.db, { create: true }) : null;
    robots = new RobotsPolicy({
      db,
      fetch,
      clock,
      log: deps.log,
      agent: agentToken(options.userAgent),
      ignore: options.ignoreRobots ?? false,
      onDelay: (host, ms) => gate.defer(host, ms),
    });
    const seeds = await resolveSeeds(options.urls, fetch, robots, db, deps.log, extractor);
    db ??= openArchive(options.db, { create: true });
    // A 4 MB page cache rather than better-sqlite3's 16 MB: the crawl writes, and what it reads (index pages, the
    // latest capture of a URL) is few pages; measured on the full-size portal, 27 MB less peak RSS, no more CPU.
    db.pragma('cache_size = -4000');
    robots.attach(db);
    checkpointer = startCheckpointer(options.db);
    const summary = await crawl(
      {
        seeds,
        concurrency: options.concurrency,
        perHost: options.perHost ?? 2,
        maxPages: options.maxPages,
        full: options.full ?? false,
        refresh: options.refresh ?? false,
        since: options.since ?? null,
        media: options.media ?? false,
        ...(deps.signal ? { signal: deps.signal } : {}),
      },
      { db, fetch, clock, log: deps.log, robots, extractor, spool, ...(deps.onProgress ? { onProgress: deps.onProgress } : {}) },
    );
    const perSite = articlesPerSite(db);
    const archive = { articles: perSite.reduce((n, s) => n + s.articles, 0), sites: perSite.map((s) => s.site) };
    if (summary.interrupted) return { code: deps.interruptedCode?.() ?? EXIT.interrupted, summary, archive };
    const failed = summary.failures.length > 0 || seeds.length < options.urls.length;
    return { code: failed ? EXIT.partial : EXIT.ok, summary, archive };
  } finally {
    await extractor.close();
    await checkpointer?.stop();
    db?.close();
    spool.close();
    await dispatcher.destroy();
    lock.release();
  }
}
