import type { Database } from 'better-sqlite3';
import { ArchiveError } from '../store/errors.js';
import { iterateRecords, type RecordFilter } from '../store/records.js';
import { writeCsv } from './csv.js';
import type { ExportFormat } from './format.js';
import { writeJson } from './json.js';
import { writeJsonl } from './jsonl.js';

export interface ExportOptions extends RecordFilter {
  format: ExportFormat;
  /** CSV only: prepend a UTF-8 byte order mark. */
  bom?: boolean;
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
  if (opts.bom && opts.format !== 'csv') {
    throw new ArchiveError(`--bom applies only to csv, not ${opts.format}`);
  }
  const records = iterateRecords(db, filter);
  try {
    const count =
      opts.format === 'json'
        ? await writeJson(records, out)
        : opts.format === 'jsonl'
          ? await writeJsonl(records, out)
          : await writeCsv(records, out, { bom: opts.bom ?? false });
    return { count };
  } finally {
    // Releases the SQLite statement if the writer stopped early (e.g. the output stream failed).
    records.return?.();
  }
}
