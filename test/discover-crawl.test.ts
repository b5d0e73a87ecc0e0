import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Agent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CrawlCommandOptions, crawlCommand } from '../src/cli/crawl.js';
import { crawl } from '../src/crawl/crawler.js';
import { RobotsPolicy } from '../src/crawl/robots.js';
import { htmlOf } from '../src/crawl/seed.js';
import { discoverSeed } from '../src/discover/seed.js';
import { createFetcher } from '../src/fetch/client.js';
import { systemClock } from '../src/fetch/clock.js';
import { HostGate } from '../src/fetch/politeness.js';
import { silentLogger } from '../src/log.js';
import { generateSite, startReplica } from '../src/replica/index.js';
import { openArchive } from '../src/store/index.js';
import { type CustomPortal, startCustomPortal } from './helpers/custom-portal.js';

let dir: string;
const closers: (() => Promise<void>)[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pa-discover-'));
});

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  rmSync(dir, { recursive: true, force: true });
});

async function portal(opts: Parameters<typeof startCustomPortal>[0] = {}): Promise<CustomPortal> {
  const p = await startCustomPortal(opts);
  closers.push(p.close);
  return p;
}

function options(urls: string[], db: string, extra: Partial<CrawlCommandOptions> = {}): CrawlCommandOptions {
  return { urls, db, concurrency: 4, perHost: 2, delay: 0, maxPages: null, userAgent: 'portal-archiver/test', timeout: 5000, retries: 0, ...extra };
}

function frontier(db: string, kind: 'article' | 'listing'): string[] {
  const sqlite = new Database(db, { readonly: true });
  const urls = sqlite.prepare('SELECT url FROM frontier WHERE kind = ? ORDER BY url').pluck().all(kind) as string[];
  sqlite.close();
  return urls;
}

function count(requests: string[], pred: (path: string) => boolean): number {
  return requests.filter(pred).length;
}

const isListing = (u: string) => u.includes('com=tintuc&');
const isArticle = (u: string) => u.includes('com=tintuc_ct');

