import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentHash } from '../src/crawl/hash.js';
import type { ArticleRecord } from '../src/extract/record.js';
import { startReplica } from '../src/replica/index.js';
import {
  ArchiveError,
  LATEST_SCHEMA_VERSION,
  MIGRATIONS,
  type PageToSave,
  imagesToFetch,
  iterateCaptures,
  iterateRecords,
  openArchive,
  readPageBody,
  saveArticle,
  saveImage,
  savePage,
  startRun,
  verifyArchive,
} from '../src/store/index.js';
import { archiveBytes, crawlReplica, mountTinyDisk, unmount } from './helpers/archive.js';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const HTML = Buffer.from(`<html><body>${'<p>Ủy ban nhân dân huyện Tủa Chùa tổ chức hội nghị.</p>'.repeat(120)}</body></html>`, 'utf8');

let dir: string;
let db: Database | undefined;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pa-captures-'));
});

afterEach(() => {
  if (db?.open) db.close();
  db = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

function fresh(): Database {
  db = openArchive(path.join(dir, 'archive.sqlite'), { create: true });
  return db;
}

function page(runId: number, overrides: Partial<PageToSave> = {}): PageToSave {
  return {
    runId,
    url: 'https://tuachua.dienbien.gov.vn/TinTuc/View/bai-1',
    finalUrl: 'https://tuachua.dienbien.gov.vn/TinTuc/View/bai-1',
    kind: 'article',
    status: 200,
    headers: {
      'cache-control': 'private',
      'content-type': 'text/html; charset=utf-8',
      server: 'Microsoft-IIS/8.5',
      'x-powered-by': 'ASP.NET',
      date: 'Thu, 26 Nov 2026 23:24:52 GMT',
      'content-length': String(HTML.length),
    },
    body: HTML,
    fetchedAt: '2026-11-26T23:24:52.123Z',
    requestHeaders: { 'user-agent': 'portal-archiver-test', accept: 'text/html' },
    ...overrides,
  };
}

const count = (d: Database, table: string) => d.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('captures and content-addressed bodies', () => {
  it('stores each distinct body once, brotli-compressed, and gives the exact bytes back', () => {
    const d = fresh();
    const runId = startRun(d, { seeds: [], now: new Date() });
    const first = savePage(d, page(runId));
    const second = savePage(d, page(runId, { url: 'https://tuachua.dienbien.gov.vn/TinTuc/View/bai-2', finalUrl: 'https://tuachua.dienbien.gov.vn/TinTuc/View/bai-2' }));
    expect(second).not.toBe(first);
    expect(count(d, 'pages')).toBe(2);
    expect(count(d, 'blobs')).toBe(1);
    const blob = d.prepare('SELECT sha256, size, data FROM blobs').get() as { sha256: string; size: number; data: Buffer };
    expect(blob.sha256).toBe(sha256(HTML));
    expect(blob.size).toBe(HTML.length);
    expect(blob.data.length).toBeLessThan(HTML.length / 10);
    expect(brotliDecompressSync(blob.data).equals(HTML)).toBe(true);
    expect(d.prepare('SELECT DISTINCT body_sha256 FROM pages').pluck().all()).toEqual([sha256(HTML)]);
    expect(readPageBody(d, first).equals(HTML)).toBe(true);

    const binary = Buffer.from([0x3c, 0x68, 0xff, 0x00, 0xe1, 0xbb, 0xb1, 0x00]);
    const image = savePage(d, page(runId, { url: 'https://a.gov.vn/i.jpg', finalUrl: 'https://a.gov.vn/i.jpg', kind: 'image', body: binary, headers: { 'content-type': 'image/jpeg' } }));
    expect(readPageBody(d, image).equals(binary)).toBe(true);
    const robots = savePage(d, page(runId, { url: 'https://a.gov.vn/robots.txt', finalUrl: 'https://a.gov.vn/robots.txt', kind: 'robots', body: Buffer.alloc(0) }));
    expect(readPageBody(d, robots).length).toBe(0);
    expect(() => savePage(d, page(runId, { kind: 'bogus' as 'article', url: 'https://a.gov.vn/x' }))).toThrow(/CHECK constraint/);

    const columns = (d.pragma('table_info(pages)') as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(expect.arrayContaining(['body_sha256', 'request_headers', 'method']));
    expect(columns).not.toContain('body');
    expect(d.prepare('SELECT method, request_headers FROM pages WHERE id = ?').get(first)).toEqual({
      method: 'GET',
      request_headers: JSON.stringify({ 'user-agent': 'portal-archiver-test', accept: 'text/html' }),
    });
  });

  it('keeps a repeat fetch of the same response as a recapture of a few bytes, its headers exact', () => {
    const d = fresh();
    const run1 = startRun(d, { seeds: [], now: new Date() });
    const run2 = startRun(d, { seeds: [], now: new Date() });
    const original = page(run1, { headers: { ...page(run1).headers, 'set-cookie': 'ASP.NET_SessionId=abc; path=/' } });
    const id = savePage(d, original);

    // Only the Date and the fetch time differ: the cheapest case.
    const same = page(run2, { headers: { ...original.headers, date: 'Fri, 27 Nov 2026 08:00:01 GMT' }, fetchedAt: '2026-11-27T08:00:01.456Z' });
    expect(savePage(d, same)).toBe(id);
    // A new cookie, a header gone, one added, a conditional request: kept as patches.
    const changed = page(run2, {
      headers: { ...original.headers, date: 'Fri, 27 Nov 2026 08:00:02 GMT', 'set-cookie': 'ASP.NET_SessionId=xyz; path=/', 'x-new': '1' },
      requestHeaders: { ...original.requestHeaders, 'if-none-match': '"abc"' },
      fetchedAt: '2026-11-27T08:00:02.000Z',
    });
    delete changed.headers['x-powered-by'];
    expect(savePage(d, changed)).toBe(id);
    // A Date that is not an IMF-fixdate, and then none at all.
    const oddDate = page(run2, { headers: { ...original.headers, date: 'Friday, 27-Nov-26 08:00:03 GMT' }, fetchedAt: '2026-11-27T08:00:03.000Z' });
    expect(savePage(d, oddDate)).toBe(id);
    const { date: _gone, ...noDateHeaders } = original.headers;
    const noDate = page(run2, { headers: noDateHeaders, fetchedAt: '2026-11-27T08:00:04.000Z' });
    expect(savePage(d, noDate)).toBe(id);

    expect(count(d, 'pages')).toBe(1);
    expect(count(d, 'recaptures')).toBe(4);
    expect(count(d, 'blobs')).toBe(1);
    const cheapest = d.prepare('SELECT * FROM recaptures ORDER BY id LIMIT 1').get() as Record<string, unknown>;
    expect(cheapest).toMatchObject({ page_id: id, run_id: run2, headers_patch: null, request_patch: null });
    expect(cheapest.date_s).toBe(Date.parse('Fri, 27 Nov 2026 08:00:01 GMT') / 1000);

    const captures = [...iterateCaptures(d)];
    const sent = [original, same, changed, oddDate, noDate];
    expect(captures).toHaveLength(5);
    captures.forEach((c, i) => {
      const want = sent[i]!;
      expect(c.pageId).toBe(id);
      expect(c.recaptureId === null).toBe(i === 0);
      expect(c.runId).toBe(want.runId);
      expect(c.fetchedAt).toBe(want.fetchedAt);
      expect(c.headers).toStrictEqual(want.headers);
      expect(c.requestHeaders).toStrictEqual(want.requestHeaders);
      expect(c.bodySha256).toBe(sha256(HTML));
    });
  });

  it('stores a new capture when the body, status, final URL or method differs', () => {
    const d = fresh();
    const runId = startRun(d, { seeds: [], now: new Date() });
    const id = savePage(d, page(runId));
    const edited = Buffer.concat([HTML, Buffer.from('<!-- sửa -->')]);
    const variants: Partial<PageToSave>[] = [
      { body: edited },
      { status: 203 },
      { finalUrl: 'https://tuachua.dienbien.gov.vn/TinTuc/View/bai-1-moi' },
      { method: 'HEAD' },
    ];
    const ids = variants.map((v) => savePage(d, page(runId, { ...v, fetchedAt: '2026-11-27T00:00:00.000Z' })));
    expect(new Set([id, ...ids]).size).toBe(5);
    expect(count(d, 'recaptures')).toBe(0);
    expect(count(d, 'blobs')).toBe(2);
    expect(readPageBody(d, ids[0]!).equals(edited)).toBe(true);
  });
});

describe('upgrading an archive to schema version 3', () => {
  function version2Archive(file: string): BetterSqlite3.Database {
    const raw = new BetterSqlite3(file);
    for (const m of MIGRATIONS.filter((x) => x.version <= 2)) {
      m.prepare?.(raw);
      raw.exec(m.sql);
    }
    raw.pragma('user_version = 2');
    raw.pragma('journal_mode = WAL');
    return raw;
  }

  function extracted(url: string) {
    return {
      url,
      site: 'tuachua.dienbien.gov.vn',
      category: 'Tin tức',
      title: 'Hội nghị',
      published_at: '2023-08-11T14:46:47+07:00',
      summary: 'Tóm tắt.',
      body_text: 'Đoạn một.',
      images: [{ url: 'https://tuachua.dienbien.gov.vn/a.jpg', alt: null, caption: 'Ảnh' }],
      author: 'Thu Trang',
      organization: null,
      related: [],
    };
  }

  it('moves every body into blobs (one per hash), keeps page ids and the pages articles point at', () => {
    const file = path.join(dir, 'v2.sqlite');
    const raw = version2Archive(file);
    raw.prepare("INSERT INTO crawl_runs (id, started_at, status, seeds) VALUES (1, '2025-01-01T00:00:00Z', 'done', '[]')").run();
    const insertPage = raw.prepare(
      "INSERT INTO pages (id, run_id, url, final_url, kind, status, headers, body, fetched_at) VALUES (?, 1, ?, ?, ?, 200, ?, ?, '2025-01-01T00:00:01.000Z')",
    );
    const other = Buffer.from([0x00, 0xff, 0x10]);
    insertPage.run(7, 'https://tuachua.dienbien.gov.vn/TinTuc/', 'https://tuachua.dienbien.gov.vn/TinTuc/', 'listing', '{"content-type":"text/html"}', HTML);
    insertPage.run(9, 'https://tuachua.dienbien.gov.vn/TinTuc/View/a', 'https://tuachua.dienbien.gov.vn/TinTuc/View/a', 'article', '{"content-type":"text/html"}', HTML);
    insertPage.run(12, 'https://tuachua.dienbien.gov.vn/TinTuc/View/b', 'https://tuachua.dienbien.gov.vn/TinTuc/View/b', 'article', '{}', other);
    const article = extracted('https://tuachua.dienbien.gov.vn/TinTuc/View/b');
    raw.prepare(
      `INSERT INTO articles (id, url, site, category, title, published_at, summary, body_text, author, organization, fetched_at,
         content_sha256, first_run_id, last_run_id, page_id)
       VALUES (3, @url, @site, @category, @title, @published_at, @summary, @body_text, @author, @organization,
         '2025-01-01T00:00:01.000Z', @hash, 1, 1, 12)`,
    ).run({ ...article, hash: contentHash(article) });
    raw.prepare("INSERT INTO article_images (article_id, position, url, alt, caption) VALUES (3, 0, 'https://tuachua.dienbien.gov.vn/a.jpg', NULL, 'Ảnh')").run();
    raw.close();

    const d = (db = openArchive(file, { create: false }));
    expect(d.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(count(d, 'blobs')).toBe(2);
    expect(d.prepare('SELECT id, body_sha256, method FROM pages ORDER BY id').all()).toEqual([
      { id: 7, body_sha256: sha256(HTML), method: 'GET' },
      { id: 9, body_sha256: sha256(HTML), method: 'GET' },
      { id: 12, body_sha256: sha256(other), method: 'GET' },
    ]);
    expect(readPageBody(d, 9).equals(HTML)).toBe(true);
    expect(readPageBody(d, 12).equals(other)).toBe(true);
    expect(d.prepare('SELECT page_id, version, captured_at FROM articles').get()).toEqual({
      page_id: 12,
      version: 1,
      captured_at: '2025-01-01T00:00:01.000Z',
    });
    expect(d.pragma('foreign_key_check')).toEqual([]);
    expect(d.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(d.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(verifyArchive(d).problems).toEqual([]);
    // The widened CHECK: images and robots.txt can be stored now.
    const runId = startRun(d, { seeds: [], now: new Date() });
    expect(() => savePage(d, page(runId, { kind: 'image', url: 'https://tuachua.dienbien.gov.vn/a.jpg' }))).not.toThrow();
  });

  it('leaves a version 2 archive as it was when the upgrade fails', () => {
    const file = path.join(dir, 'v2-bad.sqlite');
    const raw = version2Archive(file);
    raw.prepare("INSERT INTO pages (run_id, url, final_url, kind, status, headers, body, fetched_at) VALUES (NULL, 'u', 'u', 'listing', 200, 'not json', x'00', 't')").run();
    raw.close();
    expect(() => openArchive(file, { create: false })).toThrowError(ArchiveError);
    const after = new BetterSqlite3(file, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(2);
    expect(after.prepare('SELECT body FROM pages').pluck().get()).toEqual(Buffer.from([0]));
    expect(after.prepare("SELECT count(*) FROM sqlite_master WHERE name IN ('blobs', 'pages_v3')").pluck().get()).toBe(0);
    after.close();
  });
});

describe('downloaded images', () => {
  function record(url: string, images: string[], title = 'Hội nghị'): ArticleRecord {
    const extracted = {
      url,
      site: new URL(url).host,
      category: null,
      title,
      published_at: '2024-01-02T08:00:00+07:00',
      summary: null,
      body_text: 'Nội dung.',
      images: images.map((u) => ({ url: u, alt: null, caption: `Chú thích ${u.slice(-5)}` })),
      author: null,
      organization: null,
      related: [],
    };
    return {
      ...extracted,
      images: extracted.images.map((i) => ({ ...i, sha256: null, size: null })),
      extractor: 'kooboo',
      source: 'live' as const,
      archive_url: null,
      fetched_at: '2026-11-26T23:00:00.000Z',
      captured_at: '2026-11-26T23:00:00.000Z',
      content_sha256: contentHash(extracted),
    };
  }

  it('links a stored image to every article showing it, lists what is missing, and keeps links across an edit', () => {
    const d = fresh();
    const runId = startRun(d, { seeds: [], now: new Date() });
    const shared = 'https://a.gov.vn/Cms_Data/shared.jpg';
    const onlyA = 'https://a.gov.vn/Cms_Data/only-a.png';
    const onlyB = 'https://b.gov.vn/Cms_Data/only-b.jpg';
    saveArticle(d, record('https://a.gov.vn/TinTuc/View/a', [shared, onlyA]), { runId });
    saveArticle(d, record('https://b.gov.vn/TinTuc/View/b', [onlyB, shared]), { runId });
    expect(imagesToFetch(d)).toEqual([shared, onlyA, onlyB]);
    expect(imagesToFetch(d, { site: 'b.gov.vn' })).toEqual([onlyB, shared]);

    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);
    const saved = saveImage(d, {
      runId,
      url: shared,
      finalUrl: shared,
      status: 200,
      headers: { 'content-type': 'image/jpeg' },
      body: jpeg,
      fetchedAt: '2026-11-26T23:00:01.000Z',
    });
    expect(saved).toMatchObject({ sha256: sha256(jpeg), size: jpeg.length, linked: 2 });
    expect(d.prepare("SELECT kind FROM pages WHERE id = ?").pluck().get(saved.pageId)).toBe('image');
    expect(imagesToFetch(d)).toEqual([onlyA, onlyB]);
    // A failed download is kept as a capture but links nothing.
    const missing = saveImage(d, { runId, url: onlyA, finalUrl: onlyA, status: 404, headers: {}, body: Buffer.from('Not found'), fetchedAt: '2026-11-26T23:00:02.000Z' });
    expect(missing.linked).toBe(0);
    expect(imagesToFetch(d)).toEqual([onlyA, onlyB]);

    const images = () => [...iterateRecords(d)].flatMap((r) => r.images.map((i) => [r.url, i.url, i.sha256, i.size]));
    expect(images()).toContainEqual(['https://a.gov.vn/TinTuc/View/a', shared, sha256(jpeg), jpeg.length]);
    expect(images()).toContainEqual(['https://b.gov.vn/TinTuc/View/b', shared, sha256(jpeg), jpeg.length]);

    // The portal edits article a (new title, the images in another order): the downloaded file stays linked.
    expect(saveArticle(d, record('https://a.gov.vn/TinTuc/View/a', [onlyA, shared], 'Hội nghị (sửa)'), { runId })).toBe('updated');
    expect(images()).toContainEqual(['https://a.gov.vn/TinTuc/View/a', shared, sha256(jpeg), jpeg.length]);
    expect(images()).toContainEqual(['https://a.gov.vn/TinTuc/View/a', onlyA, null, null]);
    // A new article showing an image already downloaded gets it linked at once.
    saveArticle(d, record('https://a.gov.vn/TinTuc/View/c', [shared]), { runId });
    expect(images()).toContainEqual(['https://a.gov.vn/TinTuc/View/c', shared, sha256(jpeg), jpeg.length]);
    expect(verifyArchive(d).problems).toEqual([]);
  });
});

describe('disk use', () => {
  it('grows by well under 1% when an unchanged portal is crawled again, even if every page comes back 200', async () => {
    const replica = await startReplica();
    try {
      const file = path.join(dir, 'archive.sqlite');
      const first = await crawlReplica(replica, file);
      expect(first.code).toBe(0);
      const afterFirst = archiveBytes(file);

      // Everything walked and re-fetched; the replica answers unchanged articles 304 to the conditional GETs.
      const again = await crawlReplica(replica, file, { full: true, refresh: true });
      expect(again.summary.articles.new + again.summary.articles.updated).toBe(0);
      const afterSecond = archiveBytes(file);
      expect(afterSecond - afterFirst).toBeLessThan(afterFirst * 0.01);

      // A portal that ignores validators answers every page 200 again, with a new Date: each is one recapture row.
      const d = (db = openArchive(file, { create: false }));
      const runId = startRun(d, { seeds: [], now: new Date() });
      const pages = d.prepare('SELECT id, url, final_url, kind, status, headers, request_headers FROM pages').all() as {
        id: number; url: string; final_url: string; kind: PageToSave['kind']; status: number; headers: string; request_headers: string | null;
      }[];
      const later = Date.now() + 86_400_000;
      for (const p of pages) {
        savePage(d, {
          runId,
          url: p.url,
          finalUrl: p.final_url,
          kind: p.kind,
          status: p.status,
          headers: { ...(JSON.parse(p.headers) as Record<string, string>), date: new Date(later).toUTCString() },
          requestHeaders: p.request_headers === null ? null : (JSON.parse(p.request_headers) as Record<string, string>),
          body: readPageBody(d, p.id),
          fetchedAt: new Date(later + 123).toISOString(),
        });
      }
      d.close();
      const afterThird = archiveBytes(file);
      expect(afterThird - afterSecond).toBeLessThan(afterFirst * 0.01);
      const check = (db = openArchive(file, { create: false, readonly: true }));
      expect(count(check, 'recaptures')).toBeGreaterThanOrEqual(pages.length);
      expect(count(check, 'pages')).toBe(pages.length);
    } finally {
      await replica.close();
    }
  });

  it('turns a full disk into one clear ArchiveError and leaves the archive as it was', (ctx) => {
    const mount = path.join(dir, 'tiny');
    fs.mkdirSync(mount);
    if (!mountTinyDisk(mount, '1m')) return ctx.skip();
    let d: Database | undefined;
    try {
      const file = path.join(mount, 'archive.sqlite');
      d = openArchive(file, { create: true });
      const runId = startRun(d, { seeds: [], now: new Date() });
      const kept = savePage(d, page(runId));
      const before = { pages: count(d, 'pages'), blobs: count(d, 'blobs') };
      // Random bytes do not compress: two megabytes cannot fit on a one-megabyte disk.
      const huge = randomBytes(2 * 1024 * 1024);
      let error: unknown;
      try {
        savePage(d, page(runId, { url: 'https://a.gov.vn/big.jpg', finalUrl: 'https://a.gov.vn/big.jpg', kind: 'image', body: huge, headers: { 'content-type': 'image/jpeg' } }));
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(ArchiveError);
      expect((error as Error).message).toMatch(/^cannot write to the archive: the disk is full/);
      expect((error as Error).message).not.toMatch(/\n/);
      expect({ pages: count(d, 'pages'), blobs: count(d, 'blobs') }).toEqual(before);
      d.close();
      d = openArchive(file, { create: false, readonly: true });
      expect(d.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(readPageBody(d, kept).equals(HTML)).toBe(true);
      expect({ pages: count(d, 'pages'), blobs: count(d, 'blobs') }).toEqual(before);
    } finally {
      if (d?.open) d.close();
      unmount(mount);
    }
  });
});
