import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CrawlCommandOptions, crawlCommand } from '../src/cli/crawl.js';
import { statusCommand } from '../src/cli/status.js';
import { silentLogger } from '../src/log.js';
import { generateSite, type Replica, type ReplicaOptions, startReplica } from '../src/replica/index.js';

let dir: string;
let replica: Replica | null = null;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pa-reliable-'));
});

afterEach(async () => {
  await replica?.close();
  replica = null;
  rmSync(dir, { recursive: true, force: true });
});

async function serve(options: ReplicaOptions): Promise<Replica> {
  replica = await startReplica(options);
  return replica;
}

function crawlOptions(urls: string[], db: string, extra: Partial<CrawlCommandOptions> = {}): CrawlCommandOptions {
  return { urls, db, concurrency: 4, perHost: 2, delay: 0, maxPages: null, userAgent: 'portal-archiver/test', timeout: 3000, retries: 4, ...extra };
}

function archivedUrls(db: string): string[] {
  const sqlite = new Database(db, { readonly: true });
  const urls = sqlite.prepare('SELECT url FROM articles ORDER BY url').pluck().all() as string[];
  expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  sqlite.close();
  return urls;
}

const articleCount = (r: Replica) => r.sites.reduce((n, s) => n + s.site.articles.length, 0);

