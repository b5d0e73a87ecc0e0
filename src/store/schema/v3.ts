import type { Database } from 'better-sqlite3';
import { compressBody, sha256Hex } from '../blobs.js';
import type { Migration } from '../migrations.js';

/**
 * Archive fidelity:
 * - `blobs`: every distinct body once, keyed by its SHA-256, brotli-compressed; `pages` points at it and gains
 *   the request's method and headers. `pages.kind` also takes `image` and `robots`, so the table is rebuilt
 *   (SQLite cannot alter a CHECK) and the old `body` column moves into `blobs`.
 * - `recaptures`: a fetch that got the same response as the latest capture of the same URL (same body, status,
 *   final URL) is a small row pointing at that capture, its header differences (Date, a cookie) kept as a patch,
 *   so an unchanged re-crawl costs a few bytes per page instead of a copy of its headers.
 * - `article_revisions`: each earlier version of an article, with the version number and when it was captured;
 *   `articles` gains its own `version` and `captured_at` (when the current content was first fetched).
 * - an index on image URLs, which `crawl --media` updates by URL.
 */
const UPGRADE_QUALITY = 6;

export const v3: Migration = {
  version: 3,
  prepare(db: Database) {
    // Hashing and compression have no SQL equivalent: the move of the old bodies below calls these. The upgrade
    // compresses every body of the archive in one go, before the command the user ran can start, so it takes a
    // fast brotli quality (6: about a tenth larger than 11, twenty times quicker) rather than keep them waiting.
    db.function('pa_v3_sha256', { deterministic: true }, (body: unknown) => sha256Hex(asBytes(body)));
    db.function('pa_v3_brotli', { deterministic: true }, (body: unknown, contentType: unknown) =>
      compressBody(asBytes(body), typeof contentType === 'string' ? contentType : undefined, UPGRADE_QUALITY),
    );
  },
  sql: `
    CREATE TABLE blobs (
      sha256 TEXT PRIMARY KEY,
      size INTEGER NOT NULL,
      data BLOB NOT NULL
    );

    CREATE TABLE pages_v3 (
      id INTEGER PRIMARY KEY,
      run_id INTEGER REFERENCES crawl_runs (id),
      url TEXT NOT NULL,
      final_url TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('listing', 'article', 'image', 'robots')),
      method TEXT NOT NULL DEFAULT 'GET',
      status INTEGER NOT NULL,
      headers TEXT NOT NULL,
      request_headers TEXT,
      body_sha256 TEXT NOT NULL REFERENCES blobs (sha256),
      fetched_at TEXT NOT NULL
    );
    -- One compression per distinct body, however many pages share it.
    INSERT INTO blobs (sha256, size, data)
      SELECT sha256, length(CAST(body AS BLOB)), pa_v3_brotli(body, content_type)
      FROM (
        SELECT pa_v3_sha256(body) AS sha256, body, json_extract(headers, '$."content-type"') AS content_type
        FROM pages
      )
      GROUP BY sha256;
    INSERT INTO pages_v3 (id, run_id, url, final_url, kind, method, status, headers, request_headers, body_sha256, fetched_at)
      SELECT id, run_id, url, final_url, kind, 'GET', status, headers, NULL, pa_v3_sha256(body), fetched_at FROM pages;
    -- migrate() runs this with foreign keys off (articles point at pages) and checks them before committing.
    DROP TABLE pages;
    ALTER TABLE pages_v3 RENAME TO pages;
    CREATE INDEX pages_url ON pages (url);

    CREATE TABLE recaptures (
      id INTEGER PRIMARY KEY,
      page_id INTEGER NOT NULL REFERENCES pages (id),
      run_id INTEGER REFERENCES crawl_runs (id),
      -- epoch milliseconds: the fetch time, as pages.fetched_at but in 6 bytes instead of 24
      fetched_ms INTEGER NOT NULL,
      -- the response's Date header as epoch seconds when it was an IMF-fixdate, else null
      date_s INTEGER,
      -- JSON merge patch (RFC 7396) from the page's headers to this response's, Date aside; null when none
      headers_patch TEXT,
      -- likewise for the request headers (a conditional GET adds If-None-Match); null when none
      request_patch TEXT
    );

    CREATE TABLE article_revisions (
      article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
      version INTEGER NOT NULL,
      captured_at TEXT NOT NULL,
      content_sha256 TEXT NOT NULL,
      record TEXT NOT NULL,
      page_id INTEGER REFERENCES pages (id),
      PRIMARY KEY (article_id, version)
    );

    ALTER TABLE articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE articles ADD COLUMN captured_at TEXT;
    -- The best the old schema knows: the last fetch that saw the current content.
    UPDATE articles SET captured_at = fetched_at;

    CREATE INDEX article_images_url ON article_images (url);
  `,
};

function asBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  // A body that some other tool wrote as TEXT: SQLite hands back its UTF-8 bytes as a blob, so store those.
  return Buffer.from(String(value ?? ''), 'utf8');
}
