import { htmlOf } from '../crawl/seed.js';
import { extractListing } from '../extract/listing.js';
import type { FetchResult } from '../fetch/client.js';
import { profiles } from '../profiles/index.js';
import { onPortal } from '../source/archive/fold.js';
import { rewrittenMarker } from '../source/archive/page-checks.js';
import { capturesOf, findCapture, markCaptureDone, pendingTargets, type StoredCapture } from '../store/archive-captures.js';
import { enqueue } from '../store/frontier.js';
import { savePage } from '../store/index.js';
import type { PageKind } from '../store/pages.js';
import { storeWrite } from '../store/write-errors.js';
import type { Portal } from './portal.js';
import type { RecoverRun } from './run.js';

/** A replayed capture as the store keeps it: under its original URLs, with the memento and capture time. */
export function pageRow(run: RecoverRun, page: FetchResult, kind: PageKind) {
  return {
    runId: run.runId,
    url: page.url,
    finalUrl: page.finalUrl,
    kind,
    status: page.status,
    headers: page.headers,
    requestHeaders: null,
    body: page.body,
    fetchedAt: page.fetchedAt,
    provenance: page.provenance ?? null,
  };
}

/** The article links of a listing page, read with the first family profile that finds any (as a crawl's seed). */
export function articleLinks(html: string, url: string): string[] {
  for (const profile of profiles) {
    const found = extractListing(html, url, { profile });
    if (found.articles.length > 0) return found.articles.map((a) => a.url);
  }
  return [];
}

/** Whether a replay served a capture other than the one asked for that a query listed on its own. */
export function listedElsewhere(run: RecoverRun, capture: StoredCapture, served: { original: string; timestamp: string }): boolean {
  if (served.original === capture.original && served.timestamp === capture.timestamp) return false;
  return findCapture(run.db, run.archive, served.original, served.timestamp) !== null;
}

/**
 * Reads every capture of a listing page not read before (one per distinct payload: the same bytes link the same
 * articles) and keeps, with the page, the article links it holds in the frontier: those the web archive has no
 * capture of are looked up afterwards.
 */
async function readListing(run: RecoverRun, portal: Portal, target: string): Promise<void> {
  const { db } = run;
  const read = new Set<string>();
  for (const c of capturesOf(db, run.archive, target)) {
    if (c.state === 'done' && (c.outcome === 'listing' || c.outcome === 'same-payload')) read.add(c.digest);
  }
  for (const c of capturesOf(db, run.archive, target)) {
    if (c.state === 'done' || run.aborted()) continue;
    await readListingCapture(run, portal, c, read);
    run.captureDone(portal.host);
  }
}

/** One capture of a listing page. */
async function readListingCapture(run: RecoverRun, portal: Portal, c: StoredCapture, read: Set<string>): Promise<void> {
  const { db } = run;
  const host = new URL(portal.origin).host;
  const done = (outcome: 'same-payload' | 'redirect' | 'not-archived' | 'not-article') =>
    markCaptureDone(db, c.id, { outcome, pageId: null, runId: run.runId, now: run.now() });
  if (c.digest !== '-' && read.has(c.digest)) {
    done('same-payload');
    return;
  }
  let result;
  try {
    result = await run.deps.client.replay(c.original, c.timestamp, (t) => onPortal(t, portal.origin) !== null);
  } catch (err) {
    if (run.aborted()) return;
    run.failCapture(c, 'fetch', err);
    return;
  }
  if (result.kind !== 'memento') {
    done(result.kind === 'redirect' ? 'redirect' : 'not-archived');
    return;
  }
  run.summary.replayed++;
  const { page } = result;
  if (listedElsewhere(run, c, result)) {
    done('redirect');
    return;
  }
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
  const url = onPortal(result.original, portal.origin) ?? result.original;
  const links = articleLinks(html, url).flatMap((a) => onPortal(a, portal.origin) ?? []);
  storeWrite(() =>
    db.transaction(() => {
      const pageId = savePage(db, pageRow(run, page, 'listing'));
      enqueue(db, links.map((l) => ({ url: l, kind: 'article' as const, host, walk: null, page: null })), run.runId, run.now());
      markCaptureDone(db, c.id, { outcome: 'listing', pageId, runId: run.runId, now: run.now() });
    })(),
  );
  read.add(c.digest);
  run.summary.listingPages++;
}

export function scheduleListings(run: RecoverRun, portal: Portal): void {
  for (const target of pendingTargets(run.db, run.archive, portal.host, 'listing')) {
    run.queue.add(portal.host, () => readListing(run, portal, target));
  }
}
