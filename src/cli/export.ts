import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import path from 'node:path';
import { CAPTURE_FORMATS, CSV_COLUMNS, REVISION_COLUMNS, exportArchive, parseDateBound, parseFormat, type ExportFormat } from '../export/index.js';
import { parseFields } from '../export/record-fields.js';
import { matchingCategories } from '../search/category.js';
import { toFtsQuery } from '../search/query.js';
import { assertValidQuery } from '../search/search.js';
import { openArchive } from '../store/index.js';
import { UsageError } from '../errors.js';
import type { ProgressTask } from './progress.js';
import { outFile } from './out-file.js';
import { packageVersion } from './version.js';

export interface ExportCommandOptions {
  db: string;
  format: string;
  out?: string;
  site?: string;
  since?: string;
  until?: string;
  bom?: boolean;
  /** Only articles matching this search query (same syntax as `search`). */
  query?: string;
  /** Only articles of this category (case and diacritics ignored). */
  category?: string;
  /** Comma-separated field names. */
  fields?: string;
  /** CSV for spreadsheets: BOM and formula cells neutralised. */
  excel?: boolean;
  /** json, jsonl, csv: every stored version of each article. */
  revisions?: boolean;
  /** cdxj: the file name of the WARC the index points into. */
  warcName?: string;
}

/** Why an output file could not be written, in words; the errno code follows in the message. */
const WRITE_ERRORS: Record<string, string> = {
  ENOENT: 'no such directory',
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EIO: 'input/output error',
};

export interface ExportCommandResult {
  count: number;
  format: ExportFormat;
  out: string | null;
}

/**
 * Streams the archive to a file or stdout. A file is written under a temporary name and renamed when complete,
 * so a failed export never leaves a half-written file where a finished one is expected.
 */
export async function exportCommand(
  options: ExportCommandOptions,
  stdout: NodeJS.WritableStream,
  deps: { progress?: ProgressTask } = {},
): Promise<ExportCommandResult> {
  try {
    return await exportTo(options, stdout, deps.progress);
  } finally {
    deps.progress?.end();
  }
}

async function exportTo(options: ExportCommandOptions, stdout: NodeJS.WritableStream, progress?: ProgressTask): Promise<ExportCommandResult> {
  const format = parseFormat(options.format);
  const since = options.since ? parseDateBound(options.since, 'since') : undefined;
  const until = options.until ? parseDateBound(options.until, 'until') : undefined;
  if (since && until && since > until) throw new UsageError(`--since ${options.since} is after --until ${options.until}`);
  if (format === 'warc' && !options.out) {
    throw new UsageError('--format warc writes a gzip-compressed file: give --out <file.warc.gz>');
  }
  if (format === 'wacz' && !options.out) {
    throw new UsageError('--format wacz writes a ZIP file: give --out <file.wacz>');
  }
  if (options.warcName !== undefined && format !== 'cdxj') {
    throw new UsageError(`--warc-name applies only to cdxj, not ${format}`);
  }
  const warcName = format === 'cdxj' ? indexedWarcName(options) : undefined;
  const csvColumns = options.revisions ? [...CSV_COLUMNS, ...REVISION_COLUMNS] : CSV_COLUMNS;
  const fields = options.fields !== undefined ? parseFields(options.fields, format, csvColumns) : undefined;
  const match = options.query !== undefined ? toFtsQuery(options.query) : undefined;
  const db = openArchive(options.db, { create: false, readonly: true });
  // A 1 MB page cache rather than better-sqlite3's 16 MB: an export reads the archive once, front to back, and what it
  // reads again (the indexes' upper pages) fits in far less. Cycling every page through 16 MB of cache cost page
  // faults and cache misses: a JSONL export of 20,000 records read its rows in 420 ms instead of 540-760.
  db.pragma('cache_size = -1000');
  try {
    if (match !== undefined) assertValidQuery(db, match, options.query!);
    const categories = options.category !== undefined ? matchingCategories(db, options.category) : undefined;
    const filter = {
      format,
      ...(options.site ? { site: options.site } : {}),
      ...(since ? { since } : {}),
      ...(until ? { until } : {}),
      ...(options.bom ? { bom: true } : {}),
      ...(options.excel ? { excel: true } : {}),
      ...(fields ? { fields } : {}),
      ...(match !== undefined ? { match } : {}),
      ...(categories ? { categories } : {}),
      ...(options.revisions ? { revisions: true } : {}),
      ...(progress ? { onProgress: (done: number, total: number | null) => progress.update({ done, total }) } : {}),
    };
    if (!options.out) {
      const software = `portal-archiver/${packageVersion()}`;
      const capture = warcName !== undefined ? { ...filter, warc: { software, filename: warcName } } : filter;
      const { count } = await exportArchive(db, capture, stdout);
      return { count, format, out: null };
    }
    const { target, writing, direct } = outFile(options.out);
    // The writers hand a file batches of 1 MB and fill the next while the last is written (export/write.ts).
    const file = createWriteStream(writing);
    // A write error (disk full) may arrive while nothing waits on the stream: keep it from crashing the process;
    // the writers see it on their next write and finished() below reports it.
    file.on('error', () => {});
    try {
      await once(file, 'open');
      const warc = { software: `portal-archiver/${packageVersion()}`, filename: warcName ?? path.basename(target) };
      const { count } = await exportArchive(db, CAPTURE_FORMATS.includes(format) ? { ...filter, warc } : filter, file);
      file.end();
      await finished(file);
      if (!direct) renameSync(writing, target);
      return { count, format, out: target };
    } catch (err) {
      file.destroy();
      if (!direct) rmSync(writing, { force: true });
      const code = (err as NodeJS.ErrnoException).code;
      const why = code === undefined ? undefined : WRITE_ERRORS[code];
      if (why !== undefined) throw new UsageError(`cannot write ${options.out}: ${why} (${code})`, { cause: err });
      throw err;
    }
  } finally {
    db.close();
  }
}

/**
 * The WARC a CDXJ index points into: `--warc-name`, else the `--out` name with `.cdxj` made `.warc.gz`
 * (`site.cdxj` indexes `site.warc.gz`, which `--format warc --out site.warc.gz` with the same selection writes).
 */
function indexedWarcName(options: ExportCommandOptions): string {
  if (options.warcName !== undefined) {
    const name = options.warcName.trim();
    if (name === '' || name.includes('/') || name.includes('\\')) {
      throw new UsageError(`--warc-name takes a file name without a directory, not "${options.warcName}"`);
    }
    return name;
  }
  if (options.out) return `${path.basename(options.out).replace(/\.cdxj$/i, '')}.warc.gz`;
  throw new UsageError('--format cdxj names the WARC it indexes: give --warc-name <file.warc.gz> or --out <file.cdxj>');
}
