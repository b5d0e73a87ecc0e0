import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reextractCommand } from '../src/cli/reextract.js';
import { silentLogger } from '../src/log.js';
import { generateSite, type Replica, startReplica } from '../src/replica/index.js';
import { articleVersions } from '../src/store/index.js';
import { openArchive } from '../src/store/index.js';
import { crawlReplica } from './helpers/archive.js';
import { BIN, runCli } from './helpers/cli.js';

// reextract re-reads the stored pages: no request leaves, unchanged records stay byte for byte, a record an older
// extractor got wrong comes back right as a new version, and a stopped run resumes where it stopped.
let replica: Replica;
let dir: string;
let crawled: string;

beforeAll(async () => {
  replica = await startReplica();
  dir = mkdtempSync(join(tmpdir(), 'pa-reextract-'));
  crawled = join(dir, 'crawled.sqlite');
  const { code } = await crawlReplica(replica, crawled);
  expect(code).toBe(0);
  // One file, so copies are whole archives.
  const db = new Database(crawled);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
});

afterAll(async () => {
  await replica.close();
  rmSync(dir, { recursive: true, force: true });
});

let copies = 0;
function copy(): string {
  const file = join(dir, `copy-${++copies}.sqlite`);
  copyFileSync(crawled, file);
  return file;
}

function articleRows(file: string): unknown[] {
  const db = new Database(file, { readonly: true });
  const rows = db.prepare('SELECT * FROM articles ORDER BY id').all();
  db.close();
  return rows;
}

function sql<T>(file: string, run: (db: Database.Database) => T): T {
  const db = new Database(file);
  try {
    return run(db);
  } finally {
    db.close();
  }
}

const total = () => replica.sites.reduce((n, s) => n + s.site.articles.length, 0);

