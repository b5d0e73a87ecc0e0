import type { Migration } from '../migrations.js';

/**
 * Exports read articles in publication order (records.ts EXPORT_ORDER). Without an index on those expressions SQLite
 * sorted every selected row, bodies included, in a temporary B-tree before writing the first line: memory and time
 * grew with the archive. With it the rows stream in order. (v8 and v9 were never used.)
 */
export const v11: Migration = {
  version: 11,
  sql: `CREATE INDEX articles_export_order ON articles (published_ts IS NULL, published_ts, url);`,
};
