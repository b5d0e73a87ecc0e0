import type { Database } from 'better-sqlite3';
import { transact } from './transaction.js';

/**
 * Recovery state: the captures web archives listed for a portal and what became of each, and the progress of each
 * CDX query. Everything `recover` needs to resume after a kill and to fetch only what is new on a re-run.
 */

/** One capture as a CDX query lists it, with what it belongs to. */
export interface ListedCapture {
  original: string;
  /** 14 digits, UTC. */
  timestamp: string;
  urlkey: string;
  mimetype: string;
  statuscode: string;
  digest: string;
  kind: 'listing' | 'article';
  /** The canonical original URL of the article, or of the listing page. */
  target: string;
  /** The portal's host, `www.` and default port folded. */
  host: string;
}

export type CaptureState = 'queued' | 'done' | 'failed';

/**
 * What became of a capture: `article` its content was read into the article's record; `same-payload` it repeats
 * the payload of the article's capture before it (not fetched); `older` it differs from the record but is older
 * than what the record holds (kept as a capture only); `listing` a listing page read for its links; `not-article`
 * a soft-404, an archived error or a page no extractor reads; `redirect` an archived redirect to a capture listed on
 * its own or off the portal; `not-archived` the web archive has nothing to replay there.
 */
export type CaptureOutcome = 'article' | 'same-payload' | 'older' | 'listing' | 'not-article' | 'redirect' | 'not-archived';

export interface StoredCapture extends ListedCapture {
  id: number;
  state: CaptureState;
  outcome: CaptureOutcome | null;
  attempts: number;
}

export interface QueryState {
  resumeKey: string | null;
  /** The newest timestamp the query has returned, 14 digits. */
  latest: string | null;
  completedAt: string | null;
}

/**
 * Stores one page of a CDX answer and the query's progress in one transaction, so a recovery killed while it pages
 * through a large answer goes on from the last page it kept. Captures already known keep their state.
 */
export function saveCdxPage(
  db: Database,
  page: { archive: string; query: string; captures: ListedCapture[]; resumeKey: string | null; runId: number; now: string },
): number {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO archive_captures (archive, original, timestamp, urlkey, mimetype, statuscode, digest, kind,
       target, host, first_run_id, last_run_id, updated_at)
     VALUES (@archive, @original, @timestamp, @urlkey, @mimetype, @statuscode, @digest, @kind, @target, @host,
       @runId, @runId, @now)`,
  );
  let added = 0;
  transact(db, () => {
    let latest: string | null = null;
    for (const c of page.captures) {
      added += insert.run({ ...c, archive: page.archive, runId: page.runId, now: page.now }).changes;
      if (latest === null || c.timestamp > latest) latest = c.timestamp;
    }
    db.prepare(
      `INSERT INTO archive_queries (archive, query, resume_key, latest, completed_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (archive, query) DO UPDATE SET resume_key = excluded.resume_key,
         latest = max(coalesce(latest, ''), coalesce(excluded.latest, '')),
         completed_at = excluded.completed_at`,
    ).run(page.archive, page.query, page.resumeKey, latest, page.resumeKey === null ? page.now : null);
  });
  return added;
}

export function queryState(db: Database, archive: string, query: string): QueryState | null {
  const row = db
    .prepare('SELECT resume_key, latest, completed_at FROM archive_queries WHERE archive = ? AND query = ?')
    .get(archive, query) as { resume_key: string | null; latest: string | null; completed_at: string | null } | undefined;
  if (!row) return null;
  return { resumeKey: row.resume_key, latest: row.latest === '' ? null : row.latest, completedAt: row.completed_at };
}

const COLUMNS = 'id, original, timestamp, urlkey, mimetype, statuscode, digest, kind, target, host, state, outcome, attempts';

/** Every capture of one target, oldest first (equal times by URL, so the order is the same on every run). */
export function capturesOf(db: Database, archive: string, target: string): StoredCapture[] {
  return db
    .prepare(`SELECT ${COLUMNS} FROM archive_captures WHERE archive = ? AND target = ? ORDER BY timestamp, original`)
    .all(archive, target) as StoredCapture[];
}

/** The targets of a host with captures still to process (queued, or failed before), in URL order. */
export function pendingTargets(db: Database, archive: string, host: string, kind: 'listing' | 'article'): string[] {
  return db
    .prepare(
      `SELECT DISTINCT target FROM archive_captures WHERE archive = ? AND host = ? AND kind = ? AND state != 'done'
       ORDER BY target`,
    )
    .pluck()
    .all(archive, host, kind) as string[];
}

/** Every target of a host that has any capture, with how many. */
export function knownTargets(db: Database, archive: string, host: string, kind: 'listing' | 'article'): Set<string> {
  return new Set(
    db
      .prepare('SELECT DISTINCT target FROM archive_captures WHERE archive = ? AND host = ? AND kind = ?')
      .pluck()
      .all(archive, host, kind) as string[],
  );
}

/** The capture of `original` at `timestamp`, when a CDX query listed it. */
export function findCapture(db: Database, archive: string, original: string, timestamp: string): StoredCapture | null {
  return (
    (db
      .prepare(`SELECT ${COLUMNS} FROM archive_captures WHERE archive = ? AND original = ? AND timestamp = ?`)
      .get(archive, original, timestamp) as StoredCapture | undefined) ?? null
  );
}

export function markCaptureDone(
  db: Database,
  id: number,
  done: { outcome: CaptureOutcome; pageId: number | null; runId: number; now: string },
): void {
  db.prepare(
    `UPDATE archive_captures SET state = 'done', outcome = ?, page_id = coalesce(?, page_id), attempts = attempts + 1,
       last_error = NULL, last_run_id = ?, updated_at = ? WHERE id = ?`,
  ).run(done.outcome, done.pageId, done.runId, done.now, id);
}

export function markCaptureFailed(
  db: Database,
  id: number,
  failure: { reason: string; attempts: number; runId: number; now: string },
): void {
  db.prepare(
    `UPDATE archive_captures SET state = 'failed', attempts = attempts + ?, last_error = ?, last_run_id = ?, updated_at = ?
     WHERE id = ?`,
  ).run(failure.attempts, failure.reason, failure.runId, failure.now, id);
}
