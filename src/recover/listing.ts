import { htmlOf } from '../crawl/seed.js';
import { extractListing } from '../extract/listing.js';
import { profiles } from '../profiles/index.js';
import { onPortal } from '../source/archive/fold.js';
import { rewrittenMarker } from '../source/archive/page-checks.js';
import { capturesOf, markCaptureDone, pendingTargets, type StoredCapture } from '../store/archive-captures.js';
import { pageRow, readCapture } from './capture.js';
import { enqueue } from '../store/frontier.js';
import { savePage } from '../store/index.js';
import { storeWrite } from '../store/write-errors.js';
import type { Portal } from './portal.js';
import type { RecoverRun } from './run.js';
import { transact } from '../store/transaction.js';

/** The article links of a listing page, read with the first family profile that finds any (as a crawl's seed). */
export function articleLinks(html: string, url: string): string[] {
  for (const profile of profiles) {
    const found = extractListing(html, url, { profile });
    if (found.articles.length > 0) return found.articles.map((a) => a.url);
  }
  return [];
}

/**
 * Reads every capture of a listing page not read before (one per distinct payload: the same bytes link the same
 * articles) and keeps, with the page, the article links it holds in the frontier: those the web archive has no
 * capture of are looked up afterwards.
 */
async function readListing(run: RecoverRun, portal: Portal, target: string): Promise<void> {
  const { db } = run;
  const digests = new Set<string>();
  for (const c of capturesOf(db, run.archive, target)) {
    if (c.state === 'done' && (c.outcome === 'listing' || c.outcome === 'same-payload')) digests.add(c.digest);
  }
  for (const c of capturesOf(db, run.archive, target)) {
    if (c.state === 'done' || run.aborted()) continue;
    await readListingCapture(run, portal, c, digests);
    run.captureDone(portal.host);
  }
}

/** One capture of a listing page. */
async function readListingCapture(run: RecoverRun, portal: Portal, c: StoredCapture, digests: Set<string>): Promise<void> {
  const { db } = run;
  const host = new URL(portal.origin).host;
  const done = (outcome: 'same-payload' | 'redirect' | 'not-archived' | 'not-article') =>
    markCaptureDone(db, c.id, { outcome, pageId: null, runId: run.runId, now: run.now() });
  if (c.digest !== '-' && digests.has(c.digest)) {
    done('same-payload');
    return;
  }
  const read = await readCapture(run, portal, c);
  if (read.kind === 'failed') return;
  if (read.kind === 'elsewhere') {
    done(read.outcome);
    return;
  }
  const { page } = read;
  if (page.status !== 200) {
    done('not-article');
    return;
  }
  const html = htmlOf(page);
  const marker = rewrittenMarker(html);
  if (marker) {
    run.failCapture(c, 'extract', new Error(`the web archive served a rewritten page (${marker}), not the raw capture`));
    return;
  }
  const url = onPortal(page.finalUrl, portal.origin) ?? page.finalUrl;
  const links = articleLinks(html, url).flatMap((a) => onPortal(a, portal.origin) ?? []);
  storeWrite(() =>
    transact(db, () => {
      const pageId = savePage(db, pageRow(run, page, 'listing'));
      enqueue(db, links.map((l) => ({ url: l, kind: 'article' as const, host, walk: null, page: null })), run.runId, run.now());
      markCaptureDone(db, c.id, { outcome: 'listing', pageId, runId: run.runId, now: run.now() });
    }),
  );
  digests.add(c.digest);
  run.summary.listingPages++;
}

export function scheduleListings(run: RecoverRun, portal: Portal): void {
  for (const target of pendingTargets(run.db, run.archive, portal.host, 'listing')) {
    run.queue.add(portal.host, () => readListing(run, portal, target));
  }
}
