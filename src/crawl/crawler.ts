import type Database from 'better-sqlite3';
import { PortalArchiverError } from '../errors.js';
import { extractArticle } from '../extract/article.js';
import { extractListing, type ListingPage } from '../extract/listing.js';
import type { Fetcher, FetchResult } from '../fetch/client.js';
import type { Clock } from '../fetch/clock.js';
import { FetchError } from '../fetch/errors.js';
import type { Logger } from '../log.js';
import type { PortalProfile } from '../profiles/profile.js';
import { canonicalListingUrl, type ListingRef, listingPageUrl } from '../profiles/urls.js';
import {
  completeWalk,
  enqueue,
  type FrontierItem,
  frontierState,
  getWalk,
  isArchived,
  markDone,
  markFailed,
  markSkipped,
  pendingListingPages,
  queuedItems,
  requeue,
  requeueFailed,
  startWalk,
} from '../store/frontier.js';
import { getValidators, saveValidators } from '../store/http-cache.js';
import { storeWrite } from '../store/write-errors.js';
import { closeAbandonedRuns, finishRun, imagesToFetch, recordFailure, saveArticle, saveImage, savePage, startRun } from '../store/index.js';
import { contentHash } from './hash.js';
import { TaskQueue } from './queue.js';
import type { RobotsPolicy } from './robots.js';
import { htmlOf, type SeedKind } from './seed.js';

export interface Seed {
  url: string;
  page: FetchResult;
  kind: SeedKind;
}

export interface CrawlSettings {
  seeds: Seed[];
  concurrency: number;
  /** Requests in flight to one host at most. */
  perHost: number;
  /** Listing pages to walk per seed at most; null for all. */
  maxPages: number | null;
  /** Walk every listing page even when the listing was walked before. */
  full: boolean;
  /** Fetch archived articles again (conditionally) to catch edits. */
  refresh: boolean;
  /** Stop walking at articles published before this instant (by the day the listing prints). */
  since: Date | null;
  /** Download the images of archived articles. */
  media?: boolean;
  signal?: AbortSignal;
}

export interface CrawlDeps {
  db: Database.Database;
  fetch: Fetcher;
  clock: Clock;
  log: Logger;
  robots: RobotsPolicy;
  onProgress?: (summary: CrawlSummary) => void;
}

export interface CrawlFailure {
  url: string;
  stage: 'fetch' | 'extract' | 'store';
  reason: string;
}

export interface CrawlSummary {
  runId: number;
  listingPages: number;
  articles: { new: number; updated: number; unchanged: number; failed: number; skipped: number };
  /** With --media: image files stored and images that could not be had. */
  images: { stored: number; failed: number } | null;
  failures: CrawlFailure[];
  interrupted: boolean;
  seconds: number;
}

function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function attemptsOf(err: unknown): number {
  const match = /\(after (\d+) attempts?\)$/.exec(reasonOf(err));
  return match ? Number(match[1]) : 1;
}