describe('the generic listing path never explodes on URL variants', () => {
  it('crawls a Kooboo replica (every article links dozens of ?PageIndex=N variants) with one request per page, counted at the server', async () => {
    // Crawled as a site no profile knows: discovery alone decides what to fetch; the articles are still read by
    // extractPage (auto), which the Kooboo profile claims.
    const site = generateSite({ id: 'variants', articles: 120, pageSize: 10 });
    const replica = await startReplica({ sites: [site] });
    closers.push(replica.close);
    const seedUrl = replica.sites[0]!.listingUrl;
    const db = join(dir, 'kooboo.sqlite');
    const dispatcher = new Agent({ connections: 4 });
    closers.push(() => dispatcher.destroy());
    const gate = new HostGate(systemClock, () => 0);
    const fetch = createFetcher({ dispatcher, gate, clock: systemClock, userAgent: 'portal-archiver/test', timeoutMs: 5000, retries: 0, maxBytes: 10 << 20 });
    const archive = openArchive(db, { create: true });
    const robots = new RobotsPolicy({ db: archive, fetch, clock: systemClock, log: silentLogger, agent: 'portal-archiver', ignore: false });
    await robots.allowed(seedUrl);
    const page = await fetch(seedUrl, { expect: 'html' });
    const kind = discoverSeed(page.finalUrl, htmlOf(page));
    expect(kind?.kind).toBe('discovered');
    const before = replica.requests.length;
    const summary = await crawl(
      { seeds: [{ url: seedUrl, page, kind: kind! }], concurrency: 4, perHost: 4, maxPages: null, full: false, refresh: false, since: null },
      { db: archive, fetch, clock: systemClock, log: silentLogger, robots },
    );
    archive.close();

    const requested = replica.requests.slice(before).map((r) => r.url);
    const articles = requested.filter((u) => /\/View\//i.test(u));
    const listings = requested.filter((u) => !/\/View\//i.test(u) && u !== '/sitemap.xml');
    // Every page of a 120-article site was linked under many variants; each was asked for once, by its canonical URL.
    const related = site.articles.length;
    expect(articles).toHaveLength(related);
    expect(new Set(articles).size).toBe(related);
    expect(articles.filter((u) => /PageIndex/i.test(u))).toEqual([]);
    // 12 listing pages, the first of them the seed, fetched before.
    expect(listings).toHaveLength(11);
    expect(new Set(listings).size).toBe(11);
    expect(requested.filter((u) => u === '/sitemap.xml')).toHaveLength(1);
    expect(requested).toHaveLength(related + 11 + 1);
    expect(summary.articles).toEqual({ new: related, updated: 0, unchanged: 0, failed: 0, skipped: 0 });
    const sqlite = new Database(db, { readonly: true });
    expect(sqlite.prepare('SELECT count(DISTINCT url) FROM articles').pluck().get()).toBe(related);
    expect(sqlite.prepare(`SELECT count(*) FROM articles WHERE extractor = 'kooboo'`).pluck().get()).toBe(related);
    sqlite.close();
  });

  it('walks an unknown PHP portal through its pager, sitemap index and feed, asking for each page once', async () => {
    const p = await portal();
    const db = join(dir, 'custom.sqlite');
    const { summary } = await crawlCommand(options([p.listingUrl], db), { log: silentLogger });
    const reqs = p.requests;
    expect(count(reqs, (u) => u === '/robots.txt')).toBe(1);
    expect(count(reqs, (u) => u === '/sitemap_index.xml')).toBe(1);
    expect(count(reqs, (u) => u === '/sitemap-news.xml')).toBe(1);
    expect(count(reqs, (u) => u === '/sitemap-pages.xml')).toBe(1);
    expect(count(reqs, (u) => u === '/rss.xml')).toBe(1);
    // 23 articles, 5 a page: 5 listing pages, each once.
    const listings = reqs.filter(isListing);
    expect(listings).toHaveLength(5);
    expect(new Set(listings.map((u) => new URL(u, p.origin).searchParams.get('page') ?? '1')).size).toBe(5);
    const articles = reqs.filter(isArticle);
    expect(articles).toHaveLength(23);
    expect(new Set(articles).size).toBe(23);
    expect(articles.filter((u) => /PageIndex|utm_|sessionid/.test(u))).toEqual([]);
    // Nothing else: no menu page, no "Giới thiệu" from the sitemap, no variant.
    expect(reqs).toHaveLength(1 + 4 + 5 + 23);
    expect(frontier(db, 'article')).toEqual(p.articles.map((a) => p.articleUrl(a.id)).sort());
    // No profile claims this portal: the generic extractor reads every article.
    expect(summary.articles).toEqual({ new: 23, updated: 0, unchanged: 0, failed: 0, skipped: 0 });
    expect(summary.failures).toEqual([]);
    const archive = new Database(db, { readonly: true });
    try {
      expect(archive.prepare('SELECT DISTINCT extractor FROM articles').pluck().all()).toEqual(['generic']);
    } finally {
      archive.close();
    }
  });

  it('finds the articles a listing no longer reaches in the sitemap', async () => {
    const p = await portal({ articles: 23, listed: 10, feed: false });
    const db = join(dir, 'sitemap.sqlite');
    await crawlCommand(options([p.listingUrl], db), { log: silentLogger });
    expect(p.requests.filter(isListing)).toHaveLength(2);
    expect(frontier(db, 'article')).toEqual(p.articles.map((a) => p.articleUrl(a.id)).sort());
    expect(new Set(p.requests.filter(isArticle)).size).toBe(23);
    expect(p.requests.filter(isArticle)).toHaveLength(23);
  });

  it('stops a pager that answers every page number with its last page', async () => {
    const p = await portal({ articles: 12, pageSize: 5, beyondLast: 'repeat', sitemap: false, feed: false });
    const db = join(dir, 'runaway.sqlite');
    await crawlCommand(options([p.listingUrl], db), { log: silentLogger });
    const pages = p.requests.filter(isListing).map((u) => Number(new URL(u, p.origin).searchParams.get('page') ?? '1'));
    // Pages 1-3 are real; page 4 repeats page 3 ("Tiếp" and all) and ends the walk.
    expect(pages.sort()).toEqual([1, 2, 3, 4]);
    expect(frontier(db, 'article')).toHaveLength(12);
  });

  it('re-runs incrementally: one request when nothing is new', async () => {
    const p = await portal({ feed: false });
    const db = join(dir, 'again.sqlite');
    const before = await crawlCommand(options([p.listingUrl], db), { log: silentLogger });
    const first = p.requests.length;
    const { summary } = await crawlCommand(options([p.listingUrl], db), { log: silentLogger });
    const again = p.requests.slice(first);
    // No robots.txt (kept in the archive for a day), no sitemap, no feed: the first listing page, nothing new on it.
    expect(again.filter((u) => !isArticle(u))).toEqual(['/index.php?com=tintuc&id_cat=3']);
    expect(summary.listingPages).toBe(1);
    // Every article was archived the first time: none is asked for again.
    expect(before.summary.articles.new).toBe(p.articles.length);
    expect(again.filter(isArticle)).toEqual([]);
  });

  it('resumes an interrupted walk without reading again what it finished', async () => {
    const controller = new AbortController();
    let listingRequests = 0;
    const p = await portal({
      articles: 40,
      sitemap: false,
      feed: false,
      onRequest: (u) => {
        if (isListing(u) && ++listingRequests === 4) controller.abort();
      },
    });
    const db = join(dir, 'resume.sqlite');
    const first = await crawlCommand(options([p.listingUrl], db), { log: silentLogger, signal: controller.signal });
    expect(first.summary.interrupted).toBe(true);
    const cut = p.requests.length;
    const done = (() => {
      const sqlite = new Database(db, { readonly: true });
      const rows = sqlite.prepare(`SELECT url FROM frontier WHERE state = 'done' AND kind = 'listing'`).pluck().all() as string[];
      sqlite.close();
      return rows;
    })();
    expect(done.length).toBeGreaterThan(0);
    const second = await crawlCommand(options([p.listingUrl], db), { log: silentLogger });
    expect(second.summary.interrupted).toBe(false);
    const again = p.requests.slice(cut).filter(isListing).map((u) => new URL(u, p.origin).href);
    // Listing pages read to the end before the interruption are not read again (page 1 is the seed, always fetched).
    for (const url of done.filter((u) => u !== p.listingUrl)) expect(again).not.toContain(url);
    expect(frontier(db, 'article')).toEqual(p.articles.map((a) => p.articleUrl(a.id)).sort());
    expect(frontier(db, 'listing')).toHaveLength(8);
  });

  it('keeps to --max-pages', async () => {
    const p = await portal({ sitemap: false, feed: false });
    const db = join(dir, 'max.sqlite');
    await crawlCommand(options([p.listingUrl], db, { maxPages: 2 }), { log: silentLogger });
    expect(p.requests.filter(isListing)).toHaveLength(2);
    expect(frontier(db, 'article')).toHaveLength(10);
  });
});
