import type { Database } from 'better-sqlite3';
import { EXPORT_ORDER, whereClause, type RecordFilter } from './records.js';

/**
 * Exports built by SQLite, as UTF-8 bytes: JSONL, JSON and CSV lines of the newest version of each article.
 *
 * Profiled on 20,000 records (bench/run.js), reading rows into JavaScript objects and serialising them there cost
 * more than everything else together: every body crossed from UTF-8 to a V8 string and back again, and each record
 * made a dozen objects for the collector. Here SQLite writes the whole line (json_object in C; CSV quoting with
 * replace) and hands it over as a BLOB, which better-sqlite3 returns as a Buffer of those same bytes: no string is
 * decoded or encoded in between. `test/record-text.test.ts` checks the bytes against JSON.stringify and csv-stringify
 * on the same records, hostile text included.
 */

/**
 * Each exported field as an SQL expression over `articles` (the record's JSON value, or its CSV cell text).
 *
 * The arrays are aggregated in position order without an ORDER BY: `article_id = ?` is answered from the primary key
 * index (article_id, position), which yields an article's rows in position order whatever order they were written
 * in. An ORDER BY inside the aggregate made SQLite sort every article's rows again, half the cost of the related
 * links. test/record-text.test.ts checks the plan (that index, no sorter) and rows written out of order.
 */
const IMAGES_JSON = `(SELECT json_group_array(json_object('url', url, 'alt', alt, 'caption', caption, 'sha256', sha256,
    'size', size)) FROM article_images WHERE article_id = articles.id)`;
const RELATED_JSON = `(SELECT json_group_array(json_object('title', title, 'url', url))
    FROM article_related WHERE article_id = articles.id)`;

const COLUMN: Record<string, string> = {
  url: 'url',
  site: 'site',
  category: 'category',
  title: 'title',
  published_at: 'published_at',
  summary: 'summary',
  body_text: 'body_text',
  author: 'author',
  organization: 'organization',
  extractor: 'extractor',
  source: 'source',
  archive_url: 'archive_url',
  fetched_at: 'fetched_at',
  captured_at: 'coalesce(captured_at, fetched_at)',
  content_sha256: 'content_sha256',
};

/**
 * The arrays come from subqueries whose JSON keeps its subtype into json_object, so they nest rather than being
 * quoted as strings (a json() around them would re-parse every array: 15% of the query).
 */
const JSON_VALUE: Record<string, string> = { ...COLUMN, images: IMAGES_JSON, related: RELATED_JSON };

/** CSV cells as text: nulls empty, the arrays as their JSON, the image count as a number. */
const CSV_TEXT: Record<string, string> = {
  ...COLUMN,
  image_count: '(SELECT count(*) FROM article_images WHERE article_id = articles.id)',
  images: IMAGES_JSON,
  related: RELATED_JSON,
};

/**
 * Cells that never need quotes or the formula guard, skipped for speed: a host name, ISO 8601 times, a profile id,
 * live/archive, a hex digest, a count. The test compares the whole file with csv-stringify's.
 */
const PLAIN_CELLS = new Set(['site', 'published_at', 'extractor', 'source', 'fetched_at', 'captured_at', 'content_sha256', 'image_count']);

function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/**
 * A CSV cell (RFC 4180, as csv-stringify writes it with quoted_match /[\r\n]/): quoted when it holds a comma, a
 * quote, CR or LF, quotes doubled. With `excel`, a cell starting like a formula gets an apostrophe first (excel.ts).
 */
function csvCell(expr: string, excel: boolean, plain: boolean): string {
  let text = `coalesce(${expr}, '')`;
  if (excel) {
    text = `(SELECT CASE WHEN substr(v, 1, 1) IN ('=', '+', '-', '@', char(9), char(13)) THEN '''' || v ELSE v END
      FROM (SELECT ${text} AS v))`;
  }
  if (plain) return text;
  // Quotes are rare in article text (Vietnamese portals print “ ”), so replace() runs only where there is one.
  // concat() copies the cell once where `'"' || v || '"'` copied it twice (a body is a few KB).
  const quoted = (v: string) => `CASE WHEN instr(${v}, '"') THEN concat('"', replace(${v}, '"', '""'), '"')
      WHEN instr(${v}, ',') OR instr(${v}, char(10)) OR instr(${v}, char(13)) THEN concat('"', ${v}, '"') ELSE ${v} END`;
  // A bare column is named again in each test, which SQLite reads from the row at hand; anything computed (a
  // subquery, the formula guard) is computed once, in a subquery of its own. A subquery for every cell costs a
  // subroutine call per cell and row: the CSV query over 20,000 records took 971 ms against 818 (medians of 15
  // alternating runs), the whole export about 3 % longer (within this machine's noise).
  if (/^[a-z_]+$/.test(expr) && !excel) return `coalesce(${quoted(expr)}, '')`;
  return `(SELECT ${quoted('v')} FROM (SELECT ${text} AS v))`;
}

export type RecordTextFormat =
  | { kind: 'json'; fields: readonly string[]; constants: Record<string, number> }
  | { kind: 'csv'; columns: readonly string[]; excel: boolean };

function lineExpression(format: RecordTextFormat): string {
  if (format.kind === 'json') {
    const pairs = format.fields.map((f) => {
      const constant = format.constants[f];
      const value = constant !== undefined ? String(constant) : JSON_VALUE[f];
      if (value === undefined) throw new Error(`no SQL for record field ${f}`);
      return `${sqlString(f)}, ${value}`;
    });
    return `json_object(${pairs.join(', ')})`;
  }
  const cells = format.columns.map((c) => {
    const value = CSV_TEXT[c];
    if (value === undefined) throw new Error(`no SQL for CSV column ${c}`);
    return csvCell(value, format.excel, PLAIN_CELLS.has(c) && !format.excel);
  });
  // One concat_ws builds the line once: chained `||` copied the growing line at every cell (18 of them, with a body
  // and the related links among them). concat_ws skips NULLs, and no cell is NULL (csvCell coalesces). The CRLF goes
  // on the last cell, not around the line: that copied the whole line again (the CSV statement 3 % slower).
  cells.push(`${cells.pop()!} || char(13, 10)`);
  return `concat_ws(',', ${cells.join(', ')})`;
}

/** The statement iterateRecordText runs (for tests: its query plan). */
export function recordTextSql(filterSql: string, format: RecordTextFormat): string {
  return `SELECT CAST(${lineExpression(format)} AS BLOB) FROM articles ${filterSql} ${EXPORT_ORDER}`;
}

/**
 * The selected articles' lines in export order, one Buffer each (a JSON object without its newline, or a CSV row
 * with its CRLF). Streams: one row in memory at a time, and the order comes from an index (migration v11), so
 * SQLite does not sort the archive either.
 */
export function* iterateRecordText(db: Database, filter: RecordFilter, format: RecordTextFormat): IterableIterator<Buffer> {
  const { sql, params } = whereClause(filter);
  const lines = db.prepare(recordTextSql(sql, format));
  for (const line of lines.pluck().iterate(params) as IterableIterator<Buffer | null>) {
    // A row whose line is empty (an empty CSV row cannot happen: url is never empty) comes back as NULL.
    yield line ?? Buffer.alloc(0);
  }
}
