import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlCommand } from '../src/cli/crawl.js';
import { extractListing } from '../src/extract/listing.js';
import { extractPage } from '../src/extract/page.js';
import { profileById } from '../src/profiles/index.js';
import { FAMILIES, type FamilySite, type Replica, startReplica, templateOf } from '../src/replica/index.js';

// A family's listing or home page served under an article URL is never stored as a record: the crawl records it as
// a failure with its URL and reason, and goes on with the other articles.
let replica: Replica;
let dir: string;

beforeAll(async () => {
  replica = await startReplica({ families: FAMILIES });
  dir = mkdtempSync(join(tmpdir(), 'pa-families-fail-'));
});

afterAll(async () => {
  await replica.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Forwards to the replica, except two article URLs, which answer with the listing page and the home page. */
async function proxy(origin: string, swaps: Map<string, string>): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const target = req.url ?? '/';
    const swapped = swaps.get(target);
    fetch(`${origin}${swapped ?? target}`)
      .then(async (answer) => {
        const body = Buffer.from(await answer.arrayBuffer());
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/html' }).end(body);
      })
      .catch(() => res.writeHead(502).end());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('a page with no article in it', () => {
  it('is refused by the family extractor: listing and home pages of every replica', async () => {
    for (const s of replica.sites) {
      const site = s.site as FamilySite;
      const profile = s.family;
      for (const path of [templateOf(site).listingUrl(site, 1), templateOf(site).listingUrl(site, 2), '/']) {
        const url = `${s.origin}${path}`;
        const html = await (await fetch(url)).text();
        expect(() => extractPage(html, url, { profile }), `${site.id} ${path}`).toThrow();
      }
    }
  });

  it('is a recorded failure with its URL and reason, and the crawl goes on', async () => {
    for (const s of replica.sites) {
      const site = s.site as FamilySite;
      const listingPath = templateOf(site).listingUrl(site, 1);
      const listingHtml = await (await fetch(`${s.origin}${listingPath}`)).text();
      const articles = extractListing(listingHtml, s.listingUrl, { profile: profileById(s.family)! }).articles;
      const [first, second] = articles.map((a) => new URL(a.url).pathname + new URL(a.url).search);
      const { server, origin } = await proxy(s.origin, new Map([[first!, listingPath], [second!, '/']]));
      try {
        const db = join(dir, `${site.id}.sqlite`);
        const { code, summary } = await crawlCommand(
          { urls: [`${origin}${listingPath}`], db, concurrency: 2, delay: 0, maxPages: 1, userAgent: 't', timeout: 5000, retries: 0 },
          { log: { info: () => {}, warn: () => {} } },
        );
        expect(code, site.id).toBe(2);
        expect(summary.articles, site.id).toEqual({ new: articles.length - 2, updated: 0, unchanged: 0, failed: 2, skipped: 0 });
        const sqlite = new Database(db, { readonly: true });
        const failures = sqlite.prepare('SELECT url, stage, reason FROM failures ORDER BY url').all() as { url: string; stage: string; reason: string }[];
        expect(failures.map((f) => [new URL(f.url).pathname + new URL(f.url).search, f.stage]).sort(), site.id).toEqual(
          [[first, 'extract'], [second, 'extract']].sort(),
        );
        for (const f of failures) expect(f.reason, site.id).toMatch(/not an article|no article text/);
        const stored = sqlite.prepare('SELECT url FROM articles').pluck().all() as string[];
        expect(stored.some((u) => [first, second].includes(new URL(u).pathname + new URL(u).search)), site.id).toBe(false);
        sqlite.close();
      } finally {
        await new Promise((r) => server.close(r));
      }
    }
  });
});
