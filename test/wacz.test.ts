import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { getSurt } from 'warcio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExportCommandOptions, exportCommand } from '../src/cli/export.js';
import { generateSite, type Replica, startReplica } from '../src/replica/index.js';
import { openArchive } from '../src/store/index.js';
import { archiveBytes, crawlReplica, mountTinyDisk, unmount } from './helpers/archive.js';
import { runCli } from './helpers/cli.js';
import { parseHttp, readWarc, readWarcBytes, recordAt, sha256, type WarcRecord } from './helpers/warc-reader.js';
import { readZip, type ZipEntry } from './helpers/zip-reader.js';

/*
 * The WACZ, the CDXJ index and revisit records, read back with the independent readers in test/helpers (gzip
 * members, WARC records and ZIP entries parsed by hand). The SURT keys are compared with warcio.js's getSurt, the
 * function ReplayWeb.page looks URLs up with.
 */

interface IndexLine {
  key: string;
  ts: string;
  json: { url: string; mime?: string; status: string; digest: string; length: string; offset: string; filename: string; archive_url?: string };
  raw: string;
}

function parseIndex(text: string): IndexLine[] {
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((raw) => {
      const m = /^(\S+) (\d{14}) (\{.*\})$/.exec(raw);
      expect(m, raw).not.toBeNull();
      return { key: m![1]!, ts: m![2]!, json: JSON.parse(m![3]!) as IndexLine['json'], raw };
    });
}

const digits14 = (iso: string) => iso.replace(/\D/g, '').slice(0, 14);

let replica: Replica;
let dir: string;
let db: string;
let before: WarcRecord[];
let beforeBytes: number;
let recapturesAdded: number;
let entries: Map<string, ZipEntry>;
let warcBytes: Buffer;

async function exportTo(format: string, out: string, extra: Partial<ExportCommandOptions> = {}) {
  return exportCommand({ db, format, out, ...extra }, new PassThrough());
}

function recaptureCount(): number {
  const archive = openArchive(db, { create: false, readonly: true });
  try {
    return archive.prepare('SELECT count(*) FROM recaptures').pluck().get() as number;
  } finally {
    archive.close();
  }
}

beforeAll(async () => {
  replica = await startReplica({
    sites: [
      generateSite({ id: 'wacz-div', articles: 14, template: 'div', seed: 3 }),
      generateSite({ id: 'wacz-list', articles: 14, template: 'list', seed: 5 }),
    ],
  });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pa-wacz-'));
  db = path.join(dir, 'archive.sqlite');
  expect((await crawlReplica(replica, db, { media: true })).code).toBe(0);
  archiveBytes(db);
  await exportTo('warc', path.join(dir, 'before.warc.gz'));
  before = readWarc(path.join(dir, 'before.warc.gz'));
  beforeBytes = fs.statSync(path.join(dir, 'before.warc.gz')).size;
  // The portal has not changed: a refresh re-crawl fetches everything again.
  const recaptures = recaptureCount();
  expect((await crawlReplica(replica, db, { full: true, refresh: true })).code).toBe(0);
  archiveBytes(db);
  recapturesAdded = recaptureCount() - recaptures;
  const r = await runCli(['export', '--db', db, '--format', 'wacz', '--out', path.join(dir, 'all.wacz')]);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toMatch(/^exported \d+ captures to .*all\.wacz\n$/);
  entries = readZip(fs.readFileSync(path.join(dir, 'all.wacz')));
  warcBytes = entries.get('archive/data.warc.gz')!.data;
});

