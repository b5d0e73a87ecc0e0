import type { Database } from 'better-sqlite3';
import { applyHeadersPatch, applyMergePatch, type HeadersPatch } from './headers-patch.js';
import { parseIsoTimestamp } from './iso.js';
import type { CaptureProvenance, PageKind } from './pages.js';

/** Which capture: a `pages` row, or a `recaptures` row of that page. */
export interface CaptureRef {
  pageId: number;
  recaptureId: number | null;
  /** The capture's time (see Capture.capturedAt). */
  capturedAt: string;
}

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
  /** When the page was captured: the fetch time, or for a capture recovered from a web archive its Memento-Datetime. */
  capturedAt: string;
  /** Set for a capture recovered from a web archive. */
  provenance: CaptureProvenance | null;
  /**
   * The first capture of the selection with the same final URL and the same body (in the order captures are
   * iterated), when that is an earlier one: this capture's payload repeats it (a WARC `revisit`). Null for the first.
   */
  original: CaptureRef | null;
}

export interface CaptureFilter {
  /** Host of the requested or the final URL. */
  site?: string;
  /** Inclusive bounds on the capture time (capturedAt). */
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
  archive_url: string | null;
  captured_at: string;
  first_page_id: number;
  first_recapture_id: number | null;
  first_captured_at: string;
}

function hostOf(url: unknown): string | null {
  try {
    return new URL(String(url)).host;
  } catch {
    return null;
  }
}

const registered = new WeakSet<Database>();

/** URL hosts and ISO timestamps have no SQL equivalent; registered once per connection (never while in use). */
function registerFunctions(db: Database): void {
  if (registered.has(db)) return;
  db.function('pa_host', { deterministic: true }, hostOf);
  db.function('pa_iso_ms', { deterministic: true }, (s: unknown) => (typeof s === 'string' ? parseIsoTimestamp(s) : null));
  registered.add(db);
}

/**
 * Every capture, pages and recaptures alike, with its capture time (a recovered capture keeps the web archive's
 * Memento-Datetime as `captured_at`) and the page's provenance. Fetch times of recaptures are stored as integers
 * and rebuilt here in the form toISOString() gives, the form of pages.fetched_at, so both order as text.
 */
const CAPTURES = `
  SELECT p.id AS page_id, NULL AS recapture_id, p.run_id, p.url, p.final_url, p.kind, p.method, p.status, p.headers,
    p.request_headers, p.body_sha256, p.fetched_at, NULL AS date_s, NULL AS headers_patch, NULL AS request_patch,
    p.archive_url, coalesce(p.captured_at, p.fetched_at) AS captured_at
  FROM pages p
  UNION ALL
  SELECT page_id, recapture_id, run_id, url, final_url, kind, method, status, headers, request_headers, body_sha256,
    fetched_at, date_s, headers_patch, request_patch, archive_url, coalesce(page_captured_at, fetched_at)
  FROM (
    SELECT r.page_id, r.id AS recapture_id, r.run_id, p.url, p.final_url, p.kind, p.method, p.status, p.headers,
      p.request_headers, p.body_sha256,
      strftime('%Y-%m-%dT%H:%M:%S', r.fetched_ms / 1000, 'unixepoch') || printf('.%03dZ', r.fetched_ms % 1000) AS fetched_at,
      r.date_s, r.headers_patch, r.request_patch, p.archive_url, p.captured_at AS page_captured_at
    FROM recaptures r JOIN pages p ON p.id = r.page_id
  )`;

/**
 * The selection (by host, and by capture time), in fetch order (then page, then repeat), each with the first capture
 * of the selection that has the same final URL and body. SQLite sorts and windows in its own bounded cache,
 * spilling to temporary files, so memory stays flat however large the archive; no body is read.
 */
const SELECTION = `
  WITH selected AS (
    SELECT * FROM (${CAPTURES})
    WHERE (@site IS NULL OR pa_host(url) = @site OR pa_host(final_url) = @site)
      AND (@since IS NULL OR pa_iso_ms(captured_at) >= @since)
      AND (@until IS NULL OR pa_iso_ms(captured_at) <= @until)
  )
  SELECT *,
    first_value(page_id) OVER same AS first_page_id,
    first_value(recapture_id) OVER same AS first_recapture_id,
    first_value(captured_at) OVER same AS first_captured_at
  FROM selected
  WINDOW same AS (PARTITION BY final_url, body_sha256 ORDER BY fetched_at, page_id, recapture_id)
  ORDER BY fetched_at, page_id, recapture_id`;

function toCapture(row: CaptureRow): Capture {
  const base = JSON.parse(row.headers) as Record<string, string>;
  const request = row.request_headers === null ? null : (JSON.parse(row.request_headers) as Record<string, string>);
  const requestPatch = row.request_patch === null ? null : (JSON.parse(row.request_patch) as HeadersPatch);
  const first = row.first_page_id === row.page_id && row.first_recapture_id === row.recapture_id;
  return {
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
    capturedAt: row.captured_at,
    provenance: row.archive_url === null ? null : { archiveUrl: row.archive_url, capturedAt: row.captured_at },
    original: first
      ? null
      : { pageId: row.first_page_id, recaptureId: row.first_recapture_id, capturedAt: row.first_captured_at },
  };
}

/** The selected captures in fetch order, each with the earlier capture whose payload it repeats, if any. */
export function* iterateCaptures(db: Database, filter: CaptureFilter = {}): IterableIterator<Capture> {
  registerFunctions(db);
  const params = {
    site: filter.site ?? null,
    since: filter.since?.getTime() ?? null,
    until: filter.until?.getTime() ?? null,
  };
  for (const row of db.prepare(SELECTION).iterate(params) as IterableIterator<CaptureRow>) yield toCapture(row);
}
