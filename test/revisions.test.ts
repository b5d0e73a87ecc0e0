import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { Database } from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exportCommand } from '../src/cli/export.js';
import { contentHash } from '../src/crawl/hash.js';
import type { ArticleRecord, ExtractedArticle } from '../src/extract/record.js';
import { type Replica, startReplica } from '../src/replica/index.js';
import { unifiedDiff } from '../src/text/line-diff.js';
import {
  getVersion,
  iterateRecordVersions,
  iterateRecords,
  listVersions,
  openArchive,
  saveArticle,
  savePage,
  startRun,
  verifyArchive,
} from '../src/store/index.js';
import { crawlReplica } from './helpers/archive.js';
import { runCli } from './helpers/cli.js';
import { parseCsv } from './helpers/csv.js';

function recordOf(extracted: ExtractedArticle, fetchedAt: string): ArticleRecord {
  return {
    ...extracted,
    images: extracted.images.map((i) => ({ ...i, sha256: null, size: null })),
    extractor: 'kooboo',
    source: 'live' as const,
    archive_url: null,
    fetched_at: fetchedAt,
    captured_at: fetchedAt,
    content_sha256: contentHash(extracted),
  };
}

const BASE: ExtractedArticle = {
  url: 'https://tuachua.dienbien.gov.vn/TinTuc/View/hoi-nghi',
  site: 'tuachua.dienbien.gov.vn',
  category: 'Xây dựng Đảng',
  title: 'Hội nghị sơ kết',
  published_at: '2024-03-04T09:15:00+07:00',
  summary: 'Sáng 4/3, huyện tổ chức hội nghị.',
  body_text: 'Đoạn một.\n\nĐoạn hai.',
  images: [{ url: 'https://tuachua.dienbien.gov.vn/Cms_Data/a.jpg', alt: 'a.jpg', caption: 'Quang cảnh' }],
  author: 'Thu Trang',
  organization: 'Trung tâm VH - TT - TH huyện',
  related: [{ title: 'Tin khác', url: 'https://tuachua.dienbien.gov.vn/TinTuc/View/khac' }],
};

describe('revisions in the store', () => {
  let dir: string;
  let db: Database | undefined;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pa-revisions-'));
  });
  afterEach(() => {
    if (db?.open) db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every earlier version when the content changes, numbered from 1, the row holding the newest', () => {
    const d = (db = openArchive(path.join(dir, 'a.sqlite'), { create: true }));
    const run = startRun(d, { seeds: [], now: new Date() });
    const pageFor = (n: number) =>
      savePage(d, {
        runId: run,
        url: BASE.url,
        finalUrl: BASE.url,
        kind: 'article',
        status: 200,
        headers: {},
        body: Buffer.from(`<html>${n}</html>`),
        fetchedAt: `2026-01-0${n}T00:00:00.000Z`,
      });

    const v1 = recordOf(BASE, '2026-01-01T00:00:00.000Z');
    expect(saveArticle(d, v1, { runId: run, pageId: pageFor(1) })).toBe('new');
    // Seen again unchanged: no new version; fetched_at moves, captured_at stays.
    const seenAgain = { ...v1, fetched_at: '2026-01-02T00:00:00.000Z' };
    expect(saveArticle(d, seenAgain, { runId: run, pageId: pageFor(2) })).toBe('unchanged');
    expect(listVersions(d, BASE.url)).toHaveLength(1);

    const v2 = recordOf({ ...BASE, title: 'Hội nghị sơ kết 6 tháng' }, '2026-01-03T00:00:00.000Z');
    expect(saveArticle(d, v2, { runId: run, pageId: pageFor(3) })).toBe('updated');
    const v3extracted = { ...BASE, title: v2.title, body_text: 'Đoạn một, đã sửa.\n\nĐoạn hai.', images: [] };
    const v3 = recordOf(v3extracted, '2026-01-04T00:00:00.000Z');
    expect(saveArticle(d, v3, { runId: run, pageId: pageFor(4) })).toBe('updated');
    // Edited back to the first text: a fourth version, not a rewind.
    const v4 = recordOf(BASE, '2026-01-05T00:00:00.000Z');
    expect(saveArticle(d, v4, { runId: run, pageId: pageFor(5) })).toBe('updated');

    expect(listVersions(d, BASE.url)).toEqual([
      { version: 1, captured_at: '2026-01-01T00:00:00.000Z', fetched_at: '2026-01-02T00:00:00.000Z', content_sha256: v1.content_sha256, changed: [] },
      { version: 2, captured_at: '2026-01-03T00:00:00.000Z', fetched_at: '2026-01-03T00:00:00.000Z', content_sha256: v2.content_sha256, changed: ['title'] },
      { version: 3, captured_at: '2026-01-04T00:00:00.000Z', fetched_at: '2026-01-04T00:00:00.000Z', content_sha256: v3.content_sha256, changed: ['body_text', 'images'] },
      { version: 4, captured_at: '2026-01-05T00:00:00.000Z', fetched_at: '2026-01-05T00:00:00.000Z', content_sha256: v1.content_sha256, changed: ['title', 'body_text', 'images'] },
    ]);
    expect(getVersion(d, BASE.url, 1)).toEqual({ ...seenAgain, version: 1, captured_at: '2026-01-01T00:00:00.000Z' });
    expect(getVersion(d, BASE.url, 3)).toEqual({ ...v3, version: 3, captured_at: '2026-01-04T00:00:00.000Z' });
    expect(getVersion(d, BASE.url, 5)).toBeNull();
    // Each revision remembers the page it was read from.
    expect(d.prepare('SELECT version, page_id FROM article_revisions ORDER BY version').all()).toEqual([
      { version: 1, page_id: 2 },
      { version: 2, page_id: 3 },
      { version: 3, page_id: 4 },
    ]);

    expect([...iterateRecordVersions(d)].map((r) => [r.version, r.title, r.captured_at])).toEqual([
      [1, BASE.title, '2026-01-01T00:00:00.000Z'],
      [2, v2.title, '2026-01-03T00:00:00.000Z'],
      [3, v2.title, '2026-01-04T00:00:00.000Z'],
      [4, BASE.title, '2026-01-05T00:00:00.000Z'],
    ]);
    expect([...iterateRecords(d)]).toEqual([v4]);
    expect(d.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(1);
    expect(verifyArchive(d).problems).toEqual([]);
  });

  it('rolls a failed update back whole: no orphan revision, the old version still current', () => {
    const d = (db = openArchive(path.join(dir, 'b.sqlite'), { create: true }));
    const run = startRun(d, { seeds: [], now: new Date() });
    saveArticle(d, recordOf(BASE, '2026-01-01T00:00:00.000Z'), { runId: run });
    const broken = recordOf({ ...BASE, title: 'Khác', related: [{ title: null as unknown as string, url: 'x' }] }, '2026-01-02T00:00:00.000Z');
    expect(() => saveArticle(d, broken, { runId: run })).toThrow(/NOT NULL/);
    expect(d.prepare('SELECT count(*) FROM article_revisions').pluck().get()).toBe(0);
    expect(listVersions(d, BASE.url).map((v) => v.version)).toEqual([1]);
    expect([...iterateRecords(d)][0]!.title).toBe(BASE.title);
  });
});

