import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { crawlCommand } from '../src/cli/crawl.js';
import { type Extractor, inlineExtractor } from '../src/crawl/extract-jobs.js';
import { Spool } from '../src/crawl/spool.js';
import { silentLogger } from '../src/log.js';
import type { FetchResult } from '../src/fetch/client.js';
import { generateSite, type Replica, startReplica } from '../src/replica/index.js';
import { sha256Hex } from '../src/store/blobs.js';
import type { FrontierItem } from '../src/store/frontier.js';
import { runCli } from './helpers/cli.js';

let dir: string;
let replica: Replica | null = null;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pa-spool-'));
});

afterEach(async () => {
  await replica?.close();
  replica = null;
  rmSync(dir, { recursive: true, force: true });
});

function page(n: number, size = 2_000): { item: FrontierItem; page: FetchResult; sha256: string } {
  // Vietnamese text and bytes of every value: what is read back must be the bytes that were appended.
  const body = Buffer.concat([Buffer.from(`<h1>Bài số ${n}: Đảng bộ xã</h1>`, 'utf8'), Buffer.from(Array.from({ length: size }, (_, i) => (i * 7 + n) % 256))]);
  const url = `http://127.0.0.1:9/TinTuc/View/bai-${n}`;
  return {
    item: { url, kind: 'article', host: '127.0.0.1:9', walk: 'w', page: null },
    page: {
      url,
      finalUrl: url,
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8', etag: `"${n}"` },
      requestHeaders: { 'user-agent': 'test' },
      body,
      fetchedAt: `2026-12-01T10:00:0${n % 10}.000Z`,
      attempts: 1,
    },
    sha256: sha256Hex(body),
  };
}

function spoolFiles(): string[] {
  return readdirSync(dir).filter((f) => f.includes('.spool.')).sort();
}

