import type { Migration } from '../migrations.js';

/**
 * Provenance of a capture recovered from a web archive rather than fetched from the site: the memento's URL (URI-M)
 * the body was read from, and when the web archive captured the page (its Memento-Datetime, ISO 8601 UTC). Both
 * null for a live capture, whose capture time is its fetch time. The WARC export dates such a capture by
 * `captured_at` and names the memento in WARC-Source-URI.
 */
export const v10: Migration = {
  version: 10,
  sql: `
    ALTER TABLE pages ADD COLUMN archive_url TEXT;
    ALTER TABLE pages ADD COLUMN captured_at TEXT;
  `,
};
