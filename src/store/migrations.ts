import type { Database } from 'better-sqlite3';
import { v1 } from './schema/v1.js';
import { v2 } from './schema/v2.js';

export { APPLICATION_ID } from './schema/application-id.js';

export interface Migration {
  version: number;
  sql: string;
}

/**
 * Append only: a released migration is never edited, a change is a new version in its own file under schema/.
 * Versions: 1 foundation; 2 crawl frontier, robots and HTTP validators; 3 captures and revisions; 4 search.
 */
export const MIGRATIONS: readonly Migration[] = [v1, v2].sort((a, b) => a.version - b.version);

export const LATEST_SCHEMA_VERSION: number = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies every migration above the file's user_version. Each one commits together with its
 * user_version, so an interrupted upgrade leaves the file at the last complete version.
 */
export function migrate(db: Database): void {
  for (const migration of MIGRATIONS) {
    if (migration.version <= schemaVersion(db)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
