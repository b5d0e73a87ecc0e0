import type { Database } from 'better-sqlite3';
import { applyHeadersPatch, applyMergePatch, type HeadersPatch } from './headers-patch.js';
import { parseIsoTimestamp } from './iso.js';
import type { PageKind } from './pages.js';

/** One fetch as it happened: a `pages` row, or a `recaptures` row read together with the page it repeats. */
export interface Capture {
  pageId: number;
  /** Set when this capture is a repeat of `pageId`'s response. */
  recaptureId: number | null;
  runId: number | null;
  url: string;
  finalUrl: string;
  kind: PageKind;
  method: string;
  status: number;
  headers: Record<string, string>;
  requestHeaders: Record<string, string> | null;
  bodySha256: string;
  /** ISO 8601 UTC, as the fetcher wrote it. */
  fetchedAt: string;
}

export interface CaptureFilter {
  /** Host of the requested or the final URL. */
  site?: string;
  /** Inclusive bounds on the fetch time. */
  since?: Date;
  until?: Date;
}

interface CaptureRow {
  page_id: number;
  recapture_id: number | null;
  run_id: number | null;
  url: string;
  final_url: string;
  kind: PageKind;
  method: string;
  status: number;
  headers: string;
  request_headers: string | null;
  body_sha256: string;
  fetched_at: string;
  date_s: number | null;
  headers_patch: string | null;
  request_patch: string | null;
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

/**
 * Every capture in fetch order (then page, then repeat). The filter is applied here rather than in SQL because
 * fetch times of recaptures are integers and of pages text; the scan reads metadata only, never a body.
 */
export function* iterateCaptures(db: Database, filter: CaptureFilter = {}): IterableIterator<Capture> {
  const rows = db.prepare(
    `SELECT p.id AS page_id, NULL AS recapture_id, p.run_id, p.url, p.final_url, p.kind, p.method, p.status, p.headers,
       p.request_headers, p.body_sha256, p.fetched_at, NULL AS date_s, NULL AS headers_patch, NULL AS request_patch
     FROM pages p
     UNION ALL
     SELECT r.page_id, r.id, r.run_id, p.url, p.final_url, p.kind, p.method, p.status, p.headers,
       p.request_headers, p.body_sha256,
       strftime('%Y-%m-%dT%H:%M:%S', r.fetched_ms / 1000, 'unixepoch') || printf('.%03dZ', r.fetched_ms % 1000),
       r.date_s, r.headers_patch, r.request_patch
     FROM recaptures r JOIN pages p ON p.id = r.page_id
     ORDER BY fetched_at, page_id, recapture_id`,
  );
  const since = filter.since?.getTime();
  const until = filter.until?.getTime();
  for (const row of rows.iterate() as IterableIterator<CaptureRow>) {
    if (filter.site !== undefined && hostOf(row.url) !== filter.site && hostOf(row.final_url) !== filter.site) continue;
    if (since !== undefined || until !== undefined) {
      const at = parseIsoTimestamp(row.fetched_at);
      if (at === null || (since !== undefined && at < since) || (until !== undefined && at > until)) continue;
    }
    const base = JSON.parse(row.headers) as Record<string, string>;
    const request = row.request_headers === null ? null : (JSON.parse(row.request_headers) as Record<string, string>);
    const requestPatch = row.request_patch === null ? null : (JSON.parse(row.request_patch) as HeadersPatch);
    yield {
      pageId: row.page_id,
      recaptureId: row.recapture_id,
      runId: row.run_id,
      url: row.url,
      finalUrl: row.final_url,
      kind: row.kind,
      method: row.method,
      status: row.status,
      headers:
        row.recapture_id === null
          ? base
          : applyHeadersPatch(base, {
              dateS: row.date_s,
              patch: row.headers_patch === null ? null : (JSON.parse(row.headers_patch) as HeadersPatch),
            }),
      requestHeaders: requestPatch === null ? request : applyMergePatch(request ?? {}, requestPatch),
      bodySha256: row.body_sha256,
      fetchedAt: row.fetched_at,
    };
  }
}
