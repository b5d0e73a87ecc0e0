import type { Database } from 'better-sqlite3';

type Runner = (work: () => unknown) => unknown;

const runners = new WeakMap<Database, Runner>();

/** Connections inside `withoutSavepoints`, and whether a nested transaction's work threw there. */
const flatRegions = new WeakMap<Database, { threw: boolean }>();

/** Thrown by `withoutSavepoints` when nested work failed and its error was caught: the transaction must be rolled back. */
class SavepointsNeeded extends Error {
  constructor() {
    super('a write failed inside a region without savepoints');
  }
}

/**
 * Runs `work` as one transaction, or as a savepoint inside the one already open: what `db.transaction(work)()`
 * does (all of it committed, or all of it rolled back and the error rethrown), without building better-sqlite3's
 * transaction function anew on every call. That function is made of four wrappers, each given five properties by
 * `Object.defineProperties`; a crawl stores each article through three nested transactions (the batch's savepoint,
 * savePage's, saveArticle's), and building them was 0.1 s of the main thread per 3,688 articles (CPU profile).
 * One wrapper per connection, taking the work as its argument, does the same. Inside `withoutSavepoints` the work
 * runs as a plain call.
 */
export function transact<T>(db: Database, work: () => T): T {
  const flat = flatRegions.get(db);
  if (flat) {
    try {
      return work();
    } catch (err) {
      flat.threw = true;
      throw err;
    }
  }
  let run = runners.get(db);
  if (!run) {
    run = db.transaction((w: () => unknown) => w());
    runners.set(db, run);
  }
  return run(work) as T;
}

/**
 * Runs `work` in the transaction already open with every nested `transact` a plain call instead of a savepoint. It
 * throws what the work throws, and `SavepointsNeeded` if a nested one threw where the error was caught: either way
 * partial writes were not undone, so the caller must roll back the whole transaction (and redo it with savepoints,
 * which settle each unit).
 *
 * Why: the first savepoint inside a transaction makes SQLite copy every page it is about to change that the
 * transaction had already changed (its statement journal), so a batch of articles in savepoints copied the pages
 * they share (index and table leaves) once an article. Measured on the crawl's batches, 4,057 pages: 0.87 s of the
 * main thread in the articles' writes with savepoints, 0.71 s without.
 */
export function withoutSavepoints<T>(db: Database, work: () => T): T {
  if (!db.inTransaction) throw new Error('withoutSavepoints runs inside an open transaction');
  if (flatRegions.has(db)) return work();
  const region = { threw: false };
  flatRegions.set(db, region);
  try {
    const value = work();
    if (region.threw) throw new SavepointsNeeded();
    return value;
  } finally {
    flatRegions.delete(db);
  }
}
