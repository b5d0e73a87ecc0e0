import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlCommand } from '../src/cli/crawl.js';
import { main } from '../src/cli/main.js';
import { RateMeter, secondsLeft } from '../src/cli/progress-rate.js';
import { barLine, formatDuration } from '../src/cli/progress-render.js';
import { createProgress, progressMode } from '../src/cli/progress.js';
import type { CrawlProgress, CrawlSummary } from '../src/crawl/types.js';
import { silentLogger } from '../src/log.js';
import { generateSite, type Replica, startReplica } from '../src/replica/index.js';
import { BIN, runCli } from './helpers/cli.js';

/** A stream that says it is a terminal, as process.stderr does on one, and keeps what is written. */
class FakeTty extends Writable {
  readonly isTTY = true;
  columns = 100;
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** The bar's successive drawings: each starts with a carriage return and an erase-line. */
const frames = (text: string) => text.split('\r\x1b[K').filter((f) => f.length > 0 && !f.includes('\n'));

const TOTAL = 60;
let replica: Replica;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pa-progress-'));
  // A pager that prints `1-10 of 60`: the total is known from the first listing page.
  replica = await startReplica({ sites: [generateSite({ id: 'sixty', articles: TOTAL, pageSize: 10 })] });
});

afterAll(async () => {
  await replica.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('progress reporter', () => {
  it('measures a rate over its window and the time left from it', () => {
    const meter = new RateMeter(10_000);
    meter.sample(0, 0);
    expect(meter.rate(500)).toBeNull(); // under a second observed: no pace yet
    for (let t = 1000; t <= 20_000; t += 1000) meter.sample(t, t / 1000); // one a second
    expect(meter.rate(20_000)).toBeCloseTo(1, 5);
    for (let t = 21_000; t <= 30_000; t += 1000) meter.sample(t, 20 + (t - 20_000) / 250); // then four a second
    // The window holds only the last ten seconds: the early, slower pace is forgotten.
    expect(meter.rate(30_000)).toBeCloseTo(4, 5);
    // Nothing finishes for five seconds: the rate falls rather than staying at its last value.
    expect(meter.rate(35_000)!).toBeLessThan(3);
    expect(secondsLeft(60, 3688, 1)).toBe(3628);
    expect(secondsLeft(60, null, 1)).toBeNull();
    expect(secondsLeft(60, 100, null)).toBeNull();
  });

  it('draws a bar with done/total, rate and time left on a terminal, fitted to its width', () => {
    let now = 0;
    const tty = new FakeTty();
    tty.columns = 120;
    const task = createProgress(tty, 'bar', { now: () => now }).task('crawl', { unit: 'articles' });
    task.update({ total: 3688, host: 'tuachua.dienbien.gov.vn' });
    for (let i = 1; i <= 40; i++) {
      now = i * 1000;
      task.update({ done: i, failed: i >= 30 ? 2 : 0 });
    }
    const last = frames(tty.text).at(-1)!;
    expect(last).toMatch(/^crawl ░{30} 40\/3,688 articles 1% · 1\.0\/s · 1h 00m left · 2 failed · tuachua\.dienbien\.gov\.vn$/);
    expect(last.length).toBeLessThan(120);
    // A narrow terminal loses the host, then the bar, never the numbers.
    const narrow = barLine({ task: 'crawl', unit: 'articles', done: 40, total: 3688, failed: 2, host: 'tuachua.dienbien.gov.vn', rate: 1, etaS: 3648 }, 60);
    expect(narrow).not.toContain('tuachua');
    expect(narrow).toContain('40/3,688 articles');
    expect(narrow).toContain('1h 00m left');
    expect(narrow.length).toBeLessThan(60);
    const half = barLine({ task: 'crawl', unit: 'articles', done: 1844, total: 3688, failed: 0, host: null, rate: null, etaS: null }, 120);
    expect(half).toBe(`crawl ${'█'.repeat(15)}${'░'.repeat(15)} 1,844/3,688 articles 50%`);
    task.end();
    expect(tty.text.endsWith('\r\x1b[K')).toBe(true); // the bar leaves the line clean for the summary
    expect(formatDuration(45)).toBe('45s');
    expect(formatDuration(125)).toBe('2m 05s');
  });

  it('throttles JSON events and always says the end; nothing at all when off', () => {
    let now = 0;
    const out = new FakeTty();
    const task = createProgress(out, 'json', { now: () => now }).task('export', { unit: 'rows', total: 500 });
    for (let i = 1; i <= 500; i++) {
      now = i * 10; // 5 seconds in all
      task.update({ done: i });
    }
    task.end();
    const events = out.text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events.length).toBeGreaterThanOrEqual(5);
    expect(events.length).toBeLessThanOrEqual(7);
    expect(events.every((e) => e['type'] === 'progress' && e['task'] === 'export' && e['total'] === 500)).toBe(true);
    expect(events.at(-1)).toMatchObject({ done: 500, total: 500, eta_s: 0, rate: 100 });

    const silent = new FakeTty();
    const off = createProgress(silent, progressMode(new PassThrough(), {}), { now: () => now }).task('crawl');
    off.update({ done: 1, total: 2 });
    off.end();
    expect(silent.text).toBe('');
  });

  it('picks its mode from the stream and the options', () => {
    const pipe = new PassThrough();
    const tty = new FakeTty();
    expect(progressMode(tty, {})).toBe('bar');
    expect(progressMode(tty, { quiet: true })).toBe('off');
    expect(progressMode(pipe, {})).toBe('off');
    expect(progressMode(pipe, { verbose: true })).toBe('lines');
    expect(progressMode(pipe, { logFormat: 'json' })).toBe('json');
    expect(progressMode(tty, { logFormat: 'json' })).toBe('json');
  });

  it('writes an occasional plain line with --verbose on a non-terminal', () => {
    let now = 0;
    const out = new FakeTty();
    const task = createProgress(out, 'lines', { now: () => now }).task('verify', { unit: 'bodies', total: 100 });
    for (let i = 1; i <= 100; i++) {
      now = i * 500; // 50 seconds
      task.update({ done: i });
    }
    task.end();
    const lines = out.text.trim().split('\n');
    expect(lines).toHaveLength(3); // at 15, 30 and 45 s
    expect(lines[0]).toBe('progress: verify 30/100 bodies (30%), 2.0 bodies/s, about 35s left, 0 failed');
  });
});

describe('crawl progress', () => {
  const capture = () => {
    const seen: { summary: CrawlSummary; progress: CrawlProgress }[] = [];
    return {
      seen,
      onProgress: (summary: CrawlSummary, progress: CrawlProgress) => seen.push({ summary: structuredClone(summary), progress: { ...progress } }),
    };
  };
  const options = (db: string, extra: object = {}) => ({
    urls: [replica.sites[0]!.listingUrl],
    db,
    concurrency: 4,
    delay: 0,
    maxPages: null,
    userAgent: 'portal-archiver-test',
    timeout: 5000,
    retries: 0,
    ...extra,
  });

  it("takes the pager's total less what an earlier run archived; all of it again with --refresh", async () => {
    const db = join(dir, 'expected.sqlite');
    const first = capture();
    await crawlCommand(options(db, { maxPages: 2 }), { log: silentLogger, onProgress: first.onProgress });
    // --max-pages walks stop early: the pager's total says nothing about this run.
    expect(first.seen.every((s) => s.progress.articlesExpected === null)).toBe(true);
    expect(first.seen.at(-1)!.progress.articlesQueued).toBe(20);

    const rest = capture();
    const { summary } = await crawlCommand(options(db), { log: silentLogger, onProgress: rest.onProgress });
    expect(summary.articles.new).toBe(TOTAL - 20);
    expect(rest.seen[0]!.progress.articlesExpected).toBe(TOTAL - 20);
    expect(rest.seen.at(-1)!.progress).toMatchObject({ articlesExpected: TOTAL - 20, articlesQueued: TOTAL - 20 });
    expect(rest.seen.at(-1)!.progress.host).toBe(new URL(replica.sites[0]!.origin).host);

    const refresh = capture();
    await crawlCommand(options(db, { full: true, refresh: true }), { log: silentLogger, onProgress: refresh.onProgress });
    expect(refresh.seen.at(-1)!.progress).toMatchObject({ articlesExpected: TOTAL, articlesQueued: TOTAL });
  });

  it('on a terminal: a bar with the total from the pager, the rate and the time left', async () => {
    const tty = new FakeTty();
    const stdout = new PassThrough();
    const db = join(dir, 'tty.sqlite');
    // 66 requests 40 ms apart: long enough (over 2.5 s) for a rate and a time left to show.
    const code = await main(['node', 'portal-archiver', 'crawl', replica.sites[0]!.listingUrl, '--db', db, '--delay', '40'], { stdout, stderr: tty });
    expect(code, tty.text).toBe(0);
    const drawn = frames(tty.text.split('crawl finished:')[0]!);
    expect(drawn.length).toBeGreaterThan(5);
    expect(drawn.every((f) => f.includes(`/${TOTAL} articles`))).toBe(true);
    const paced = drawn.filter((f) => /· \d+(\.\d)?\/s · (\d+[hm] )?\d+[sm] left ·/.test(f));
    expect(paced.length, drawn.join('\n')).toBeGreaterThan(0);
    expect(drawn.every((f) => f.length < tty.columns)).toBe(true);
    // After the bar: the summary line, unchanged, then where the data is and what to run next.
    const after = tty.text.slice(tty.text.lastIndexOf('\r\x1b[K') + 4);
    expect(after).toMatch(new RegExp(`^crawl finished: 6 listing pages; articles ${TOTAL} new, 0 updated, 0 unchanged, 0 failed, 0 skipped; [\\d.]+ s\\n`));
    expect(after).toContain(`archive: ${db} (${TOTAL} articles from ${new URL(replica.sites[0]!.origin).host})`);
    expect(after).toMatch(/next: portal-archiver export --db \S+ --format csv/);
  });

  const hasScript = spawnSync('script', ['--version']).status === 0;
  it.skipIf(!hasScript)('under a real pseudo-terminal (script) the built CLI draws the same bar', async () => {
    const db = join(dir, 'pty.sqlite');
    const command = [process.execPath, BIN, 'crawl', replica.sites[0]!.listingUrl, '--db', db, '--delay', '40'].join(' ');
    // Asynchronous, so that this process's replica keeps answering.
    const { spawn } = await import('node:child_process');
    const child = spawn('script', ['-qefc', command, '/dev/null'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (text += d));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code, text).toBe(0);
    const drawn = frames(text.split('crawl finished:')[0]!);
    expect(drawn.some((f) => new RegExp(`\\d+/${TOTAL} articles \\d+% · \\d+(\\.\\d)?/s · (\\d+[hm] )?\\d+[sm] left`).test(f)), drawn.join('\n')).toBe(true);
    expect(text).toMatch(/crawl finished: 6 listing pages; articles 60 new/);
  });

  it('on a pipe: no progress at all, only the summary block', async () => {
    const db = join(dir, 'pipe.sqlite');
    const r = await runCli(['crawl', replica.sites[0]!.listingUrl, '--db', db, '--delay', '10']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/[\r\x1b]|\d\/s\b| left\b|^progress:/m);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^crawl finished: /);
    expect(lines.slice(1).every((l) => /^(archive: |next: |\s+portal-archiver )/.test(l)), r.stderr).toBe(true);
    const quiet = await runCli(['crawl', replica.sites[0]!.listingUrl, '--db', db, '--delay', '10', '--quiet']);
    expect(quiet.stderr).toMatch(/^crawl finished: [^\n]*\n$/);
  });

  it('--log-format json: progress events that parse and carry done and total, then the summary', async () => {
    const db = join(dir, 'json.sqlite');
    const r = await runCli(['crawl', replica.sites[0]!.listingUrl, '--db', db, '--delay', '30', '--log-format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stderr.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const events = lines.filter((l) => l['type'] === 'progress');
    expect(events.length).toBeGreaterThan(1);
    for (const e of events) {
      expect(e).toMatchObject({ task: 'crawl', unit: 'articles', total: TOTAL });
      expect(typeof e['done']).toBe('number');
      expect(e['done'] as number).toBeLessThanOrEqual(TOTAL);
    }
    expect(events.map((e) => e['done'] as number)).toEqual([...events.map((e) => e['done'] as number)].sort((a, b) => a - b));
    expect(events.at(-1)).toMatchObject({ done: TOTAL, total: TOTAL, eta_s: 0 });
    expect(lines.at(-1)).toMatchObject({ type: 'summary', level: 'summary', articles: { new: TOTAL }, archive: { db, articles: TOTAL } });
  });
});

describe('export and verify progress', () => {
  const jsonLines = (text: string) => text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

  it('--log-format json: export counts the rows first, verify the items to check; both end at their total', async () => {
    const db = join(dir, 'ev.sqlite');
    const opts = { urls: [replica.sites[0]!.listingUrl], db, concurrency: 4, delay: 0, maxPages: null, userAgent: 'portal-archiver-test', timeout: 5000, retries: 0 };
    expect((await crawlCommand(opts, { log: silentLogger })).code).toBe(0);

    const out = join(dir, 'ev.jsonl');
    const exported = await runCli(['export', '--db', db, '--out', out, '--log-format', 'json']);
    expect(exported.code, exported.stderr).toBe(0);
    const lines = jsonLines(exported.stderr);
    const events = lines.filter((l) => l['type'] === 'progress');
    expect(events[0]).toMatchObject({ task: 'export', done: 0, total: TOTAL, unit: 'articles' });
    expect(events.at(-1)).toMatchObject({ task: 'export', done: TOTAL, total: TOTAL });
    expect(lines.at(-1)).toMatchObject({ type: 'summary', count: TOTAL, out });

    const verified = await runCli(['verify', '--db', db, '--log-format', 'json']);
    expect(verified.code, verified.stderr).toBe(0);
    const vlines = jsonLines(verified.stderr);
    const vevents = vlines.filter((l) => l['type'] === 'progress');
    const summary = vlines.at(-1) as { type: string; checked: Record<string, number> };
    expect(summary.type).toBe('summary');
    const items = summary.checked['blobs']! + summary.checked['articles']! + summary.checked['revisions']! + summary.checked['images']!;
    expect(vevents.at(-1)).toMatchObject({ task: 'verify', done: items, total: items });

    // Without a terminal and without --log-format json, neither says anything but its closing line.
    const plain = await runCli(['verify', '--db', db]);
    expect(plain.stderr).toMatch(/^verify: [^\n]*no problems\n$/);

    // reextract counts the stored article pages and ends at that total.
    const reread = await runCli(['reextract', '--db', db, '--log-format', 'json']);
    expect(reread.code, reread.stderr).toBe(0);
    const rlines = jsonLines(reread.stderr);
    const revents = rlines.filter((l) => l['type'] === 'progress');
    expect(revents.length).toBeGreaterThan(0);
    for (const e of revents) expect(e).toMatchObject({ task: 'reextract', unit: 'pages', total: TOTAL });
    expect(revents.at(-1)).toMatchObject({ done: TOTAL, total: TOTAL });
    expect(rlines.at(-1)).toMatchObject({ type: 'summary', pages: TOTAL, unchanged: TOTAL });
  });

  it.skipIf(spawnSync('script', ['--version']).status !== 0)('reextract draws a bar on a real terminal', async () => {
    const db = join(dir, 'rpty.sqlite');
    const opts = { urls: [replica.sites[0]!.listingUrl], db, concurrency: 4, delay: 0, maxPages: null, userAgent: 'portal-archiver-test', timeout: 5000, retries: 0 };
    expect((await crawlCommand(opts, { log: silentLogger })).code).toBe(0);
    const child = spawn('script', ['-qefc', [process.execPath, BIN, 'reextract', '--db', db].join(' '), '/dev/null'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (text += d));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code, text).toBe(0);
    const drawn = frames(text.split('reextract finished:')[0]!);
    expect(drawn.some((f) => new RegExp(`\\d+/${TOTAL} pages`).test(f)), text).toBe(true);
    expect(text).toMatch(new RegExp(`reextract finished: ${TOTAL} pages read`));
  });
});
