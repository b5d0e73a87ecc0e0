import { stringify } from 'csv-stringify/sync';
import type { ArticleRecord } from '../extract/record.js';
import { neutraliseFormula } from './excel.js';
import { BatchWriter } from './write.js';

export interface CsvWriterOptions {
  /** Prepend U+FEFF so spreadsheet programs read the file as UTF-8. */
  bom?: boolean;
  /** `--excel`: a BOM and formula cells neutralised (see excel.ts). */
  excel?: boolean;
  /** `--fields`: only these columns, in this order. */
  fields?: readonly string[];
  /** `--revisions`: every version of each article, with a `version` column at the end. */
  revisions?: boolean;
}

export const CSV_COLUMNS = [
  'url',
  'site',
  'category',
  'title',
  'published_at',
  'summary',
  'body_text',
  'author',
  'organization',
  'image_count',
  'images',
  'related',
  'extractor',
  'source',
  'archive_url',
  'fetched_at',
  'captured_at',
  'content_sha256',
] as const;

/** Added after CSV_COLUMNS with `--revisions`. */
export const REVISION_COLUMNS = ['version'] as const;

function columnsOf(opts: CsvWriterOptions): readonly string[] {
  return opts.revisions ? [...CSV_COLUMNS, ...REVISION_COLUMNS] : CSV_COLUMNS;
}

/** Rows are stringified in batches: one csv-stringify call per row would dominate the export time. */
const BATCH_ROWS = 200;

function toRow(r: ArticleRecord & { version?: number }, revisions: boolean): string[] {
  const row = [
    r.url,
    r.site,
    r.category ?? '',
    r.title,
    r.published_at ?? '',
    r.summary ?? '',
    r.body_text,
    r.author ?? '',
    r.organization ?? '',
    String(r.images.length),
    JSON.stringify(r.images.map((i) => ({ url: i.url, alt: i.alt, caption: i.caption, sha256: i.sha256, size: i.size }))),
    JSON.stringify(r.related.map((l) => ({ title: l.title, url: l.url }))),
    r.extractor,
    r.source,
    r.archive_url ?? '',
    r.fetched_at,
    r.captured_at,
    r.content_sha256,
  ];
  if (revisions) row.push(r.version === undefined ? '' : String(r.version));
  return row;
}

/** Picks the `--fields` columns from a full row and, for `--excel`, neutralises formula cells. */
function rowShaper(opts: CsvWriterOptions): (row: string[]) => string[] {
  const columns = columnsOf(opts);
  const picks = opts.fields?.map((f) => columns.indexOf(f));
  return (row) => {
    const cells = picks ? picks.map((i) => row[i] ?? '') : row;
    return opts.excel ? cells.map(neutraliseFormula) : cells;
  };
}

function toCsv(rows: string[][]): string {
  // csv-stringify only quotes a field containing the record delimiter (CRLF) itself; a bare LF or CR
  // in article text would split the row in most readers, so such fields are quoted too.
  return stringify(rows, { record_delimiter: 'windows', quoted_match: /[\r\n]/ });
}

/** The byte order mark (with --bom or --excel) and the header row. */
export function csvHeader(opts: CsvWriterOptions): string {
  return (opts.bom || opts.excel ? '\uFEFF' : '') + toCsv([[...(opts.fields ?? columnsOf(opts))]]);
}

/** RFC 4180 CSV with a header row. Does not end `out`. */
export async function writeCsv(
  records: Iterable<ArticleRecord>,
  out: NodeJS.WritableStream,
  opts: CsvWriterOptions = {},
): Promise<number> {
  const writer = new BatchWriter(out);
  await writer.pushText(csvHeader(opts));
  const shape = rowShaper(opts);
  let count = 0;
  let batch: string[][] = [];
  for (const record of records) {
    batch.push(shape(toRow(record, opts.revisions ?? false)));
    count++;
    if (batch.length === BATCH_ROWS) {
      await writer.pushText(toCsv(batch));
      batch = [];
    }
  }
  if (batch.length > 0) await writer.pushText(toCsv(batch));
  await writer.flush();
  return count;
}
