import type Database from 'better-sqlite3';
import { extractArticle } from '../extract/article.js';
import { extractListing } from '../extract/listing.js';
import type { Fetcher, FetchResult } from '../fetch/client.js';
import type { Clock } from '../fetch/clock.js';
import { PortalArchiverError } from '../errors.js';
import type { Logger } from '../log.js';
import type { PortalProfile } from '../profiles/profile.js';
import { canonicalListingUrl } from '../profiles/urls.js';
import { finishRun, recordFailure, saveArticle, savePage, startRun } from '../store/index.js';
import { contentHash } from './hash.js';
import { TaskQueue } from './queue.js';
import { htmlOf, type SeedKind } from './seed.js';

export interface Seed {
  url: string;
  page: FetchResult;
  kind: SeedKind;
}

export interface CrawlSettings {
  seeds: Seed[];
  concurrency: number;
  /** Listing pages to walk per seed at most; null for all. */
  maxPages: number | null;
  signal?: AbortSignal;
}

export interface CrawlDeps {
  db: Database.Database;
  fetch: Fetcher;
  clock: Clock;
  log: Logger;
}

export interface CrawlFailure {
  url: string;
  stage: 'fetch' | 'extract' | 'store';
  reason: string;
}

export interface CrawlSummary {
  runId: number;
  listingPages: number;
  articles: { new: number; updated: number; unchanged: number; failed: number };
  failures: CrawlFailure[];
  seconds: number;
}

function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Walks every seed's listing through its pager, fetches each article once, extracts and stores it. A URL that
 * cannot be fetched or read is recorded as a failure and the crawl goes on. Database writes are synchronous and
 * never span an await: each page and each article is one short transaction.
 */
export async function crawl(settings: CrawlSettings, deps: CrawlDeps): Promise<CrawlSummary> {
  const { db, fetch, clock, log } = deps;
  const started = clock.now();
  const runId = startRun(db, { seeds: settings.seeds.map((s) => s.url), now: new Date(started) });
  const queue = new TaskQueue(settings.concurrency);
  const summary: CrawlSummary = {
    runId,
    listingPages: 0,
    articles: { new: 0, updated: 0, unchanged: 0, failed: 0 },
    failures: [],
    seconds: 0,
  };
  const seenListings = new Set<string>();
  const seenArticles = new Set<string>();

  const fail = (url: string, stage: CrawlFailure['stage'], err: unknown) => {
    const reason = reasonOf(err);
    summary.failures.push({ url, stage, reason });
    recordFailure(db, { runId, url, stage, reason, at: new Date(clock.now()).toISOString() });
    log.warn(`failed: ${url}: ${reason}`);
  };

  const article = (url: string, profile: PortalProfile) => {
    if (seenArticles.has(url)) return;
    seenArticles.add(url);
    queue.add(async () => {
      if (settings.signal?.aborted) return;
      let page: FetchResult;
      try {
        page = await fetch(url);
      } catch (err) {
        summary.articles.failed++;
        return fail(url, 'fetch', err);
      }
      const pageId = savePage(db, { runId, url, finalUrl: page.finalUrl, kind: 'article', status: page.status,
        headers: page.headers, body: page.body, fetchedAt: page.fetchedAt });
      try {
        const extracted = extractArticle(htmlOf(page), url, { profile });
        const record = {
          ...extracted,
          images: extracted.images.map((i) => ({ ...i, sha256: null, size: null })),
          fetched_at: page.fetchedAt,
          content_sha256: contentHash(extracted),
        };
        const outcome = saveArticle(db, record, { runId, pageId });
        summary.articles[outcome]++;
      } catch (err) {
        summary.articles.failed++;
        if (!(err instanceof PortalArchiverError) || err.policy === 'skip') return fail(url, 'extract', err);
        throw err;
      }
    });
  };

  const listing = (url: string, page: FetchResult | null, profile: PortalProfile, budget: { left: number }) => {
    queue.add(async () => {
      if (settings.signal?.aborted) return;
      let fetched = page;
      if (!fetched) {
        try {
          fetched = await fetch(url);
        } catch (err) {
          return fail(url, 'fetch', err);
        }
      }
      savePage(db, { runId, url, finalUrl: fetched.finalUrl, kind: 'listing', status: fetched.status,
        headers: fetched.headers, body: fetched.body, fetchedAt: fetched.fetchedAt });
      summary.listingPages++;
      const found = extractListing(htmlOf(fetched), fetched.finalUrl, { profile });
      for (const a of found.articles) article(a.url, profile);
      for (const next of found.pages) {
        if (seenListings.has(next.url) || budget.left <= 0) continue;
        seenListings.add(next.url);
        budget.left--;
        listing(next.url, null, profile, budget);
      }
      log.info(`listing ${url}: ${found.articles.length} articles, ${found.pages.length} pager links`);
    });
  };

  for (const seed of settings.seeds) {
    if (seed.kind.kind === 'article') {
      article(seed.kind.url, seed.kind.profile);
      continue;
    }
    const self = canonicalListingUrl(seed.page.finalUrl, undefined, seed.kind.profile);
    const key = self?.url ?? seed.url;
    if (seenListings.has(key)) continue;
    seenListings.add(key);
    const budget = { left: (settings.maxPages ?? Number.POSITIVE_INFINITY) - 1 };
    listing(key, seed.page, seed.kind.profile, budget);
  }

  let status: 'done' | 'failed' | 'interrupted' = 'done';
  try {
    await queue.idle();
    if (settings.signal?.aborted) status = 'interrupted';
  } catch (err) {
    status = 'failed';
    throw err;
  } finally {
    summary.seconds = (clock.now() - started) / 1000;
    finishRun(db, runId, {
      status,
      counts: {
        listingPages: summary.listingPages,
        articlesNew: summary.articles.new,
        articlesUpdated: summary.articles.updated,
        articlesUnchanged: summary.articles.unchanged,
        articlesFailed: summary.articles.failed,
      },
      now: new Date(clock.now()),
    });
  }
  return summary;
}
