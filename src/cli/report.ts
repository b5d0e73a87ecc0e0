import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { writeChunk } from '../export/write.js';
import { renderReport } from '../report/html.js';
import { computeStats } from '../stats/stats.js';
import { openArchive } from '../store/index.js';
import { outFile } from './out-file.js';

export interface ReportCommandResult {
  out: string | null;
  articles: number;
  bytes: number;
}

/**
 * Writes the HTML report to a file (under a temporary name, renamed when complete, like export: out-file.ts) or to stdout.
 * The report is a few kilobytes whatever the archive's size: it holds counts, never articles.
 */
export async function reportCommand(
  options: { db: string; out?: string },
  stdout: NodeJS.WritableStream,
  deps: { now?: () => Date } = {},
): Promise<ReportCommandResult> {
  const db = openArchive(options.db, { create: false, readonly: true });
  let html: string;
  let articles: number;
  try {
    const stats = computeStats(db);
    articles = stats.articles;
    html = renderReport(stats, { generatedAt: (deps.now ?? (() => new Date()))(), source: path.basename(options.db) });
  } finally {
    db.close();
  }
  const bytes = Buffer.byteLength(html);
  if (!options.out) {
    await writeChunk(stdout, html);
    return { out: null, articles, bytes };
  }
  const { target, writing, direct } = outFile(options.out);
  try {
    writeFileSync(writing, html);
    if (!direct) renameSync(writing, target);
  } catch (err) {
    if (!direct) rmSync(writing, { force: true });
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'ENOSPC' || code === 'EISDIR') {
      throw new UsageError(`cannot write ${options.out}: ${code}`, { cause: err });
    }
    throw err;
  }
  return { out: target, articles, bytes };
}
