import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalArticleUrl } from '../src/profiles/urls.js';
import { kooboo } from '../src/profiles/kooboo.js';
import { generateSite, type Replica, type ReplicaOptions, startReplica } from '../src/replica/index.js';
import { crawlCommand } from '../src/cli/crawl.js';
import type { Extractor } from '../src/crawl/extract-jobs.js';
import { silentLogger } from '../src/log.js';
import { LockedError } from '../src/store/lock.js';
import { BIN, runCli } from './helpers/cli.js';

// The crawl as cron runs it: a separate process, killed, interrupted, overlapping.
let dir: string;
let replica: Replica | null = null;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pa-cron-'));
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

function start(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdout.resume();
  const done = new Promise<number | null>((ok) => child.on('close', (code) => ok(code)));
  return { child, done, stderr: () => stderr };
}

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function archived(db: string): string[] {
  const sqlite = new Database(db, { readonly: true });
  expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  const urls = sqlite.prepare('SELECT url FROM articles ORDER BY url').pluck().all() as string[];
  sqlite.close();
  return urls;
}

/** The canonical URL of every article the replica serves: what an uninterrupted crawl archives. */
function expectedUrls(r: Replica): string[] {
  return r.sites
    .flatMap((s) =>
      s.site.articles.map((a) =>
        canonicalArticleUrl(
          s.site.articleUrlForm === 'userkey'
            ? `${s.origin}/${s.site.pageKey}/View/?UserKey=${encodeURIComponent(a.slug)}`
            : `${s.origin}/${s.site.pageKey}/View/${encodeURIComponent(a.slug)}`,
          undefined,
          kooboo,
        )!,
      ),
    )
    .sort();
}

const slow = (ms: number) => ({ faults: { rate: 1, kinds: ['slow' as const], slowMs: ms, only: 'all' as const } });

describe('cron safety', () => {
  it('a second crawl on the same archive exits 75 at once; the first is unharmed', async () => {
    // Slow enough (about 3 s) that the second crawl certainly starts while the first runs, even on a loaded machine.
    const r = await serve({ sites: [generateSite({ id: 'locked', articles: 40, pageSize: 10 })], ...slow(150) });
    const db = join(dir, 'a.sqlite');
    const first = start(['crawl', r.sites[0]!.listingUrl, '--db', db, '--delay', '0']);
    await until(() => existsSync(`${db}.lock`));
    const second = await runCli(['crawl', r.sites[0]!.listingUrl, '--db', db, '--delay', '0', '--user-agent', 'second-crawl']);
    expect(second.code).toBe(75);
    // At once: before the first crawl is done, and without a single request of its own.
    expect(first.child.exitCode).toBe(null);
    expect(r.requests.some((q) => q.userAgent === 'second-crawl')).toBe(false);
    expect(second.stderr.trim().split('\n')).toHaveLength(1);
    expect(second.stderr).toMatch(/^portal-archiver: .*a\.sqlite is in use by another crawl \(pid \d+\)/);
    expect(await first.done).toBe(0);
    expect(archived(db)).toEqual(expectedUrls(r));
  });

  it('a first crawl killed before its archive was set up leaves a blank file, which the next crawl makes its archive', async () => {
    const r = await serve({ sites: [generateSite({ id: 'blank', articles: 12, pageSize: 10 })] });
    // What a kill leaves at that moment: the file SQLite created (empty), or its header in WAL mode and no schema.
    const empty = join(dir, 'empty.sqlite');
    writeFileSync(empty, '');
    const header = join(dir, 'header.sqlite');
    const blank = new Database(header);
    blank.pragma('journal_mode = WAL');
    blank.close();
    for (const db of [empty, header]) {
      const run = await runCli(['crawl', r.sites[0]!.listingUrl, '--db', db, '--delay', '0']);
      expect(run.code, run.stderr).toBe(0);
      expect(archived(db)).toEqual(expectedUrls(r));
    }
  });

  it('a crawl killed with kill -9 at random moments, then re-run, archives the same articles once', async () => {
    const site = generateSite({ id: 'kill9', articles: 150, pageSize: 10 });
    const r = await serve({ sites: [site], ...slow(60) });
    const db = join(dir, 'k.sqlite');
    const args = ['crawl', r.sites[0]!.listingUrl, '--db', db, '--delay', '0', '--concurrency', '4', '--per-host', '4'];
    let kills = 0;
    for (let i = 0; i < 3; i++) {
      const run = start(args);
      await until(() => existsSync(`${db}.lock`));
      await new Promise((ok) => setTimeout(ok, 150 + Math.random() * 600));
      run.child.kill('SIGKILL');
      // A run may have finished just before its kill (a fast machine); it must then have finished cleanly.
      const code = await run.done;
      if (code === null) kills++;
      else expect(code, run.stderr()).toBe(0);
    }
    expect(kills).toBeGreaterThan(0);
    const last = await runCli(args);
    expect(last.code, last.stderr).toBe(0);
    const urls = archived(db);
    expect(urls).toEqual(expectedUrls(r));
    // Finished articles are not fetched again: at most the ones in flight at each kill are.
    const articleRequests = r.requests.filter((q) => q.url.includes('/View/'));
    expect(articleRequests.length).toBeLessThanOrEqual(urls.length + kills * 4);
    const sqlite = new Database(db, { readonly: true });
    expect(sqlite.prepare("SELECT count(*) FROM crawl_runs WHERE status = 'running'").pluck().get()).toBe(0);
    sqlite.close();
  });

  it('SIGTERM stops gracefully with exit 143; the next run finishes the job', async () => {
    const r = await serve({ siteIds: ['tuachua'], ...slow(80) });
    const db = join(dir, 't.sqlite');
    const args = ['crawl', r.sites[0]!.listingUrl, '--db', db, '--delay', '0'];
    const run = start(args);
    await until(() => r.requests.some((q) => q.url.includes('/View/')));
    run.child.kill('SIGTERM');
    expect(await run.done).toBe(143);
    expect(run.stderr()).toMatch(/SIGTERM received/);
    expect(run.stderr()).toMatch(/crawl interrupted: /);
    const sqlite = new Database(db, { readonly: true });
    expect(sqlite.prepare('SELECT status FROM crawl_runs').pluck().all()).toEqual(['interrupted']);
    sqlite.close();
    expect(existsSync(`${db}.lock`)).toBe(false);
    const again = await runCli(args);
    expect(again.code, again.stderr).toBe(0);
    expect(archived(db)).toEqual(expectedUrls(r));
  });
});

