import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_BLOCKED_HOST, FIXTURE_EMPTY_HOST, startWebArchive, unseenArchive, type WebArchive } from '../src/replica/webarchive/index.js';
import { BIN, runCli } from './helpers/cli.js';
import { expectRecovered } from './helpers/recover-truth.js';

// `recover` as a user runs it: the built binary, against the replica web archive.
let dir: string;
let wa: WebArchive;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pa-recover-cli-'));
  wa = await startWebArchive();
});

afterAll(async () => {
  await wa.close();
  rmSync(dir, { recursive: true, force: true });
});

const fast = ['--cdx-rate', '6000', '--replay-rate', '400', '--backoff', '50', '--rate-limit-wait', '0.2'];

function integrity(db: string): string {
  const sqlite = new Database(db, { readonly: true });
  try {
    return sqlite.pragma('integrity_check', { simple: true }) as string;
  } finally {
    sqlite.close();
  }
}

describe('recover on the command line', () => {
  it('documents its options and the politeness defaults in --help', async () => {
    const help = await runCli(['recover', '--help']);
    expect(help.code).toBe(0);
    const text = help.stdout.replace(/\s+/g, ' ');
    expect(text).toMatch(/--archive <base> .*?\(default: "https:\/\/web\.archive\.org"\)/);
    expect(text).toMatch(/--cdx-rate <n> .*?\(default: 24\)/);
    expect(text).toMatch(/--replay-rate <n> .*?\(default: 8\)/);
    expect(text).toMatch(/--rate-limit-wait <s> .*?\(default: 60\)/);
    for (const option of ['--from', '--to', '--dry-run', '--db', '--retries', '--backoff']) expect(text).toContain(option);
    expect(help.stdout).toMatch(/Example:\n {2}portal-archiver recover /);
  });

  it('an unseen archive, as a new user would: recover, then export the records', async () => {
    const unseen = await startWebArchive({ archive: unseenArchive({ seed: 41, maxArticles: 24 }) });
    try {
      const db = join(dir, 'unseen.sqlite');
      const seeds = unseen.truth.portals.map((p) => `${p.origin}/`);
      const r = await runCli(['recover', ...seeds, '--archive', unseen.base, '--db', db, ...fast]);
      expect(r.code, r.stderr).toBe(0);
      const [summary, archived, next] = r.stderr.trim().split('\n');
      expect(summary).toMatch(/^recover finished: \d+ captures listed, \d+ replayed; \d+ listing captures; articles \d+ new, \d+ updated, \d+ unchanged, 0 failed; \d+ not articles, \d+ linked but not archived; [\d.]+ s$/);
      expect(archived).toBe(`archive: ${db} (${unseen.truth.portals.flatMap((p) => p.articles.filter((a) => a.held)).length} articles from ${seeds.length} sites)`);
      expect(next).toMatch(/^next: portal-archiver export --db /);
      expectRecovered(db, unseen);
      // Nothing but the web archive was asked, and its log names every request.
      expect(unseen.requests.every((q) => q.route !== 'other')).toBe(true);
      const exported = await runCli(['export', '--db', db, '--format', 'jsonl']);
      const lines = exported.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.length).toBe(unseen.truth.portals.flatMap((p) => p.articles.filter((a) => a.held)).length);
      for (const line of lines) {
        expect(line.source).toBe('archive');
        expect(String(line.archive_url)).toMatch(new RegExp(`^${unseen.base}/web/\\d{14}id_/http`));
        expect(String(line.url).startsWith(unseen.base)).toBe(false);
      }
    } finally {
      await unseen.close();
    }
  });

  it('reports progress against the captures to read, and a JSON summary, with --log-format json', async () => {
    const portal = wa.truth.portals.find((p) => p.host === 'huyentuachua.dienbien.gov.vn')!;
    const db = join(dir, 'json.sqlite');
    const r = await runCli(['recover', `${portal.origin}/`, '--archive', wa.base, '--db', db, '--log-format', 'json', ...fast]);
    expect(r.code, r.stderr).toBe(0);
    const events = r.stderr.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const progress = events.filter((e) => e.type === 'progress' && e.task === 'recover');
    expect(progress.length).toBeGreaterThan(0);
    const last = progress.at(-1)!;
    expect(last.done).toBe(last.total);
    expect(Number(last.total)).toBeGreaterThan(portal.articles.filter((a) => a.held).length);
    const summary = events.at(-1)!;
    expect(summary.type).toBe('summary');
    expect(summary.msg).toMatch(/^recover finished: /);
    expect((summary.articles as { new: number }).new).toBe(portal.articles.filter((a) => a.held).length);
  });

  it('a site the archive blocks: one clear line, exit 1, no archive written', async () => {
    const db = join(dir, 'blocked.sqlite');
    const r = await runCli(['recover', `http://${FIXTURE_BLOCKED_HOST}/`, '--archive', wa.base, '--db', db, ...fast]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`portal-archiver: ${FIXTURE_BLOCKED_HOST} is blocked at ${wa.base}: the web archive refuses to serve it (Blocked Site Error)\n`);
    expect(existsSync(db)).toBe(false);
  });

  it('a site the archive never captured: says so, exit 0', async () => {
    const db = join(dir, 'empty.sqlite');
    const r = await runCli(['recover', `http://${FIXTURE_EMPTY_HOST}/TinTuc/`, '--archive', wa.base, '--db', db, ...fast]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(`${wa.base} holds no captures of http://${FIXTURE_EMPTY_HOST}/TinTuc/\n`);
    expect(existsSync(db)).toBe(false);
    const dry = await runCli(['recover', `http://${FIXTURE_EMPTY_HOST}/`, '--archive', wa.base, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toBe('');
    expect(dry.stderr).toContain('holds no captures');
  });

  it('--dry-run lists what the archive holds from its index alone', async () => {
    const portal = wa.truth.portals.find((p) => p.host === 'tuachua.dienbien.gov.vn')!;
    const db = join(dir, 'dry.sqlite');
    const before = wa.requests.length;
    const r = await runCli(['recover', `${portal.origin}/`, '--archive', wa.base, '--db', db, '--dry-run', ...fast]);
    expect(r.code, r.stderr).toBe(0);
    expect(wa.requests.slice(before).every((q) => q.route === 'cdx')).toBe(true);
    expect(existsSync(db)).toBe(false);
    const m = /^(\S+): (\d+) captures at (\S+): (\d+) distinct articles, (\d+) listing pages, captured (\S+) to (\S+)\n$/.exec(r.stdout);
    expect(m, r.stdout).not.toBe(null);
    expect(m![1]).toBe(`${portal.origin}/`);
    expect(m![3]).toBe(wa.base);
    // Every article URL the archive has a page, revisit, redirect or soft-404 of (404s are no capture worth reading),
    // and the one made-up URL that answered "not found".
    const withCaptures = portal.articles.filter((a) => a.captures.some((c) => c.kind !== 'notFound')).length;
    const madeUp = wa.truth.pitfalls.soft404.filter((s) => new URL(s.original).host === portal.host && !portal.articles.some((a) => a.captures.some((c) => c.original === s.original))).length;
    expect(Number(m![4])).toBe(withCaptures + madeUp);
    expect(Number(m![2])).toBeGreaterThan(Number(m![4]));
    expect(m![6]!.slice(0, 10)).toBe(`${portal.days[0]!.slice(0, 4)}-${portal.days[0]!.slice(4, 6)}-${portal.days[0]!.slice(6, 8)}`);
    expect(m![7]!.slice(0, 10)).toBe(`${portal.days.at(-1)!.slice(0, 4)}-${portal.days.at(-1)!.slice(4, 6)}-${portal.days.at(-1)!.slice(6, 8)}`);
  });

  it('kill -9 during a recovery, then a re-run: the same records, integrity_check ok', async () => {
    const db = join(dir, 'kill9.sqlite');
    const seeds = wa.truth.portals.map((p) => `${p.origin}/`);
    const args = ['recover', ...seeds, '--archive', wa.base, '--db', db, '--cdx-rate', '600', '--replay-rate', '25'];
    const replays = () => wa.requests.filter((q) => q.route === 'replay').length;
    const before = replays();
    let kills = 0;
    for (let i = 0; i < 3; i++) {
      const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'ignore'] });
      const done = new Promise<number | null>((ok) => child.on('close', (code) => ok(code)));
      await new Promise((ok) => setTimeout(ok, 800 + Math.random() * 1500));
      child.kill('SIGKILL');
      const code = await done;
      if (code === null) kills++;
      else expect(code).toBe(0);
      if (existsSync(db)) expect(integrity(db)).toBe('ok');
    }
    expect(kills).toBeGreaterThan(0);
    const last = await runCli(args);
    expect(last.code, last.stderr).toBe(0);
    expect(integrity(db)).toBe('ok');
    expectRecovered(db, wa);
    const sqlite = new Database(db, { readonly: true });
    expect(sqlite.prepare("SELECT count(*) FROM crawl_runs WHERE status = 'running'").pluck().get()).toBe(0);
    expect(sqlite.prepare("SELECT count(*) FROM archive_captures WHERE state != 'done'").pluck().get()).toBe(0);
    const needed = sqlite.prepare("SELECT count(*) FROM archive_captures WHERE outcome NOT IN ('same-payload')").pluck().get() as number;
    sqlite.close();
    // A capture read before a kill is not read again: at most the ones in flight at each kill are (4 at a time).
    expect(replays() - before).toBeLessThanOrEqual(needed * 2 + kills * 4);
  });
});

