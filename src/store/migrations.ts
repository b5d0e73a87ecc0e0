import type { Database } from 'better-sqlite3';
import { ArchiveError } from './errors.js';
import { v1 } from './schema/v1.js';
import { v2 } from './schema/v2.js';
import { v3 } from './schema/v3.js';
import { v4 } from './schema/v4.js';
import { v5 } from './schema/v5.js';
import { v6 } from './schema/v6.js';
import { v7 } from './schema/v7.js';
import { v10 } from './schema/v10.js';
import { v11 } from './schema/v11.js';

export { APPLICATION_ID } from './schema/application-id.js';

export interface Migration {
  version: number;
  sql: string;
  /** Runs before `sql` on the connection: registers the JS functions the SQL calls (hashing, folding). */
  prepare?: (db: Database) => void;
}

/**
 * Append only: a released migration is never edited, a change is a new version in its own file under schema/.
 * Versions: 1 foundation; 2 crawl frontier, robots and HTTP validators; 3 captures and revisions; 4 search;
 * 5 article provenance (extractor, source, archive_url); 6 web-archive recovery state (captures listed, CDX query
 * progress); 7 frontier queue index and reextract progress; 10 capture provenance (archive_url, captured_at of pages); 11 an index in export order.
 * (8 and 9 were never used: branches developed side by side took 7 and 10.)
 */
export const MIGRATIONS: readonly Migration[] = [v1, v2, v3, v4, v5, v6, v7, v10, v11].sort((a, b) => a.version - b.version);

export const LATEST_SCHEMA_VERSION: number = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies every migration above the file's user_version. Each one commits together with its
 * user_version, so an interrupted upgrade leaves the file at the last complete version.
 */
export function migrate(db: Database): void {
  // A table rebuild (v3) drops and recreates a table others point at. SQLite's procedure: foreign keys off around
  // the transaction (the pragma does nothing inside one), then foreign_key_check before it commits.
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) === 1;
  if (foreignKeys) db.pragma('foreign_keys = OFF');
  try {
    for (const migration of MIGRATIONS) {
      if (migration.version <= schemaVersion(db)) continue;
      db.transaction(() => {
        migration.prepare?.(db);
        db.exec(migration.sql);
        const broken = db.pragma('foreign_key_check') as { table: string; parent: string }[];
        if (broken.length > 0) {
          throw new ArchiveError(
            `cannot upgrade to schema version ${migration.version}: ${broken.length} rows of ${broken[0]!.table} point at missing ${broken[0]!.parent} rows`,
          );
        }
        db.pragma(`user_version = ${migration.version}`);
      })();
    }
  } finally {
    if (foreignKeys) db.pragma('foreign_keys = ON');
  }
}
