import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemLines, verifyCommand, verifySummary } from '../src/cli/verify.js';
import { type Replica, startReplica } from '../src/replica/index.js';
import { archiveBytes, crawlReplica } from './helpers/archive.js';
import { type CliResult, runCli } from './helpers/cli.js';

let replica: Replica;
let dir: string;
let pristine: string;
let editedUrl: string;
let n = 0;

/** A copy of the verified archive to damage: the tests never touch the original. */
function copy(): string {
  const file = path.join(dir, `damaged-${++n}.sqlite`);
  fs.copyFileSync(pristine, file);
  return file;
}

function sql(file: string, run: (db: BetterSqlite3.Database) => void): void {
  const db = new BetterSqlite3(file);
  try {
    run(db);
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

/** The CLI's result, computed in-process (the built binary is run where its exit code and streams are the point). */
function verifyInProcess(file: string): CliResult {
  const { code, report } = verifyCommand({ db: file });
  return { code, stdout: problemLines(report), stderr: `${verifySummary(report)}\n` };
}

function expectDamage(r: CliResult, ...patterns: RegExp[]): string[] {
  expect(r.code, r.stderr).toBe(3);
  const lines = r.stdout.trimEnd().split('\n');
  for (const pattern of patterns) expect(lines.some((l) => pattern.test(l)), `${pattern} in\n${r.stdout}`).toBe(true);
  expect(r.stderr).toMatch(/^verify: \d+ stored bodies, \d+ captures, \d+ articles, \d+ earlier versions, \d+ downloaded images checked; \d+ problems?\n$/);
  return lines;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

beforeAll(async () => {
  replica = await startReplica({ siteIds: ['huyentuachua'] });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pa-verify-'));
  pristine = path.join(dir, 'archive.sqlite');
  const first = await crawlReplica(replica, pristine, { media: true });
  expect(first.code).toBe(0);
  expect(first.summary.images?.stored).toBeGreaterThan(0);
  // One article edited on the portal and crawled again, so there is an earlier version to check too.
  const site = replica.sites[0]!;
  const article = site.site.articles[0]!;
  replica.edit(site.id, article.slug, { title: `${article.title} (đã sửa)` });
  expect((await crawlReplica(replica, pristine, { refresh: true })).summary.articles.updated).toBe(1);
  archiveBytes(pristine);
  const db = new BetterSqlite3(pristine, { readonly: true });
  editedUrl = db.prepare('SELECT a.url FROM article_revisions r JOIN articles a ON a.id = r.article_id').pluck().get() as string;
  db.close();
});

afterAll(async () => {
  await replica.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('verify', () => {
  it('exits 0 on a sound archive, with a summary on stderr and nothing on stdout', async () => {
    const r = await runCli(['verify', '--db', pristine]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^verify: \d+ stored bodies, \d+ captures, \d+ articles, 1 earlier versions, [1-9]\d* downloaded images checked; no problems\n$/);
  });

  it('names the URL whose stored body had one byte flipped, and exits 3', async () => {
    const file = copy();
    let url = '';
    sql(file, (db) => {
      const page = db.prepare("SELECT url, body_sha256 FROM pages WHERE kind = 'article' ORDER BY id LIMIT 1 OFFSET 3").get() as { url: string; body_sha256: string };
      url = page.url;
      const data = db.prepare('SELECT data FROM blobs WHERE sha256 = ?').pluck().get(page.body_sha256) as Buffer;
      data[Math.floor(data.length / 2)]! ^= 0x01;
      db.prepare('UPDATE blobs SET data = ? WHERE sha256 = ?').run(data, page.body_sha256);
    });
    const lines = expectDamage(await runCli(['verify', '--db', file]), new RegExp(`^damaged body [0-9a-f]{64}: .*: ${escape(url)}$`));
    expect(lines).toHaveLength(1);
  });

  it('names an article whose stored text no longer matches its hash, and an altered earlier version', async () => {
    const file = copy();
    let article = '';
    sql(file, (db) => {
      article = db.prepare('SELECT url FROM articles WHERE url <> ? ORDER BY id LIMIT 1').pluck().get(editedUrl) as string;
      db.prepare("UPDATE articles SET body_text = body_text || ' ' WHERE url = ?").run(article);
      db.prepare("UPDATE article_revisions SET record = json_set(record, '$.title', 'Tiêu đề bị sửa')").run();
    });
    const lines = expectDamage(
      verifyInProcess(file),
      new RegExp(`^article content does not match its hash: ${escape(article)} `),
      new RegExp(`^version 1 of ${escape(editedUrl)}: content does not match its hash`),
    );
    expect(lines).toHaveLength(2);
  });

  it('names the captures and articles of a body that is missing altogether', async () => {
    const file = copy();
    let image = '';
    sql(file, (db) => {
      db.pragma('foreign_keys = OFF'); // the damage comes from outside the tool, past its constraints
      image = db.prepare("SELECT url FROM pages WHERE kind = 'image' ORDER BY id LIMIT 1").pluck().get() as string;
      db.prepare('DELETE FROM blobs WHERE sha256 = (SELECT body_sha256 FROM pages WHERE url = ?)').run(image);
    });
    expectDamage(
      verifyInProcess(file),
      new RegExp(`^pages row \\d+ points at a missing blobs row: ${escape(image)}$`),
      new RegExp(`^image file [0-9a-f]{64} is not stored: ${escape(image)} \\(in http`),
    );
  });

  it('reports damage to the SQLite file itself', async () => {
    const file = copy();
    // Overwrite the last page of the file, which holds table or index data, not the schema.
    const size = fs.statSync(file).size;
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, size - 4096);
    fs.closeSync(fd);
    const r = verifyInProcess(file);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^(SQLite integrity check: |.* stopped: the database file is damaged \()/m);
  });

  it('refuses to export a damaged body to WARC, leaving the target as it was', async () => {
    const file = copy();
    let url = '';
    sql(file, (db) => {
      const page = db.prepare("SELECT url, body_sha256 FROM pages WHERE kind = 'listing' ORDER BY id LIMIT 1").get() as { url: string; body_sha256: string };
      url = page.url;
      db.prepare('UPDATE blobs SET data = ? WHERE sha256 = ?').run(Buffer.from('not brotli at all'), page.body_sha256);
    });
    const out = path.join(dir, 'old.warc.gz');
    fs.writeFileSync(out, Buffer.from([0x1f, 0x8b, 8, 0, 0, 0])); // a truncated WARC from some earlier attempt
    const r = await runCli(['export', '--db', file, '--format', 'warc', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^portal-archiver: stored body of ${escape(url)} is damaged: .*; run portal-archiver verify\\n$`));
    expect(fs.readFileSync(out)).toEqual(Buffer.from([0x1f, 0x8b, 8, 0, 0, 0]));
    expect(fs.readdirSync(dir).filter((f) => f.includes('.partial'))).toEqual([]);
  });

  it('refuses a database from a newer portal-archiver, or none, in one line and exit 1', async () => {
    const file = copy();
    sql(file, (db) => db.pragma('user_version = 99'));
    const before = fs.readFileSync(file);
    const newer = await runCli(['verify', '--db', file]);
    expect(newer.code).toBe(1);
    expect(newer.stderr).toMatch(/^portal-archiver: database .* has schema version 99, newer than this portal-archiver supports \(\d+\)\n$/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    const missing = await runCli(['verify', '--db', path.join(dir, 'nothing.sqlite')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`portal-archiver: database not found: ${path.join(dir, 'nothing.sqlite')}\n`);
  });
});