describe('recover stopped by a signal', () => {
  it('SIGTERM stops gracefully with exit 143; the next run finishes the job', async () => {
    const portal = wa.truth.portals.find((p) => p.host === 'huyendienbien.gov.vn')!;
    const db = join(dir, 'term.sqlite');
    const args = ['recover', `${portal.origin}/`, '--archive', wa.base, '--db', db, '--cdx-rate', '600', '--replay-rate', '10'];
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const done = new Promise<number | null>((ok) => child.on('close', (code) => ok(code)));
    const started = wa.requests.filter((q) => q.route === 'replay').length;
    // Once it is reading captures, ask it to stop.
    while (wa.requests.filter((q) => q.route === 'replay').length < started + 5) await new Promise((ok) => setTimeout(ok, 50));
    child.kill('SIGTERM');
    expect(await done).toBe(143);
    expect(stderr).toMatch(/recover interrupted: /);
    const sqlite = new Database(db, { readonly: true });
    expect(sqlite.prepare('SELECT status FROM crawl_runs ORDER BY id DESC LIMIT 1').pluck().get()).toBe('interrupted');
    expect(sqlite.prepare("SELECT count(*) FROM archive_captures WHERE state != 'done'").pluck().get()).toBeGreaterThan(0);
    sqlite.close();
    const again = await runCli([...args.slice(0, -2), '--replay-rate', '400']);
    expect(again.code, again.stderr).toBe(0);
    expectRecovered(db, wa, { hosts: [portal.host] });
  });
});

describe('crawl of a portal that is gone', () => {
  it('suggests recover when the seed host does not answer', async () => {
    // A port nothing listens on: the host does not answer.
    const port = await new Promise<number>((ok) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => ok(p));
      });
    });
    const url = `http://127.0.0.1:${port}/TinTuc/`;
    const r = await runCli(['crawl', url, '--db', join(dir, 'gone.sqlite'), '--retries', '0']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^portal-archiver: cannot fetch \S+: .*ECONNREFUSED.* \(the site may be gone: try portal-archiver recover (\S+)\)\n$/);
    expect(r.stderr).toContain(`try portal-archiver recover ${url})`);
  });
});