describe('quiet logs', () => {
  it('--quiet prints the summary line only, even when a URL fails; exit 2', async () => {
    const r = await serve({ siteIds: ['huyentuachua'], dead: ['Bai-da-xoa'] });
    const result = await runCli(['crawl', r.sites[0]!.listingUrl, '--db', join(dir, 'q.sqlite'), '--delay', '0', '--quiet']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^crawl finished: 3 listing pages; articles 15 new, 0 updated, 0 unchanged, 1 failed, 0 skipped; [\d.]+ s\n$/);
  });

  it('--log-format json writes one JSON object a line, the summary included', async () => {
    const r = await serve({ siteIds: ['huyentuachua'], dead: ['Bai-da-xoa'] });
    const result = await runCli(['crawl', r.sites[0]!.listingUrl, '--db', join(dir, 'j.sqlite'), '--delay', '0', '--log-format', 'json', '-v']);
    const lines = result.stderr.trim().split('\n').map((l) => JSON.parse(l) as { level: string; msg: string });
    expect(lines.some((l) => l.level === 'warn' && /Bai-da-xoa/.test(l.msg))).toBe(true);
    expect(lines.some((l) => l.level === 'info' && /^listing /.test(l.msg))).toBe(true);
    expect(lines.at(-1)).toMatchObject({ level: 'summary', listingPages: 3, articles: { new: 15, failed: 1 } });
  });

  it('--portals reads listing URLs from a file and crawls the hosts side by side', async () => {
    const r = await serve({ siteIds: ['tuachua', 'huyendienbien'] });
    const file = join(dir, 'portals.txt');
    writeFileSync(file, `# Điện Biên district portals\n${r.sites[0]!.listingUrl}\n\n  ${r.sites[1]!.listingUrl}   # table layout\n`);
    const db = join(dir, 'p.sqlite');
    const result = await runCli(['crawl', '--portals', file, '--db', db, '--delay', '50']);
    expect(result.code, result.stderr).toBe(0);
    expect(archived(db)).toEqual(expectedUrls(r));
    // Side by side: the two hosts' requests interleave rather than one host after the other.
    const order = r.requests.map((q) => q.siteId);
    const switches = order.filter((id, i) => i > 0 && id !== order[i - 1]).length;
    expect(switches).toBeGreaterThan(10);
  });
});

describe('a crawl refused by the lock', () => {
  // The CLI starts the extraction threads before the command takes the lock; a refused run must stop them, not
  // leave them to the process's exit.
  it('closes the extractor it was handed, and touches nothing', async () => {
    const db = join(dir, 'held.sqlite');
    // Held by another live process (this one's parent): a lock of this process's own pid counts as stale.
    writeFileSync(`${db}.lock`, JSON.stringify({ pid: process.ppid, since: new Date().toISOString() }));
    let closed = 0;
    const extractor: Extractor = {
      run: () => Promise.reject(new Error('nothing may be extracted')),
      close: async () => {
        closed++;
      },
    };
    await expect(
      crawlCommand(
        { urls: ['http://127.0.0.1:9/TinTuc/'], db, concurrency: 1, delay: 0, maxPages: null, userAgent: 'test', timeout: 1000, retries: 0 },
        { log: silentLogger, extractor },
      ),
    ).rejects.toBeInstanceOf(LockedError);
    expect(closed).toBe(1);
    expect(existsSync(db)).toBe(false);
  });
});
