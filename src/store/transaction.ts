import type { Database } from 'better-sqlite3';

type Runner = (work: () => unknown) => unknown;

const runners = new WeakMap<Database, Runner>();

/**
 * Runs `work` as one transaction, or as a savepoint inside the one already open: what `db.transaction(work)()`
 * does (all of it committed, or all of it rolled back and the error rethrown), without building better-sqlite3's
 * transaction function anew on every call. That function is made of four wrappers, each given five properties by
 * `Object.defineProperties`; a crawl stores each article through three nested transactions (the batch's savepoint,
 * savePage's, saveArticle's), and building them was 0.1 s of the main thread per 3,688 articles (CPU profile).
 * One wrapper per connection, taking the work as its argument, does the same.
 */
export function transact<T>(db: Database, work: () => T): T {
  let run = runners.get(db);
  if (!run) {
    run = db.transaction((w: () => unknown) => w());
    runners.set(db, run);
  }
  return run(work) as T;
}
