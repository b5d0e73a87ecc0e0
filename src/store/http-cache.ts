import type { Database } from 'better-sqlite3';
import { stmt } from './statements.js';

/** ETag and Last-Modified of the last good response per URL, for conditional GETs. */
export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export function getValidators(db: Database, url: string): Validators | null {
  const row = stmt(db, 'SELECT etag, last_modified FROM validators WHERE url = ?').get(url) as
    | { etag: string | null; last_modified: string | null }
    | undefined;
  return row ? { etag: row.etag, lastModified: row.last_modified } : null;
}

export function saveValidators(db: Database, url: string, headers: Record<string, string>, now: string): void {
  const etag = headers['etag'] ?? null;
  const lastModified = headers['last-modified'] ?? null;
  if (!etag && !lastModified) return;
  stmt(db,
    `INSERT INTO validators (url, etag, last_modified, checked_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, checked_at = excluded.checked_at`,
  ).run(url, etag, lastModified, now);
}

export interface StoredRobots {
  status: number | null;
  body: string | null;
  fetched_at: string;
}

export function getRobots(db: Database, host: string): StoredRobots | null {
  return (stmt(db, 'SELECT status, body, fetched_at FROM robots WHERE host = ?').get(host) as StoredRobots | undefined) ?? null;
}

export function saveRobots(db: Database, host: string, robots: StoredRobots): void {
  stmt(db,
    `INSERT INTO robots (host, status, body, fetched_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (host) DO UPDATE SET status = excluded.status, body = excluded.body, fetched_at = excluded.fetched_at`,
  ).run(host, robots.status, robots.body, robots.fetched_at);
}
