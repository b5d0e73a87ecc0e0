import type { Database } from 'better-sqlite3';
import { UsageError } from '../errors.js';
import { SEARCH_TABLE } from './index-article.js';
import { MARK_CLOSE, MARK_OPEN } from './fold.js';
import { makeSnippet, matchRanges, type Range, type Snippet } from './snippet.js';

export interface SearchOptions {
  /** An FTS5 query over the folded index, as toFtsQuery makes it. */
  match: string;
  /** What the researcher typed, for error messages. */
  typed: string;
  site?: string;
  since?: Date;
  until?: Date;
  limit: number;
}

export interface SearchHit {
  /** 1 for the best match. */
  rank: number;
  /** FTS5 bm25 with the column weights below: lower is better. */
  score: number;
  url: string;
  site: string;
  category: string | null;
  title: string;
  /** Where the query matched the title. */
  titleHighlights: Range[];
  published_at: string | null;
  author: string | null;
  /** From the body (the summary when the body has no match); the opening of the body when only the title matched. */
  snippet: Snippet;
}

export interface SearchResult {
  /** Articles that match, before --limit. */
  total: number;
  hits: SearchHit[];
}

/**
 * bm25 column weights: a match in the title says more about what an article is about than one in the lead,
 * and both more than one deep in the body.
 */
const WEIGHTS = { title: 5, summary: 2, body: 1 };

interface Filter {
  sql: string;
  params: Record<string, string | number>;
}

function filterOf(opts: SearchOptions): Filter {
  const conditions = [`${SEARCH_TABLE} MATCH @match`];
  const params: Record<string, string | number> = { match: opts.match };
  if (opts.site !== undefined) {
    conditions.push('a.site = @site');
    params.site = opts.site;
  }
  if (opts.since !== undefined) {
    conditions.push('a.published_ts >= @since');
    params.since = opts.since.getTime();
  }
  if (opts.until !== undefined) {
    conditions.push('a.published_ts <= @until');
    params.until = opts.until.getTime();
  }
  return { sql: conditions.join(' AND '), params };
}

/**
 * Ranks the matching articles by bm25 and cuts a highlighted snippet for each of the best `limit`. Ranking
 * reads ids and scores only; texts and highlights are fetched for the hits that are shown.
 */
export function searchArchive(db: Database, opts: SearchOptions): SearchResult {
  const { sql, params } = filterOf(opts);
  const from = `FROM ${SEARCH_TABLE} JOIN articles a ON a.id = ${SEARCH_TABLE}.rowid WHERE ${sql}`;
  const ranked = withQueryErrors(opts.typed, () =>
    db
      .prepare(
        `SELECT a.id, bm25(${SEARCH_TABLE}, ${WEIGHTS.title}, ${WEIGHTS.summary}, ${WEIGHTS.body}) AS score ${from}
         ORDER BY score, a.published_ts IS NULL, a.published_ts DESC, a.url LIMIT @limit`,
      )
      .all({ ...params, limit: opts.limit }) as { id: number; score: number }[],
  );
  const total = db.prepare(`SELECT count(*) ${from}`).pluck().get(params) as number;

  const article = db.prepare(
    'SELECT url, site, category, title, published_at, summary, body_text, author FROM articles WHERE id = ?',
  );
  const marks = db.prepare(
    `SELECT highlight(${SEARCH_TABLE}, 0, @open, @close) AS title, highlight(${SEARCH_TABLE}, 1, @open, @close) AS summary,
       highlight(${SEARCH_TABLE}, 2, @open, @close) AS body
     FROM ${SEARCH_TABLE} WHERE ${SEARCH_TABLE} MATCH @match AND rowid = CAST(@id AS INTEGER)`,
  );
  // The CAST matters: better-sqlite3 binds numbers as REAL, and FTS5 silently drops a rowid bound that is not an
  // INTEGER when it also has a MATCH, which would highlight some other article's text.
  const hits = ranked.map(({ id, score }, i): SearchHit => {
    const row = article.get(id) as ArticleRow;
    const marked = marks.get({ match: opts.match, id, open: MARK_OPEN, close: MARK_CLOSE }) as MarkedRow;
    return {
      rank: i + 1,
      score,
      url: row.url,
      site: row.site,
      category: row.category,
      title: row.title,
      titleHighlights: matchRanges(row.title, marked.title),
      published_at: row.published_at,
      author: row.author,
      snippet: snippetOf(row, marked),
    };
  });
  return { total, hits };
}

interface ArticleRow {
  url: string;
  site: string;
  category: string | null;
  title: string;
  published_at: string | null;
  summary: string | null;
  body_text: string;
  author: string | null;
}

interface MarkedRow {
  title: string;
  summary: string;
  body: string;
}

function snippetOf(row: ArticleRow, marked: MarkedRow): Snippet {
  const body = matchRanges(row.body_text, marked.body);
  if (body.length > 0 || row.summary === null) return makeSnippet(row.body_text, body);
  const summary = matchRanges(row.summary, marked.summary);
  return summary.length > 0 ? makeSnippet(row.summary, summary) : makeSnippet(row.body_text, []);
}

/**
 * Checks a query against the index before anything streams, so a query FTS5 rejects is one line for the user
 * and not a failure halfway through an export.
 */
export function assertValidQuery(db: Database, match: string, typed: string): void {
  withQueryErrors(typed, () => db.prepare(`SELECT rowid FROM ${SEARCH_TABLE} WHERE ${SEARCH_TABLE} MATCH ? LIMIT 1`).get(match));
}

/** SQLite errors from the MATCH expression are the query's fault: a usage error, with the columns one can name. */
function withQueryErrors<T>(typed: string, run: () => T): T {
  try {
    return run();
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code !== 'SQLITE_ERROR' || !(err instanceof Error)) throw err;
    const hint = /no such column/.test(err.message) ? ' (columns: title, summary, body)' : '';
    throw new UsageError(`invalid search query ${JSON.stringify(typed)}: ${err.message}${hint}`, { cause: err });
  }
}
