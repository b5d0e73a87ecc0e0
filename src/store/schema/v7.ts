import type { Migration } from '../migrations.js';

/**
 * Performance (issue 12):
 * - `frontier_queue`: the crawl pulls its next articles per host from the frontier as slots free up, instead of
 *   holding the whole portal's queue in memory; (state, kind, host) then rowid, so that pull is one index seek. It
 *   serves every query the (state, kind) index served.
 * - `reextract_progress`: how far a `reextract` got (stored pages are read in id order), per scope (the options
 *   that chose the pages), so a killed one resumes where it stopped; a finished one starts over next time.
 */
export const v7: Migration = {
  version: 7,
  sql: `
    DROP INDEX frontier_state;
    CREATE INDEX frontier_queue ON frontier (state, kind, host);

    CREATE TABLE reextract_progress (
      scope TEXT PRIMARY KEY,
      last_page_id INTEGER NOT NULL,
      started_at TEXT NOT NULL,
      finished_at TEXT
    );
  `,
};
