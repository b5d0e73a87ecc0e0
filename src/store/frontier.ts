import type { Database } from 'better-sqlite3';
import { stmt } from './statements.js';
import { transact } from './transaction.js';

/**
 * The crawl frontier: every URL a crawl knows, with its state. It lives in the archive so that a crawl killed at
 * any instant (kill -9 included) resumes where it stopped: what is `done` is never fetched again, what is `queued`
 * is picked up, what `failed` is tried again on the next run.
 */
export type FrontierKind = 'listing' | 'article';
export type FrontierState = 'queued' | 'done' | 'failed' | 'skipped';

export interface FrontierItem {
  url: string;
  kind: FrontierKind;
  host: string;
  /** The listing walk it belongs to (listing pages), or that found it (articles). */
  walk: string | null;
  /** Listing page number. */
  page: number | null;
}

export interface FrontierRow extends FrontierItem {
  state: FrontierState;
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  updated_at: string;
}

/** Adds URLs not known yet as queued; known URLs keep their state. Returns how many were new. */
export function enqueue(db: Database, items: FrontierItem[], runId: number, now: string): number {
  const insert = stmt(db,
    `INSERT OR IGNORE INTO frontier (url, kind, host, walk, page, state, first_run_id, last_run_id, updated_at)
     VALUES (@url, @kind, @host, @walk, @page, 'queued', @runId, @runId, @now)`,
  );
  let added = 0;
  transact(db, () => {
    for (const item of items) added += insert.run({ ...item, runId, now }).changes;
  });
  return added;
}

/** Puts a URL back in the queue, whatever its state (a re-walked listing page, a refreshed article). */
export function requeue(db: Database, item: FrontierItem, runId: number, now: string): void {
  stmt(db,
    `INSERT INTO frontier (url, kind, host, walk, page, state, first_run_id, last_run_id, updated_at)
     VALUES (@url, @kind, @host, @walk, @page, 'queued', @runId, @runId, @now)
     ON CONFLICT (url) DO UPDATE SET state = 'queued', last_run_id = @runId, updated_at = @now`,
  ).run({ ...item, runId, now });
}

export function markDone(db: Database, url: string, runId: number, status: number, now: string): void {
  stmt(db,
    `UPDATE frontier SET state = 'done', attempts = attempts + 1, last_status = ?, last_error = NULL,
       last_run_id = ?, updated_at = ? WHERE url = ?`,
  ).run(status, runId, now, url);
}

export function markFailed(
  db: Database,
  url: string,
  failure: { runId: number; reason: string; status: number | null; attempts: number; now: string },
): void {
  stmt(db,
    `UPDATE frontier SET state = 'failed', attempts = attempts + ?, last_status = ?, last_error = ?,
       last_run_id = ?, updated_at = ? WHERE url = ?`,
  ).run(failure.attempts, failure.status, failure.reason, failure.runId, failure.now, url);
}

export function markSkipped(db: Database, url: string, reason: string, runId: number, now: string): void {
  stmt(db,
    `UPDATE frontier SET state = 'skipped', last_error = ?, last_run_id = ?, updated_at = ? WHERE url = ?`,
  ).run(reason, runId, now, url);
}

/** What failed before goes back in the queue: a run retries the previous runs' failures. */
export function requeueFailed(db: Database, hosts: string[]): number {
  const statement = stmt(db, `UPDATE frontier SET state = 'queued' WHERE state = 'failed' AND host = ?`);
  let n = 0;
  transact(db, () => {
    for (const host of hosts) n += statement.run(host).changes;
  });
  return n;
}

/**
 * The next queued articles of a host, in the order they were discovered, leaving out those the caller already
 * holds: the crawl keeps a small window of work in memory and pulls more from here as it finishes some.
 */
export function nextQueued(db: Database, host: string, limit: number, held: ReadonlySet<string>): FrontierItem[] {
  const rows = stmt(
    db,
    `SELECT url, kind, host, walk, page FROM frontier
     WHERE state = 'queued' AND kind = 'article' AND host = ? ORDER BY rowid LIMIT ?`,
  ).all(host, limit + held.size) as FrontierItem[];
  const out: FrontierItem[] = [];
  for (const row of rows) {
    if (out.length === limit) break;
    if (!held.has(row.url)) out.push(row);
  }
  return out;
}

