import { stringify } from 'csv-stringify/sync';
import type { ArticleRecord } from '../extract/record.js';
import { writeChunk } from './write.js';

export interface CsvWriterOptions {
  /** Prepend U+FEFF so spreadsheet programs read the file as UTF-8. */
  bom?: boolean;
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
  'fetched_at',
  'content_sha256',
] as const;

/** Rows are stringified in batches: one csv-stringify call per row would dominate the export time. */
const BATCH_ROWS = 200;

function toRow(r: ArticleRecord): string[] {
  return [
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
    r.fetched_at,
    r.content_sha256,
  ];
}

function toCsv(rows: string[][]): string {
  // csv-stringify only quotes a field containing the record delimiter (CRLF) itself; a bare LF or CR
  // in article text would split the row in most readers, so such fields are quoted too.
  return stringify(rows, { record_delimiter: 'windows', quoted_match: /[\r\n]/ });
}

/** RFC 4180 CSV with a header row. Does not end `out`. */
export async function writeCsv(
  records: Iterable<ArticleRecord>,
  out: NodeJS.WritableStream,
  opts: CsvWriterOptions = {},
): Promise<number> {
  await writeChunk(out, (opts.bom ? '\uFEFF' : '') + toCsv([[...CSV_COLUMNS]]));
  let count = 0;
  let batch: string[][] = [];
  for (const record of records) {
    batch.push(toRow(record));
    count++;
    if (batch.length === BATCH_ROWS) {
      await writeChunk(out, toCsv(batch));
      batch = [];
    }
  }
  if (batch.length > 0) await writeChunk(out, toCsv(batch));
  return count;
}
