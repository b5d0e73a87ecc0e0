import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateSite, type Replica, startReplica } from '../src/replica/index.js';
import { BIN, runCli } from './helpers/cli.js';

// Pages that would stall a crawl, each in an otherwise normal portal, crawled by the built CLI (whose extraction
// runs in worker threads, where a page over its time budget can be abandoned). Behaviour, not timing: the bounds
// only say "within seconds" on a loaded machine.
let dir: string;
let replica: Replica | null = null;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pa-stall-'));
});

afterEach(async () => {
  await replica?.close();
  replica = null;
  rmSync(dir, { recursive: true, force: true });
});

const TRAPS = { 'Bai-long-sau': 'deep', 'Bom-gzip': 'gzip-bomb', 'Chuyen-huong-vong': 'redirect-loop' } as const;

async function serve(): Promise<Replica> {
  replica = await startReplica({ sites: [generateSite({ id: 'stall', articles: 24, pageSize: 10 })], traps: TRAPS });
  return replica;
}

function failures(db: string): { url: string; stage: string; reason: string }[] {
  const sqlite = new Database(db, { readonly: true });
  const rows = sqlite.prepare('SELECT url, stage, reason FROM failures ORDER BY url').all() as { url: string; stage: string; reason: string }[];
  sqlite.close();
  return rows;
}

function archivedCount(db: string): number {
  const sqlite = new Database(db, { readonly: true });
  const n = sqlite.prepare('SELECT count(*) FROM articles').pluck().get() as number;
  sqlite.close();
  return n;
}

describe('no page stalls a crawl', () => {
  it('a 200,000-level page, a gzip bomb and a redirect loop: one recorded failure each, every other article archived, exit 2', async () => {
    const r = await serve();
    const db = join(dir, 'a.sqlite');
    const started = Date.now();
    const result = await runCli(['crawl', r.sites[0]!.listingUrl, '--db', db, '--delay', '0', '--concurrency', '16', '--per-host', '16', '--extract-timeout', '2000', '--quiet']);
    expect(result.code, result.stderr).toBe(2);
    // Nothing but the summary: in particular no listener-leak warning from the requests in flight.
    expect(result.stderr).toMatch(/^crawl finished: [^\n]*\n$/);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(archivedCount(db)).toBe(24);
    const rows = failures(db);
    expect(rows.map((f) => [f.url.split('/').pop(), f.stage])).toEqual([
      ['Bai-long-sau', 'extract'],
      ['Bom-gzip', 'fetch'],
      ['Chuyen-huong-vong', 'fetch'],
    ]);
    expect(rows[0]!.reason).toMatch(/gave up reading the page after 2 s/);
    expect(rows[1]!.reason).toMatch(/larger than 10485760 bytes once decoded \(Content-Encoding gzip\)/);
    expect(rows[2]!.reason).toMatch(/redirect loop/);
    // Each was asked for once: none is retried within the run.
    for (const slug of ['Bai-long-sau', 'Bom-gzip']) expect(r.requests.filter((q) => q.url.includes(slug))).toHaveLength(1);
    // The loop: the URL and its variant, then the repeat is seen without asking again.
    expect(r.requests.filter((q) => q.url.includes('Chuyen-huong-vong'))).toHaveLength(2);
  });

  it('SIGTERM while a worker is stuck in the deep page exits 143 within seconds', async () => {
    const r = await serve();
    const db = join(dir, 't.sqlite');
    const child = spawn(process.execPath, [BIN, 'crawl', r.sites[0]!.listingUrl, '--db', db, '--delay', '0', '--extract-timeout', '600000'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const done = new Promise<number | null>((ok) => child.on('close', (code) => ok(code)));
    const deadline = Date.now() + 30_000;
    while (!r.requests.some((q) => q.url.includes('Bai-long-sau') && q.status === 200)) {
      if (Date.now() > deadline) throw new Error('the deep page was never asked for');
      await new Promise((ok) => setTimeout(ok, 20));
    }
    // Let the body arrive and its extraction start: it takes far longer than this.
    await new Promise((ok) => setTimeout(ok, 500));
    const sent = Date.now();
    child.kill('SIGTERM');
    expect(await done, stderr).toBe(143);
    expect(Date.now() - sent).toBeLessThan(5000);
    expect(stderr).toMatch(/crawl interrupted: /);
  });
});
