import type { Database } from 'better-sqlite3';

export type RunStatus = 'running' | 'done' | 'failed' | 'interrupted';

export interface RunCounts {
  listingPages: number;
  articlesNew: number;
  articlesUpdated: number;
  articlesUnchanged: number;
  articlesFailed: number;
}

/** The counts a run records, from a crawl's or a recovery's summary. */
export function runCounts(summary: {
  listingPages: number;
  articles: { new: number; updated: number; unchanged: number; failed: number };
}): RunCounts {
  const a = summary.articles;
  return {
    listingPages: summary.listingPages,
    articlesNew: a.new,
    articlesUpdated: a.updated,
    articlesUnchanged: a.unchanged,
    articlesFailed: a.failed,
  };
}

export interface CrawlRun extends RunCounts {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  status: RunStatus;
  seeds: string[];
}

export function startRun(db: Database, run: { seeds: string[]; now: Date }): number {
  const result = db
    .prepare("INSERT INTO crawl_runs (started_at, status, seeds) VALUES (?, 'running', ?)")
    .run(run.now.toISOString(), JSON.stringify(run.seeds));
  return Number(result.lastInsertRowid);
}

export function finishRun(
  db: Database,
  runId: number,
  end: { status: Exclude<RunStatus, 'running'>; counts: RunCounts; now: Date },
): void {
  const { counts } = end;
  db.prepare(
    `UPDATE crawl_runs SET finished_at = ?, status = ?, listing_pages = ?, articles_new = ?,
       articles_updated = ?, articles_unchanged = ?, articles_failed = ?
     WHERE id = ?`,
  ).run(
    end.now.toISOString(),
    end.status,
    counts.listingPages,
    counts.articlesNew,
    counts.articlesUpdated,
    counts.articlesUnchanged,
    counts.articlesFailed,
    runId,
  );
}

interface RunRow {
  id: number;
  started_at: string;
  finished_at: string | null;
  status: RunStatus;
  seeds: string;
  listing_pages: number;
  articles_new: number;
  articles_updated: number;
  articles_unchanged: number;
  articles_failed: number;
}

export function getRun(db: Database, runId: number): CrawlRun | null {
  const row = db.prepare('SELECT * FROM crawl_runs WHERE id = ?').get(runId) as RunRow | undefined;
  if (!row) return null;
  return {
    id: row.id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    status: row.status,
    seeds: JSON.parse(row.seeds) as string[],
    listingPages: row.listing_pages,
    articlesNew: row.articles_new,
    articlesUpdated: row.articles_updated,
    articlesUnchanged: row.articles_unchanged,
    articlesFailed: row.articles_failed,
  };
}

/** The most recent runs, newest first. */
export function recentRuns(db: Database, limit: number): CrawlRun[] {
  const ids = db.prepare('SELECT id FROM crawl_runs ORDER BY id DESC LIMIT ?').pluck().all(limit) as number[];
  return ids.map((id) => getRun(db, id)!);
}

/**
 * Runs left `running` by a crawl that was killed (kill -9, power loss). Only called by a crawl that holds the
 * archive's lock, so no other crawl can still be running them.
 */
export function closeAbandonedRuns(db: Database, now: Date): number {
  return db
    .prepare("UPDATE crawl_runs SET status = 'interrupted', finished_at = ? WHERE status = 'running'")
    .run(now.toISOString()).changes;
}
