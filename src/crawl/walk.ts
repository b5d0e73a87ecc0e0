import { extractListing, type ListingPage } from '../extract/listing.js';
import type { FetchResult } from '../fetch/client.js';
import type { PortalProfile } from '../profiles/profile.js';
import { type ListingRef, listingPageUrl } from '../profiles/urls.js';
import {
  completeWalk,
  enqueue,
  type FrontierItem,
  frontierState,
  isArchived,
  markDone,
  pendingListingPages,
  queuedItems,
  requeue,
} from '../store/frontier.js';
import { saveValidators } from '../store/http-cache.js';
import { savePage } from '../store/index.js';
import { storeWrite } from '../store/write-errors.js';
import { scheduleArticle } from './article.js';
import type { CrawlRun } from './run.js';
import { htmlOf } from './seed.js';
import type { Seed } from './types.js';

function articleItem(url: string, walk: ListingRef): FrontierItem {
  return { url, kind: 'article', host: new URL(url).host, walk: walk.key, page: null };
}

/** Stores a listing page and what it links, in one transaction; returns the articles not known before. */
function recordListing(run: CrawlRun, item: FrontierItem, page: FetchResult, found: ListingPage, walk: ListingRef): FrontierItem[] {
  const { db, settings } = run;
  const articles = found.articles.filter((a) => run.recentEnough(a, found)).map((a) => articleItem(a.url, walk));
  const pages = found.pages
    .filter((p) => settings.maxPages === null || p.page <= settings.maxPages)
    .map((p): FrontierItem => ({ url: p.url, kind: 'listing', host: item.host, walk: walk.key, page: p.page }));
  return storeWrite(() =>
    db.transaction(() => {
      // A 304 re-uses the stored copy: nothing new to keep but the fact that it was checked.
      if (page.status !== 304) {
        savePage(db, run.pageRow(page, 'listing'));
        saveValidators(db, page.url, page.headers, run.now());
      }
      const unknown = articles.filter((a) => frontierState(db, a.url) === null && !isArchived(db, a.url));
      enqueue(db, [...articles, ...pages], run.runId, run.now());
      markDone(db, item.url, run.runId, page.status, run.now());
      run.summary.listingPages++;
      return unknown;
    })(),
  );
}

/**
 * Every page of a listing, concurrently, as the pager reveals them; resuming a walk an earlier run left unfinished,
 * the pages it already read are not read again. Marks the walk complete once every page of it is done.
 */
export function fullWalk(run: CrawlRun, walk: ListingRef, seed: Seed, profile: PortalProfile, resume: boolean): void {
  const { db, settings } = run;
  let outstanding = 0;
  let failedPages = 0;
  let lastPage = 1;
  const visit = (item: FrontierItem, given: FetchResult | null) => {
    if (run.scheduled.has(item.url)) return;
    run.scheduled.add(item.url);
    outstanding++;
    run.queue.add(item.host, async () => {
      try {
        if (run.aborted()) return;
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
        const found = extractListing(htmlOf(page), page.finalUrl, { profile });
        if (found.total !== null) run.expect(walk.key, found.total);
        recordListing(run, item, page, found, walk);
        for (const a of found.articles) {
          if (run.recentEnough(a, found)) scheduleArticle(run, articleItem(a.url, walk), profile, settings.refresh);
        }
        for (const p of found.pages) {
          lastPage = Math.max(lastPage, p.page);
          if (settings.maxPages !== null && p.page > settings.maxPages) continue;
          // Resuming an unfinished walk, the pages already read have queued what they link.
          if (resume && frontierState(db, p.url) === 'done') continue;
          visit({ url: p.url, kind: 'listing', host: item.host, walk: walk.key, page: p.page }, null);
        }
        run.deps.log.info(`listing ${item.url}: ${found.articles.length} articles`);
        run.progress(item.host);
      } finally {
        outstanding--;
        if (outstanding === 0 && failedPages === 0 && !run.aborted() && settings.maxPages === null) {
          if (pendingListingPages(db, walk.key) === 0) completeWalk(db, walk.key, lastPage, run.now());
        }
      }
    });
  };
  const host = new URL(walk.url).host;
  for (const pending of queuedItems(db, 'listing', [host])) {
    if (pending.walk === walk.key) visit(pending, null);
  }
  visit({ url: walk.url, kind: 'listing', host, walk: walk.key, page: walk.page }, seed.page);
}

/**
 * Newest first, one page at a time: an incremental walk stops after the first page with nothing new, a --since
 * walk after the first page whose articles are all older than the day given.
 */
export async function sequentialWalk(
  run: CrawlRun,
  walk: ListingRef,
  seed: Seed,
  profile: PortalProfile,
  incremental: boolean,
): Promise<void> {
  const { db, settings } = run;
  const host = new URL(walk.url).host;
  let page: FetchResult | null = seed.page;
  let pageUrl = listingPageUrl(walk, 1, profile);
  for (let n = 1; page && !run.aborted(); n++) {
    const item: FrontierItem = { url: pageUrl, kind: 'listing', host, walk: walk.key, page: n };
    const found = extractListing(htmlOf(page), page.finalUrl, { profile });
    requeue(db, item, run.runId, run.now());
    const unknown = recordListing(run, item, page, found, walk);
    for (const a of unknown) scheduleArticle(run, a, profile);
    run.deps.log.info(`listing ${item.url}: ${found.articles.length} articles, ${unknown.length} new`);
    run.progress(host);
    const next = found.pages.some((p) => p.page > n);
    const limit = settings.maxPages !== null && n >= settings.maxPages;
    if ((incremental && unknown.length === 0) || run.allOlder(found) || !next || limit) break;
    // The pager's own link when the page prints one: some grammars (a Liferay portlet's namespaced parameter) cannot
    // be spelt from the listing's URL alone.
    pageUrl = found.pages.find((p) => p.page === n + 1)?.url ?? listingPageUrl(walk, n + 1, profile);
    const nextItem: FrontierItem = { ...item, url: pageUrl, page: n + 1 };
    try {
      page = await run.politeFetch(nextItem);
    } catch (err) {
      if (!run.aborted()) run.fail(nextItem, 'fetch', err);
      break;
    }
  }
}
