import type { Database } from 'better-sqlite3';
import { stmt } from './statements.js';
import type { ArticleRecord } from '../extract/record.js';
import { readArticle, iterateArticles, type RecordFilter } from './records.js';

/** A record of one version of an article: `version` counts from 1, `captured_at` is when it was first fetched. */
export type VersionedRecord = ArticleRecord & { version: number; captured_at: string };

interface RevisionRow {
  version: number;
  captured_at: string;
  record: string;
}

/** Versions kept before schema version 5 carry no provenance: they were read by the Kooboo profile, live. */
const BEFORE_PROVENANCE = { extractor: 'kooboo', source: 'live', archive_url: null } as const;

function versioned(record: ArticleRecord, version: number, capturedAt: string): VersionedRecord {
  return { ...BEFORE_PROVENANCE, ...record, version, captured_at: capturedAt };
}

/**
 * Copies an article's current version into `article_revisions` before saveArticle replaces it, so an edit on the
 * portal never overwrites what was archived. Runs inside saveArticle's transaction.
 */
export function keepCurrentVersion(db: Database, articleId: number): void {
  const current = readArticle(db, { id: articleId });
  if (!current) return;
  const pageId = stmt(db, 'SELECT page_id FROM articles WHERE id = ?').pluck().get(articleId) as number | null;
  stmt(
    db,
    `INSERT INTO article_revisions (article_id, version, captured_at, content_sha256, record, page_id)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(articleId, current.version, current.capturedAt, current.record.content_sha256, JSON.stringify(current.record), pageId);
}

/** Every version of one article, oldest first; empty when the URL is not archived. */
export function articleVersions(db: Database, url: string): VersionedRecord[] {
  const current = readArticle(db, { url });
  if (!current) return [];
  const earlier = db
    .prepare('SELECT version, captured_at, record FROM article_revisions WHERE article_id = ? ORDER BY version')
    .all(current.id) as RevisionRow[];
  return [
    ...earlier.map((r) => versioned(JSON.parse(r.record) as ArticleRecord, r.version, r.captured_at)),
    versioned(current.record, current.version, current.capturedAt),
  ];
}

/**
 * `export --revisions`: every version of each selected article, oldest first, articles in the usual export order.
 * Articles are selected by their newest version (its site, publication time, category).
 */
export function* iterateRecordVersions(db: Database, filter: RecordFilter = {}): IterableIterator<VersionedRecord> {
  const earlier = db.prepare(
    'SELECT version, captured_at, record FROM article_revisions WHERE article_id = ? ORDER BY version',
  );
  for (const article of iterateArticles(db, filter)) {
    for (const row of earlier.all(article.id) as RevisionRow[]) {
      yield versioned(JSON.parse(row.record) as ArticleRecord, row.version, row.captured_at);
    }
    yield versioned(article.record, article.version, article.capturedAt);
  }
}