describe('reextract', () => {
  it('reads every stored article page without a request, and leaves unchanged records exactly as they were', async () => {
    const file = copy();
    const before = articleRows(file);
    const requests = replica.requests.length;
    const { code, summary } = await reextractCommand({ db: file }, { log: silentLogger });
    expect(code).toBe(0);
    expect(replica.requests.length).toBe(requests);
    expect(summary).toMatchObject({ pages: total(), unchanged: total(), changed: 0, added: 0, failures: [], interrupted: false });
    // Not even fetched_at moves: nothing was fetched.
    expect(articleRows(file)).toEqual(before);
  });

  it('gives a record an older extractor got wrong a new version, and a page whose record is missing a record', async () => {
    const file = copy();
    const [wrong, lost] = sql(file, (db) => db.prepare('SELECT url FROM articles ORDER BY id LIMIT 2').pluck().all() as string[]);
    const right = sql(file, (db) => db.prepare('SELECT title, content_sha256, fetched_at FROM articles WHERE url = ?').get(wrong)) as {
      title: string;
      content_sha256: string;
      fetched_at: string;
    };
    // What an older extractor might have written: a wrong title (and the hash that went with it).
    sql(file, (db) => {
      db.prepare("UPDATE articles SET title = 'Tiêu đề sai', content_sha256 = 'older' WHERE url = ?").run(wrong);
      db.prepare('DELETE FROM articles WHERE url = ?').run(lost);
    });
    const { code, summary } = await reextractCommand({ db: file }, { log: silentLogger });
    expect(code).toBe(0);
    expect(summary).toMatchObject({ changed: 1, added: 1, unchanged: total() - 2 });
    const archive = openArchive(file, { create: false, readonly: true });
    const versions = articleVersions(archive, wrong!);
    const restored = articleVersions(archive, lost!);
    archive.close();
    expect(versions.map((v) => [v.version, v.title])).toEqual([
      [1, 'Tiêu đề sai'],
      [2, right.title],
    ]);
    expect(versions[1]!.content_sha256).toBe(right.content_sha256);
    // The page was not fetched again: the last time it was seen stays.
    expect(versions[1]!.fetched_at).toBe(right.fetched_at);
    expect(restored).toHaveLength(1);
    // Once right, a second run finds nothing to change.
    const again = await reextractCommand({ db: file }, { log: silentLogger });
    expect(again.summary).toMatchObject({ changed: 0, added: 0, unchanged: total() });
  });

  it('stopped after a batch, resumes after it; a finished run starts over', async () => {
    const file = copy();
    const controller = new AbortController();
    const { reextract } = await import('../src/reextract/reextract.js');
    const { inlineExtractor } = await import('../src/crawl/extract-jobs.js');
    const { systemClock } = await import('../src/fetch/clock.js');
    const db = openArchive(file, { create: false });
    try {
      const first = await reextract(
        { batchSize: 10, signal: controller.signal },
        { db, extractor: inlineExtractor, clock: systemClock, log: silentLogger, onProgress: () => controller.abort() },
      );
      expect(first).toMatchObject({ interrupted: true, pages: 10, resumedAfter: null });
      const second = await reextract({ batchSize: 10 }, { db, extractor: inlineExtractor, clock: systemClock, log: silentLogger });
      expect(second.interrupted).toBe(false);
      expect(second.resumedAfter).toBeGreaterThan(0);
      expect(second.pages).toBe(total() - 10);
      const third = await reextract({ batchSize: 10 }, { db, extractor: inlineExtractor, clock: systemClock, log: silentLogger });
      expect(third).toMatchObject({ resumedAfter: null, pages: total() });
    } finally {
      db.close();
    }
  });

  it('--site and --since narrow what is read', async () => {
    const file = copy();
    const site = new URL(replica.sites[0]!.origin).host;
    const one = await reextractCommand({ db: file, site }, { log: silentLogger });
    expect(one.summary.pages).toBe(replica.sites[0]!.site.articles.length);
    const since = new Date('2024-01-01T00:00:00+07:00');
    const recent = sql(file, (db) => db.prepare('SELECT count(*) FROM articles WHERE published_ts >= ?').pluck().get(since.getTime())) as number;
    const dated = await reextractCommand({ db: file, since }, { log: silentLogger });
    expect(recent).toBeGreaterThan(0);
    expect(dated.summary.unchanged).toBe(recent);
    expect(dated.summary.skipped).toBe(total() - recent);
  });

  it('killed with kill -9 mid-run, then re-run: it resumes, and the records and revisions are those of one run', async () => {
    // A portal of several batches (64 pages each), every record as an older extractor left it: each changes once.
    const big = await startReplica({ sites: [generateSite({ id: 'rex9', articles: 400, pageSize: 20 })] });
    const crawledBig = join(dir, 'big.sqlite');
    try {
      expect((await crawlReplica(big, crawledBig)).code).toBe(0);
    } finally {
      await big.close();
    }
    const stale = (file: string) =>
      sql(file, (db) => db.prepare("UPDATE articles SET title = title || ' (cũ)', content_sha256 = 'stale'").run());
    stale(crawledBig);
    sql(crawledBig, (db) => db.pragma('wal_checkpoint(TRUNCATE)'));
    const file = join(dir, 'big-killed.sqlite');
    const reference = join(dir, 'big-reference.sqlite');
    copyFileSync(crawledBig, file);
    copyFileSync(crawledBig, reference);
    expect((await runCli(['reextract', '--db', reference])).code).toBe(0);

    const progress = () =>
      sql(file, (db) => db.prepare('SELECT last_page_id, finished_at FROM reextract_progress').get()) as
        | { last_page_id: number; finished_at: string | null }
        | undefined;
    let kills = 0;
    for (let i = 0; i < 3; i++) {
      const before = progress()?.last_page_id ?? 0;
      const child = spawn(process.execPath, [BIN, 'reextract', '--db', file], { stdio: 'ignore' });
      const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      // Killed once a batch more is committed, a random moment later: inside a batch, or between two.
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline && child.exitCode === null && (progress()?.last_page_id ?? 0) <= before) {
        await new Promise((r) => setTimeout(r, 10));
      }
      await new Promise((r) => setTimeout(r, Math.random() * 100));
      child.kill('SIGKILL');
      const code = await exited;
      if (code === null) kills++;
      else expect(code).toBe(0);
      if (progress()?.finished_at) break;
    }
    expect(kills).toBeGreaterThan(0);
    const resumedAt = progress();
    const last = await runCli(['reextract', '--db', file]);
    expect(last.code, last.stderr).toBe(0);
    const read = Number(/(\d+) pages read/.exec(last.stderr)?.[1]);
    const pages = sql(file, (db) => db.prepare('SELECT count(*) FROM articles').pluck().get()) as number;
    // It went on from the last committed batch rather than from the start.
    if (resumedAt && !resumedAt.finished_at) expect(read).toBeLessThan(pages);
    expect(articleRows(file)).toEqual(articleRows(reference));
    const revisions = (f: string) => sql(f, (db) => db.prepare('SELECT count(*) FROM article_revisions').pluck().get());
    expect(revisions(file)).toBe(pages);
    expect(revisions(reference)).toBe(pages);
    expect(sql(file, (db) => db.pragma('integrity_check', { simple: true }))).toBe('ok');
  });

  it('the built CLI prints one summary line and exits 0', async () => {
    const file = copy();
    const result = await runCli(['reextract', '--db', file]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`^reextract finished: ${total()} pages read; records 0 changed, ${total()} unchanged, 0 new; 0 unreadable, 0 skipped; [\\d.]+ s\\n$`));
  });
});
