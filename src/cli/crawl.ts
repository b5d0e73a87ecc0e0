import { Agent } from 'undici';
import { crawl, type CrawlSummary, type Seed } from '../crawl/crawler.js';
import { htmlOf, recognise } from '../crawl/seed.js';
import { UsageError } from '../errors.js';
import { createFetcher, type Fetcher } from '../fetch/client.js';
import { type Clock, systemClock } from '../fetch/clock.js';
import { HostGate } from '../fetch/politeness.js';
import type { Logger } from '../log.js';
import { profiles } from '../profiles/kooboo.js';
import { openArchive } from '../store/index.js';
import { EXIT } from './exit-codes.js';

export interface CrawlCommandOptions {
  urls: string[];
  db: string;
  concurrency: number;
  delay: number;
  maxPages: number | null;
  userAgent: string;
  timeout: number;
  retries: number;
}

export interface CrawlCommandResult {
  code: number;
  summary: CrawlSummary;
}

export function summaryLine(s: CrawlSummary): string {
  const a = s.articles;
  return (
    `crawl finished: ${s.listingPages} listing pages; articles ${a.new} new, ${a.updated} updated, ` +
    `${a.unchanged} unchanged, ${a.failed} failed; ${s.seconds.toFixed(1)} s`
  );
}

/** Fetches and recognises every seed before the archive is touched, so a bad seed leaves no trace on disk. */
async function resolveSeeds(urls: string[], fetch: Fetcher, log: Logger): Promise<Seed[]> {
  const seeds: Seed[] = [];
  const problems: string[] = [];
  for (const url of urls) {
    try {
      const page = await fetch(url);
      const kind = recognise(page, htmlOf(page), profiles);
      if (!kind) {
        problems.push(`${url} is not a portal listing or article this tool recognises (no article links, pager or publication label)`);
        continue;
      }
      seeds.push({ url, page, kind });
    } catch (err) {
      problems.push(`cannot fetch ${url}: ${err instanceof Error ? err.message.replace(/^GET \S+: /, '') : String(err)}`);
    }
  }
  if (seeds.length === 0) throw new UsageError(problems[0] ?? 'no URL to crawl');
  for (const problem of problems) log.warn(problem);
  return seeds;
}

export async function crawlCommand(
  options: CrawlCommandOptions,
  deps: { log: Logger; clock?: Clock; signal?: AbortSignal },
): Promise<CrawlCommandResult> {
  const clock = deps.clock ?? systemClock;
  const dispatcher = new Agent({ connections: Math.max(2, options.concurrency), keepAliveTimeout: 10_000 });
  const fetch = createFetcher({
    dispatcher,
    gate: new HostGate(clock, () => options.delay),
    clock,
    userAgent: options.userAgent,
    timeoutMs: options.timeout,
    retries: options.retries,
    maxBytes: 10 * 1024 * 1024,
    ...(deps.signal ? { signal: deps.signal } : {}),
  });
  try {
    const seeds = await resolveSeeds(options.urls, fetch, deps.log);
    const db = openArchive(options.db, { create: true });
    try {
      const summary = await crawl(
        { seeds, concurrency: options.concurrency, maxPages: options.maxPages, ...(deps.signal ? { signal: deps.signal } : {}) },
        { db, fetch, clock, log: deps.log },
      );
      const failed = summary.failures.length > 0 || seeds.length < options.urls.length;
      return { code: failed ? EXIT.partial : EXIT.ok, summary };
    } finally {
      db.close();
    }
  } finally {
    await dispatcher.close();
  }
}
