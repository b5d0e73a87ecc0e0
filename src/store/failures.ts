import type { Database } from 'better-sqlite3';
import { stmt } from './statements.js';

export type FailureStage = 'fetch' | 'extract' | 'store';

export interface Failure {
  runId: number;
  url: string;
  stage: FailureStage;
  reason: string;
  at: string;
}

export function recordFailure(db: Database, failure: Failure): void {
  stmt(db, 'INSERT INTO failures (run_id, url, stage, reason, at) VALUES (?, ?, ?, ?, ?)').run(
    failure.runId,
    failure.url,
    failure.stage,
    failure.reason,
    failure.at,
  );
}
