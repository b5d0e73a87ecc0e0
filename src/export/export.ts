import type { Database } from 'better-sqlite3';
import type { ArticleRecord } from '../extract/record.js';
import { ArchiveError } from '../store/errors.js';
import { countRecords, type RecordFilter } from '../store/records.js';
import { iterateRecordText, type RecordTextFormat } from '../store/record-text.js';
import { iterateRecordVersions } from '../store/revisions.js';
import { csvHeader, CSV_COLUMNS, writeCsv } from './csv.js';
import { RECORD_FIELDS } from './record-fields.js';
import { SCHEMA_VERSION } from './schema-version.js';
import { writeLines } from './lines.js';
import type { ExportFormat } from './format.js';
import { writeJson } from './json.js';
import { writeJsonl } from './jsonl.js';

export interface ExportOptions extends RecordFilter {
  format: ExportFormat;
  /** CSV only: prepend a UTF-8 byte order mark. */
  bom?: boolean;
  /** CSV only: BOM plus formula cells neutralised, for spreadsheet programs. */
  excel?: boolean;
  /** Only these fields (checked by parseFields), in this order. */
  fields?: readonly string[];
  /** json, jsonl, csv: every stored version of each article, with `version` and `captured_at`. */
  revisions?: boolean;
  /**
   * warc, cdxj, wacz: the writing program (warcinfo `software`) and the WARC's file name (WARC-Filename; for cdxj
   * the WARC the index points into; unused for wacz, whose WARC is `archive/data.warc.gz`).
   */
  warc?: { software: string; filename: string };
  /**
   * Told the records to write (counted first; null with --revisions, whose versions are not counted ahead) and
   * each record written. Not called for warc.
   */
  onProgress?: (done: number, total: number | null) => void;
}

/** The items, telling `tick` how many the consumer has taken once it asks for the next. */
function* counted<T>(items: Iterable<T>, tick: (n: number) => void): Generator<T> {
  let n = 0;
  for (const item of items) {
    yield item;
    tick(++n);
  }
}

/** What SQLite writes for the newest versions: the chosen fields (version is only in --revisions records). */
function textFormat(opts: ExportOptions): RecordTextFormat {
  if (opts.format === 'csv') return { kind: 'csv', columns: opts.fields ?? CSV_COLUMNS, excel: opts.excel ?? false };
  const fields = opts.fields ?? RECORD_FIELDS.filter((f) => f !== 'schema_version');
  return {
    kind: 'json',
    fields: ['schema_version', ...fields.filter((f) => f !== 'version' && f !== 'schema_version')],
    constants: { schema_version: SCHEMA_VERSION },
  };
}

/** Streams the selected records into `out`; the caller ends `out` (it may be stdout). */
export async function exportArchive(
  db: Database,
  opts: ExportOptions,
  out: NodeJS.WritableStream,
): Promise<{ count: number }> {
  const filter: RecordFilter = {};
  if (opts.site !== undefined) filter.site = opts.site;
  if (opts.since !== undefined) filter.since = opts.since;
  if (opts.until !== undefined) filter.until = opts.until;
  if (opts.match !== undefined) filter.match = opts.match;
  if (opts.categories !== undefined) filter.categories = opts.categories;
  if (opts.bom && opts.format !== 'csv') {
    throw new ArchiveError(`--bom applies only to csv, not ${opts.format}`);
  }
  if (opts.excel && opts.format !== 'csv') {
    throw new ArchiveError(`--excel applies only to csv, not ${opts.format}`);
  }
  if (opts.format === 'warc' || opts.format === 'cdxj' || opts.format === 'wacz') {
    return { count: await exportCaptures(db, opts, out) };
  }
  const { onProgress } = opts;
  if (!opts.revisions) {
    let lines: Iterator<Buffer> & Iterable<Buffer> = iterateRecordText(db, filter, textFormat(opts));
    if (onProgress) {
      const total = countRecords(db, filter);
      onProgress(0, total);
      lines = counted(lines, (n) => onProgress(n, total));
    }
    try {
      return { count: await writeLines(lines, out, opts.format, opts.format === 'csv' ? csvHeader(opts) : '') };
    } finally {
      // Releases the SQLite statement (and its read snapshot) if the writer stopped early (the output stream failed).
      lines.return?.();
    }
  }
  const fields = opts.fields ? { fields: opts.fields } : {};
  const source = iterateRecordVersions(db, filter);
  let records: Iterator<ArticleRecord> & Iterable<ArticleRecord> = source;
  if (onProgress) {
    onProgress(0, null);
    records = counted(source, (n) => onProgress(n, null));
  }
  try {
    const count =
      opts.format === 'json'
        ? await writeJson(records, out, fields)
        : opts.format === 'jsonl'
          ? await writeJsonl(records, out, fields)
          : await writeCsv(records, out, {
              bom: opts.bom ?? false,
              excel: opts.excel ?? false,
              revisions: true,
              ...fields,
            });
    return { count };
  } finally {
    // Releases the SQLite statement if the writer stopped early (e.g. the output stream failed).
    records.return?.();
  }
}

/**
 * The WARC, its CDXJ index and the WACZ hold captures, not article records: only the selection by host and capture
 * time applies, and the options that shape records are refused rather than silently ignored.
 */
async function exportCaptures(db: Database, opts: ExportOptions, out: NodeJS.WritableStream): Promise<number> {
  const refused: [boolean, string][] = [
    [opts.fields !== undefined, '--fields'],
    [opts.revisions === true, '--revisions'],
    [opts.match !== undefined, '--query'],
    [opts.categories !== undefined, '--category'],
  ];
  const option = refused.find(([given]) => given)?.[1];
  if (option !== undefined) {
    throw new ArchiveError(`${option} does not apply to ${opts.format}, which holds every capture`);
  }
  if (!opts.warc) throw new ArchiveError(`${opts.format} export needs the writing program and file name`);
  const filter = {
    ...(opts.site !== undefined ? { site: opts.site } : {}),
    ...(opts.since !== undefined ? { since: opts.since } : {}),
    ...(opts.until !== undefined ? { until: opts.until } : {}),
  };
  const { software, filename } = opts.warc;
  // Loaded here, not at start-up: only these formats need the ZIP library and the temporary index databases.
  if (opts.format === 'cdxj') {
    const { writeCdxj } = await import('./cdxj/write.js');
    return writeCdxj(db, out, { software, warcName: filename, filter });
  }
  if (opts.format === 'wacz') {
    const { writeWacz } = await import('./wacz/write.js');
    return writeWacz(db, out, { software, filter });
  }
  const { writeWarc } = await import('./warc/write.js');
  return writeWarc(db, out, { software, filename, filter });
}
