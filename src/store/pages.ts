import type { Database } from 'better-sqlite3';
import { type PreparedBlob, prepareBlob, putBlob, readBlob } from './blobs.js';
import { ArchiveError } from './errors.js';
import { headersPatch, mergePatch } from './headers-patch.js';
import { stmt } from './statements.js';
import { storeWrite } from './write-errors.js';
import { transact } from './transaction.js';

export type PageKind = 'listing' | 'article' | 'image' | 'robots';

/** Where a capture recovered from a web archive came from; absent (null) for a capture fetched from the site. */
export interface CaptureProvenance {
  /** The memento's URL at the web archive (its URI-M), which the body was read from. */
  archiveUrl: string;
  /** When the web archive captured the page: its Memento-Datetime, ISO 8601 UTC. */
  capturedAt: string;
}

export interface PageToSave {
  runId: number;
  /** The URL that was requested. */
  url: string;
  /** The URL after redirects. */
  finalUrl: string;
  kind: PageKind;
  status: number;
  headers: Record<string, string>;
  /** Raw bytes as received, before any charset decoding, so extraction can be re-run later. */
  body: Buffer;
  fetchedAt: string;
  /** The request headers as sent on the last hop (for the WARC request record); null or absent when unknown. */
  requestHeaders?: Record<string, string> | null;
  /** `GET` when absent. */
  method?: string;
  /**
   * Set for a capture recovered from a web archive: `url`/`finalUrl` are then the page's own URL and `fetchedAt`
   * when the memento was read; the WARC export dates the capture by `provenance.capturedAt`.
   */
  provenance?: CaptureProvenance | null;
}

interface LatestRow {
  id: number;
  final_url: string;
  kind: string;
  method: string;
  status: number;
  headers: string;
  request_headers: string | null;
  body_sha256: string;
  archive_url: string | null;
  captured_at: string | null;
}

/**
 * Stores one capture and returns the id of the stored response. The body goes into `blobs` once per hash.
 * When the latest capture of the same URL got the same response (body, status, final URL, method), the capture
 * is a `recaptures` row of a few bytes pointing at that page, whose id is returned, with whatever headers
 * differ kept as patches: an unchanged re-crawl costs almost nothing, and every capture is still kept.
 * `prepared` is the body already hashed and compressed (the crawl compresses in its extraction workers); without it
 * the body is prepared here.
 */
export function savePage(db: Database, page: PageToSave, prepared?: PreparedBlob): number {
  return storeWrite(() => {
    const blob = prepared ?? prepareBlob(db, page.body, page.headers['content-type']);
    const method = page.method ?? 'GET';
    const requestHeaders = page.requestHeaders ? JSON.stringify(page.requestHeaders) : null;
    return transact(db, (): number => {
      putBlob(db, blob, page.body);
      const latest = stmt(
        db,
        `SELECT id, final_url, kind, method, status, headers, request_headers, body_sha256, archive_url, captured_at
         FROM pages WHERE url = ? ORDER BY id DESC LIMIT 1`,
      ).get(page.url) as LatestRow | undefined;
      const fetchedMs = isoMs(page.fetchedAt);
      const provenance = page.provenance ?? null;
      // Headers may differ (Date, a cookie, a conditional request's validators): they are kept as patches.
      const same =
        latest !== undefined &&
        fetchedMs !== null &&
        latest.final_url === page.finalUrl &&
        latest.kind === page.kind &&
        latest.method === method &&
        latest.status === page.status &&
        latest.body_sha256 === blob.sha256 &&
        // A recapture inherits its page's provenance: a memento is a repeat only of the same memento.
        latest.archive_url === (provenance?.archiveUrl ?? null) &&
        latest.captured_at === (provenance?.capturedAt ?? null);
      if (same) {
        const delta = headersPatch(JSON.parse(latest.headers) as Record<string, string>, page.headers);
        const requestPatch = mergePatch(
          latest.request_headers === null ? {} : (JSON.parse(latest.request_headers) as Record<string, string>),
          page.requestHeaders ?? {},
        );
        stmt(
          db,
          `INSERT INTO recaptures (page_id, run_id, fetched_ms, date_s, headers_patch, request_patch)
           VALUES (?, ?, ?, ?, ?, ?)`,
        ).run(
          latest.id,
          page.runId,
          fetchedMs,
          delta.dateS,
          delta.patch === null ? null : JSON.stringify(delta.patch),
          requestPatch === null ? null : JSON.stringify(requestPatch),
        );
        return latest.id;
      }
      const result = stmt(
        db,
        `INSERT INTO pages (run_id, url, final_url, kind, method, status, headers, request_headers, body_sha256, fetched_at,
           archive_url, captured_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
          page.runId,
          page.url,
          page.finalUrl,
          page.kind,
          method,
          page.status,
          JSON.stringify(page.headers),
          requestHeaders,
          blob.sha256,
          page.fetchedAt,
          provenance?.archiveUrl ?? null,
          provenance?.capturedAt ?? null,
        );
      return Number(result.lastInsertRowid);
    });
  });
}

/** The raw body of a stored page, checked against its hash (a damaged body is an ArchiveError, not data). */
export function readPageBody(db: Database, pageId: number): Buffer {
  const row = db.prepare('SELECT url, body_sha256 FROM pages WHERE id = ?').get(pageId) as
    | { url: string; body_sha256: string }
    | undefined;
  if (!row) throw new ArchiveError(`no stored page with id ${pageId}`);
  return readBlob(db, row.body_sha256, row.url);
}

/** Epoch ms of a fetch time, only when it is in the exact form toISOString() gives back (so it round-trips). */
function isoMs(iso: string): number | null {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  return new Date(ms).toISOString() === iso ? ms : null;
}

/** The body of the latest successful capture of a URL, or null: what a 304 answer says is still current. */
export function latestBody(db: Database, url: string): Buffer | null {
  const id = db
    .prepare('SELECT id FROM pages WHERE url = ? AND status BETWEEN 200 AND 299 ORDER BY id DESC LIMIT 1')
    .pluck()
    .get(url) as number | undefined;
  return id === undefined ? null : readPageBody(db, id);
}
