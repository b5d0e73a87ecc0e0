import type { Database } from 'better-sqlite3';
import { transact, withoutSavepoints } from '../store/transaction.js';
import { storeWrite } from '../store/write-errors.js';

/** Takes work to run at the end of the batch, inside its transaction, if this article's writes stand. */
export type Defer = (task: () => void) => void;

interface Queued {
  write: (defer: Defer) => unknown;
  resolve: (value: never) => void;
  reject: (err: unknown) => void;
}

/**
 * Groups the crawl's per-article writes into one transaction: a batch is committed when it holds `maxBatch` writes
 * (as many pages as may wait to be stored) or `maxDelayMs` after its first write, whichever comes first. Each article's writes still
 * form a unit of their own: a batch is committed in one go, and should anything in it fail, it is rolled back and
 * run again with each article in a savepoint, so one that fails is rolled back alone and the others commit. A
 * write's promise settles once its batch is committed, and until then the crawl holds the article's place among the
 * pages waiting to be stored (its request slot too without a spool), so what a kill can lose is bounded as it was
 * with a transaction per article.
 *
 * Why: a commit costs more than the statements (the WAL frames of every page touched, the full-text index's new
 * segment): measured on the generated portal, 1.6 ms of CPU an article one by one, 0.95 ms in batches of 16. Articles
 * finish at different moments (each after its own compression), so batching by turn of the event loop gave batches of
 * one; a few milliseconds of delay gather them.
 */
export class BatchWriter {
  private queued: Queued[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Database,
    private readonly maxBatch = 16,
    // 4 ms: every article of a batch holds its request slot until the commit, so a longer wait idles fetches
    // (measured on the generated portal: 15 -> 8 ms took the crawl 5-18 % less time, 30 ms 4-14 % more). 4 ms
    // measured no better than 8 while the main thread still stalled in checkpoints and starved the extraction
    // worker; without those stalls (the checkpoint thread, 16 pages ahead for the worker) it is: 8 of 11
    // alternating pairs faster than 8 ms (median 5 % less time), 12 ms slower, 2 ms about as fast as 4 with more
    // commits, each rewriting the index pages every article shares.
    private readonly maxDelayMs = 4,
  ) {}

  /**
   * Runs `write` (synchronous SQLite writes, no await) inside the next batch; resolves with its result once committed.
   * What `write` hands to `defer` runs after every article of the batch, in the same transaction: the search index
   * is updated there (saveArticle's `deferIndex`), because FTS5 writes out its pending terms at every savepoint, so
   * indexed article by article it cost a segment each; at the end of the batch it costs one (measured: 0.25 ms of
   * an article's 1.5 ms of writes).
   */
  write<T>(write: (defer: Defer) => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queued.push({ write, resolve: resolve as (value: never) => void, reject });
      if (this.queued.length >= this.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.maxDelayMs);
    });
  }

  /** Commits what is queued now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.queued;
    this.queued = [];
    if (batch.length === 0) return;
    const values = this.commitAtOnce(batch);
    if (values) batch.forEach((item, i) => item.resolve(values[i] as never));
    else this.commitEach(batch);
  }

  /**
   * The batch in one transaction without a savepoint per article (withoutSavepoints: they cost more than the
   * articles' statements). Null when anything in it failed: the transaction was rolled back, nothing of the batch
   * stands, and commitEach runs it again to settle each article. Writes are synchronous SQLite statements, so
   * running one twice after a rollback does what running it once does.
   */
  private commitAtOnce(batch: Queued[]): unknown[] | null {
    try {
      return transact(this.db, () =>
        withoutSavepoints(this.db, () => {
          const deferred: (() => void)[] = [];
          const values = batch.map((item) => item.write((task) => deferred.push(task)));
          for (const task of deferred) task();
          return values;
        }),
      );
    } catch {
      return null;
    }
  }

  /** The batch with each article in a savepoint of its own: one that fails is rolled back alone, the others commit. */
  private commitEach(batch: Queued[]): void {
    const outcomes: ({ ok: true; value: unknown } | { ok: false; err: unknown })[] = [];
    try {
      storeWrite(() =>
        transact(this.db, () => {
          const deferred: (() => void)[] = [];
          for (const item of batch) {
            const mine: (() => void)[] = [];
            try {
              // A nested transaction is a savepoint: this article's writes are all kept or all rolled back.
              const value = storeWrite(() => transact(this.db, () => item.write((task) => mine.push(task))));
              outcomes.push({ ok: true, value });
              deferred.push(...mine);
            } catch (err) {
              // SQLite may have rolled back the whole batch (a full disk does): then none of it stands.
              if (!this.db.inTransaction) throw err;
              outcomes.push({ ok: false, err });
            }
          }
          // Deferred work that fails fails the batch: none of its articles is committed without it.
          for (const task of deferred) storeWrite(task);
        }),
      );
    } catch (err) {
      for (const item of batch) item.reject(err);
      return;
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.value as never);
      else item.reject(outcome.err);
    });
  }
}
