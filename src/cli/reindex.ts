import { rebuildIndex } from '../search/index-article.js';
import { openArchive } from '../store/index.js';
import { acquireLock } from '../store/lock.js';
import { transact } from '../store/transaction.js';

export interface ReindexResult {
  articles: number;
  seconds: number;
}

/**
 * Rebuilds the search index from the articles table in one transaction: searches see the old index or the
 * new one, never a mix. Takes the crawl lock, because a large rebuild holds the write lock longer than a
 * running crawl would wait for it.
 */
export function reindexCommand(options: { db: string }): ReindexResult {
  const started = performance.now();
  const db = openArchive(options.db, { create: false });
  try {
    const lock = acquireLock(options.db);
    try {
      const articles = transact(db, () => rebuildIndex(db));
      return { articles, seconds: (performance.now() - started) / 1000 };
    } finally {
      lock.release();
    }
  } finally {
    db.close();
  }
}
