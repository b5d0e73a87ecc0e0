import type { FetchResult } from '../fetch/client.js';
import { ArchivedRedirectError, NotArchivedError } from '../source/archive/errors.js';
import { findCapture, type StoredCapture } from '../store/archive-captures.js';
import { enqueue } from '../store/frontier.js';
import type { PageKind } from '../store/pages.js';
import { type Portal, targetOf } from './portal.js';
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

export type Read =
  | { kind: 'page'; page: FetchResult }
  | { kind: 'elsewhere'; outcome: 'redirect' | 'not-archived' }
  | { kind: 'failed' };

/**
 * Reads one capture through the web archive source. A capture that turns out to be another one (a redirect inside
 * the archive) is this capture's content only if it is of the same page and not listed on its own; an article it
 * leads to instead joins the frontier, to be looked up.
 */
export async function readCapture(run: RecoverRun, portal: Portal, c: StoredCapture): Promise<Read> {
  let page: FetchResult;
  try {
    page = await run.source.fetch(c.original, { at: c.timestamp });
  } catch (err) {
    if (err instanceof ArchivedRedirectError) return { kind: 'elsewhere', outcome: 'redirect' };
    if (err instanceof NotArchivedError) return { kind: 'elsewhere', outcome: 'not-archived' };
    if (!run.aborted()) run.failCapture(c, 'fetch', err);
    return { kind: 'failed' };
  }
  run.summary.replayed++;
  const served = run.deps.client.servedCapture(page);
  if (served && (served.original !== c.original || served.timestamp !== c.timestamp)) {
    const target = targetOf(served.original, portal);
    const listed = findCapture(run.db, run.archive, served.original, served.timestamp) !== null;
    if (listed || target?.url !== c.target) {
      if (target?.kind === 'article' && !listed) {
        const host = new URL(portal.origin).host;
        enqueue(run.db, [{ url: target.url, kind: 'article', host, walk: null, page: null }], run.runId, run.now());
      }
      return { kind: 'elsewhere', outcome: 'redirect' };
    }
  }
  return { kind: 'page', page };
}