afterAll(async () => {
  await replica.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('WACZ export', () => {
  it('is a ZIP of stored files whose SHA-256 and sizes datapackage.json states, itself hashed in datapackage-digest.json', () => {
    expect([...entries.keys()].sort()).toEqual(
      ['archive/data.warc.gz', 'datapackage-digest.json', 'datapackage.json', 'indexes/index.cdxj', 'pages/pages.jsonl'],
    );
    for (const e of entries.values()) expect(e.method, e.name).toBe(0);
    const datapackage = JSON.parse(entries.get('datapackage.json')!.data.toString('utf8'));
    expect(datapackage).toMatchObject({ profile: 'data-package', wacz_version: '1.1.1' });
    expect(datapackage.software).toMatch(/^portal-archiver\/\d+\.\d+\.\d+$/);
    expect(Number.isNaN(Date.parse(datapackage.created))).toBe(false);
    const resources = datapackage.resources as { name: string; path: string; hash: string; bytes: number }[];
    expect(resources.map((r) => r.path).sort()).toEqual(['archive/data.warc.gz', 'indexes/index.cdxj', 'pages/pages.jsonl']);
    for (const r of resources) {
      const data = entries.get(r.path)!.data;
      expect(r.hash, r.path).toBe(`sha256:${sha256(data)}`);
      expect(r.bytes, r.path).toBe(data.length);
      expect(r.name).toBe(path.basename(r.path));
    }
    const digest = JSON.parse(entries.get('datapackage-digest.json')!.data.toString('utf8'));
    expect(digest).toEqual({ path: 'datapackage.json', hash: `sha256:${sha256(entries.get('datapackage.json')!.data)}` });
  });

  it('indexes every response and revisit record, sorted, each line pointing at its record', () => {
    const text = entries.get('indexes/index.cdxj')!.data.toString('utf8');
    const lines = parseIndex(text);
    const sorted = [...lines].sort((a, b) => Buffer.compare(Buffer.from(a.raw), Buffer.from(b.raw)));
    expect(lines.map((l) => l.raw)).toEqual(sorted.map((l) => l.raw));
    const records = readWarcBytes(warcBytes);
    const indexed = records.filter((r) => ['response', 'revisit'].includes(r.header('WARC-Type')!));
    expect(lines).toHaveLength(indexed.length);
    expect(new Set(lines.map((l) => l.json.offset)).size).toBe(lines.length);
    for (const line of lines) {
      const rec = recordAt(warcBytes, Number(line.json.offset), Number(line.json.length));
      expect(rec.header('WARC-Target-URI')).toBe(line.json.url);
      expect(line.key).toBe(getSurt(line.json.url));
      expect(line.ts).toBe(digits14(rec.header('WARC-Date')!));
      expect(rec.header('WARC-Payload-Digest')).toBe(line.json.digest);
      expect(line.json.filename).toBe('data.warc.gz');
      const http = parseHttp(rec.block);
      expect(http.start.split(' ')[1]).toBe(line.json.status);
      if (rec.header('WARC-Type') === 'revisit') expect(line.json.mime).toBe('warc/revisit');
      else expect(line.json.mime).toBe(http.headers.get('content-type')!.split(';')[0]!.trim().toLowerCase());
    }
  });

  it('lists every archived article in pages.jsonl, each with its title and a capture in the index', () => {
    const [header, ...pages] = entries.get('pages/pages.jsonl')!.data.toString('utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(header).toMatchObject({ format: 'json-pages-1.0', id: 'pages' });
    expect(typeof header.title).toBe('string');
    const archive = openArchive(db, { create: false, readonly: true });
    const articles = archive
      .prepare('SELECT p.final_url AS url, a.title FROM articles a JOIN pages p ON p.id = a.page_id')
      .all() as { url: string; title: string }[];
    archive.close();
    expect(pages).toHaveLength(articles.length);
    expect(new Map(pages.map((p) => [p.url, p.title]))).toEqual(new Map(articles.map((a) => [a.url, a.title])));
    const lines = parseIndex(entries.get('indexes/index.cdxj')!.data.toString('utf8'));
    for (const p of pages) {
      expect(typeof p.id).toBe('string');
      const hit = lines.filter((l) => l.key === getSurt(p.url) && l.ts === digits14(p.ts) && l.json.url === p.url);
      expect(hit, p.url).toHaveLength(1);
      expect(hit[0]!.json).toMatchObject({ mime: 'text/html', status: '200' });
    }
  });

  it('writes each repeat payload as a revisit that resolves to its original response', () => {
    const records = readWarcBytes(warcBytes);
    const byId = new Map(records.map((r) => [r.header('WARC-Record-ID')!, r]));
    const revisits = records.filter((r) => r.header('WARC-Type') === 'revisit');
    expect(recapturesAdded).toBeGreaterThan(0);
    expect(revisits).toHaveLength(recapturesAdded);
    for (const rec of revisits) {
      expect(rec.header('WARC-Profile')).toBe('http://netpreserve.org/warc/1.1/revisit/identical-payload-digest');
      expect(rec.header('WARC-Refers-To-Target-URI')).toBe(rec.header('WARC-Target-URI'));
      expect(rec.header('WARC-Block-Digest')).toBe(`sha256:${sha256(rec.block)}`);
      const http = parseHttp(rec.block);
      expect(http.payload.length).toBe(0);
      const original = byId.get(rec.header('WARC-Refers-To')!);
      expect(original, 'WARC-Refers-To names a record of the file').toBeDefined();
      expect(original!.header('WARC-Type')).toBe('response');
      expect(original!.offset).toBeLessThan(rec.offset);
      expect(original!.header('WARC-Target-URI')).toBe(rec.header('WARC-Target-URI'));
      expect(original!.header('WARC-Date')).toBe(rec.header('WARC-Refers-To-Date'));
      const payload = parseHttp(original!.block).payload;
      expect(rec.header('WARC-Payload-Digest')).toBe(`sha256:${sha256(payload)}`);
      expect(Number(http.headers.get('content-length'))).toBe(payload.length);
      // The revisit has its own request, as the original has.
      expect(byId.get(rec.header('WARC-Concurrent-To')!)?.header('WARC-Type')).toBe('request');
    }
  });

  it('grows by revisit records of a few hundred bytes, not by pages, when an unchanged portal is re-crawled', async () => {
    const afterFile = path.join(dir, 'after.warc.gz');
    await exportTo('warc', afterFile);
    const after = readWarc(afterFile);
    // Record IDs are derived from the captures: a record of the first export is the same record in the second.
    const known = new Set(before.map((r) => r.header('WARC-Record-ID')));
    const added = after.filter((r) => !known.has(r.header('WARC-Record-ID')));
    expect(added[0]!.header('WARC-Type')).toBe('warcinfo');
    const grown = added.slice(1);
    expect(new Set(grown.map((r) => r.header('WARC-Type')))).toEqual(new Set(['request', 'revisit']));
    const revisits = grown.filter((r) => r.header('WARC-Type') === 'revisit');
    expect(revisits).toHaveLength(recapturesAdded);
    for (const r of revisits) expect(r.length, r.header('WARC-Target-URI')).toBeLessThan(1000);
    const pages = before.filter((r) => r.header('WARC-Type') === 'response' && /html/.test(parseHttp(r.block).headers.get('content-type') ?? ''));
    const pageMean = pages.reduce((n, r) => n + r.length, 0) / pages.length;
    const revisitMean = revisits.reduce((n, r) => n + r.length, 0) / revisits.length;
    expect(revisitMean).toBeLessThan(pageMean / 3);
    const growth = fs.statSync(afterFile).size - beforeBytes;
    expect(growth).toBe(grown.reduce((n, r) => n + r.length, 0) + added[0]!.length - before[0]!.length);
    expect(growth / recapturesAdded).toBeLessThan(1500);
  });

  it('selects captures with --site and --since/--until as the WARC does', async () => {
    const host = new URL(replica.sites[0]!.origin).host;
    const out = path.join(dir, 'site.wacz');
    const { count } = await exportTo('wacz', out, { site: host });
    const site = readZip(fs.readFileSync(out));
    const records = readWarcBytes(site.get('archive/data.warc.gz')!.data).filter((r) => r.header('WARC-Type') !== 'warcinfo');
    expect(records.length).toBeGreaterThan(0);
    expect(records.every((r) => new URL(r.header('WARC-Target-URI')!).host === host)).toBe(true);
    expect(parseIndex(site.get('indexes/index.cdxj')!.data.toString('utf8'))).toHaveLength(count);
    const pages = site.get('pages/pages.jsonl')!.data.toString('utf8').trimEnd().split('\n').slice(1).map((l) => JSON.parse(l));
    expect(pages.length).toBeGreaterThan(0);
    expect(pages.every((p) => new URL(p.url).host === host)).toBe(true);
    const none = path.join(dir, 'none.wacz');
    expect((await exportTo('wacz', none, { since: '2999-01-01' })).count).toBe(0);
    const empty = readZip(fs.readFileSync(none));
    expect(empty.get('indexes/index.cdxj')!.data.length).toBe(0);
    expect(empty.get('pages/pages.jsonl')!.data.toString('utf8').split('\n').filter(Boolean)).toHaveLength(1);
  });
});

describe('WACZ export: a failing disk', () => {
  it('reports a full disk in one line and leaves no partial file', async (ctx) => {
    const mount = path.join(dir, 'tiny');
    fs.mkdirSync(mount);
    if (!mountTinyDisk(mount, '64k')) return ctx.skip();
    try {
      const out = path.join(mount, 'all.wacz');
      const r = await runCli(['export', '--db', db, '--format', 'wacz', '--out', out]);
      expect([r.code, r.stdout]).toEqual([1, '']);
      expect(r.stderr).toBe(`portal-archiver: cannot write ${out}: no space left on the device (ENOSPC)\n`);
      expect(fs.readdirSync(mount)).toEqual([]);
    } finally {
      unmount(mount);
    }
  });
});

describe('CDXJ export', () => {
  it('indexes the WARC that --format warc writes with the same selection, byte for byte', async () => {
    const host = new URL(replica.sites[1]!.origin).host;
    for (const extra of [{}, { site: host }]) {
      const warc = path.join(dir, 'pair.warc.gz');
      const cdxj = path.join(dir, 'pair.cdxj');
      const a = await exportTo('warc', warc, extra);
      const b = await exportTo('cdxj', cdxj, extra);
      expect(b.count).toBe(a.count);
      const bytes = fs.readFileSync(warc);
      const lines = parseIndex(fs.readFileSync(cdxj, 'utf8'));
      expect(lines).toHaveLength(a.count);
      for (const line of lines) {
        expect(line.json.filename).toBe('pair.warc.gz');
        const rec = recordAt(bytes, Number(line.json.offset), Number(line.json.length));
        expect(rec.header('WARC-Target-URI')).toBe(line.json.url);
        expect(line.ts).toBe(digits14(rec.header('WARC-Date')!));
      }
    }
  });

  it('names the WARC it indexes: --warc-name, or the --out name; refuses what does not apply', async () => {
    const stdout = await runCli(['export', '--db', db, '--format', 'cdxj', '--warc-name', 'x.warc.gz']);
    expect(stdout.code, stdout.stderr).toBe(0);
    const lines = parseIndex(stdout.stdout);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.json.filename === 'x.warc.gz')).toBe(true);
    const nameless = await runCli(['export', '--db', db, '--format', 'cdxj']);
    expect([nameless.code, nameless.stdout]).toEqual([1, '']);
    expect(nameless.stderr).toBe(
      'portal-archiver: --format cdxj names the WARC it indexes: give --warc-name <file.warc.gz> or --out <file.cdxj>\n',
    );
    const wacz = await runCli(['export', '--db', db, '--format', 'wacz']);
    expect(wacz.stderr).toBe('portal-archiver: --format wacz writes a ZIP file: give --out <file.wacz>\n');
    const misplaced = await runCli(['export', '--db', db, '--format', 'jsonl', '--warc-name', 'x.warc.gz']);
    expect(misplaced.stderr).toBe('portal-archiver: --warc-name applies only to cdxj, not jsonl\n');
    await expect(exportTo('wacz', path.join(dir, 'q.wacz'), { query: 'dang' })).rejects.toThrow(
      '--query does not apply to wacz, which holds every capture',
    );
    expect(fs.existsSync(path.join(dir, 'q.wacz'))).toBe(false);
  });
});

describe('index keys', () => {
  it('are the SURT keys the replay tools compute', async () => {
    const { surtKey } = await import('../src/export/cdxj/surt.js');
    for (const url of [
      'http://tuachua.dienbien.gov.vn/TinTuc/View/Tua-Chua-quan-tam',
      'https://www.Huyen.DienBien.gov.vn/TIN_TUC_2024/View/?UserKey=abc&PageIndex=2',
      'http://127.0.0.1:8080/Cms_Data/Contents/x/Media/Images/a%20b.jpg',
      'http://www2.example.gov.vn/?b=2&a=1&a=0',
      'http://huyendienbien.gov.vn/T/tin-moi?PageIndex=76#top',
    ]) {
      expect(surtKey(url), url).toBe(getSurt(url));
    }
    expect(surtKey('http://tuachua.dienbien.gov.vn/TinTuc/?b=2&a=1')).toBe('vn,gov,dienbien,tuachua)/tintuc/?a=1&b=2');
  });
});

describe('hashes', () => {
  it('datapackage.json hashes match what sha256sum would print for the stored files', () => {
    // A second, different route to the same check: hash the ZIP's byte ranges directly.
    const zip = fs.readFileSync(path.join(dir, 'all.wacz'));
    const datapackage = JSON.parse(entries.get('datapackage.json')!.data.toString('utf8'));
    for (const r of datapackage.resources as { path: string; hash: string; bytes: number }[]) {
      const at = entries.get(r.path)!.dataOffset;
      expect(`sha256:${createHash('sha256').update(zip.subarray(at, at + r.bytes)).digest('hex')}`).toBe(r.hash);
    }
  });
});