describe('unifiedDiff', () => {
  const lines = (text: string) => text.split('');

  it('writes hunks as diff -u does: three lines of context, ranges counted from 1', () => {
    // Outputs checked against GNU diff -u.
    expect(unifiedDiff(lines('abcdefghij'), lines('abcDefghijk'), { from: 'v1', to: 'v2' })).toBe(
      ['--- v1', '+++ v2', '@@ -1,10 +1,11 @@', ' a', ' b', ' c', '-d', '+D', ' e', ' f', ' g', ' h', ' i', ' j', '+k', ''].join('\n'),
    );
    expect(unifiedDiff(lines('abcdefghijk'), lines('abcDefghijkl'), { from: 'v1', to: 'v2' })).toBe(
      ['--- v1', '+++ v2', '@@ -1,7 +1,7 @@', ' a', ' b', ' c', '-d', '+D', ' e', ' f', ' g', '@@ -9,3 +9,4 @@', ' i', ' j', ' k', '+l', ''].join('\n'),
    );
  });

  it('joins changes closer than twice the context into one hunk, and names the line before an empty range', () => {
    expect(unifiedDiff(lines('abcdefgh'), lines('aXcdefYh'), { from: 'a', to: 'b' }, 1)).toBe(
      ['--- a', '+++ b', '@@ -1,3 +1,3 @@', ' a', '-b', '+X', ' c', '@@ -6,3 +6,3 @@', ' f', '-g', '+Y', ' h', ''].join('\n'),
    );
    expect(unifiedDiff([], ['x'], { from: 'a', to: 'b' })).toBe('--- a\n+++ b\n@@ -0,0 +1,1 @@\n+x\n');
    expect(unifiedDiff(['x', 'y'], ['y'], { from: 'a', to: 'b' })).toBe('--- a\n+++ b\n@@ -1,2 +1,1 @@\n-x\n y\n');
    expect(unifiedDiff(['same'], ['same'], { from: 'a', to: 'b' })).toBe('--- a\n+++ b\n');
  });
});