describe('faults', () => {
  it('archives every article exactly once when a quarter of first requests fail', async () => {
    const r = await serve({ faults: { rate: 0.25, seed: 11, retryAfterSeconds: 1, slowMs: 300 } });
    const db = join(dir, 'a.sqlite');
    const { code, summary } = await crawlCommand(crawlOptions(r.sites.map((s) => s.listingUrl), db), { log: silentLogger });
    expect(summary.failures).toEqual([]);
    expect(code).toBe(0);
    const faults = r.requests.filter((q) => q.fault);
    const kinds = new Set(faults.map((q) => q.fault));
    expect(faults.length).toBeGreaterThan(10);
    for (const kind of ['500', '503', '429', 'reset', 'truncate', 'slow']) expect(kinds, kind).toContain(kind);
    const urls = archivedUrls(db);
    expect(urls).toHaveLength(articleCount(r));
    expect(new Set(urls).size).toBe(urls.length);
  });

  it('honours Retry-After in seconds and as an HTTP date, measured at the server', async () => {
    for (const form of ['seconds', 'date'] as const) {
      const r = await serve({ siteIds: ['huyendienbien'], faults: { rate: 0.3, kinds: ['429', '503'], seed: 3, retryAfterSeconds: 1, retryAfterForm: form } });
      const db = join(dir, `${form}.sqlite`);
      const { code } = await crawlCommand(crawlOptions([r.sites[0]!.listingUrl], db), { log: silentLogger });
      expect(code).toBe(0);
      const refused = r.requests.filter((q) => q.fault === '429' || q.fault === '503');
      expect(refused.length).toBeGreaterThan(0);
      for (const first of refused) {
        const retry = r.requests.find((q) => q.url === first.url && q.monotonic > first.monotonic);
        expect(retry, first.url).toBeDefined();
        // An HTTP date has one-second resolution, so the wait may be a little under the second asked for.
        expect(retry!.monotonic - first.monotonic).toBeGreaterThanOrEqual(form === 'date' ? 0 : 950);
      }
      await r.close();
      replica = null;
    }
  });

  it('gives up on a hung response after --timeout and records it', async () => {
    const r = await serve({ siteIds: ['huyendienbien'], faults: { rate: 1, kinds: ['hang'], only: 'all' } });
    const db = join(dir, 'hang.sqlite');
    const started = Date.now();
    await expect(
      crawlCommand(crawlOptions([r.sites[0]!.listingUrl], db, { timeout: 300, retries: 1 }), { log: silentLogger }),
    ).rejects.toThrow(/cannot fetch .*timeout/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a dead link gives exit 2, shows in status, and is tried again by the next run', async () => {
    const r = await serve({ siteIds: ['tuachua'], dead: ['Bai-viet-da-bi-xoa'] });
    const db = join(dir, 'dead.sqlite');
    const { code } = await crawlCommand(crawlOptions([r.sites[0]!.listingUrl], db), { log: silentLogger });
    expect(code).toBe(2);
    const status = statusCommand({ db, runs: 5 });
    expect(status.failed).toHaveLength(1);
    expect(status.failed[0]!.url).toMatch(/\/TinTuc\/View\/Bai-viet-da-bi-xoa$/);
    expect(status.failed[0]!.last_error).toMatch(/HTTP 404/);
    expect(status.articles).toBe(articleCount(r));
    const before = r.requests.filter((q) => q.url.includes('Bai-viet-da-bi-xoa')).length;
    const again = await crawlCommand(crawlOptions([r.sites[0]!.listingUrl], db), { log: silentLogger });
    expect(again.code).toBe(2);
    expect(r.requests.filter((q) => q.url.includes('Bai-viet-da-bi-xoa')).length).toBe(before + 1);
  });
});

describe('URL forms', () => {
  it('crawls a portal that links articles in the short form /T/<slug>?PageIndex=N', async () => {
    const site = { ...generateSite({ id: 'short', articles: 23, pageSize: 10, template: 'table' }), articleUrlForm: 'short' as const };
    const r = await serve({ sites: [site] });
    const db = join(dir, 'short.sqlite');
    const { code, summary } = await crawlCommand(crawlOptions([r.sites[0]!.listingUrl], db), { log: silentLogger });
    expect(code).toBe(0);
    expect(summary.articles.new).toBe(23);
    const urls = archivedUrls(db);
    expect(urls).toEqual(site.articles.map((a) => `${r.sites[0]!.origin}/T/${encodeURIComponent(a.slug)}`).sort());
  });
});

describe('politeness', () => {
  it('obeys robots.txt Disallow and Crawl-delay, measured at the server', async () => {
    const robots = 'User-agent: *\nDisallow: /TIN_TUC_2024/View/?UserKey=Doc-dao\nCrawl-delay: 0.4\n';
    const r = await serve({ siteIds: ['huyentuachua'], robots });
    const db = join(dir, 'robots.sqlite');
    const { code, summary } = await crawlCommand(crawlOptions([r.sites[0]!.listingUrl], db, { concurrency: 8, perHost: 4 }), { log: silentLogger });
    expect(code).toBe(0);
    expect(summary.articles.skipped).toBe(1);
    const log = r.requests.filter((q) => q.url !== '/robots.txt');
    expect(log.some((q) => q.url.includes('UserKey=Doc-dao'))).toBe(false);
    for (let i = 1; i < log.length; i++) {
      // Measured at arrival: connection set-up and a loaded test machine can shift one arrival by a few tens of ms.
      expect(log[i]!.monotonic - log[i - 1]!.monotonic, log[i]!.url).toBeGreaterThanOrEqual(320);
    }
    expect(r.requests.every((q) => q.userAgent === 'portal-archiver/test')).toBe(true);
  });

  it('keeps at most --per-host requests in flight to a host, and --concurrency over all hosts', async () => {
    // Every answer takes 200 ms, so arrivals closer together than that were in flight at the same time.
    const r = await serve({ siteIds: ['tuachua', 'huyendienbien'], faults: { rate: 1, kinds: ['slow'], slowMs: 200, only: 'all' } });
    const db = join(dir, 'limits.sqlite');
    const { code } = await crawlCommand(crawlOptions(r.sites.map((s) => s.listingUrl), db, { concurrency: 3, perHost: 2 }), { log: silentLogger });
    expect(code).toBe(0);
    const busiest = (entries: typeof r.requests) =>
      Math.max(...entries.map((e) => entries.filter((o) => o.monotonic >= e.monotonic && o.monotonic < e.monotonic + 150).length));
    for (const site of r.sites) expect(busiest(r.requests.filter((q) => q.siteId === site.id))).toBe(2);
    expect(busiest(r.requests)).toBe(3);
  });

  it('--ignore-robots fetches what robots.txt forbids', async () => {
    const r = await serve({ siteIds: ['huyentuachua'], robots: 'User-agent: *\nDisallow: /\n' });
    const db = join(dir, 'ignore.sqlite');
    const { code } = await crawlCommand(crawlOptions([r.sites[0]!.listingUrl], db, { ignoreRobots: true }), { log: silentLogger });
    expect(code).toBe(0);
    expect(archivedUrls(db)).toHaveLength(articleCount(r));
    expect(r.requests.some((q) => q.url === '/robots.txt')).toBe(false);
  });
});

describe('incremental re-runs', () => {
  it('an unchanged portal costs its first listing page; three new articles cost one or two more pages and those three', async () => {
    const r = await serve({});
    const db = join(dir, 'inc.sqlite');
    const urls = r.sites.map((s) => s.listingUrl);
    expect((await crawlCommand(crawlOptions(urls, db), { log: silentLogger })).code).toBe(0);

    let mark = r.requests.length;
    const rerun = await crawlCommand(crawlOptions(urls, db), { log: silentLogger });
    expect(rerun.code).toBe(0);
    const second = r.requests.slice(mark);
    expect(second.map((q) => `${q.siteId} ${q.url}`).sort()).toEqual(
      r.sites.map((s) => `${s.id} ${new URL(s.listingUrl).pathname}${new URL(s.listingUrl).search}`).sort(),
    );
    // Conditional: the stored ETag is sent and the unchanged page costs a 304 without a body.
    expect(second.every((q) => q.ifNoneMatch && q.status === 304)).toBe(true);

    const site = r.site('tuachua');
    const template = site.site.articles[0]!;
    for (let i = 1; i <= 3; i++) {
      r.publish('tuachua', { ...template, slug: `Tin-moi-so-${i}`, title: `Tin mới số ${i}`, published: `2025-06-0${i}T09:00:00+07:00` });
    }
    mark = r.requests.length;
    const third = await crawlCommand(crawlOptions(urls, db), { log: silentLogger });
    expect(third.summary.articles.new).toBe(3);
    const requests = r.requests.slice(mark).filter((q) => q.siteId === 'tuachua');
    const listings = requests.filter((q) => !q.url.includes('/View/'));
    const articles = requests.filter((q) => q.url.includes('/View/'));
    expect(listings.length).toBeGreaterThanOrEqual(1);
    expect(listings.length).toBeLessThanOrEqual(2);
    expect(articles.map((q) => q.url).sort()).toEqual(['/TinTuc/View/Tin-moi-so-1', '/TinTuc/View/Tin-moi-so-2', '/TinTuc/View/Tin-moi-so-3']);
  });

  it('--since walks newest first and stops at older articles', async () => {
    const r = await serve({ siteIds: ['tuachua'] });
    const db = join(dir, 'since.sqlite');
    const { code, summary } = await crawlCommand(crawlOptions([r.sites[0]!.listingUrl], db, { since: new Date('2024-01-01T00:00:00+07:00') }), { log: silentLogger });
    expect(code).toBe(0);
    const expected = r.sites[0]!.site.articles.filter((a) => a.published >= '2024-01-01').length;
    expect(summary.articles.new).toBe(expected);
    expect(summary.listingPages).toBeLessThan(4);
  });

  it('--refresh uses conditional GET: unchanged pages answer 304 and count as unchanged', async () => {
    const r = await serve({ siteIds: ['huyendienbien'] });
    const db = join(dir, 'refresh.sqlite');
    await crawlCommand(crawlOptions([r.sites[0]!.listingUrl], db), { log: silentLogger });
    const mark = r.requests.length;
    const { summary } = await crawlCommand(crawlOptions([r.sites[0]!.listingUrl], db, { refresh: true }), { log: silentLogger });
    const conditional = r.requests.slice(mark).filter((q) => q.url.includes('/View/'));
    expect(conditional.length).toBe(articleCount(r));
    expect(conditional.every((q) => q.ifNoneMatch && q.status === 304)).toBe(true);
    expect(summary.articles.unchanged).toBe(articleCount(r));
  });
});

/**
 * Windows-1258 spells a Vietnamese letter as a base (with its circumflex, breve or horn precomposed: â ă ê ô ơ ư)
 * plus a combining tone mark; this turns NFC text into that form so iconv-lite can encode it.
 */
function toWindows1258(text: string): string {
  return text.normalize('NFD').replace(/(\p{L})(\p{M}+)/gu, (_, base: string, marks: string) => {
    const shape = [...marks].filter((m) => /[\u0302\u0306\u031b]/.test(m)).join('');
    const tone = [...marks].filter((m) => !/[\u0302\u0306\u031b]/.test(m)).join('');
    return (base + shape).normalize('NFC') + tone;
  });
}

describe('encodings', () => {
  it('decodes a windows-1258 page declared in <meta> and composes its text', async () => {
    const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258"></head><body>
      <h1>Tủa Chùa quan tâm phát triển đảng viên</h1><p>Thời gian đăng: 11/08/2023 02:46:47 PM</p>
      <p>Đảng bộ huyện Tủa Chùa hiện có 48 tổ chức cơ sở đảng.</p><p>Thu Trang - Trung tâm VH - TT - TH huyện</p></body></html>`;
    const body = iconv.encode(toWindows1258(html), 'windows-1258');
    expect(body.includes(Buffer.from('Tủa', 'utf8'))).toBe(false);
    const server = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(body));
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/TinTuc/View/Tua-Chua`;
    const db = join(dir, 'enc.sqlite');
    const { code } = await crawlCommand(crawlOptions([url], db), { log: silentLogger });
    server.close();
    expect(code).toBe(0);
    const sqlite = new Database(db, { readonly: true });
    const row = sqlite.prepare('SELECT title, body_text FROM articles').get() as { title: string; body_text: string };
    sqlite.close();
    expect(row.title).toBe('Tủa Chùa quan tâm phát triển đảng viên');
    expect(row.body_text).toBe('Đảng bộ huyện Tủa Chùa hiện có 48 tổ chức cơ sở đảng.');
  });
});

describe('media', () => {
  it('--media stores each image once by hash and links it to the articles, politely and with retries', async () => {
    const r = await serve({ siteIds: ['huyentuachua'], faults: { rate: 0.3, seed: 5, kinds: ['500', 'reset', 'truncate'] } });
    const db = join(dir, 'media.sqlite');
    const { code, summary } = await crawlCommand(crawlOptions([r.sites[0]!.listingUrl], db, { media: true }), { log: silentLogger });
    expect(code).toBe(0);
    const files = new Set(r.sites[0]!.site.articles.flatMap((a) => a.blocks.flatMap((b) => ('images' in b ? b.images : []))));
    expect(summary.images).toEqual({ stored: files.size, failed: 0 });
    const sqlite = new Database(db, { readonly: true });
    const rows = sqlite.prepare('SELECT url, sha256, size FROM article_images').all() as { url: string; sha256: string; size: number }[];
    sqlite.close();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const bytes = Buffer.from(await (await fetch(row.url)).arrayBuffer());
      expect(row.size).toBe(bytes.length);
      expect(row.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    // A second run has nothing left to download.
    const again = await crawlCommand(crawlOptions([r.sites[0]!.listingUrl], db, { media: true }), { log: silentLogger });
    expect(again.summary.images).toEqual({ stored: 0, failed: 0 });
  });
});
