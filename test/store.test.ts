import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../src/extract/record.js';
import {
  ArchiveError,
  LATEST_SCHEMA_VERSION,
  MIGRATIONS,
  countRecords,
  finishRun,
  getArticleHash,
  getRun,
  iterateRecords,
  migrate,
  openArchive,
  readPageBody,
  recordFailure,
  saveArticle,
  savePage,
  startRun,
} from '../src/store/index.js';
import { transact } from '../src/store/transaction.js';
import { enqueue, frontierState, markDone, markSkipped, requeueLinked } from '../src/store/frontier.js';

function hashOf(r: Omit<ArticleRecord, 'fetched_at' | 'content_sha256'>): string {
  return createHash('sha256').update(JSON.stringify(r)).digest('hex');
}

function makeRecord(overrides: Partial<ArticleRecord> = {}): ArticleRecord {
  const base = {
    url: 'https://vinhtuong.vinhphuc.gov.vn/tin-tuc/le-hoi-1.html',
    site: 'vinhtuong.vinhphuc.gov.vn',
    category: 'Tin tức - Sự kiện',
    title: 'Huyện Vĩnh Tường tổ chức lễ hội "Đền Thượng"',
    published_at: '2023-08-11T14:46:47+07:00',
    summary: 'Sáng 11/8, UBND huyện tổ chức lễ hội.',
    body_text: 'Đoạn một, có dấu phẩy.\n\nĐoạn hai "trích dẫn".',
    images: [
      { url: 'https://vinhtuong.vinhphuc.gov.vn/img/a.jpg', alt: 'a.jpg', caption: 'Quang cảnh lễ hội', sha256: null, size: null },
      { url: 'https://vinhtuong.vinhphuc.gov.vn/img/b.jpg', alt: null, caption: null, sha256: null, size: null },
    ],
    author: 'Nguyễn Văn A',
    organization: 'Trung tâm VHTT&TT',
    related: [
      { title: 'Tin khác 1', url: 'https://vinhtuong.vinhphuc.gov.vn/tin-tuc/khac-1.html' },
      { title: 'Tin khác 2', url: 'https://vinhtuong.vinhphuc.gov.vn/tin-tuc/khac-2.html' },
    ],
    ...overrides,
  };
  const { fetched_at: _f, content_sha256: _c, ...content } = base as ArticleRecord;
  return {
    ...content,
    extractor: 'kooboo',
    source: 'live' as const,
    archive_url: null,
    fetched_at: overrides.fetched_at ?? '2026-11-26T23:01:02.123Z',
    captured_at: overrides.captured_at ?? overrides.fetched_at ?? '2026-11-26T23:01:02.123Z',
    content_sha256: overrides.content_sha256 ?? hashOf(content),
  };
}

let dir: string;
let db: Database | undefined;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pa-'));
});