/** The Vietnam calendar day of an instant, as the listings print days. */
function vietnamDay(date: Date): string {
  return new Date(date.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Walks every seed's listing through its pager, fetches each article once, extracts and stores it. State lives in
 * the archive's frontier, so a killed crawl resumes; a listing walked to its end once is re-walked newest first and
 * only as far as the first page with nothing new. A URL that cannot be fetched or read is recorded as a failure
 * and the crawl goes on. Database writes are synchronous and never span an await.
 */
export async function crawl(settings: CrawlSettings, deps: CrawlDeps): Promise<CrawlSummary> {
  const { db, fetch, clock, log, robots } = deps;
  const started = clock.now();
  const now = () => new Date(clock.now()).toISOString();
  const aborted = () => settings.signal?.aborted === true;
  closeAbandonedRuns(db, new Date(started));
  const runId = startRun(db, { seeds: settings.seeds.map((s) => s.url), now: new Date(started) });
  const queue = new TaskQueue(settings.concurrency, settings.perHost);
  const summary: CrawlSummary = {
    runId,
    listingPages: 0,
    articles: { new: 0, updated: 0, unchanged: 0, failed: 0, skipped: 0 },
    images: settings.media ? { stored: 0, failed: 0 } : null,
    failures: [],
    interrupted: false,
    seconds: 0,
  };
  const progress = () => deps.onProgress?.(summary);
  const scheduled = new Set<string>();
  const sinceDay = settings.since ? vietnamDay(settings.since) : null;

  /**
   * With --since, a listing that prints days keeps only articles dated on or after it; its undated links are
   * sidebars ("Tin mới") whose articles the listing itself dates elsewhere. A listing with no days keeps all.
   */
  const recentEnough = (a: ListingPage['articles'][number], page: ListingPage) =>
    !sinceDay || (a.date ? a.date >= sinceDay : !page.articles.some((x) => x.date));

  const fail = (item: FrontierItem, stage: CrawlFailure['stage'], err: unknown) => {
    const reason = reasonOf(err);
    const status = err instanceof FetchError ? (err.status ?? null) : null;
    summary.failures.push({ url: item.url, stage, reason });
    db.transaction(() => {
      markFailed(db, item.url, { runId, reason, status, attempts: attemptsOf(err), now: now() });
      recordFailure(db, { runId, url: item.url, stage, reason, at: now() });
    })();
    log.warn(`failed: ${item.url}: ${reason}`);
  };

  /** Fetches through robots.txt; null when robots.txt forbids the URL (recorded as skipped). */
  const politeFetch = async (item: FrontierItem, validators = false): Promise<FetchResult | null> => {
    if (!(await robots.allowed(item.url))) {
      markSkipped(db, item.url, 'disallowed by robots.txt', runId, now());
      log.info(`skipped (robots.txt): ${item.url}`);
      return null;
    }
    const stored = validators ? getValidators(db, item.url) : null;
    return fetch(item.url, { expect: 'html', ...(stored ? { etag: stored.etag, lastModified: stored.lastModified } : {}) });
  };

  const article = (item: FrontierItem, profile: PortalProfile, force = false) => {
    if (scheduled.has(item.url)) return;
    if (!force && frontierState(db, item.url) === 'done') return;
    scheduled.add(item.url);
    queue.add(item.host, async () => {
      if (aborted()) return;
      let page: FetchResult | null;
      try {
        page = await politeFetch(item, force);
      } catch (err) {
        if (aborted()) return;
        summary.articles.failed++;
        return fail(item, 'fetch', err);
      } finally {
        progress();
      }
      if (!page) {
        summary.articles.skipped++;
        return;
      }
      if (page.status === 304) {
        markDone(db, item.url, runId, 304, now());
        summary.articles.unchanged++;
        return;
      }
      const fetched = page;
      let extracted;
      try {
        extracted = extractArticle(htmlOf(fetched), item.url, { profile });
      } catch (err) {
        if (err instanceof PortalArchiverError && err.policy !== 'skip') throw err;
        savePage(db, pageRow(fetched, 'article'));
        summary.articles.failed++;
        return fail(item, 'extract', err);
      }
      const record = {
        ...extracted,
        images: extracted.images.map((i) => ({ ...i, sha256: null, size: null })),
        fetched_at: fetched.fetchedAt,
        content_sha256: contentHash(extracted),
      };
      const outcome = storeWrite(() => db.transaction(() => {
        const pageId = savePage(db, pageRow(fetched, 'article'));
        const result = saveArticle(db, record, { runId, pageId });
        markDone(db, item.url, runId, fetched.status, now());
        saveValidators(db, item.url, fetched.headers, now());
        return result;
      })());
      summary.articles[outcome]++;
    });
  };

  const pageRow = (page: FetchResult, kind: 'listing' | 'article') => ({
    runId,
    url: page.url,
    finalUrl: page.finalUrl,
    kind,
    status: page.status,
    headers: page.headers,
    requestHeaders: page.requestHeaders,
    body: page.body,
    fetchedAt: page.fetchedAt,
  });

  /** Stores a listing page and what it links, in one transaction; returns the articles not known before. */
  const recordListing = (item: FrontierItem, page: FetchResult, found: ListingPage, walk: ListingRef): FrontierItem[] => {
    const articles = found.articles
      .filter((a) => recentEnough(a, found))
      .map((a): FrontierItem => ({ url: a.url, kind: 'article', host: new URL(a.url).host, walk: walk.key, page: null }));
    const pages = found.pages.map(
      (p): FrontierItem => ({ url: p.url, kind: 'listing', host: item.host, walk: walk.key, page: p.page }),
    );
    return storeWrite(() => db.transaction(() => {
      // A 304 re-uses the stored copy: nothing new to keep but the fact that it was checked.
      if (page.status !== 304) {
        savePage(db, pageRow(page, 'listing'));
        saveValidators(db, page.url, page.headers, now());
      }
      const unknown = articles.filter((a) => frontierState(db, a.url) === null && !isArchived(db, a.url));
      enqueue(db, [...articles, ...pages.filter((p) => settings.maxPages === null || p.page! <= settings.maxPages)], runId, now());
      markDone(db, item.url, runId, page.status, now());
      summary.listingPages++;
      return unknown;
    })());
  };

  /** Every page of a listing, concurrently, resuming a walk an earlier run left unfinished. */
  const fullWalk = (walk: ListingRef, seed: Seed, profile: PortalProfile, resume: boolean) => {
    let outstanding = 0;
    let failedPages = 0;
    let lastPage = 1;
    const visit = (item: FrontierItem, given: FetchResult | null) => {
      if (scheduled.has(item.url)) return;
      scheduled.add(item.url);
      outstanding++;
      queue.add(item.host, async () => {
        try {
          if (aborted()) return;
          let page = given;
          if (!page) {
            try {
              page = await politeFetch(item);
            } catch (err) {
              if (aborted()) return;
              failedPages++;
              return fail(item, 'fetch', err);
            }
            if (!page) return;
          }
          const found = extractListing(htmlOf(page), page.finalUrl, { profile });
          recordListing(item, page, found, walk);
          for (const a of found.articles) {
            if (recentEnough(a, found)) {
              article({ url: a.url, kind: 'article', host: new URL(a.url).host, walk: walk.key, page: null }, profile, settings.refresh);
            }
          }
          for (const p of found.pages) {
            lastPage = Math.max(lastPage, p.page);
            if (settings.maxPages !== null && p.page > settings.maxPages) continue;
            // Resuming an unfinished walk, the pages already read have queued what they link.
            if (resume && frontierState(db, p.url) === 'done') continue;
            visit({ url: p.url, kind: 'listing', host: item.host, walk: walk.key, page: p.page }, null);
          }
          log.info(`listing ${item.url}: ${found.articles.length} articles`);
          progress();
        } finally {
          outstanding--;
          if (outstanding === 0 && failedPages === 0 && !aborted() && settings.maxPages === null) {
            if (pendingListingPages(db, walk.key) === 0) completeWalk(db, walk.key, lastPage, now());
          }
        }
      });
    };
    for (const pending of queuedItems(db, 'listing', [new URL(walk.url).host])) {
      if (pending.walk === walk.key) visit(pending, null);
    }
    visit({ url: walk.url, kind: 'listing', host: new URL(walk.url).host, walk: walk.key, page: walk.page }, seed.page);
  };

  /**
   * Newest first, one page at a time: an incremental walk stops after the first page with nothing new, a --since
   * walk after the first page whose articles are all older than the day given.
   */
  const sequentialWalk = async (walk: ListingRef, seed: Seed, profile: PortalProfile, incremental: boolean) => {
    let page: FetchResult | null = seed.page;
    for (let n = 1; page && !aborted(); n++) {
      const item: FrontierItem = { url: listingPageUrl(walk, n, profile), kind: 'listing', host: new URL(walk.url).host, walk: walk.key, page: n };
      const found = extractListing(htmlOf(page), page.finalUrl, { profile });
      requeue(db, item, runId, now());
      const unknown = recordListing(item, page, found, walk);
      for (const a of unknown) article(a, profile);
      log.info(`listing ${item.url}: ${found.articles.length} articles, ${unknown.length} new`);
      progress();
      const older = sinceDay !== null && found.articles.some((a) => a.date) && found.articles.every((a) => !a.date || a.date < sinceDay);
      const next = found.pages.some((p) => p.page > n);
      const limit = settings.maxPages !== null && n >= settings.maxPages;
      if ((incremental && unknown.length === 0) || older || !next || limit) break;
      const nextItem: FrontierItem = { ...item, url: listingPageUrl(walk, n + 1, profile), page: n + 1 };
      try {
        page = await politeFetch(nextItem);
      } catch (err) {
        if (!aborted()) fail(nextItem, 'fetch', err);
        break;
      }
    }
  };

  const hosts = [...new Set(settings.seeds.map((s) => new URL(s.page.finalUrl).host))];
  requeueFailed(db, hosts);
  const walks: Promise<void>[] = [];
  for (const seed of settings.seeds) {
    const profile = seed.kind.profile;
    if (seed.kind.kind === 'article') {
      const url = seed.kind.url;
      enqueue(db, [{ url, kind: 'article', host: new URL(url).host, walk: null, page: null }], runId, now());
      article({ url, kind: 'article', host: new URL(url).host, walk: null, page: null }, profile, true);
      continue;
    }
    const walk = canonicalListingUrl(seed.page.finalUrl, undefined, profile)!;
    const previous = getWalk(db, walk.key);
    startWalk(db, walk.key, seed.url);
    const incremental = Boolean(previous?.completed_at) && !settings.full && !settings.refresh;
    if (incremental || settings.since) walks.push(sequentialWalk(walk, seed, profile, incremental));
    else fullWalk(walk, seed, profile, previous !== null && !previous.completed_at);
  }
  // Articles an interrupted or failed run left queued.
  for (const item of queuedItems(db, 'article', hosts)) {
    const seed = settings.seeds.find((s) => new URL(s.page.finalUrl).host === item.host);
    if (seed) article(item, seed.kind.profile);
  }

  /**
   * Images of archived articles whose file is not stored yet (so an interrupted run's leftovers too), under the same
   * robots.txt, pacing and retries as pages; only image content types are kept.
   */
  const media = () => {
    for (const host of hosts) {
      for (const url of imagesToFetch(db, { site: host })) {
        const imageHost = new URL(url).host;
        queue.add(imageHost, async () => {
          if (aborted()) return;
          const item: FrontierItem = { url, kind: 'article', host: imageHost, walk: null, page: null };
          try {
            if (!(await robots.allowed(url))) return;
            const image = await fetch(url, { expect: 'image' });
            saveImage(db, { runId, url, finalUrl: image.finalUrl, status: image.status, headers: image.headers,
              body: image.body, fetchedAt: image.fetchedAt, requestHeaders: image.requestHeaders });
            summary.images!.stored++;
          } catch (err) {
            if (aborted()) return;
            summary.images!.failed++;
            summary.failures.push({ url: item.url, stage: 'fetch', reason: reasonOf(err) });
            recordFailure(db, { runId, url, stage: 'fetch', reason: reasonOf(err), at: now() });
            log.warn(`failed: ${url}: ${reasonOf(err)}`);
          }
        });
      }
    }
  };

  let status: 'done' | 'failed' | 'interrupted' = 'done';
  try {
    await Promise.all(walks);
    await queue.idle();
    if (settings.media && !aborted()) {
      media();
      await queue.idle();
    }
    if (aborted()) status = 'interrupted';
  } catch (err) {
    status = 'failed';
    throw err;
  } finally {
    summary.interrupted = status === 'interrupted';
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
