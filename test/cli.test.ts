import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Replica, startReplica } from '../src/replica/index.js';
import { type CliResult, runCli } from './helpers/cli.js';

let dir: string;
let replica: Replica;
let plain: Server;
let plainUrl: string;
let closedUrl: string;

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A user error: exit 1, exactly one line on stderr that says what is wrong, no stack trace, nothing on stdout. */
function expectOneLineError(r: CliResult, pattern: RegExp) {
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^portal-archiver: /);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at |Error:|node:internal/);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pa-cli-'));
  replica = await startReplica({ siteIds: ['tuachua'] });
  plain = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><h1>It works!</h1></body></html>'));
  await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r));
  plainUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}/`;
  // A port that was free a moment ago and has nothing listening: connection refused.
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  closedUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}/TinTuc/`;
  await new Promise((r) => probe.close(r));
});

afterAll(async () => {
  await replica.close();
  await new Promise((r) => plain.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe('CLI manners', () => {
  it('prints its version and help with an example on every command', async () => {
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(import.meta.dirname, '../package.json'), 'utf8')).version);
    for (const command of ['crawl', 'status', 'export', 'search', 'stats', 'report', 'reindex', 'history', 'verify', 'demo']) {
      const help = await runCli([command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/Examples?:\n {2}portal-archiver /);
    }
    const top = await runCli(['--help']);
    expect(top.stdout).toMatch(/crawl.*\n.*export|export[\s\S]*crawl|crawl[\s\S]*export/);
  });

  it('rejects an unknown command and an unknown option', async () => {
    expectOneLineError(await runCli(['frobnicate']), /unknown command 'frobnicate'/);
    expectOneLineError(await runCli(['crawl', '--bogus', 'http://127.0.0.1/']), /unknown option '--bogus'/);
  });

  it('rejects a bad URL and a non-http scheme before creating any database', async () => {
    const db = join(dir, 'never.sqlite');
    expectOneLineError(await runCli(['crawl', 'not a url', '--db', db]), /invalid URL "not a url"/);
    expectOneLineError(await runCli(['crawl', 'ftp://tuachua.dienbien.gov.vn/TinTuc/', '--db', db]), /unsupported scheme "ftp:"/);
    expect(existsSync(db)).toBe(false);
  });

  it('rejects an unreachable host and a page that is not a portal, leaving no database', async () => {
    const db = join(dir, 'never.sqlite');
    expectOneLineError(await runCli(['crawl', closedUrl, '--db', db, '--retries', '0']), /cannot fetch .*ECONNREFUSED/);
    expectOneLineError(await runCli(['crawl', plainUrl, '--db', db]), /not a portal listing or article/);
    expect(existsSync(db)).toBe(false);
  });

  it('rejects bad option values', async () => {
    expectOneLineError(await runCli(['crawl', '--concurrency', '0', plainUrl]), /--concurrency must be a whole number of at least 1/);
    expectOneLineError(await runCli(['crawl', '--delay', 'soon', plainUrl]), /--delay must be a whole number/);
  });

  it('export: a missing database is an error and is not created', async () => {
    const db = join(dir, 'missing.sqlite');
    expectOneLineError(await runCli(['export', '--db', db]), /database not found: .*missing\.sqlite/);
    expect(existsSync(db)).toBe(false);
  });

  it('leaves an archive intact when a crawl or an export is refused', async () => {
    const db = join(dir, 'archive.sqlite');
    const seed = replica.sites[0]!.listingUrl;
    const ok = await runCli(['crawl', seed, '--db', db, '--delay', '0', '--max-pages', '1']);
    expect(ok.code, ok.stderr).toBe(0);
    // The summary line, then where the archive is and what to run next.
    expect(ok.stderr).toMatch(/^crawl finished: 1 listing pages; articles \d+ new, 0 updated, 0 unchanged, 0 failed, 0 skipped; [\d.]+ s\n/);
    expect(ok.stderr).toContain(`archive: ${db} (`);
    expect(ok.stderr).toContain(`next: portal-archiver export --db ${db} --format csv`);
    const before = sha(db);
    expectOneLineError(await runCli(['crawl', closedUrl, '--db', db, '--retries', '0']), /cannot fetch/);
    expectOneLineError(await runCli(['export', '--db', db, '--format', 'xml']), /unknown format "xml"/);
    expectOneLineError(await runCli(['export', '--db', db, '--since', '2023-13-45']), /invalid --since date "2023-13-45"/);
    expectOneLineError(await runCli(['export', '--db', db, '--out', join(dir, 'no/such/dir/x.csv'), '--format', 'csv']), /cannot write/);
    expect(sha(db)).toBe(before);
    expect(existsSync(join(dir, 'no'))).toBe(false);
  });

  it('refuses a file that is not an archive and leaves it as it was', async () => {
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'not a database\n');
    expectOneLineError(await runCli(['crawl', replica.sites[0]!.listingUrl, '--db', file, '--delay', '0']), /not a portal-archiver database/);
    expectOneLineError(await runCli(['export', '--db', file]), /not a portal-archiver database/);
    expect(readFileSync(file, 'utf8')).toBe('not a database\n');
  });

  it('writes data to stdout and nothing else there', async () => {
    const db = join(dir, 'archive.sqlite');
    const r = await runCli(['export', '--db', db, '--format', 'jsonl']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    for (const line of r.stdout.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
  });
});

describe('demo', () => {
  const sites = ['tuachua', 'huyentuachua', 'huyendienbien'].map(
    (id) => JSON.parse(readFileSync(join(import.meta.dirname, `../fixtures/replica/${id}/site.json`), 'utf8')) as { host: string; name: string; articles: unknown[] },
  );

  it('crawls the bundled replicas under their real names, writes JSONL, CSV and the report, and says what to try next', async () => {
    const data = join(dir, 'demo');
    // Run twice: the second run must not add the first run's articles again.
    expect((await runCli(['demo', '--data-dir', data])).code).toBe(0);
    const r = await runCli(['demo', '--data-dir', data]);
    expect(r.code, r.stderr).toBe(0);
    const [jsonl, csv, report] = ['demo.jsonl', 'demo.csv', 'demo-report.html'].map((f) => join(data, f));
    for (const file of [jsonl!, csv!, report!]) expect(r.stdout).toContain(file);
    // Plainly bundled replicas, each named as the portal it copies.
    expect(r.stdout).toMatch(/bundled replicas .* served on this machine \(127\.0\.0\.1\)/);
    for (const site of sites) expect(r.stdout).toMatch(new RegExp(`^  ${site.host.replace(/\./g, '\\.')} +${site.name}$`, 'm'));
    const tryNext = r.stdout.slice(r.stdout.indexOf('Try next:'));
    for (const command of ['search', 'export', 'report']) expect(tryNext).toMatch(new RegExp(`npx portal-archiver ${command} .*--db ${join(data, 'demo.sqlite')}`));

    const expected = sites.reduce((n, site) => n + site.articles.length, 0);
    const records = readFileSync(jsonl!, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { url: string; site: string });
    expect(records).toHaveLength(expected);
    expect(new Set(records.map((x) => x.url)).size).toBe(expected);
    expect(new Set(records.map((x) => x.site))).toEqual(new Set(sites.map((s) => s.host)));
    expect(records.every((x) => x.url.startsWith(`http://${x.site}/`))).toBe(true);
    expect(readFileSync(csv!, 'utf8')).toContain('tuachua.dienbien.gov.vn');
    expect(readFileSync(report!, 'utf8')).toMatch(/<html[\s\S]*huyendienbien\.gov\.vn/);
    // Every request went to 127.0.0.1, and nothing exported or reported says so.
    for (const file of [jsonl!, csv!, report!]) expect(readFileSync(file, 'utf8')).not.toContain('127.0.0.1');
    expect(existsSync(join(data, 'demo.sqlite'))).toBe(true);
  });
});