describe('the crawl spool', () => {
  it('gives back every page appended by a run that did not store them, byte for byte', () => {
    const db = join(dir, 'a.sqlite');
    const first = Spool.of(db);
    const pages = [1, 2, 3].map((n) => page(n));
    for (const p of pages) first.append(p.item, 'kooboo', p.page, p.sha256);
    first.close();
    // Nothing was stored: the file stays for the next run.
    expect(spoolFiles()).toEqual(['a.sqlite.spool.0']);

    const next = Spool.of(db);
    const left = next.leftovers();
    expect(left.map((p) => p.item)).toEqual(pages.map((p) => p.item));
    expect(left.map((p) => p.profile)).toEqual(['kooboo', 'kooboo', 'kooboo']);
    for (const [i, p] of left.entries()) {
      expect(p.page.body.equals(pages[i]!.page.body)).toBe(true);
      expect({ ...p.page, body: null }).toEqual({ ...pages[i]!.page, body: null });
      expect(p.sha256).toBe(pages[i]!.sha256);
    }
    // The next run writes a file of its own, and the earlier one goes once its pages are stored.
    const extra = page(4);
    next.append(extra.item, 'auto', extra.page, extra.sha256).stored();
    expect(spoolFiles()).toEqual(['a.sqlite.spool.0', 'a.sqlite.spool.1']);
    next.dropLeftovers();
    next.close();
    expect(spoolFiles()).toEqual([]);
  });

  it('leaves out an entry cut short by a kill, or damaged, and what follows it in the file', () => {
    const db = join(dir, 'b.sqlite');
    const spool = Spool.of(db);
    for (const n of [1, 2, 3]) {
      const p = page(n);
      spool.append(p.item, 'kooboo', p.page, p.sha256);
    }
    spool.close();
    const file = join(dir, 'b.sqlite.spool.0');
    const whole = readFileSync(file);

    truncateSync(file, whole.length - 100);
    expect(Spool.of(db).leftovers().map((p) => p.item.url)).toEqual([page(1).item.url, page(2).item.url]);

    // One byte of the second body changed: its hash no longer matches, so neither it nor the third is read.
    const damaged = Buffer.from(whole);
    damaged[whole.indexOf(page(2).page.body) + 60]! ^= 0xff;
    writeFileSync(file, damaged);
    expect(Spool.of(db).leftovers().map((p) => p.item.url)).toEqual([page(1).item.url]);

    writeFileSync(file, whole.subarray(0, 7));
    expect(Spool.of(db).leftovers()).toEqual([]);
  });

  it('moves to a new file every 8 MB and deletes a full one as soon as its pages are stored', () => {
    const db = join(dir, 'c.sqlite');
    const spool = Spool.of(db);
    const entries = Array.from({ length: 300 }, (_, n) => {
      const p = page(n, 35_000);
      return spool.append(p.item, 'kooboo', p.page, p.sha256);
    });
    expect(spoolFiles()).toEqual(['c.sqlite.spool.0', 'c.sqlite.spool.1']);
    const inFirst = entriesIn(join(dir, 'c.sqlite.spool.0'));
    expect(inFirst).toBeGreaterThan(200);
    expect(inFirst).toBeLessThan(240);
    for (const e of entries.slice(0, inFirst - 1)) e.stored();
    expect(spoolFiles()).toHaveLength(2);
    entries[inFirst - 1]!.stored();
    expect(spoolFiles()).toEqual(['c.sqlite.spool.1']);
    // An interrupted run: pages of the current file not stored, so it stays, and the next run finds them.
    spool.close();
    expect(spoolFiles()).toEqual(['c.sqlite.spool.1']);
    expect(Spool.of(db).leftovers().map((p) => p.item.url)).toEqual(
      Array.from({ length: 300 }, (_, n) => page(n).item.url).slice(inFirst),
    );
  });

  it('an article gives its request slot back once spooled; at most --concurrency pages wait to be stored', async () => {
    replica = await startReplica({ sites: [generateSite({ id: 'waiting', articles: 40, pageSize: 10 })] });
    // Article pages are not read until the gate opens: every one fetched waits, spooled, to be stored.
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const extractor: Extractor = {
      run: async (job) => {
        if (job.kind === 'article') await gate;
        return inlineExtractor.run(job);
      },
      close: async () => {},
    };
    const articleRequests = () => replica!.requests.filter((q) => q.url.includes('/View/')).length;
    const crawl = crawlCommand(
      { urls: [replica.sites[0]!.listingUrl], db: join(dir, 'w.sqlite'), concurrency: 2, perHost: 2, delay: 0, maxPages: null, userAgent: 'test', timeout: 5000, retries: 0 },
      { log: silentLogger, extractor },
    );
    // Settled: no new article request for half a second.
    let seen = -1;
    while (seen !== articleRequests()) {
      seen = articleRequests();
      await new Promise((r) => setTimeout(r, 500));
    }
    // Two pages waiting to be stored, and two more fetched and spooled whose tasks wait for room, each holding its
    // slot; held to the commit, the slots would have let two requests out.
    expect(seen).toBe(4);
    expect(spoolFiles()).toEqual(['w.sqlite.spool.0']);
    open();
    const { code, summary } = await crawl;
    expect(code).toBe(0);
    expect(summary.articles.new).toBe(40);
    expect(articleRequests()).toBe(40);
    expect(spoolFiles()).toEqual([]);
  });

  it('a crawl stores a page it finds spooled instead of fetching it again', async () => {
    replica = await startReplica({ sites: [generateSite({ id: 'spooled', articles: 24, pageSize: 8 })] });
    const db = join(dir, 'd.sqlite');
    const args = ['crawl', replica.sites[0]!.listingUrl, '--db', db, '--delay', '0'];
    const first = await runCli(args);
    expect(first.code, first.stderr).toBe(0);
    expect(spoolFiles()).toEqual([]);

    // As a crawl killed after this page arrived and before its batch committed leaves things: the article queued in
    // the frontier, its page in the spool (here with a title of its own, to tell which copy gets stored).
    const sqlite = new Database(db);
    const { url, title } = sqlite.prepare('SELECT url, title FROM articles ORDER BY url LIMIT 1').get() as { url: string; title: string };
    const row = sqlite.prepare('SELECT url, kind, host, walk, page FROM frontier WHERE url = ?').get(url) as FrontierItem;
    sqlite.prepare("UPDATE frontier SET state = 'queued' WHERE url = ?").run(url);
    sqlite.close();
    const response = await fetch(url);
    expect(response.status).toBe(200);
    const html = (await response.text()).split(title).join('Tiêu đề của bản trong hàng đợi');
    const body = Buffer.from(html, 'utf8');
    const spool = Spool.of(db);
    spool.append(row, 'auto', {
      url,
      finalUrl: url,
      status: 200,
      headers: { 'content-type': response.headers.get('content-type') ?? 'text/html; charset=utf-8' },
      requestHeaders: {},
      body,
      fetchedAt: '2026-12-01T10:00:00.000Z',
      attempts: 1,
    }, sha256Hex(body));
    spool.close();

    const before = replica.requests.length;
    const again = await runCli(args);
    expect(again.code, again.stderr).toBe(0);
    const path = new URL(url).pathname.toLowerCase();
    expect(replica.requests.slice(before).filter((q) => q.url.toLowerCase().includes(path))).toEqual([]);
    const check = new Database(db, { readonly: true });
    expect(check.prepare('SELECT title, version, fetched_at FROM articles WHERE url = ?').get(url)).toEqual({
      title: 'Tiêu đề của bản trong hàng đợi',
      version: 2,
      fetched_at: '2026-12-01T10:00:00.000Z',
    });
    expect(check.prepare('SELECT state FROM frontier WHERE url = ?').pluck().get(url)).toBe('done');
    check.close();
    expect(spoolFiles()).toEqual([]);
  });
});

/** How many entries a spool file holds, by their lengths alone. */
function entriesIn(file: string): number {
  const bytes = readFileSync(file);
  let at = 0;
  let n = 0;
  while (at + 12 <= bytes.length) {
    at += 12 + bytes.readUInt32LE(at + 4) + bytes.readUInt32LE(at + 8);
    n++;
  }
  return n;
}
