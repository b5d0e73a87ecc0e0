import { openArchive, verifyArchive, type VerifyReport } from '../store/index.js';
import { EXIT } from './exit-codes.js';
import type { ProgressTask } from './progress.js';

export interface VerifyCommandResult {
  /** 0 when every check holds, 3 (EXIT.damaged) when any problem was found. */
  code: number;
  report: VerifyReport;
}

/** Reads the whole archive read-only and checks it; nothing is repaired or written. */
export function verifyCommand(options: { db: string }, deps: { progress?: ProgressTask } = {}): VerifyCommandResult {
  const { progress } = deps;
  const db = openArchive(options.db, { create: false, readonly: true });
  try {
    const report = verifyArchive(db, progress ? { onProgress: (done, total) => progress.update({ done, total }) } : {});
    return { code: report.problems.length === 0 ? EXIT.ok : EXIT.damaged, report };
  } finally {
    progress?.end();
    db.close();
  }
}

/** One line per problem, for stdout. */
export function problemLines(report: VerifyReport): string {
  return report.problems.map((p) => `${p.message}\n`).join('');
}

export function verifySummary(report: VerifyReport): string {
  const c = report.checked;
  const n = report.problems.length;
  return (
    `verify: ${c.blobs} stored bodies, ${c.captures} captures, ${c.articles} articles, ${c.revisions} earlier versions, ` +
    `${c.images} downloaded images checked; ${n === 0 ? 'no problems' : n === 1 ? '1 problem' : `${n} problems`}`
  );
}
