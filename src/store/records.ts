import type { Database } from 'better-sqlite3';
import type { ArticleRecord, ArchivedImage, RelatedLink } from '../extract/record.js';
import { ArchiveError } from './errors.js';

export interface RecordFilter {
  site?: string;
  /** Inclusive lower bound on published_at; undated records are excluded when any bound is given. */
  since?: Date;
  /** Inclusive upper bound on published_at. */
  until?: Date;
  /** An FTS5 query over the folded search index (src/search/query.ts makes it from what the user typed). */
  match?: string;
  /** Exact category names; an article in any of them is selected. */
  categories?: readonly string[];
}

interface ArticleRow {
  id: number;
  url: string;
  site: string;
  category: string | null;
  title: string;
  published_at: string | null;
  summary: string | null;
  body_text: string;
  author: string | null;
  organization: string | null;
  fetched_at: string;
  content_sha256: string;
  version: number;
  captured_at: string | null;
  extractor: string;
  source: 'live' | 'archive';
  archive_url: string | null;
  /** JSON arrays (see ARTICLE_SELECT). */
  images_json: string;
  related_json: string;
}

export function whereClause(filter: RecordFilter): { sql: string; params: Record<string, string | number> } {
  const conditions: string[] = [];
  const params: Record<string, string | number> = {};
  if (filter.site !== undefined) {
    conditions.push('site = @site');
    params.site = filter.site;
  }
  if (filter.since !== undefined) {
    conditions.push('published_ts >= @since');
    params.since = boundMs(filter.since, 'since');
  }
  if (filter.until !== undefined) {
    conditions.push('published_ts <= @until');
    params.until = boundMs(filter.until, 'until');
  }
  if (filter.match !== undefined) {
    conditions.push('id IN (SELECT rowid FROM article_search WHERE article_search MATCH @match)');
    params.match = filter.match;
  }
  if (filter.categories !== undefined) {
    const names: string[] = [];
    filter.categories.forEach((name, i) => {
      params[`category${i}`] = name;
      names.push(`@category${i}`);
    });
    conditions.push(names.length === 0 ? '0' : `category IN (${names.join(', ')})`);
  }
  return { sql: conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`, params };
}

function boundMs(date: Date, which: 'since' | 'until'): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new ArchiveError(`invalid --${which} date`);
  return ms;
}

/**
 * The export order: dated articles by publication time, then undated ones, ties by URL. Migration v11 indexes
 * exactly these expressions, so SQLite reads the rows in this order instead of sorting the archive.
 */
export const EXPORT_ORDER = 'ORDER BY published_ts IS NULL, published_ts, url';

/** An archived article as stored: its row id and version number (1 for the first) with its record. */
export interface StoredArticle {
  id: number;
  version: number;
  /** When the current content was first fetched (`fetched_at` is the latest fetch that saw it). */
  capturedAt: string;
  record: ArticleRecord;
}

/**
 * The article row with its images and related links as JSON arrays, built by SQLite in the same step: two more
 * queries per article (as before) took half of an export's time, and JSON.parse is cheap.
 */
const ARTICLE_SELECT = `SELECT id, url, site, category, title, published_at, summary, body_text, author, organization,
  fetched_at, content_sha256, version, captured_at, extractor, source, archive_url,
  (SELECT json_group_array(json_object('url', url, 'alt', alt, 'caption', caption, 'sha256', sha256, 'size', size)
     ORDER BY position) FROM article_images WHERE article_id = articles.id) AS images_json,
  (SELECT json_group_array(json_object('title', title, 'url', url) ORDER BY position)
     FROM article_related WHERE article_id = articles.id) AS related_json
  FROM articles`;

function toStored(row: ArticleRow): StoredArticle {
  return {
    id: row.id,
    version: row.version,
    capturedAt: row.captured_at ?? row.fetched_at,
    // Field order follows the ArticleRecord type, which is the order exporters write.
    record: {
      url: row.url,
      site: row.site,
      category: row.category,
      title: row.title,
      published_at: row.published_at,
      summary: row.summary,
      body_text: row.body_text,
      images: JSON.parse(row.images_json) as ArchivedImage[],
      author: row.author,
      organization: row.organization,
      related: JSON.parse(row.related_json) as RelatedLink[],
      extractor: row.extractor,
      source: row.source,
      archive_url: row.archive_url,
      fetched_at: row.fetched_at,
      captured_at: row.captured_at ?? row.fetched_at,
      content_sha256: row.content_sha256,
    },
  };
}

/**
 * Streams stored articles one at a time: the archive can be larger than memory. While the iterator is
 * open the connection is busy (reads only) and sees one consistent snapshot, since SQLite keeps the
 * read transaction of the outer statement open until it finishes.
 */
export function* iterateArticles(db: Database, filter: RecordFilter = {}): IterableIterator<StoredArticle> {
  const { sql, params } = whereClause(filter);
  const articles = db.prepare(`${ARTICLE_SELECT} ${sql} ${EXPORT_ORDER}`);
  for (const row of articles.iterate(params) as IterableIterator<ArticleRow>) yield toStored(row);
}

/** Streams full records (the newest version of each article), as the exporters write them. */
export function* iterateRecords(db: Database, filter: RecordFilter = {}): IterableIterator<ArticleRecord> {
  for (const article of iterateArticles(db, filter)) yield article.record;
}

export function readArticle(db: Database, where: { id: number } | { url: string }): StoredArticle | null {
  const row = db
    .prepare(`${ARTICLE_SELECT} WHERE ${'id' in where ? 'id' : 'url'} = ?`)
    .get('id' in where ? where.id : where.url) as ArticleRow | undefined;
  return row ? toStored(row) : null;
}

export function countRecords(db: Database, filter: RecordFilter = {}): number {
  const { sql, params } = whereClause(filter);
  return db.prepare(`SELECT count(*) FROM articles ${sql}`).pluck().get(params) as number;
}

/** Articles archived per site, by site name. */
export function articlesPerSite(db: Database): { site: string; articles: number }[] {
  return db.prepare('SELECT site, count(*) AS articles FROM articles GROUP BY site ORDER BY site').all() as {
    site: string;
    articles: number;
  }[];
}
