import { scheduleArticle } from '../crawl/article.js';
import type { CrawlRun } from '../crawl/run.js';
import { htmlOf } from '../crawl/seed.js';
import type { Seed } from '../crawl/types.js';
import type { ListingPage } from '../extract/listing.js';
import type { FetchResult } from '../fetch/client.js';
import {
  completeWalk,
  enqueue,
  type FrontierItem,
  frontierState,
  getWalk,
  isArchived,
  markDone,
  pendingListingPages,
  queuedItems,
  requeue,
  startWalk,
} from '../store/frontier.js';
import { saveValidators } from '../store/http-cache.js';
import { savePage } from '../store/index.js';
import { storeWrite } from '../store/write-errors.js';
import type { ListedArticle } from './article-links.js';
import { type ListingDiscovery, readListingPage } from './listing.js';
import { pagerUrl } from './pager.js';
import type { DiscoveredSeed } from './seed.js';
import { comparable } from './slots.js';
import { articlesFromSources } from './sources.js';
import { transact } from '../store/transaction.js';

/** However a pager misbehaves, a walk reads no more listing pages than this. */
const MAX_LISTING_PAGES = 20_000;

type Known = Parameters<typeof readListingPage>[2];

function articleItem(url: string, walk: string | null): FrontierItem {
  return { url, kind: 'article', host: new URL(url).host, walk, page: null };
}

function asListing(articles: ListedArticle[]): ListingPage {
  return { articles, pages: [], total: null };
}

/**
 * Crawls a seed no profile claims, with what discovery learnt from the seed page: its pager (page N built from the
 * number that changes between its links), its article-URL pattern and scope. Listing pages are walked like a
 * profile's (concurrently, resumable, newest first once walked to the end); a full walk also reads the site's
 * sitemaps and feeds for articles of the same pattern. Article pages are read (by `extractPage`, `auto`), never
 * followed: their links, `?PageIndex=N` variants and all, cannot multiply the crawl.
 */
export async function crawlDiscovered(run: CrawlRun, seed: Seed, kind: DiscoveredSeed): Promise<void> {
  const { db, settings } = run;
  if (kind.kind === 'generic-article') {
    const item = articleItem(kind.url, null);
    enqueue(db, [item], run.runId, run.now());
    scheduleArticle(run, item, 'auto', true);
    return;
  }
  const discovery = kind.discovery;
  const list = discovery.list;
  if (!list) return;
  const key = `discover|${comparable(seed.page.finalUrl)}`;
  const previous = getWalk(db, key);
  startWalk(db, key, seed.url);
  const known: Known = { pattern: list.pattern, scope: discovery.scope, pager: discovery.pager };
  const incremental = Boolean(previous?.completed_at) && !settings.full && !settings.refresh;
  if (incremental || settings.since) return sequentialWalk(run, key, seed, discovery, known, incremental);
  fullWalk(run, key, seed, discovery, known, previous !== null && !previous.completed_at);
  await articlesFromSources(run, discovery, (urls) => {
    const items = urls.map((u) => articleItem(u, key));
    enqueue(db, items, run.runId, run.now());
    for (const item of items) scheduleArticle(run, item, 'auto', settings.refresh);
  });
}

/** Stores a listing page and what it links in one transaction; returns the articles not known before. */
function recordListing(run: CrawlRun, item: FrontierItem, page: FetchResult, articles: ListedArticle[], pages: FrontierItem[]): string[] {
  const { db } = run;
  const found = articles.filter((a) => run.recentEnough(a, asListing(articles))).map((a) => articleItem(a.url, item.walk));
  return storeWrite(() =>
    transact(db, () => {
      if (page.status !== 304) {
        savePage(db, run.pageRow(page, 'listing'));
        saveValidators(db, page.url, page.headers, run.now());
      }
      const unknown = found.filter((a) => frontierState(db, a.url) === null && !isArchived(db, a.url)).map((a) => a.url);
      enqueue(db, [...found, ...pages], run.runId, run.now());
      markDone(db, item.url, run.runId, page.status, run.now());
      run.summary.listingPages++;
      return unknown;
    }),
  );
}

function pageUrl(discovery: ListingDiscovery, seed: Seed, n: number): string {
  const pager = discovery.pager;
  if (!pager || n === pager.current) return seed.page.finalUrl;
  return pagerUrl(pager, n);
}

function limitOf(run: CrawlRun): number {
  return Math.min(MAX_LISTING_PAGES, run.settings.maxPages ?? MAX_LISTING_PAGES);
}

/**
 * Every page of the listing, concurrently: pages 1 to the last the seed's pager shows, and further ones as later
 * pages reveal them (a windowed pager, or one that only says "next"). A page that lists nothing new (a server that
 * answers any page number with its last page) ends the walk there.
 */
