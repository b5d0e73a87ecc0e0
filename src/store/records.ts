import type { Database } from 'better-sqlite3';
import type { ArticleRecord, ArchivedImage, RelatedLink } from '../extract/record.js';
import { ArchiveError } from './errors.js';

export interface RecordFilter {
  site?: string;
  /** Inclusive lower bound on published_at; undated records are excluded when any bound is given. */
  since?: Date;
  /** Inclusive upper bound on published_at. */
  until?: Date;
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
}

function whereClause(filter: RecordFilter): { sql: string; params: Record<string, string | number> } {
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
  return { sql: conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`, params };
}

function boundMs(date: Date, which: 'since' | 'until'): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new ArchiveError(`invalid --${which} date`);
  return ms;
}

/**
 * Streams full records one at a time: the archive can be larger than memory. While the iterator is
 * open the connection is busy (reads only) and sees one consistent snapshot, since SQLite keeps the
 * read transaction of the outer statement open until it finishes.
 */
export function* iterateRecords(db: Database, filter: RecordFilter = {}): IterableIterator<ArticleRecord> {
  const { sql, params } = whereClause(filter);
  const articles = db.prepare(
    `SELECT id, url, site, category, title, published_at, summary, body_text, author, organization,
       fetched_at, content_sha256
     FROM articles ${sql}
     ORDER BY published_ts IS NULL, published_ts, url`,
  );
  const images = db.prepare(
    'SELECT url, alt, caption, sha256, size FROM article_images WHERE article_id = ? ORDER BY position',
  );
  const related = db.prepare('SELECT title, url FROM article_related WHERE article_id = ? ORDER BY position');

  for (const row of articles.iterate(params) as IterableIterator<ArticleRow>) {
    // Field order follows the ArticleRecord type, which is the order exporters write.
    yield {
      url: row.url,
      site: row.site,
      category: row.category,
      title: row.title,
      published_at: row.published_at,
      summary: row.summary,
      body_text: row.body_text,
      images: (images.all(row.id) as ArchivedImage[]).map((i) => ({
        url: i.url,
        alt: i.alt,
        caption: i.caption,
        sha256: i.sha256,
        size: i.size,
      })),
      author: row.author,
      organization: row.organization,
      related: (related.all(row.id) as RelatedLink[]).map((r) => ({ title: r.title, url: r.url })),
      fetched_at: row.fetched_at,
      content_sha256: row.content_sha256,
    };
  }
}

export function countRecords(db: Database, filter: RecordFilter = {}): number {
  const { sql, params } = whereClause(filter);
  return db.prepare(`SELECT count(*) FROM articles ${sql}`).pluck().get(params) as number;
}
