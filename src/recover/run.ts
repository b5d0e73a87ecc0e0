import { TaskQueue } from '../crawl/queue.js';
import { FetchError } from '../fetch/errors.js';
import { recordFailure } from '../store/index.js';
import { markCaptureFailed, type StoredCapture } from '../store/archive-captures.js';
import type { CdxQuery } from '../source/archive/cdx.js';
import type { PageSource } from '../source/index.js';
import type { RecoverDeps, RecoverFailure, RecoverSettings, RecoverSummary } from './types.js';
import { transact } from '../store/transaction.js';

export function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function attemptsOf(err: unknown): number {
  const match = /\(after (\d+) attempts?\)$/.exec(reasonOf(err));
  return match ? Number(match[1]) : 1;
}

/** What the parts of one recovery share: settings, dependencies, the task queue, the summary, the queries run. */
export class RecoverRun {
  readonly queue: TaskQueue;
  /** Queries that listed everything in their scope this run: a URL they cover has no capture if they found none. */
  readonly complete: CdxQuery[] = [];
  /** Article URLs looked up this run, so each is asked for once. */
  readonly lookedUp = new Set<string>();
  /** Where captures are read from: the web archive, behind the same interface as the live web. */
  readonly source: PageSource;
  /** Captures finished this run (read, skipped as a repeat, or failed), and what is known to be left. */
  private done = 0;
  private total: number | null = null;
  private host: string | null = null;

  constructor(
    readonly settings: RecoverSettings,
    readonly deps: RecoverDeps,
    readonly runId: number,
    readonly summary: RecoverSummary,
  ) {
    this.queue = new TaskQueue(settings.concurrency, settings.concurrency);
    this.source = deps.client.source();
  }

  get db() {
    return this.deps.db;
  }

  get archive(): string {
    return this.deps.client.base;
  }

  now(): string {
    return new Date(this.deps.clock.now()).toISOString();
  }

  aborted(): boolean {
    return this.settings.signal?.aborted === true;
  }

  progress(): void {
    this.deps.onProgress?.(this.summary, { done: this.done, total: this.total, host: this.host });
  }

  /** One capture finished, whatever became of it. */
  captureDone(host: string): void {
    this.done++;
    this.host = host;
    this.progress();
  }

  /** The total is what is finished plus what is still to read for these hosts (it grows as lookups find more). */
  countLeft(hosts: string[]): void {
    const left = this.db.prepare(`SELECT count(*) FROM archive_captures WHERE archive = ? AND host = ? AND state != 'done'`).pluck();
    this.total = this.done + hosts.reduce((n, h) => n + (left.get(this.archive, h) as number), 0);
    this.progress();
  }

  /** A CDX query that could not be answered: recorded; what it was to find is asked again next run. */
  failQuery(query: CdxQuery, err: unknown): void {
    const reason = reasonOf(err);
    const url = err instanceof FetchError && err.url ? err.url : query.url;
    this.summary.failures.push({ url, stage: 'fetch', reason });
    recordFailure(this.db, { runId: this.runId, url, stage: 'fetch', reason, at: this.now() });
    this.deps.log.warn(`failed: ${url}: ${reason}`);
  }

  /** A capture that could not be had: kept `failed` in the recovery state (the next run tries it again) and logged. */
  failCapture(capture: StoredCapture, stage: RecoverFailure['stage'], err: unknown): void {
    const reason = reasonOf(err);
    const url = err instanceof FetchError && err.url ? err.url : this.deps.client.endpoints.memento(capture.timestamp, capture.original);
    this.summary.failures.push({ url, stage, reason });
    transact(this.db, () => {
      markCaptureFailed(this.db, capture.id, { reason, attempts: attemptsOf(err), runId: this.runId, now: this.now() });
      recordFailure(this.db, { runId: this.runId, url, stage, reason, at: this.now() });
    });
    this.deps.log.warn(`failed: ${url}: ${reason}`);
  }
}