function fullWalk(run: CrawlRun, key: string, seed: Seed, discovery: ListingDiscovery, known: Known, resume: boolean): void {
  const { db, settings } = run;
  const host = new URL(seed.page.finalUrl).host;
  const pager = discovery.pager;
  const limit = limitOf(run);
  const seen = new Set<string>();
  let end = Infinity;
  let highest = 0;
  let outstanding = 0;
  let failedPages = 0;
  let lastPage = pager?.current ?? 1;

  const itemOf = (n: number): FrontierItem => ({ url: pageUrl(discovery, seed, n), kind: 'listing', host, walk: key, page: n });
  const upTo = (max: number) => {
    for (let n = highest + 1; n <= Math.min(max, limit); n++) visit(itemOf(n), null);
    highest = Math.max(highest, Math.min(max, limit));
  };
  const visit = (item: FrontierItem, given: FetchResult | null) => {
    const n = item.page ?? 1;
    if (run.scheduled.has(item.url) || n > end || n > limit) return;
    if (!given && resume && frontierState(db, item.url) === 'done') return;
    run.scheduled.add(item.url);
    outstanding++;
    run.queue.add(host, async () => {
      try {
        if (run.aborted() || n > end) return;
        let page = given;
        if (!page) {
          try {
            page = await run.politeFetch(item);
          } catch (err) {
            if (run.aborted()) return;
            failedPages++;
            return run.fail(item, 'fetch', err);
          }
          if (!page) return;
        }
        const step = readListingPage(htmlOf(page), page.finalUrl, known);
        const fresh = step.articles.filter((a) => !seen.has(a.url));
        for (const a of step.articles) seen.add(a.url);
        const linked = step.pages.filter((p) => p <= limit).map(itemOf);
        recordListing(run, item, page, step.articles, linked);
        for (const a of step.articles) {
          if (run.recentEnough(a, asListing(step.articles))) scheduleArticle(run, articleItem(a.url, key), 'auto', settings.refresh);
        }
        run.deps.log.info(`listing ${item.url}: ${step.articles.length} articles`);
        run.progress(item.host);
        if (fresh.length === 0 && n > 1) {
          end = Math.min(end, n);
          run.deps.log.info(`listing ${item.url} lists nothing new: the walk ends at page ${n}`);
          return;
        }
        lastPage = Math.max(lastPage, n);
        upTo(Math.max(...step.pages, 0));
      } finally {
        outstanding--;
        if (outstanding === 0 && failedPages === 0 && !run.aborted() && settings.maxPages === null) {
          if (pendingListingPages(db, key) === 0) completeWalk(db, key, lastPage, run.now());
        }
      }
    });
  };

  // A total the page states (`1-10 của 376`) tells a progress display what this walk will fetch.
  if (pager?.total) run.expect(key, pager.total);
  for (const pending of queuedItems(db, 'listing', [host])) if (pending.walk === key) visit(pending, null);
  visit(itemOf(pager?.current ?? 1), seed.page);
  if (pager) upTo(Math.max(pager.last ?? 0, ...pager.pages.keys()));
}

/**
 * Newest first, one page at a time: an incremental walk stops after the first page with nothing new, a --since
 * walk after the first page whose dated articles are all older than the day given.
 */
async function sequentialWalk(
  run: CrawlRun,
  key: string,
  seed: Seed,
  discovery: ListingDiscovery,
  known: Known,
  incremental: boolean,
): Promise<void> {
  const { db } = run;
  const host = new URL(seed.page.finalUrl).host;
  const pager = discovery.pager;
  const limit = limitOf(run);
  const seen = new Set<string>();
  for (let n = 1; n <= limit && !run.aborted(); n++) {
    const item: FrontierItem = { url: pageUrl(discovery, seed, n), kind: 'listing', host, walk: key, page: n };
    let page: FetchResult | null;
    if (n === (pager?.current ?? 1)) page = seed.page;
    else {
      try {
        page = await run.politeFetch(item);
      } catch (err) {
        if (!run.aborted()) run.fail(item, 'fetch', err);
        return;
      }
    }
    if (!page) return;
    const step = readListingPage(htmlOf(page), page.finalUrl, known);
    requeue(db, item, run.runId, run.now());
    const unknown = recordListing(run, item, page, step.articles, []);
    for (const url of unknown) scheduleArticle(run, articleItem(url, key), 'auto');
    run.deps.log.info(`listing ${item.url}: ${step.articles.length} articles, ${unknown.length} new`);
    run.progress(host);
    const fresh = step.articles.some((a) => !seen.has(a.url));
    for (const a of step.articles) seen.add(a.url);
    const next = pager !== null && (step.pages.some((p) => p > n) || (pager.last ?? 0) > n);
    if ((incremental && unknown.length === 0) || run.allOlder(asListing(step.articles)) || !next || !fresh) return;
  }
}
