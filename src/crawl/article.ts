import { PortalArchiverError } from '../errors.js';
import { extractPage } from '../extract/page.js';
import type { FetchResult } from '../fetch/client.js';
import type { PortalProfile } from '../profiles/profile.js';
import { type FrontierItem, frontierState, markDone } from '../store/frontier.js';
import { saveValidators } from '../store/http-cache.js';
import { saveArticle, savePage } from '../store/index.js';
import { storeWrite } from '../store/write-errors.js';
import { contentHash } from './hash.js';
import type { CrawlRun } from './run.js';
import { htmlOf } from './seed.js';

/**
 * Queues one article: fetch (conditionally when `force`, i.e. a refresh), extract, and store page, record and
 * frontier mark in one transaction, so a crawl killed at any instant has either all of it or none.
 */
export function scheduleArticle(run: CrawlRun, item: FrontierItem, profile: PortalProfile, force = false): void {
  const { db, summary } = run;
  if (run.scheduled.has(item.url)) return;
  if (!force && frontierState(db, item.url) === 'done') return;
  run.scheduled.add(item.url);
  run.queue.add(item.host, async () => {
    if (run.aborted()) return;
    let page: FetchResult | null;
    try {
      page = await run.politeFetch(item, force);
    } catch (err) {
      if (run.aborted()) return;
      summary.articles.failed++;
      return run.fail(item, 'fetch', err);
    } finally {
      run.progress();
    }
    if (!page) {
      summary.articles.skipped++;
      return;
    }
    if (page.status === 304) {
      markDone(db, item.url, run.runId, 304, run.now());
      summary.articles.unchanged++;
      return;
    }
    const fetched = page;
    let extracted;
    try {
      extracted = extractPage(htmlOf(fetched), item.url, { profile: profile.id });
    } catch (err) {
      if (err instanceof PortalArchiverError && err.policy !== 'skip') throw err;
      savePage(db, run.pageRow(fetched, 'article'));
      summary.articles.failed++;
      return run.fail(item, 'extract', err);
    }
    const record = {
      ...extracted,
      images: extracted.images.map((i) => ({ ...i, sha256: null, size: null })),
      source: 'live' as const,
      archive_url: null,
      fetched_at: fetched.fetchedAt,
      captured_at: fetched.fetchedAt,
      content_sha256: contentHash(extracted),
    };
    const outcome = storeWrite(() =>
      db.transaction(() => {
        const pageId = savePage(db, run.pageRow(fetched, 'article'));
        const result = saveArticle(db, record, { runId: run.runId, pageId });
        markDone(db, item.url, run.runId, fetched.status, run.now());
        saveValidators(db, item.url, fetched.headers, run.now());
        return result;
      })(),
    );
    summary.articles[outcome]++;
  });
}
