import type { Database } from 'better-sqlite3';
import { stmt } from './statements.js';

/** A stored article page to read again: the latest successful capture of its URL. */
export interface StoredArticlePage {
  id: number;
  runId: number | null;
  url: string;
  headers: Record<string, string>;
  bodySha256: string;
  fetchedAt: string;
  /** For a capture recovered from a web archive: the memento and its Memento-Datetime; else null. */
  archiveUrl: string | null;
  capturedAt: string | null;
}

/**
 * The next stored article pages after `afterId`, in id order: for each URL only its latest successful capture (what
 * the portal showed last), whether or not an article was read from it before.
 */
export function articlePagesAfter(db: Database, afterId: number, limit: number, site: string | null = null): StoredArticlePage[] {
  const rows = stmt(
    db,
    `SELECT p.id, p.run_id, p.url, p.headers, p.body_sha256, p.fetched_at, p.archive_url, p.captured_at FROM pages p
     WHERE p.id > ? AND p.kind = 'article' AND p.status BETWEEN 200 AND 299 AND ${ON_SITE}
       AND NOT EXISTS (SELECT 1 FROM pages q WHERE q.url = p.url AND q.kind = 'article'
                       AND q.status BETWEEN 200 AND 299 AND q.id > p.id)
     ORDER BY p.id LIMIT ?`,
  ).all(afterId, site, site, site, limit) as {
    id: number;
    run_id: number | null;
    url: string;
    headers: string;
    body_sha256: string;
    fetched_at: string;
    archive_url: string | null;
    captured_at: string | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    runId: r.run_id,
    url: r.url,
    headers: JSON.parse(r.headers) as Record<string, string>,
    bodySha256: r.body_sha256,
    fetchedAt: r.fetched_at,
    archiveUrl: r.archive_url,
    capturedAt: r.captured_at,
  }));
}

/** How many pages `articlePagesAfter` gives from the start (up to page id `upTo` when given): totals for progress. */
export function countArticlePages(db: Database, site: string | null = null, upTo: number | null = null): number {
  return stmt(
    db,
    `SELECT count(*) FROM pages p
     WHERE p.kind = 'article' AND p.status BETWEEN 200 AND 299 AND ${ON_SITE} AND (? IS NULL OR p.id <= ?)
       AND NOT EXISTS (SELECT 1 FROM pages q WHERE q.url = p.url AND q.kind = 'article'
                       AND q.status BETWEEN 200 AND 299 AND q.id > p.id)`,
  ).pluck().get(site, site, site, upTo, upTo) as number;
}

/** The page is on the host given (any scheme, any port-less match of the authority), or no host is given. */
const ON_SITE = `(? IS NULL OR p.url LIKE 'http://' || ? || '/%' OR p.url LIKE 'https://' || ? || '/%')`;

/**
 * Where an unfinished reextract of this scope stopped (the last page id it committed), or null when there is none
 * to resume: no reextract of the scope yet, or the last one finished.
 */
export function reextractResumePoint(db: Database, scope: string): number | null {
  const row = stmt(db, 'SELECT last_page_id, finished_at FROM reextract_progress WHERE scope = ?').get(scope) as
    | { last_page_id: number; finished_at: string | null }
    | undefined;
  return row && row.finished_at === null ? row.last_page_id : null;
}

/** Records how far a reextract got; committed with the batch it follows, so a kill loses at most one batch. */
export function saveReextractPoint(db: Database, scope: string, lastPageId: number, now: string): void {
  stmt(
    db,
    `INSERT INTO reextract_progress (scope, last_page_id, started_at) VALUES (?, ?, ?)
     ON CONFLICT (scope) DO UPDATE SET last_page_id = excluded.last_page_id, finished_at = NULL`,
  ).run(scope, lastPageId, now);
}

/** Starts a reextract of the scope from the first page (a new one, or again after a finished one). */
export function startReextract(db: Database, scope: string, now: string): void {
  stmt(
    db,
    `INSERT INTO reextract_progress (scope, last_page_id, started_at) VALUES (?, 0, ?)
     ON CONFLICT (scope) DO UPDATE SET last_page_id = 0, started_at = excluded.started_at, finished_at = NULL`,
  ).run(scope, now);
}

export function finishReextract(db: Database, scope: string, now: string): void {
  stmt(db, 'UPDATE reextract_progress SET finished_at = ? WHERE scope = ?').run(now, scope);
}
