import type { Migration } from '../migrations.js';

/**
 * What `recover` knows of a web archive, kept in the archive so that a killed recovery resumes and a re-run fetches
 * only what is new:
 * - `archive_captures`: every capture a CDX query listed (one row per web archive, original URL and timestamp, so
 *   duplicate CDX lines collapse), what it belongs to (an article's or a listing page's canonical URL), and what
 *   became of it: queued, done (with its outcome and the stored page) or failed;
 * - `archive_queries`: each CDX query's progress: the resume key of a paged query cut short, the newest capture it
 *   returned (a re-run asks only from there), and whether it ran to its end.
 */
export const v6: Migration = {
  version: 6,
  sql: `
    CREATE TABLE archive_captures (
      id INTEGER PRIMARY KEY,
      archive TEXT NOT NULL,
      original TEXT NOT NULL,
      timestamp TEXT NOT NULL,
      urlkey TEXT NOT NULL,
      mimetype TEXT NOT NULL,
      statuscode TEXT NOT NULL,
      digest TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('listing', 'article')),
      target TEXT NOT NULL,
      host TEXT NOT NULL,
      state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'done', 'failed')),
      outcome TEXT,
      page_id INTEGER REFERENCES pages (id),
      attempts INTEGER NOT NULL DEFAULT 0,
      last_error TEXT,
      first_run_id INTEGER REFERENCES crawl_runs (id),
      last_run_id INTEGER REFERENCES crawl_runs (id),
      updated_at TEXT NOT NULL,
      UNIQUE (archive, original, timestamp)
    );
    CREATE INDEX archive_captures_target ON archive_captures (archive, target, timestamp);
    CREATE INDEX archive_captures_host ON archive_captures (archive, host, kind, state);

    CREATE TABLE archive_queries (
      archive TEXT NOT NULL,
      query TEXT NOT NULL,
      resume_key TEXT,
      latest TEXT,
      completed_at TEXT,
      PRIMARY KEY (archive, query)
    );
  `,
};
