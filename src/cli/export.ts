import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { exportArchive, parseDateBound, parseFormat, type ExportFormat } from '../export/index.js';
import { openArchive } from '../store/index.js';
import { UsageError } from '../errors.js';

export interface ExportCommandOptions {
  db: string;
  format: string;
  out?: string;
  site?: string;
  since?: string;
  until?: string;
  bom?: boolean;
}

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
): Promise<ExportCommandResult> {
  const format = parseFormat(options.format);
  const since = options.since ? parseDateBound(options.since, 'since') : undefined;
  const until = options.until ? parseDateBound(options.until, 'until') : undefined;
  if (since && until && since > until) throw new UsageError(`--since ${options.since} is after --until ${options.until}`);
  const db = openArchive(options.db, { create: false, readonly: true });
  try {
    const filter = {
      format,
      ...(options.site ? { site: options.site } : {}),
      ...(since ? { since } : {}),
      ...(until ? { until } : {}),
      ...(options.bom ? { bom: true } : {}),
    };
    if (!options.out) {
      const { count } = await exportArchive(db, filter, stdout);
      return { count, format, out: null };
    }
    const target = path.resolve(options.out);
    const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.partial`);
    const file = createWriteStream(temp);
    try {
      await once(file, 'open');
      const { count } = await exportArchive(db, filter, file);
      file.end();
      await once(file, 'finish');
      renameSync(temp, target);
      return { count, format, out: target };
    } catch (err) {
      file.destroy();
      rmSync(temp, { force: true });
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EACCES' || code === 'ENOSPC' || code === 'EISDIR') {
        throw new UsageError(`cannot write ${options.out}: ${code}`, { cause: err });
      }
      throw err;
    }
  } finally {
    db.close();
  }
}
