import type { Database } from 'better-sqlite3';

/** Marks the file as ours (PRAGMA application_id), so another app's SQLite file is never migrated. */
export const APPLICATION_ID = 0x50417263; // "PArc"

export interface Migration {
  version: number;
  sql: string;
}

/** Append only: a released migration is never edited, a change is a new version. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      PRAGMA application_id = ${APPLICATION_ID};

      CREATE TABLE crawl_runs (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'interrupted')),
        seeds TEXT NOT NULL,
        listing_pages INTEGER NOT NULL DEFAULT 0,
        articles_new INTEGER NOT NULL DEFAULT 0,
        articles_updated INTEGER NOT NULL DEFAULT 0,
        articles_unchanged INTEGER NOT NULL DEFAULT 0,
        articles_failed INTEGER NOT NULL DEFAULT 0
      );

      CREATE TABLE pages (
        id INTEGER PRIMARY KEY,
        run_id INTEGER REFERENCES crawl_runs (id),
        url TEXT NOT NULL,
        final_url TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('listing', 'article')),
        status INTEGER NOT NULL,
        headers TEXT NOT NULL,
        body BLOB NOT NULL,
        fetched_at TEXT NOT NULL
      );
      CREATE INDEX pages_url ON pages (url);

      CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        url TEXT UNIQUE NOT NULL,
        site TEXT NOT NULL,
        category TEXT,
        title TEXT NOT NULL,
        published_at TEXT,
        published_ts INTEGER,
        summary TEXT,
        body_text TEXT NOT NULL,
        author TEXT,
        organization TEXT,
        fetched_at TEXT NOT NULL,
        content_sha256 TEXT NOT NULL,
        first_run_id INTEGER,
        last_run_id INTEGER,
        page_id INTEGER REFERENCES pages (id)
      );
      CREATE INDEX articles_site_published ON articles (site, published_ts);
      CREATE INDEX articles_published ON articles (published_ts);

      CREATE TABLE article_images (
        article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        url TEXT NOT NULL,
        alt TEXT,
        caption TEXT,
        PRIMARY KEY (article_id, position)
      );

      CREATE TABLE article_related (
        article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        title TEXT NOT NULL,
        url TEXT NOT NULL,
        PRIMARY KEY (article_id, position)
      );

      CREATE TABLE failures (
        id INTEGER PRIMARY KEY,
        run_id INTEGER,
        url TEXT NOT NULL,
        stage TEXT NOT NULL CHECK (stage IN ('fetch', 'extract', 'store')),
        reason TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX failures_url ON failures (url);
    `,
  },
];

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
