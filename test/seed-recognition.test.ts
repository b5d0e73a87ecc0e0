import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlCommand } from '../src/cli/crawl.js';
import { type ExtractJob, type Extractor, inlineExtractor } from '../src/crawl/extract-jobs.js';
import { ExtractPool } from '../src/crawl/extract-pool.js';
import { seedFromWire } from '../src/crawl/seed-wire.js';
import { UsageError } from '../src/errors.js';
import { silentLogger } from '../src/log.js';
import { openArchive } from '../src/store/db.js';
import { latestBody } from '../src/store/pages.js';
import { profiles } from '../src/profiles/index.js';
import { articleUrl, generateSite, type Replica, startReplica } from '../src/replica/index.js';

// A seed page is recognised (which family, listing or article) where every other page is read: by the crawl's
// extractor, so in the CLI on the extraction worker, under the per-page time budget, and not on the thread that
// fetches and writes.
let replica: Replica;
let dir: string;
const site = generateSite({ id: 'seeds', articles: 12 });

beforeAll(async () => {
  replica = await startReplica({ sites: [site] });
  dir = mkdtempSync(join(tmpdir(), 'pa-seed-recognition-'));
});

afterAll(async () => {
  await replica.close();
  rmSync(dir, { recursive: true, force: true });
});

const options = (db: string, url: string) => ({ urls: [url], db, concurrency: 2, delay: 0, maxPages: null, userAgent: 'test', timeout: 5000, retries: 0 });

async function body(url: string): Promise<Uint8Array> {
  return new Uint8Array(await (await fetch(url)).arrayBuffer());
}

describe('seed recognition as an extraction job', () => {
  it('reads a listing and an article page as the profile that claims them, its id on the wire', async () => {
    const { listingUrl, origin } = replica.sites[0]!;
    const listing = await inlineExtractor.run({ kind: 'seed', url: listingUrl, body: await body(listingUrl), contentType: 'text/html; charset=utf-8' });
    expect(listing.value).toMatchObject({ kind: 'listing', profile: 'kooboo' });
    expect(listing.value?.kind === 'listing' && listing.value.listing.articles.length).toBe(site.pageSize);
    expect(listing.compressed).toBeNull();
    const page = origin + articleUrl(site, site.articles[3]!, 1);
    const article = await inlineExtractor.run({ kind: 'seed', url: page, body: await body(page), contentType: 'text/html; charset=utf-8' });
    expect(article.value).toMatchObject({ kind: 'article', profile: 'kooboo' });
    // The calling thread gets the profile itself back.
    expect(seedFromWire(article.value!, profiles)?.profile).toBe(profiles.find((p) => p.id === 'kooboo'));
  });

  it('is the first job a crawl gives its extractor', async () => {
    const kinds: ExtractJob['kind'][] = [];
    const extractor: Extractor = {
      run: (job) => {
        kinds.push(job.kind);
        return inlineExtractor.run(job);
      },
      close: async () => {},
    };
    const { code, summary } = await crawlCommand(options(join(dir, 'jobs.sqlite'), replica.sites[0]!.listingUrl), { log: silentLogger, extractor });
    expect(code).toBe(0);
    expect(summary.articles.new).toBe(site.articles.length);
    expect(kinds[0]).toBe('seed');
    expect(kinds.filter((k) => k === 'seed')).toHaveLength(1);
  });

  it('reads the seed listing page once: the walk takes the recognition, and the body it compressed is stored', async () => {
    const jobs: { kind: ExtractJob['kind']; url: string; compress: boolean }[] = [];
    const extractor: Extractor = {
      run: (job) => {
        jobs.push({ kind: job.kind, url: job.url, compress: job.compress === true });
        return inlineExtractor.run(job);
      },
      close: async () => {},
    };
    const { listingUrl } = replica.sites[0]!;
    const db = join(dir, 'once.sqlite');
    const { code, summary } = await crawlCommand(options(db, listingUrl), { log: silentLogger, extractor });
    expect(code).toBe(0);
    expect(summary.listingPages).toBe(Math.ceil(site.articles.length / site.pageSize));
    expect(jobs.filter((j) => j.url === listingUrl)).toEqual([{ kind: 'seed', url: listingUrl, compress: true }]);
    // The other listing pages are still read by listing jobs of their own.
    expect(jobs.filter((j) => j.kind === 'listing')).toHaveLength(summary.listingPages - 1);
    const archive = openArchive(db, { create: false });
    try {
      expect(latestBody(archive, listingUrl)).toEqual(Buffer.from(await body(listingUrl)));
    } finally {
      archive.close();
    }
  });

  it('gives up a seed page that cannot be read within the budget: a one-line error, nothing written', async () => {
    const db = join(dir, 'stalled.sqlite');
    const extractor = new ExtractPool({ size: 1, budgetMs: 300, workerUrl: new URL('./helpers/seed-stall-worker.mjs', import.meta.url) });
    const run = crawlCommand(options(db, replica.sites[0]!.listingUrl), { log: silentLogger, extractor });
    await expect(run).rejects.toBeInstanceOf(UsageError);
    await expect(run).rejects.toThrow(/^cannot read http:\/\/\S+: gave up reading the page after 0\.3 s/);
    expect(existsSync(db)).toBe(false);
  });
});
