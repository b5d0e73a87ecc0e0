import { PortalArchiverError } from '../errors.js';
import type { FetchResult } from '../fetch/client.js';
import type { PortalProfile } from '../profiles/profile.js';
import { blobNeeded, preparedBlob } from '../store/blobs.js';
import { type FrontierItem, markDone, requeueLinked } from '../store/frontier.js';
import { saveValidators } from '../store/http-cache.js';
import { saveArticle, savePage } from '../store/index.js';
import { recordOf } from '../source/record.js';
import type { CrawlRun } from './run.js';

/**
 * One article: fetch (conditionally for a refresh), extract and compress the body for storage (in the extraction
 * pool, unless the archive holds that body already), then store page, record, frontier mark and validators as one
 * unit in the run's next write batch, so a crawl killed at any instant has either all of it or none. The task holds
 * its queue slot until the batch is committed: a kill loses at most the articles in flight.
 */
export async function archiveArticle(
  run: CrawlRun,
  item: FrontierItem,
  profile: PortalProfile | 'auto',
  conditional: boolean,
): Promise<void> {
  const { db, summary } = run;
  if (run.aborted()) return;
  let page: FetchResult | null;
  try {
    page = await run.politeFetch(item, conditional);
  } catch (err) {
    if (run.aborted()) return;
    summary.articles.failed++;
    return run.fail(item, 'fetch', err);
  } finally {
    run.progress(item.host);
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
  const contentType = fetched.headers['content-type'];
  const { sha256, needed } = blobNeeded(db, fetched.body);
  let extracted;
  let compressed: Uint8Array | null;
  try {
    ({ value: extracted, compressed } = await run.extractor.run({
      kind: 'article',
      url: item.url,
      body: fetched.body,
      contentType,
      // `auto`: the profile that claims the page, else the generic extractor.
      profile: profile === 'auto' ? 'auto' : profile.id,
      compress: needed,
    }));
  } catch (err) {
    if (run.aborted()) return;
    if (err instanceof PortalArchiverError && err.policy !== 'skip') throw err;
    savePage(db, run.pageRow(fetched, 'article'));
    summary.articles.failed++;
    return run.fail(item, 'extract', err);
  }
  const blob = preparedBlob(sha256, fetched.body, compressed);
  const record = recordOf(extracted, fetched);
  const outcome = await run.writer.write((deferIndex) => {
    const pageId = savePage(db, run.pageRow(fetched, 'article'), blob);
    const result = saveArticle(db, record, { runId: run.runId, pageId, deferIndex });
    markDone(db, item.url, run.runId, fetched.status, run.now());
    saveValidators(db, item.url, fetched.headers, run.now());
    return result;
  });
  summary.articles[outcome]++;
}

/**
 * Asks for one article to be archived this run; the run's feeder (feeder.ts) hands it to the queue when its host has
 * room, so memory holds a bounded window of articles whatever a listing links. The article must be in the frontier
 * (`enqueue`); one an earlier run skipped is queued again. With `force` an article archived before is fetched again
 * (conditionally): at once when it is a seed, or put back in the queue during a --refresh.
 */
export function scheduleArticle(run: CrawlRun, item: FrontierItem, profile: PortalProfile | 'auto', force = false): void {
  if (force && !run.settings.refresh) return run.feeder.schedule(item, profile, true);
  requeueLinked(run.db, [item.url], run.runId, run.now(), force ? ['done', 'skipped'] : ['skipped']);
  run.feeder.fill(item.host);
}
