import type { Migration } from '../migrations.js';
import { APPLICATION_ID } from './application-id.js';

/** The foundation: runs, raw pages, articles with their images and related links, failures. */
export const v1: Migration = {
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
};
