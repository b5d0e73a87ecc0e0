import type { Database } from 'better-sqlite3';
import { storeWrite } from '../store/write-errors.js';

interface Queued {
  write: () => unknown;
  resolve: (value: never) => void;
  reject: (err: unknown) => void;
}

/**
 * Groups the crawl's per-article writes into one transaction per turn of the event loop. Each article's writes still
 * run as a unit of their own (a savepoint inside the batch): one that fails is rolled back alone, the others commit.
 * A write's promise settles once its batch is committed, and the crawl holds the article's queue slot until then, so
 * what a kill can lose is bounded by the requests in flight, as it was with a transaction per article.
 *
 * Why: SQLite commits cost far more than the statements (the WAL frames of every touched page, the full-text index's
 * new segment); a batch pays that once for all the articles that finished in the same turn.
 */
export class BatchWriter {
  private queued: Queued[] = [];
  private scheduled = false;

  constructor(
    private readonly db: Database,
    private readonly maxBatch = 64,
  ) {}

  /** Runs `write` (synchronous SQLite writes, no await) inside the next batch; resolves with its result once committed. */
  write<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queued.push({ write, resolve: resolve as (value: never) => void, reject });
      if (this.queued.length >= this.maxBatch) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits what is queued now. */
  flush(): void {
    this.scheduled = false;
    const batch = this.queued;
    this.queued = [];
    if (batch.length === 0) return;
    const outcomes: ({ ok: true; value: unknown } | { ok: false; err: unknown })[] = [];
    try {
      storeWrite(() =>
        this.db.transaction(() => {
          for (const item of batch) {
            try {
              // A nested transaction is a savepoint: this article's writes are all kept or all rolled back.
              outcomes.push({ ok: true, value: storeWrite(() => this.db.transaction(item.write)()) });
            } catch (err) {
              // SQLite may have rolled back the whole batch (a full disk does): then none of it stands.
              if (!this.db.inTransaction) throw err;
              outcomes.push({ ok: false, err });
            }
          }
        })(),
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
