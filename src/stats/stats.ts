import type { Database } from 'better-sqlite3';
import { transact } from '../store/transaction.js';

/** Share of articles without a value, overall and per site. `of` is the denominator, `share` = missing / of. */
export interface Completeness {
  field: CompletenessField;
  missing: number;
  of: number;
  share: number;
  by_site: Record<string, { missing: number; of: number; share: number }>;
}

export type CompletenessField =
  | 'published_at'
  | 'author'
  | 'organization'
  | 'category'
  | 'summary'
  | 'body_text'
  | 'image_caption';

export interface Count {
  name: string;
  articles: number;
}

/** Everything `stats` prints and `report` draws; JSON keys are what `stats --format json` writes. */
export interface ArchiveStats {
  articles: number;
  /** Earliest and latest publication times (as printed: ISO 8601 with offset); undated articles counted apart. */
  date_range: { first: string | null; last: string | null; undated: number };
  sites: { site: string; articles: number; first: string | null; last: string | null }[];
  /** Category names as the sites print them; null for articles without a breadcrumb category. */
  categories: { category: string | null; articles: number }[];
  /** Calendar months in Vietnam time (as `--since 2023-08` reads them), oldest first; undated articles left out. */
  months: { month: string; site: string; articles: number }[];
  top_authors: Count[];
  top_organizations: Count[];
  completeness: Completeness[];
}

const TOP = 10;
/** Vietnam is UTC+07:00 all year: a month is read from the epoch time shifted by seven hours. */
const VIETNAM_MONTH = "strftime('%Y-%m', published_ts / 1000 + 25200, 'unixepoch')";

/**
 * What `missing` means per field. An image caption counts against an article when one of its images has
 * none; articles without images are not counted for it (`of` is the articles with images).
 */
const MISSING: Record<CompletenessField, { missing: string; of: string }> = {
  published_at: { missing: 'published_at IS NULL', of: '1' },
  author: { missing: 'author IS NULL', of: '1' },
  organization: { missing: 'organization IS NULL', of: '1' },
  category: { missing: 'category IS NULL', of: '1' },
  summary: { missing: "summary IS NULL OR trim(summary) = ''", of: '1' },
  body_text: { missing: "trim(body_text) = ''", of: '1' },
  image_caption: {
    missing: 'EXISTS (SELECT 1 FROM article_images i WHERE i.article_id = articles.id AND i.caption IS NULL)',
    of: 'EXISTS (SELECT 1 FROM article_images i WHERE i.article_id = articles.id)',
  },
};

/** Read-only aggregate queries over the whole archive; each is one GROUP BY, so the archive is never loaded. */
export function computeStats(db: Database): ArchiveStats {
  return transact(db, (): ArchiveStats => {
    const articles = db.prepare('SELECT count(*) FROM articles').pluck().get() as number;
    const bound = (order: 'ASC' | 'DESC') =>
      (db
        .prepare(`SELECT published_at FROM articles WHERE published_ts IS NOT NULL ORDER BY published_ts ${order}, url LIMIT 1`)
        .pluck()
        .get() as string | undefined) ?? null;
    const undated = db.prepare('SELECT count(*) FROM articles WHERE published_ts IS NULL').pluck().get() as number;

    const sites = db
      .prepare(
        `SELECT site, count(*) AS articles,
           (SELECT published_at FROM articles f WHERE f.site = a.site AND f.published_ts IS NOT NULL
              ORDER BY f.published_ts, f.url LIMIT 1) AS first,
           (SELECT published_at FROM articles l WHERE l.site = a.site AND l.published_ts IS NOT NULL
              ORDER BY l.published_ts DESC, l.url LIMIT 1) AS last
         FROM articles a GROUP BY site ORDER BY site`,
      )
      .all() as ArchiveStats['sites'];
    const categories = db
      .prepare('SELECT category, count(*) AS articles FROM articles GROUP BY category ORDER BY articles DESC, category IS NULL, category')
      .all() as ArchiveStats['categories'];
    const months = db
      .prepare(
        `SELECT ${VIETNAM_MONTH} AS month, site, count(*) AS articles FROM articles
         WHERE published_ts IS NOT NULL GROUP BY month, site ORDER BY month, site`,
      )
      .all() as ArchiveStats['months'];
    const top = (column: 'author' | 'organization') =>
      db
        .prepare(
          `SELECT ${column} AS name, count(*) AS articles FROM articles WHERE ${column} IS NOT NULL
           GROUP BY ${column} ORDER BY articles DESC, name LIMIT ${TOP}`,
        )
        .all() as Count[];

    return {
      articles,
      date_range: { first: bound('ASC'), last: bound('DESC'), undated },
      sites,
      categories,
      months,
      top_authors: top('author'),
      top_organizations: top('organization'),
      completeness: (Object.keys(MISSING) as CompletenessField[]).map((field) => completeness(db, field)),
    };
  });
}

function completeness(db: Database, field: CompletenessField): Completeness {
  const { missing, of } = MISSING[field];
  const rows = db
    .prepare(
      `SELECT site, sum(CASE WHEN (${of}) AND (${missing}) THEN 1 ELSE 0 END) AS missing,
         sum(CASE WHEN ${of} THEN 1 ELSE 0 END) AS "of"
       FROM articles GROUP BY site ORDER BY site`,
    )
    .all() as { site: string; missing: number; of: number }[];
  const by_site: Completeness['by_site'] = {};
  for (const r of rows) by_site[r.site] = { missing: r.missing, of: r.of, share: share(r.missing, r.of) };
  const total = rows.reduce((n, r) => n + r.missing, 0);
  const totalOf = rows.reduce((n, r) => n + r.of, 0);
  return { field, missing: total, of: totalOf, share: share(total, totalOf), by_site };
}

/** Rounded to four decimals (0.1234 = 12.34 %): enough for a table, stable across runs. */
function share(missing: number, of: number): number {
  return of === 0 ? 0 : Math.round((missing / of) * 10_000) / 10_000;
}
