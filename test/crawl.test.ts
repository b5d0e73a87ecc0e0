import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlCommand } from '../src/cli/crawl.js';
import { exportCommand } from '../src/cli/export.js';
import type { ArticleRecord } from '../src/extract/record.js';
import { silentLogger } from '../src/log.js';
import { type Replica, startReplica } from '../src/replica/index.js';
import { readPageBody } from '../src/store/index.js';
import { parseCsv } from './helpers/csv.js';
import { expectedFields } from './helpers/expect-record.js';

let replica: Replica;
let dir: string;
let db: string;

const options = (urls: string[], dbPath: string) => ({
  urls,
  db: dbPath,
  concurrency: 4,
  delay: 0,
  maxPages: null,
  userAgent: 'portal-archiver-test',
  timeout: 5000,
  retries: 0,
});

async function exportText(format: string, extra: Record<string, string> = {}): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await exportCommand({ db, format, ...extra }, out);
  return Buffer.concat(chunks).toString('utf8');
}

beforeAll(async () => {
  replica = await startReplica();
  dir = mkdtempSync(join(tmpdir(), 'pa-crawl-'));
  db = join(dir, 'archive.sqlite');
});

afterAll(async () => {
  await replica.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('crawl → store → export on the replica portals', () => {
  let records: ArticleRecord[];

  it('archives every replica article once, walking every listing page', async () => {
    const { code, summary } = await crawlCommand(options(replica.sites.map((s) => s.listingUrl), db), { log: silentLogger });
    const total = replica.sites.reduce((n, s) => n + s.site.articles.length, 0);
    const pages = replica.sites.reduce((n, s) => n + Math.ceil(s.site.articles.length / s.site.pageSize), 0);
    expect(code).toBe(0);
    expect(summary.failures).toEqual([]);
    expect(summary.articles).toEqual({ new: total, updated: 0, unchanged: 0, failed: 0, skipped: 0 });
    expect(summary.listingPages).toBe(pages);
    records = (await exportText('jsonl')).trim().split('\n').map((l) => JSON.parse(l) as ArticleRecord);
    expect(records).toHaveLength(total);
    expect(new Set(records.map((r) => r.url)).size).toBe(total);
  });

  it('extracts every field of every article as the site data says', () => {
    for (const { site, origin } of replica.sites) {
      const host = new URL(origin).host;
      for (const article of site.articles) {
        const want = expectedFields(site, article);
        const got = records.find((r) => r.site === host && r.title === want.title);
        expect(got, `${site.id}: ${want.title}`).toBeDefined();
        const { images, ...fields } = want;
        expect({ ...got, images: undefined }).toMatchObject({ ...fields, images: undefined });
        expect(got!.images.map((i) => ({ file: decodeURIComponent(i.url.split('/').pop()!), alt: i.alt, caption: i.caption })))
          .toEqual(images);
        for (const image of got!.images) expect(image.url.startsWith(`${origin}/Cms_Data/`)).toBe(true);
      }
    }
  });

  it('keeps text clean: NFC, no look-alike eth, no no-break space, no boilerplate', () => {
    for (const r of records) {
      const text = [r.title, r.summary, r.body_text, r.author, r.organization, r.category].join('\n');
      expect(text.normalize('NFC')).toBe(text);
      expect(text).not.toMatch(/[\u00d0\u00f0\u00a0]|\\r\\n/);
      expect(r.body_text).not.toMatch(/Các tin khác|Thời gian đăng|Thống kê truy cập|Tổng truy cập|Hôm nay|\.jpg|\.bmp|\.png| of \d+/);
      expect(r.published_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
      expect(r.content_sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(r.related.every((l) => records.some((o) => o.url === l.url))).toBe(true);
      expect(r.related.some((l) => l.url === r.url)).toBe(false);
    }
  });

  it('exports the same records as JSON, JSONL and CSV', async () => {
    const json = JSON.parse(await exportText('json')) as ArticleRecord[];
    expect(json).toEqual(records);
    const [header, ...rows] = parseCsv(await exportText('csv'));
    expect(rows).toHaveLength(records.length);
    rows.forEach((row, i) => {
      const cell = (name: string) => row[header!.indexOf(name)];
      const r = records[i]!;
      expect(cell('url')).toBe(r.url);
      expect(cell('title')).toBe(r.title);
      expect(cell('body_text')).toBe(r.body_text);
      expect(cell('author')).toBe(r.author ?? '');
      expect(cell('published_at')).toBe(r.published_at ?? '');
      expect(Number(cell('image_count'))).toBe(r.images.length);
      expect(JSON.parse(cell('images')!)).toEqual(r.images);
      expect(JSON.parse(cell('related')!)).toEqual(r.related);
    });
  });

  it('filters exports by site and publication date (Vietnam days)', async () => {
    const host = new URL(replica.sites[0]!.origin).host;
    const bySite = (await exportText('jsonl', { site: host })).trim().split('\n').map((l) => JSON.parse(l) as ArticleRecord);
    expect(bySite.length).toBe(replica.sites[0]!.site.articles.length);
    const in2023 = records.filter((r) => r.published_at!.startsWith('2023-'));
    const exported = (await exportText('jsonl', { since: '2023-01-01', until: '2023-12-31' })).trim().split('\n');
    expect(exported.map((l) => (JSON.parse(l) as ArticleRecord).url).sort()).toEqual(in2023.map((r) => r.url).sort());
  });

  it('stores the raw bytes of every fetched page and the run', () => {
    const sqlite = new Database(db, { readonly: true });
    const pages = sqlite.prepare("SELECT kind, count(*) n FROM pages GROUP BY kind ORDER BY kind").all();
    expect(pages).toEqual([
      { kind: 'article', n: records.length },
      { kind: 'listing', n: replica.sites.reduce((n, s) => n + Math.ceil(s.site.articles.length / s.site.pageSize), 0) },
    ]);
    const seed = replica.sites.find((s) => s.id === 'tuachua')!;
    const page = sqlite.prepare("SELECT id FROM pages WHERE url LIKE ? AND kind = 'article'").get(
      `${seed.origin}/TinTuc/View/Tua-Chua-quan-tam-phat-trien-dang-vien`,
    ) as { id: number };
    expect(readPageBody(sqlite, page.id).toString('utf8')).toContain('\u00d0ảng bộ xã Xá Nhè');
    const run = sqlite.prepare('SELECT status, articles_new FROM crawl_runs').get();
    expect(run).toEqual({ status: 'done', articles_new: records.length });
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    sqlite.close();
  });

  it('re-runs incrementally: the first listing page of each portal, no article', async () => {
    const { code, summary } = await crawlCommand(options(replica.sites.map((s) => s.listingUrl), db), { log: silentLogger });
    expect(code).toBe(0);
    expect(summary.listingPages).toBe(replica.sites.length);
    expect(summary.articles).toEqual({ new: 0, updated: 0, unchanged: 0, failed: 0, skipped: 0 });
  });

  it('updates in place on a full re-crawl: nothing new, nothing duplicated', async () => {
    const { code, summary } = await crawlCommand(
      { ...options(replica.sites.map((s) => s.listingUrl), db), full: true, refresh: true },
      { log: silentLogger },
    );
    expect(code).toBe(0);
    expect(summary.articles).toEqual({ new: 0, updated: 0, unchanged: records.length, failed: 0, skipped: 0 });
    const again = (await exportText('jsonl')).trim().split('\n');
    expect(again).toHaveLength(records.length);
  });
});