describe('an article edited on the portal between two crawls', () => {
  let replica: Replica;
  let dir: string;
  let db: string;
  let url: string;
  const newTitle = 'Tủa Chùa quan tâm phát triển đảng viên (bản sửa)';

  const exported = async (options: Record<string, unknown>): Promise<string> => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await exportCommand({ db, format: 'jsonl', ...options }, out);
    return Buffer.concat(chunks).toString('utf8');
  };
  const jsonl = (text: string) =>
    text.trim().split('\n').map((l) => JSON.parse(l) as ArticleRecord & { version?: number; captured_at?: string });

  beforeAll(async () => {
    replica = await startReplica({ siteIds: ['tuachua'] });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pa-revisions-e2e-'));
    db = path.join(dir, 'archive.sqlite');
    const first = await crawlReplica(replica, db);
    expect(first.code).toBe(0);
    const site = replica.sites[0]!;
    const article = site.site.articles.find((a) => a.slug === 'Tua-Chua-quan-tam-phat-trien-dang-vien')!;
    url = `${site.origin}/TinTuc/View/${article.slug}`;
    replica.edit('tuachua', article.slug, { title: newTitle, lead: `${article.lead} Bổ sung.` });
    const second = await crawlReplica(replica, db, { refresh: true });
    expect(second.summary.articles.updated).toBe(1);
  });

  afterAll(async () => {
    await replica.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('history lists both versions and what changed, from any form of the URL', async () => {
    const messy = `${url.replace('/View/', '/view/')}?PageIndex=3#top`;
    const r = await runCli(['history', messy, '--db', db]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(url);
    expect(lines[1]).toMatch(/^version\s+captured_at\s+content_sha256\s+changed$/);
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(/^1\s+\d{4}-\d\d-\d\dT[\d:.]+Z\s+[0-9a-f]{64}\s+\(first\)$/);
    expect(lines[3]).toMatch(/^2\s+\d{4}-\d\d-\d\dT[\d:.]+Z\s+[0-9a-f]{64}\s+title, summary, body_text$/);
  });

  it('history --diff prints a unified diff of the two versions', async () => {
    const r = await runCli(['history', url, '--db', db, '--diff', '1', '2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^--- version 1 \(captured .+\)\n\+\+\+ version 2 \(captured .+\)\n@@ -\d+,\d+ \+\d+,\d+ @@\n/);
    expect(r.stdout).toContain('\n-title: Tủa Chùa quan tâm phát triển đảng viên\n');
    expect(r.stdout).toContain(`\n+title: ${newTitle}\n`);
    expect(r.stdout).toMatch(/\n\+ {2}.*Bổ sung\.\n/);
    expect(r.stdout).not.toMatch(/\n[-+]body_text/);
    const same = await runCli(['history', url, '--db', db, '--diff', '2', '2']);
    expect(same.stdout.split('\n').filter((l) => l.startsWith('@@'))).toEqual([]);
    const show = await runCli(['history', url, '--db', db, '--show', '1']);
    expect(JSON.parse(show.stdout)).toMatchObject({ url, version: 1, title: 'Tủa Chùa quan tâm phát triển đảng viên' });
  });

  it('export --revisions holds both versions; the default export holds the newest only', async () => {
    const all = await exported({ revisions: true });
    const versions = jsonl(all).filter((r) => r.url === url);
    expect(versions.map((r) => [r.version, r.title])).toEqual([
      [1, 'Tủa Chùa quan tâm phát triển đảng viên'],
      [2, newTitle],
    ]);
    expect(versions[0]!.captured_at! < versions[1]!.captured_at!).toBe(true);
    expect(Object.keys(versions[1]!).slice(-2)).toEqual(['content_sha256', 'version']);
    const others = jsonl(all).filter((r) => r.url !== url);
    expect(others.every((r) => r.version === 1 && r.captured_at! <= r.fetched_at)).toBe(true);

    const newest = jsonl(await exported({}));
    expect(newest).toHaveLength(others.length + 1);
    const current = newest.find((r) => r.url === url)!;
    expect(current.title).toBe(newTitle);
    expect(current).not.toHaveProperty('version');
    // Every record says when its content was captured; for the newest version that is the edit's fetch.
    expect(current.captured_at).toBe(versions[1]!.captured_at);

    const csv = parseCsv(await exported({ revisions: true, format: 'csv' }));
    const header = csv[0]!;
    expect(header.slice(-2)).toEqual(['content_sha256', 'version']);
    const rows = csv.slice(1).filter((row) => row[header.indexOf('url')] === url);
    expect(rows.map((row) => [row[header.indexOf('version')], row[header.indexOf('title')]])).toEqual([
      ['1', 'Tủa Chùa quan tâm phát triển đảng viên'],
      ['2', newTitle],
    ]);
    expect(parseCsv(await exported({ format: 'csv' }))[0]).not.toContain('version');
  });

  it('refuses an unknown article or version with one line', async () => {
    const unknown = await runCli(['history', `${url}-khong-co`, '--db', db]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^portal-archiver: no archived article at .*-khong-co\n$/);
    const noVersion = await runCli(['history', url, '--db', db, '--diff', '1', '7']);
    expect(noVersion.code).toBe(1);
    expect(noVersion.stderr).toBe('portal-archiver: no version 7: this article has versions 1 to 2\n');
    const oneArg = await runCli(['history', url, '--db', db, '--diff', '1']);
    expect(oneArg.code).toBe(1);
    expect(oneArg.stderr).toMatch(/--diff takes two version numbers/);
  });
});