afterEach(() => {
  if (db?.open) db.close();
  db = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

function freshArchive(): Database {
  db = openArchive(path.join(dir, 'data', 'archive.sqlite'), { create: true });
  return db;
}

function pageFor(d: Database, runId: number, url: string): number {
  return savePage(d, {
    runId,
    url,
    finalUrl: url,
    kind: 'article',
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: Buffer.from('<html>ư</html>', 'utf8'),
    fetchedAt: '2026-11-26T23:01:02.123Z',
  });
}

describe('openArchive and migrations', () => {
  it('creates the parent directory, sets user_version and WAL, and is idempotent', () => {
    const file = path.join(dir, 'nested', 'deeper', 'a.sqlite');
    db = openArchive(file, { create: true });
    expect(fs.existsSync(file)).toBe(true);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(expect.arrayContaining(['article_images', 'article_related', 'articles', 'crawl_runs', 'failures', 'pages']));

    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    db.close();

    db = openArchive(file, { create: false });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('writes with savepoint journals in memory and checkpoints the WAL every 10,000 pages, not 1,000', () => {
    const file = path.join(dir, 'w.sqlite');
    db = openArchive(file, { create: true });
    expect(db.pragma('temp_store', { simple: true })).toBe(2);
    db.exec('CREATE TABLE filler (b BLOB)');
    const insert = db.prepare('INSERT INTO filler (b) VALUES (?)');
    // 2,500 commits of a page each: at SQLite's default the WAL would have been checkpointed and reused from its
    // start after 1,000 pages, its file never much longer than that.
    for (let i = 0; i < 2500; i++) insert.run(Buffer.alloc(4000, i % 251));
    const frames = fs.statSync(`${file}-wal`).size / (4096 + 24);
    expect(frames).toBeGreaterThan(2500);
    db.close();
    expect(fs.existsSync(`${file}-wal`)).toBe(false);

    // Reading commands keep SQLite's defaults: their sorts may be larger than memory should hold.
    db = openArchive(file, { create: false, readonly: true });
    expect(db.pragma('temp_store', { simple: true })).toBe(0);
  });

  it('refuses a missing file without creating it', () => {
    const file = path.join(dir, 'missing', 'x.sqlite');
    expect(() => openArchive(file, { create: false })).toThrowError(ArchiveError);
    expect(() => openArchive(file, { create: false })).toThrowError(`database not found: ${file}`);
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.existsSync(path.dirname(file))).toBe(false);
  });

  it('refuses a text file and leaves it alone', () => {
    const file = path.join(dir, 'notes.sqlite');
    fs.writeFileSync(file, 'this is not a database\n');
    for (const create of [false, true]) {
      expect(() => openArchive(file, { create })).toThrowError(ArchiveError);
      expect(() => openArchive(file, { create })).toThrowError(`not a portal-archiver database: ${file}`);
    }
    expect(fs.readFileSync(file, 'utf8')).toBe('this is not a database\n');
  });

  it("refuses another application's SQLite file", () => {
    const file = path.join(dir, 'other.sqlite');
    const other = new BetterSqlite3(file);
    other.exec('CREATE TABLE things (x)');
    other.close();
    const before = fs.readFileSync(file);
    expect(() => openArchive(file, { create: true })).toThrowError(/^not a portal-archiver database/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a newer schema version and leaves the file byte for byte unchanged', () => {
    const file = path.join(dir, 'future.sqlite');
    openArchive(file, { create: true }).close();
    const raw = new BetterSqlite3(file);
    raw.pragma('user_version = 99');
    raw.close();
    const before = fs.readFileSync(file);

    let error: unknown;
    try {
      openArchive(file, { create: false });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ArchiveError);
    expect((error as ArchiveError).message).toBe(
      `database ${file} has schema version 99, newer than this portal-archiver supports (${LATEST_SCHEMA_VERSION})`,
    );
    expect((error as ArchiveError).path).toBe(file);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('opens read-only without writing', () => {
    const file = path.join(dir, 'ro.sqlite');
    const rw = openArchive(file, { create: true });
    const runId = startRun(rw, { seeds: ['https://a.gov.vn/'], now: new Date('2026-01-01T00:00:00Z') });
    saveArticle(rw, makeRecord(), { runId, pageId: null });
    rw.close();
    db = openArchive(file, { create: false, readonly: true });
    expect(countRecords(db)).toBe(1);
    expect(() => startRun(db!, { seeds: [], now: new Date() })).toThrow();
  });

  it('brings an archive of an older version up to date before reading it', () => {
    const file = path.join(dir, 'old.sqlite');
    const rw = openArchive(file, { create: true });
    const runId = startRun(rw, { seeds: ['https://a.gov.vn/'], now: new Date('2026-01-01T00:00:00Z') });
    saveArticle(rw, makeRecord(), { runId, pageId: null });
    rw.close();
    // As the previous release left it: version 10, without the export-order index of version 11.
    const raw = new BetterSqlite3(file);
    raw.exec('DROP INDEX articles_export_order');
    raw.pragma('user_version = 10');
    raw.close();

    db = openArchive(file, { create: false, readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'articles_export_order'").pluck().get()).toBe(1);
    expect(countRecords(db)).toBe(1);
    expect(() => startRun(db!, { seeds: [], now: new Date() })).toThrow();
  });
});

describe('runs, pages, failures', () => {
  it('records a run from start to finish', () => {
    const d = freshArchive();
    const runId = startRun(d, { seeds: ['https://a.gov.vn/tin-tuc'], now: new Date('2026-11-26T23:00:00Z') });
    expect(getRun(d, runId)).toMatchObject({ status: 'running', finishedAt: null, seeds: ['https://a.gov.vn/tin-tuc'] });
    finishRun(d, runId, {
      status: 'done',
      counts: { listingPages: 3, articlesNew: 2, articlesUpdated: 1, articlesUnchanged: 4, articlesFailed: 1 },
      now: new Date('2026-11-26T23:05:00Z'),
    });
    expect(getRun(d, runId)).toEqual({
      id: runId,
      startedAt: '2026-11-26T23:00:00.000Z',
      finishedAt: '2026-11-26T23:05:00.000Z',
      status: 'done',
      seeds: ['https://a.gov.vn/tin-tuc'],
      listingPages: 3,
      articlesNew: 2,
      articlesUpdated: 1,
      articlesUnchanged: 4,
      articlesFailed: 1,
    });
  });

  it('stores raw page bytes exactly and failures', () => {
    const d = freshArchive();
    const runId = startRun(d, { seeds: [], now: new Date() });
    const body = Buffer.from([0x3c, 0x68, 0xff, 0x00, 0xe1, 0xbb, 0xb1]);
    const pageId = savePage(d, {
      runId,
      url: 'http://a.gov.vn/x',
      finalUrl: 'https://a.gov.vn/x',
      kind: 'listing',
      status: 200,
      headers: { 'content-type': 'text/html; charset=windows-1258' },
      body,
      fetchedAt: '2026-11-26T23:01:02.123Z',
    });
    const row = d.prepare('SELECT * FROM pages WHERE id = ?').get(pageId) as Record<string, unknown>;
    expect(readPageBody(d, pageId).equals(body)).toBe(true);
    expect(JSON.parse(row.headers as string)).toEqual({ 'content-type': 'text/html; charset=windows-1258' });
    expect(row.final_url).toBe('https://a.gov.vn/x');

    recordFailure(d, { runId, url: 'https://a.gov.vn/y', stage: 'fetch', reason: 'HTTP 503', at: '2026-11-26T23:01:03Z' });
    expect(d.prepare('SELECT stage, reason FROM failures').all()).toEqual([{ stage: 'fetch', reason: 'HTTP 503' }]);
    expect(() =>
      recordFailure(d, { runId, url: 'u', stage: 'bogus' as 'fetch', reason: 'r', at: 'now' }),
    ).toThrow(/CHECK constraint/);
  });
});

describe('requeueLinked', () => {
  it('queues again the linked articles left in the given states, once a run, and nothing else', () => {
    const d = freshArchive();
    const now = '2026-11-26T23:00:00.000Z';
    const first = startRun(d, { seeds: ['https://a.gov.vn/tin-tuc'], now: new Date(now) });
    const url = (n: number) => `https://a.gov.vn/tin-tuc/bai-${n}.html`;
    enqueue(d, [1, 2, 3, 4].map((n) => ({ url: url(n), kind: 'article' as const, host: 'a.gov.vn', walk: 'w', page: null })), first, now);
    enqueue(d, [{ url: 'https://a.gov.vn/tin-tuc?page=2', kind: 'listing', host: 'a.gov.vn', walk: 'w', page: 2 }], first, now);
    markSkipped(d, url(1), 'disallowed by robots.txt', first, now);
    markSkipped(d, url(2), 'disallowed by robots.txt', first, now);
    markDone(d, url(3), first, 200, now);
    markSkipped(d, 'https://a.gov.vn/tin-tuc?page=2', 'disallowed by robots.txt', first, now);

    const second = startRun(d, { seeds: ['https://a.gov.vn/tin-tuc'], now: new Date(now) });
    const linked = [url(1), url(2), url(3), url(4), url(5), 'https://a.gov.vn/tin-tuc?page=2'];
    // Skipped articles only: not the done one, the queued one, the unknown one, or a listing page.
    expect(requeueLinked(d, linked, second, now, ['skipped'])).toBe(2);
    expect(linked.map((u) => frontierState(d, u))).toEqual(['queued', 'queued', 'done', 'queued', null, 'skipped']);
    // Touched by this run already: not queued a second time, even when asked for every state.
    markSkipped(d, url(1), 'disallowed by robots.txt', second, now);
    expect(requeueLinked(d, linked, second, now, ['done', 'skipped'])).toBe(1);
    expect(linked.map((u) => frontierState(d, u))).toEqual(['skipped', 'queued', 'queued', 'queued', null, 'skipped']);
    expect(requeueLinked(d, [], second, now, ['skipped'])).toBe(0);
  });
});

describe('saveArticle', () => {
  it('distinguishes new, unchanged and updated without duplicating', () => {
    const d = freshArchive();
    const run1 = startRun(d, { seeds: [], now: new Date('2026-11-01T00:00:00Z') });
    const record = makeRecord();
    const page1 = pageFor(d, run1, record.url);
    expect(saveArticle(d, record, { runId: run1, pageId: page1 })).toBe('new');
    expect(getArticleHash(d, record.url)).toBe(record.content_sha256);
    expect(getArticleHash(d, 'https://nowhere.gov.vn/')).toBeNull();

    const run2 = startRun(d, { seeds: [], now: new Date('2026-11-02T00:00:00Z') });
    const page2 = pageFor(d, run2, record.url);
    const again = { ...record, fetched_at: '2026-11-02T00:00:01.000Z' };
    expect(saveArticle(d, again, { runId: run2, pageId: page2 })).toBe('unchanged');
    const row = d.prepare('SELECT * FROM articles').get() as Record<string, unknown>;
    expect(row).toMatchObject({
      first_run_id: run1,
      last_run_id: run2,
      page_id: page2,
      fetched_at: '2026-11-02T00:00:01.000Z',
      title: record.title,
    });

    const run3 = startRun(d, { seeds: [], now: new Date('2026-11-03T00:00:00Z') });
    const changed = makeRecord({
      title: 'Tiêu đề đã sửa',
      images: [{ url: 'https://vinhtuong.vinhphuc.gov.vn/img/c.jpg', alt: 'c', caption: 'mới', sha256: null, size: null }],
      related: [],
      fetched_at: '2026-11-03T00:00:01.000Z',
    });
    expect(changed.content_sha256).not.toBe(record.content_sha256);
    expect(saveArticle(d, changed, { runId: run3 })).toBe('updated');

    expect(d.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(1);
    expect(d.prepare('SELECT url, alt, caption, position FROM article_images').all()).toEqual([
      { url: 'https://vinhtuong.vinhphuc.gov.vn/img/c.jpg', alt: 'c', caption: 'mới', position: 0 },
    ]);
    expect(d.prepare('SELECT count(*) FROM article_related').pluck().get()).toBe(0);
    expect(d.prepare('SELECT first_run_id, last_run_id, page_id FROM articles').get()).toEqual({
      first_run_id: run1,
      last_run_id: run3,
      page_id: page2,
    });
    expect([...iterateRecords(d)]).toEqual([changed]);
    expect(d.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(d.pragma('foreign_key_check')).toEqual([]);
  });

  it('rolls back the whole save when a child row fails', () => {
    const d = freshArchive();
    const runId = startRun(d, { seeds: [], now: new Date() });
    const bad = makeRecord({ related: [{ title: null as unknown as string, url: 'https://a.gov.vn/r' }] });
    expect(() => saveArticle(d, bad, { runId })).toThrow(/NOT NULL/);
    expect(d.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(0);
    expect(d.prepare('SELECT count(*) FROM article_images').pluck().get()).toBe(0);
  });
});

describe('iterateRecords', () => {
  function seed(d: Database): ArticleRecord[] {
    const runId = startRun(d, { seeds: [], now: new Date() });
    const records = [
      makeRecord({ url: 'https://b.gov.vn/3', site: 'b.gov.vn', published_at: '2023-08-12T08:00:00+07:00' }),
      makeRecord({ url: 'https://a.gov.vn/1', site: 'a.gov.vn', published_at: '2023-08-10T23:59:59+07:00' }),
      makeRecord({ url: 'https://a.gov.vn/nodate', site: 'a.gov.vn', published_at: null, summary: null, category: null, author: null, organization: null, images: [], related: [] }),
      makeRecord({ url: 'https://a.gov.vn/2', site: 'a.gov.vn', published_at: '2023-08-11T00:00:00+07:00' }),
      // Same instant as /2 written differently: the order falls back to url.
      makeRecord({ url: 'https://a.gov.vn/0', site: 'a.gov.vn', published_at: '2023-08-10T17:00:00Z' }),
    ];
    for (const r of records) saveArticle(d, r, { runId });
    return records;
  }

  it('round-trips records exactly, ordered by date then url, undated last', () => {
    const d = freshArchive();
    const records = seed(d);
    const byUrl = (u: string) => records.find((r) => r.url === u)!;
    const out = [...iterateRecords(d)];
    expect(out.map((r) => r.url)).toEqual([
      'https://a.gov.vn/1',
      'https://a.gov.vn/0',
      'https://a.gov.vn/2',
      'https://b.gov.vn/3',
      'https://a.gov.vn/nodate',
    ]);
    for (const r of out) expect(r).toStrictEqual(byUrl(r.url));
    expect(Object.keys(out[0]!)).toEqual([
      'url', 'site', 'category', 'title', 'published_at', 'summary', 'body_text', 'images',
      'author', 'organization', 'related', 'extractor', 'source', 'archive_url', 'fetched_at', 'captured_at', 'content_sha256',
    ]);
    expect(countRecords(d)).toBe(5);
  });

  it('filters by site and inclusive since/until bounds, excluding undated records', () => {
    const d = freshArchive();
    seed(d);
    const urls = (f: Parameters<typeof iterateRecords>[1]) => [...iterateRecords(d, f)].map((r) => r.url);
    expect(urls({ site: 'b.gov.vn' })).toEqual(['https://b.gov.vn/3']);
    expect(urls({ site: 'a.gov.vn' })).toHaveLength(4);
    const since = new Date('2023-08-11T00:00:00+07:00');
    expect(urls({ since })).toEqual(['https://a.gov.vn/0', 'https://a.gov.vn/2', 'https://b.gov.vn/3']);
    expect(urls({ until: new Date('2023-08-10T23:59:59+07:00') })).toEqual(['https://a.gov.vn/1']);
    expect(urls({ site: 'a.gov.vn', since, until: since })).toEqual(['https://a.gov.vn/0', 'https://a.gov.vn/2']);
    expect(countRecords(d, { site: 'a.gov.vn', since })).toBe(2);
    expect(countRecords(d, { site: 'nowhere' })).toBe(0);
  });

  it('streams: breaking out early releases the connection for writes', () => {
    const d = freshArchive();
    seed(d);
    for (const r of iterateRecords(d)) {
      expect(r.url).toBeTruthy();
      break;
    }
    const runId = startRun(d, { seeds: [], now: new Date() });
    expect(runId).toBeGreaterThan(0);
  });
});

describe('migration to v5', () => {
  it('marks the articles of an older archive as read by the Kooboo profile from the live portal', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pa-v5-'));
    try {
      const file = path.join(dir, 'old.sqlite');
      const old = new BetterSqlite3(file);
      for (const m of MIGRATIONS.filter((x) => x.version < 5)) {
        m.prepare?.(old);
        old.exec(m.sql);
        old.pragma(`user_version = ${m.version}`);
      }
      old
        .prepare(
          `INSERT INTO articles (url, site, title, body_text, fetched_at, captured_at, content_sha256)
           VALUES ('https://a.gov.vn/1', 'a.gov.vn', 'Tin', 'Nội dung.', '2024-01-02T00:00:00.000Z', '2024-01-01T00:00:00.000Z', ?)`,
        )
        .run('1'.repeat(64));
      old.close();

      const db = openArchive(file, { create: false });
      const [stored] = [...iterateRecords(db)];
      expect(stored).toMatchObject({
        extractor: 'kooboo',
        source: 'live',
        archive_url: null,
        fetched_at: '2024-01-02T00:00:00.000Z',
        captured_at: '2024-01-01T00:00:00.000Z',
      });
      db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('transact', () => {
  it('commits or rolls back as one transaction, and as a savepoint inside an open one', () => {
    const d = new BetterSqlite3(':memory:');
    try {
      d.exec('CREATE TABLE t (v INTEGER NOT NULL)');
      const insert = d.prepare('INSERT INTO t (v) VALUES (?)');
      const values = () => d.prepare('SELECT v FROM t ORDER BY v').pluck().all();

      expect(transact(d, () => insert.run(1).changes)).toBe(1);
      expect(d.inTransaction).toBe(false);
      expect(() => transact(d, () => { insert.run(2); insert.run(null); })).toThrow(/NOT NULL/);
      expect(values()).toEqual([1]);

      // Nested: the inner failure undoes only the inner writes; the outer ones commit.
      transact(d, () => {
        insert.run(3);
        expect(d.inTransaction).toBe(true);
        expect(() => transact(d, () => { insert.run(4); throw new Error('inner'); })).toThrow('inner');
        transact(d, () => insert.run(5));
      });
      expect(values()).toEqual([1, 3, 5]);

      // An outer failure undoes the savepoints released inside it too.
      expect(() => transact(d, () => { transact(d, () => insert.run(6)); throw new Error('outer'); })).toThrow('outer');
      expect(values()).toEqual([1, 3, 5]);
    } finally {
      d.close();
    }
  });

  it('builds one transaction function per connection, not one per call', () => {
    const d = new BetterSqlite3(':memory:');
    const real = d.transaction.bind(d);
    let built = 0;
    d.transaction = ((fn: (...args: never[]) => unknown) => { built++; return real(fn); }) as typeof d.transaction;
    try {
      for (let i = 0; i < 10; i++) transact(d, () => transact(d, () => i));
      expect(built).toBe(1);
    } finally {
      d.close();
    }
  });
});
