import type { Database } from 'better-sqlite3';
import { htmlOf } from '../crawl/seed.js';
import { PortalArchiverError } from '../errors.js';
import { extractPage } from '../extract/page.js';
import { onPortal } from '../source/archive/fold.js';
import { isSoftNotFound, rewrittenMarker } from '../source/archive/page-checks.js';
import { recordOf } from '../source/record.js';
import { type CaptureOutcome, capturesOf, markCaptureDone, pendingTargets, type StoredCapture } from '../store/archive-captures.js';
import { enqueue, isArchived, markDone, markFailed, markSkipped } from '../store/frontier.js';
import { saveArticle, savePage } from '../store/index.js';
import { storeWrite } from '../store/write-errors.js';
import { pageRow, readCapture } from './capture.js';
import type { Portal } from './portal.js';
import type { RecoverRun } from './run.js';
import { transact } from '../store/transaction.js';

/** The latest time the article's current content was seen (live fetch or capture), or null when not archived. */
function seenUntil(db: Database, url: string): string | null {
  return (db.prepare('SELECT fetched_at FROM articles WHERE url = ?').pluck().get(url) as string | undefined) ?? null;
}

/** Memento-Datetime of a capture from its CDX timestamp, in the form the fetcher writes times. */
function isoOf(timestamp: string): string {
  const t = timestamp;
  return new Date(Date.UTC(+t.slice(0, 4), +t.slice(4, 6) - 1, +t.slice(6, 8), +t.slice(8, 10), +t.slice(10, 12), +t.slice(12, 14))).toISOString();
}

/**
 * Reads an article's captures not read before, oldest first, so that each distinct version becomes a revision in
 * capture order and the record ends with the latest. A capture repeating the payload of the one before (a revisit,
 * a second spelling of the URL) is not fetched: it only moves when the content was last seen. Soft-404s, archived
 * errors and pages no extractor reads are not versions. A capture older than what the record already holds (found
 * late, or the record came from a later live crawl) is kept as a capture and does not change the record. The first
 * capture that cannot be had ends the article's turn, so the next run goes on from it in order; one that fails again
 * on that run is passed over.
 */
async function readArticle(run: RecoverRun, portal: Portal, target: string): Promise<void> {
  const { db } = run;
  const captures = capturesOf(db, run.archive, target);
  let lastDigest: string | null = null;
  let failed = false;
  for (const c of captures) {
    if (c.state === 'done') {
      if (c.outcome === 'article' || c.outcome === 'same-payload') lastDigest = c.digest;
      continue;
    }
    if (run.aborted()) return;
    const outcome = await readArticleCapture(run, portal, target, c, lastDigest);
    run.captureDone(portal.host);
    if (outcome === null) {
      failed = true;
      // A capture that failed on an earlier run too no longer holds the later ones back (it stays failed, and if
      // it is ever had, it is older than the record: kept as a capture).
      if (c.state === 'failed') continue;
      break;
    }
    if (outcome === 'article' || outcome === 'same-payload') lastDigest = c.digest;
  }
  if (run.aborted()) return;
  if (failed) markFailed(db, target, { runId: run.runId, reason: 'a capture could not be had', status: null, attempts: 1, now: run.now() });
  else if (isArchived(db, target)) markDone(db, target, run.runId, 200, run.now());
  else markSkipped(db, target, `no capture in the web archive ${run.archive} is the article (not found, soft-404 or unreadable)`, run.runId, run.now());
}

/** One capture of an article; null when it could not be had (recorded as failed). */
async function readArticleCapture(
  run: RecoverRun,
  portal: Portal,
  target: string,
  c: StoredCapture,
  lastDigest: string | null,
): Promise<CaptureOutcome | null> {
  const { db, summary } = run;
  const done = (outcome: CaptureOutcome, pageId: number | null = null) =>
    markCaptureDone(db, c.id, { outcome, pageId, runId: run.runId, now: run.now() });
  if (c.digest !== '-' && c.digest === lastDigest) {
    const at = isoOf(c.timestamp);
    storeWrite(() =>
      transact(db, () => {
        db.prepare('UPDATE articles SET fetched_at = ?, last_run_id = ? WHERE url = ? AND fetched_at < ?').run(at, run.runId, target, at);
        done('same-payload');
      }),
    );
    summary.articles.unchanged++;
    return 'same-payload';
  }
  const read = await readCapture(run, portal, c);
  if (read.kind === 'failed') {
    if (!run.aborted()) summary.articles.failed++;
    return null;
  }
  if (read.kind === 'elsewhere') {
    done(read.outcome);
    return read.outcome;
  }
  const { page } = read;
  // An archived 404 or 5xx, a redirect off the portal: a capture of the URL, not of the article.
  if (page.status !== 200) {
    summary.notArticles++;
    done('not-article');
    return 'not-article';
  }
  const html = htmlOf(page);
  const marker = rewrittenMarker(html);
  if (marker) {
    summary.articles.failed++;
    run.failCapture(c, 'extract', new Error(`the web archive served a rewritten page (${marker}), not the raw capture`));
    return null;
  }
  let record;
  try {
    if (isSoftNotFound(html)) throw new PortalArchiverError('a "page not found" page (soft-404)', { policy: 'skip', url: target });
    record = recordOf(extractPage(html, target), page);
  } catch (err) {
    if (err instanceof PortalArchiverError && err.policy !== 'skip') throw err;
    storeWrite(() =>
      transact(db, () => {
        done('not-article', savePage(db, pageRow(run, page, 'article')));
      }),
    );
    summary.notArticles++;
    run.deps.log.info(`not an article: ${page.provenance!.archiveUrl}: ${(err as Error).message}`);
    return 'not-article';
  }
  const host = new URL(portal.origin).host;
  const related = record.related.flatMap((r) => onPortal(r.url, portal.origin) ?? []);
  const seen = seenUntil(db, record.url);
  const outcome = storeWrite(() =>
    transact(db, () => {
      const pageId = savePage(db, pageRow(run, page, 'article'));
      enqueue(db, related.map((url) => ({ url, kind: 'article' as const, host, walk: null, page: null })), run.runId, run.now());
      if (seen !== null && record.fetched_at < seen) {
        done('older', pageId);
        return 'older' as const;
      }
      const saved = saveArticle(db, record, { runId: run.runId, pageId });
      done('article', pageId);
      return saved;
    }),
  );
  if (outcome === 'older') {
    summary.articles.unchanged++;
    return 'older';
  }
  summary.articles[outcome]++;
  return 'article';
}

export function scheduleArticles(run: RecoverRun, portal: Portal): void {
  const host = new URL(portal.origin).host;
  const targets = pendingTargets(run.db, run.archive, portal.host, 'article');
  enqueue(run.db, targets.map((url) => ({ url, kind: 'article' as const, host, walk: null, page: null })), run.runId, run.now());
  for (const target of targets) run.queue.add(portal.host, () => readArticle(run, portal, target));
}
