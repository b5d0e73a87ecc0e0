import type { Migration } from '../migrations.js';

/**
 * Provenance of each article: which extractor read it (a profile id or `generic`) and where its page came from
 * (`live`, or `archive` with the memento's URL). Every article archived before this version was read by the Kooboo
 * profile from the live portal.
 */
export const v5: Migration = {
  version: 5,
  sql: `
    ALTER TABLE articles ADD COLUMN extractor TEXT NOT NULL DEFAULT 'kooboo';
    ALTER TABLE articles ADD COLUMN source TEXT NOT NULL DEFAULT 'live' CHECK (source IN ('live', 'archive'));
    ALTER TABLE articles ADD COLUMN archive_url TEXT;
  `,
};
