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
import { FAMILIES, type FamilySite, type Replica, startReplica, templateOf } from '../src/replica/index.js';
import { expectedFamilyFields } from './helpers/expect-family.js';

// Every replica portal of the other families (two templates each), crawled end to end from its all-news listing:
// each article archived once, every field as the site data says.
let replica: Replica;
let dir: string;
let db: string;
let records: ArticleRecord[];

const options = (urls: string[]) => ({
  urls,
  db,
  concurrency: 4,
  delay: 0,
  maxPages: null,
  userAgent: 'portal-archiver-test',
  timeout: 5000,
  retries: 0,
});

async function exportJsonl(): Promise<ArticleRecord[]> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await exportCommand({ db, format: 'jsonl' }, out);
  return Buffer.concat(chunks).toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as ArticleRecord);
}

const familySites = () => replica.sites.map((s) => ({ ...s, data: s.site as FamilySite }));

beforeAll(async () => {
  replica = await startReplica({ families: FAMILIES });
  dir = mkdtempSync(join(tmpdir(), 'pa-families-'));
  db = join(dir, 'archive.sqlite');
});

afterAll(async () => {
  await replica.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('crawl → store → export on the replica portals of five more families', () => {
  it('serves two templates of each family, each with two or more listing pages and ten or more articles', () => {
    const variants = new Map<string, Set<string>>();
    for (const { family, data } of familySites()) {
      variants.set(family, (variants.get(family) ?? new Set()).add(data.variant));
      expect(data.articles.length, data.id).toBeGreaterThanOrEqual(10);
      expect(Math.ceil(data.articles.length / data.pageSize), data.id).toBeGreaterThanOrEqual(2);
    }
    expect([...variants.keys()].sort()).toEqual([...FAMILIES].sort());
    for (const [family, set] of variants) expect([...set].sort(), family).toEqual(['a', 'b']);
  });

  it('archives every article once, walking every listing page', async () => {
    const { code, summary } = await crawlCommand(options(replica.sites.map((s) => s.listingUrl)), { log: silentLogger });
    const total = familySites().reduce((n, s) => n + s.data.articles.length, 0);
    const pages = familySites().reduce((n, s) => n + Math.ceil(s.data.articles.length / s.data.pageSize), 0);
    expect(summary.failures).toEqual([]);
    expect(code).toBe(0);
    expect(summary.articles).toEqual({ new: total, updated: 0, unchanged: 0, failed: 0, skipped: 0 });
    expect(summary.listingPages).toBe(pages);
    records = await exportJsonl();
    expect(records).toHaveLength(total);
    expect(new Set(records.map((r) => r.url)).size).toBe(total);
  });

  it('extracts every field of every article as the site data says', () => {
    for (const { data, origin } of familySites()) {
      const host = new URL(origin).host;
      const mine = records.filter((r) => r.site === host);
      expect(mine, data.id).toHaveLength(data.articles.length);
      for (const article of data.articles) {
        const want = expectedFamilyFields(data, article);
        const got = mine.find((r) => r.title === want.title);
        const where = `${data.id}: ${want.title}`;
        expect(got, where).toBeDefined();
        expect(
          {
            title: got!.title,
            published_at: got!.published_at,
            summary: got!.summary,
            body_text: got!.body_text,
            author: got!.author,
            organization: got!.organization,
            category: got!.category,
            extractor: got!.extractor,
            related: got!.related.map((l) => l.title),
          },
          where,
        ).toEqual({
          title: want.title,
          published_at: want.published_at,
          summary: want.summary,
          body_text: want.body_text,
          author: want.author,
          organization: want.organization,
          category: want.category,
          extractor: want.extractor,
          related: want.related,
        });
        expect(
          got!.images.map((i) => ({ file: decodeURIComponent(new URL(i.url).pathname).split('/').find((seg) => want.images.some((w) => w.file === seg)) ?? i.url, alt: i.alt, caption: i.caption })),
          where,
        ).toEqual(want.images);
        for (const image of got!.images) expect(new URL(image.url).pathname.startsWith(templateOf(data).imagePrefix), where).toBe(true);
        // Related links are canonical: each is the URL of an archived record of the same site.
        for (const link of got!.related) expect(mine.some((r) => r.url === link.url), `${where} → ${link.url}`).toBe(true);
      }
    }
  });

  it('keeps the chrome, sign-offs, counters and captions out of the text', () => {
    for (const r of records) {
      expect(r.body_text).not.toMatch(/Lượt xem|Đã xem|Tăng cỡ chữ|Cập nhật ngày|Đăng ngày|Đăng lúc|Các tin khác|Bài trước|Chia sẻ|Truy cập nội dung|\/\.$|\.\/\./);
      for (const p of r.body_text.split('\n\n')) expect(p, r.url).not.toMatch(/^(\d+%|A-.*A\+|\d[\d.,]*)$/);
      for (const image of r.images) if (image.caption) expect(r.body_text, r.url).not.toContain(image.caption);
      expect(r.published_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
      expect(r.related.some((l) => l.url === r.url)).toBe(false);
      expect(r.url).not.toMatch(/redirect|pageindex|utm_|p_p_auth|#/i);
    }
  });

  it('stores the listing and article pages it read, and nothing for the URL variants', () => {
    const sqlite = new Database(db, { readonly: true });
    const kinds = sqlite.prepare('SELECT kind, count(*) n FROM pages GROUP BY kind ORDER BY kind').all();
    expect(kinds).toEqual([
      { kind: 'article', n: records.length },
      { kind: 'listing', n: familySites().reduce((n, s) => n + Math.ceil(s.data.articles.length / s.data.pageSize), 0) },
    ]);
    sqlite.close();
    // Print and save views, legacy aliases and menu pages were never fetched.
    const fetched = replica.requests.map((r) => r.url);
    expect(fetched.filter((u) => /savefile|\/print\/|^\/\d+\/\d+\/\d+\/\d+\/|gioi-thieu|lien-he|tiem-nang/.test(u))).toEqual([]);
  });

  it('re-runs incrementally: the first listing page of each portal, no article', async () => {
    const { code, summary } = await crawlCommand(options(replica.sites.map((s) => s.listingUrl)), { log: silentLogger });
    expect(code).toBe(0);
    expect(summary.listingPages).toBe(replica.sites.length);
    expect(summary.articles).toEqual({ new: 0, updated: 0, unchanged: 0, failed: 0, skipped: 0 });
  });

  it('walks newest first with --since and stops at older articles', async () => {
    const fresh = join(dir, 'since.sqlite');
    const site = familySites().find((s) => s.data.id === 'binhson-lr')!;
    const newest = [...site.data.articles].sort((a, b) => (a.published < b.published ? 1 : -1));
    // The day of the seventh newest article (on page 2 of 3).
    const since = newest[6]!.published.slice(0, 10);
    const { code, summary } = await crawlCommand({ ...options([site.listingUrl]), db: fresh, since: new Date(`${since}T00:00:00+07:00`) }, { log: silentLogger });
    expect(code).toBe(0);
    expect(summary.articles.new).toBe(newest.filter((a) => a.published.slice(0, 10) >= since).length);
    // Page 3 is read to see that everything on it is older; there the walk stops.
    expect(summary.listingPages).toBe(3);
  });
});
