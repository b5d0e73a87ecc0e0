import { PortalArchiverError } from '../errors.js';
import type { FetchResult } from '../fetch/client.js';
import type { PortalProfile } from '../profiles/profile.js';
import { blobExists, blobNeeded, preparedBlob } from '../store/blobs.js';
import { type FrontierItem, frontierState, markDone, requeueLinked } from '../store/frontier.js';
import { saveValidators } from '../store/http-cache.js';
import { saveArticle, savePage } from '../store/index.js';
import { recordOf } from '../source/record.js';
import type { CrawlRun } from './run.js';
import type { SpoolEntry } from './spool.js';

/**
 * One article: fetch (conditionally for a refresh), extract and compress the body for storage (in the extraction
 * pool, unless the archive holds that body already), then store page, record, frontier mark and validators as one
 * unit in the run's next write batch, so a crawl killed at any instant has either all of it or none.
 *
 * With a spool (crawl/spool.ts) the page is appended to it as soon as it has arrived and the request slot is given
 * back: what is left (extraction and storage) is returned as `storing`, which the caller waits for outside the slot;
 * a kill then costs the requests in flight, the spooled pages being stored by the next run. Without one the task
 * holds its slot until the batch is committed, which bounds what a kill costs the same way.
 */
export async function archiveArticle(
  run: CrawlRun,
  item: FrontierItem,
  profile: PortalProfile | 'auto',
  conditional: boolean,
): Promise<{ storing: Promise<void> } | void> {
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
  const { sha256, needed } = blobNeeded(db, page.body);
  const extractAs = profile === 'auto' ? 'auto' : profile.id;
  if (!run.spooling) return storeArticle(run, item, extractAs, page, sha256, needed, null);
  const { spool, storing } = run.spooling;
  const entry = spool.append(item, extractAs, page, sha256);
  // Pages waiting to be stored are bounded too: a full window keeps this request slot until one is stored.
  await storing.acquire();
  return { storing: storeArticle(run, item, extractAs, page, sha256, needed, entry).finally(() => storing.release()) };
}

/**
 * Extracts a fetched (or spooled) article page and stores it with its record in the next write batch. The spool's
 * entry is let go once the page is stored or its failure recorded, not when the run stops or fails first: the next
 * run then stores it.
 */
export async function storeArticle(
  run: CrawlRun,
  item: FrontierItem,
  profile: string,
  fetched: FetchResult,
  sha256: string,
  needed: boolean,
  spooled: SpoolEntry | null,
): Promise<void> {
  const { db, summary } = run;
  let extracted;
  let compressed: Uint8Array | null;
  try {
    ({ value: extracted, compressed } = await run.extractor.run({
      kind: 'article',
      url: item.url,
      body: fetched.body,
      contentType: fetched.headers['content-type'],
      // `auto`: the profile that claims the page, else the generic extractor.
      profile,
      compress: needed,
    }));
  } catch (err) {
    if (run.aborted()) return;
    if (err instanceof PortalArchiverError && err.policy !== 'skip') throw err;
    savePage(db, run.pageRow(fetched, 'article'));
    summary.articles.failed++;
    run.fail(item, 'extract', err);
    spooled?.stored();
    return;
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
  spooled?.stored();
  summary.articles[outcome]++;
}

/**
 * Stores the article pages an earlier crawl spooled and did not store (it was killed or stopped first), instead of
 * fetching them again; the latest copy of a URL counts, and only while its article is still queued. The spool's old
 * files go once every page in them is stored or recorded as failed.
 */
export async function storeLeftovers(run: CrawlRun): Promise<void> {
  if (!run.spooling) return;
  const { spool } = run.spooling;
  const latest = new Map(spool.leftovers().map((p) => [p.item.url, p]));
  const pages = [...latest.values()].filter((p) => frontierState(run.db, p.item.url) === 'queued');
  await Promise.all(
    pages.map(({ item, profile, page, sha256 }) =>
      storeArticle(run, item, profile, page, sha256, !blobExists(run.db, sha256), null),
    ),
  );
  if (!run.aborted()) spool.dropLeftovers();
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