/** Articles waiting in the queue for these hosts (one index range per host). */
export function queuedArticles(db: Database, hosts: readonly string[]): number {
  const count = stmt(db, `SELECT count(*) FROM frontier WHERE state = 'queued' AND kind = 'article' AND host = ?`);
  let n = 0;
  for (const host of hosts) n += count.pluck().get(host) as number;
  return n;
}

/**
 * Articles a listing links go back in the queue when an earlier run left them in one of `states`: `skipped` ones (a
 * robots.txt rule, a web archive that had no capture) are tried again by every full walk, and with `--refresh`
 * `done` ones are fetched again (conditionally). One touched by this run already (its last_run_id) is not queued a
 * second time.
 */
export function requeueLinked(
  db: Database,
  urls: string[],
  runId: number,
  now: string,
  states: readonly ('done' | 'skipped' | 'failed')[],
): number {
  // One statement for a listing's links (one index look-up each), not one per link.
  return stmt(
    db,
    `UPDATE frontier SET state = 'queued', last_run_id = ?, updated_at = ?
     WHERE url IN (SELECT value FROM json_each(?)) AND kind = 'article' AND state IN (SELECT value FROM json_each(?))
       AND last_run_id IS NOT ?`,
  ).run(runId, now, JSON.stringify(urls), JSON.stringify(states), runId).changes;
}

export function frontierState(db: Database, url: string): FrontierState | null {
  const row = stmt(db, 'SELECT state FROM frontier WHERE url = ?').pluck().get(url) as FrontierState | undefined;
  return row ?? null;
}

export function queuedItems(db: Database, kind: FrontierKind, hosts: string[]): FrontierItem[] {
  const statement = stmt(db,
    `SELECT url, kind, host, walk, page FROM frontier WHERE state = 'queued' AND kind = ? AND host = ? ORDER BY page, url`,
  );
  return hosts.flatMap((host) => statement.all(kind, host) as FrontierItem[]);
}

export function failedItems(db: Database): FrontierRow[] {
  return stmt(db, `SELECT * FROM frontier WHERE state IN ('failed', 'skipped') ORDER BY host, url`)
    .all() as FrontierRow[];
}

export function frontierCounts(db: Database): Record<FrontierState, number> {
  const counts: Record<FrontierState, number> = { queued: 0, done: 0, failed: 0, skipped: 0 };
  for (const row of stmt(db, 'SELECT state, count(*) AS n FROM frontier GROUP BY state').all() as {
    state: FrontierState;
    n: number;
  }[]) {
    counts[row.state] = row.n;
  }
  return counts;
}

/** An article is archived when the articles table holds it. */
export function isArchived(db: Database, url: string): boolean {
  return stmt(db, 'SELECT 1 FROM articles WHERE url = ?').get(url) !== undefined;
}

export interface Walk {
  key: string;
  seed: string;
  completed_at: string | null;
  last_page: number | null;
}

export function getWalk(db: Database, key: string): Walk | null {
  return (stmt(db, 'SELECT * FROM walks WHERE key = ?').get(key) as Walk | undefined) ?? null;
}

export function startWalk(db: Database, key: string, seed: string): void {
  stmt(db, 'INSERT OR IGNORE INTO walks (key, seed) VALUES (?, ?)').run(key, seed);
}

/** The listing was walked to its last page once: from now on, re-runs may stop early. */
export function completeWalk(db: Database, key: string, lastPage: number, now: string): void {
  stmt(db, 'UPDATE walks SET completed_at = ?, last_page = ? WHERE key = ?').run(now, lastPage, key);
}

/** Listing pages of a walk that are still queued (a walk interrupted before its end). */
export function pendingListingPages(db: Database, walk: string): number {
  return stmt(db, `SELECT count(*) FROM frontier WHERE walk = ? AND kind = 'listing' AND state != 'done'`)
    .pluck()
    .get(walk) as number;
}

/** Articles a walk found that an earlier run archived: what a full walk of it will not fetch again. */
export function articlesDoneBefore(db: Database, walk: string, runId: number): number {
  return db
    .prepare(`SELECT count(*) FROM frontier WHERE walk = ? AND kind = 'article' AND state = 'done' AND last_run_id < ?`)
    .pluck()
    .get(walk, runId) as number;
}
