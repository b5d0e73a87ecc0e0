import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BatchWriter } from '../src/crawl/writer.js';
import type { ArticleRecord } from '../src/extract/record.js';
import { searchArchive } from '../src/search/search.js';
import { openArchive, saveArticle, startRun } from '../src/store/index.js';
import { transact } from '../src/store/transaction.js';

// The crawl's batch writer commits several articles in one transaction, each article in a savepoint of its own, and
// runs their search-index updates at the end of the batch. The promise the index makes must hold all the same: an
// article is searchable exactly when it is stored, whatever else in its batch failed.

function record(n: number, word: string): ArticleRecord {
  return {
    url: `https://xa.gov.vn/tin/bai-${n}.html`,
    site: 'xa.gov.vn',
    category: 'Tin tức',
    title: `Bài ${n} về ${word}`,
    published_at: '2024-03-0' + (n % 9 + 1) + 'T08:00:00+07:00',
    summary: null,
    body_text: `Nội dung bài ${n}: ${word} của xã.`,
    images: [],
    author: null,
    organization: null,
    related: [],
    extractor: 'kooboo',
    source: 'live',
    archive_url: null,
    fetched_at: '2026-12-01T00:00:00.000Z',
    captured_at: '2026-12-01T00:00:00.000Z',
    content_sha256: String(n).padStart(64, '0'),
  };
}

const search = (db: Database, word: string) =>
  searchArchive(db, { match: word, typed: word, limit: 10 }).hits.map((h) => h.url).sort();
const count = (db: Database, sql: string) => db.prepare(sql).pluck().get() as number;

describe('batch writer', () => {
  let dir: string;
  let db: Database;
  let runId: number;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pa-writer-'));
    db = openArchive(path.join(dir, 'a.db'), { create: true });
    runId = startRun(db, { seeds: ['https://xa.gov.vn/'], now: new Date('2026-12-01T00:00:00Z') });
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('indexes the articles of a batch at its end; one that fails after saving is neither stored nor searchable', async () => {
    const writer = new BatchWriter(db, 3, 1000);
    const save = (n: number, fail = false) =>
      writer.write((deferIndex) => {
        const outcome = saveArticle(db, record(n, 'lúa'), { runId, deferIndex });
        // Before the batch ends the article is stored but not yet in the index.
        expect(search(db, 'lua')).not.toContain(record(n, 'lúa').url);
        if (fail) throw new Error(`article ${n} failed after its writes`);
        return outcome;
      });
    const results = await Promise.allSettled([save(1), save(2, true), save(3)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(search(db, 'lua')).toEqual([record(1, 'lúa').url, record(3, 'lúa').url]);
    expect(count(db, 'SELECT count(*) FROM articles')).toBe(2);
    expect(count(db, 'SELECT count(*) FROM article_search')).toBe(2);
  });

  it('re-indexes an updated article (its old words are gone) and a new one, in one batch', async () => {
    saveArticle(db, record(1, 'lúa'), { runId });
    const writer = new BatchWriter(db, 2, 1000);
    const updated = { ...record(1, 'ngô'), content_sha256: 'f'.repeat(64) };
    const outcomes = await Promise.all([
      writer.write((deferIndex) => saveArticle(db, updated, { runId, deferIndex })),
      writer.write((deferIndex) => saveArticle(db, record(2, 'lúa'), { runId, deferIndex })),
    ]);
    expect(outcomes).toEqual(['updated', 'new']);
    expect(search(db, 'ngo')).toEqual([record(1, 'ngô').url]);
    expect(search(db, 'lua')).toEqual([record(2, 'lúa').url]);
    expect(count(db, 'SELECT count(*) FROM article_search')).toBe(2);
  });

  it('commits a batch without a savepoint per article, and runs it again with them when an article fails', async () => {
    // The statements the connection runs, as SQLite traces them: the savepoints show there.
    const statements: string[] = [];
    const traced = new BetterSqlite3(path.join(dir, 'a.db'), { verbose: (sql) => statements.push(String(sql)) });
    traced.pragma('foreign_keys = ON');
    try {
      const writer = new BatchWriter(traced, 3, 1000);
      const save = (n: number) => writer.write((deferIndex) => saveArticle(traced, record(n, 'lúa'), { runId, deferIndex }));
      expect(await Promise.all([save(1), save(2), save(3)])).toEqual(['new', 'new', 'new']);
      expect(statements.filter((s) => /^SAVEPOINT/i.test(s))).toEqual([]);
      expect(statements.filter((s) => /^(BEGIN|COMMIT)/i.test(s))).toEqual(['BEGIN', 'COMMIT']);

      statements.length = 0;
      const failing = writer.write(() => {
        saveArticle(traced, record(5, 'lúa'), { runId });
        throw new Error('article 5 failed after its writes');
      });
      const results = await Promise.allSettled([save(4), failing, save(6)]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      // Rolled back once, then committed with each article in a savepoint.
      expect(statements.filter((s) => /^(BEGIN|COMMIT|ROLLBACK)$/i.test(s))).toEqual(['BEGIN', 'ROLLBACK', 'BEGIN', 'COMMIT']);
      expect(statements.filter((s) => /^SAVEPOINT/i.test(s)).length).toBeGreaterThanOrEqual(3);
      expect(traced.prepare('SELECT url FROM articles ORDER BY url').pluck().all()).toEqual(
        [1, 2, 3, 4, 6].map((n) => record(n, 'lúa').url),
      );
      expect(search(traced, 'lua')).toHaveLength(5);
    } finally {
      traced.close();
    }
  });

  it('an article whose own code catches a failed write is still all or nothing', async () => {
    // Without savepoints the caught write's first statement would stay; the batch is rolled back and run with them.
    const writer = new BatchWriter(db, 2, 1000);
    const outcomes = await Promise.all([
      writer.write((deferIndex) => {
        try {
          transact(db, () => {
            saveArticle(db, record(1, 'lúa'), { runId });
            db.prepare('INSERT INTO articles (id) VALUES (NULL)').run();
          });
        } catch {
          // This article goes on without what it tried.
        }
        return saveArticle(db, record(2, 'ngô'), { runId, deferIndex });
      }),
      writer.write((deferIndex) => saveArticle(db, record(3, 'lúa'), { runId, deferIndex })),
    ]);
    expect(outcomes).toEqual(['new', 'new']);
    expect(db.prepare('SELECT url FROM articles ORDER BY url').pluck().all()).toEqual([record(2, 'ngô').url, record(3, 'lúa').url]);
    expect(search(db, 'lua')).toEqual([record(3, 'lúa').url]);
  });

  it('deferred work that fails fails its whole batch: nothing of it is committed', async () => {
    const writer = new BatchWriter(db, 2, 1000);
    const results = await Promise.allSettled([
      writer.write((defer) => {
        saveArticle(db, record(1, 'lúa'), { runId, deferIndex: defer });
        defer(() => {
          throw new Error('disk gone');
        });
      }),
      writer.write((deferIndex) => saveArticle(db, record(2, 'lúa'), { runId, deferIndex })),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(count(db, 'SELECT count(*) FROM articles')).toBe(0);
    expect(count(db, 'SELECT count(*) FROM article_search')).toBe(0);
  });
});
