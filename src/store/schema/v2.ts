import type { Migration } from '../migrations.js';

/**
 * The crawl's state lives in the archive itself, so a crawl killed at any instant resumes where it stopped:
 * - `frontier`: every URL the crawl knows, queued, done or failed, with attempts and the last error;
 * - `walks`: whether a listing was once walked to its last page (from then on re-runs are incremental);
 * - `robots`: each host's robots.txt, kept for a day;
 * - `validators`: ETag and Last-Modified per URL, for conditional GETs;
 * - image hash and size columns, for downloaded media.
 */
export const v2: Migration = {
  version: 2,
  sql: `
    CREATE TABLE frontier (
      url TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('listing', 'article')),
      host TEXT NOT NULL,
      walk TEXT,
      page INTEGER,
      state TEXT NOT NULL CHECK (state IN ('queued', 'done', 'failed', 'skipped')),
      attempts INTEGER NOT NULL DEFAULT 0,
      last_status INTEGER,
      last_error TEXT,
      first_run_id INTEGER,
      last_run_id INTEGER,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX frontier_state ON frontier (state, kind);
    CREATE INDEX frontier_walk ON frontier (walk, page);

    CREATE TABLE walks (
      key TEXT PRIMARY KEY,
      seed TEXT NOT NULL,
      completed_at TEXT,
      last_page INTEGER
    );

    CREATE TABLE robots (
      host TEXT PRIMARY KEY,
      status INTEGER,
      body TEXT,
      fetched_at TEXT NOT NULL
    );

    CREATE TABLE validators (
      url TEXT PRIMARY KEY,
      etag TEXT,
      last_modified TEXT,
      checked_at TEXT NOT NULL
    );

    ALTER TABLE failures ADD COLUMN attempts INTEGER NOT NULL DEFAULT 1;

    -- Filled by crawl --media: the stored image file's hash and size.
    ALTER TABLE article_images ADD COLUMN sha256 TEXT;
    ALTER TABLE article_images ADD COLUMN size INTEGER;
  `,
};
