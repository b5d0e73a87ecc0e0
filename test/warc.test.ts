import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExportCommandOptions, exportCommand } from '../src/cli/export.js';
import { generateSite, type Replica, startReplica } from '../src/replica/index.js';
import { type Capture, imagesToFetch, iterateCaptures, openArchive, readPageBody } from '../src/store/index.js';
import { archiveBytes, crawlReplica, fetchBytes, mountTinyDisk, unmount } from './helpers/archive.js';
import { runCli } from './helpers/cli.js';
import { parseHttp, readWarc, sha256 } from './helpers/warc-reader.js';

let replica: Replica;
let dir: string;
let db: string;
let images: string[];
let captures: Capture[];

async function exportWarc(out: string, extra: Partial<ExportCommandOptions> = {}) {
  return exportCommand({ db, format: 'warc', out, ...extra }, new PassThrough());
}

beforeAll(async () => {
  // Portals no rule was written against, in two of the three templates, crawled with --media.
  replica = await startReplica({
    sites: [
      generateSite({ id: 'unseen-div', articles: 24, template: 'div', seed: 7 }),
      generateSite({ id: 'unseen-table', articles: 24, template: 'table', seed: 11 }),
    ],
  });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pa-warc-'));
  db = path.join(dir, 'archive.sqlite');
  const { code } = await crawlReplica(replica, db, { media: true });
  expect(code).toBe(0);
  archiveBytes(db); // checkpoint, so the read-only reader below sees everything in the main file too
  const archive = openArchive(db, { create: false, readonly: true });
  captures = [...iterateCaptures(archive)];
  images = archive.prepare("SELECT url FROM pages WHERE kind = 'image'").pluck().all() as string[];
  expect(imagesToFetch(archive)).toEqual([]);
  archive.close();
});

afterAll(async () => {
  await replica.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('WARC export', () => {
  it('writes WARC/1.1: warcinfo first, then a request and a response per capture, one gzip member each', async () => {
    expect(images.length).toBeGreaterThan(0);
    expect(new Set(captures.map((c) => c.kind))).toEqual(new Set(['listing', 'article', 'image']));
    const out = path.join(dir, 'all.warc.gz');
    const r = await runCli(['export', '--db', db, '--format', 'warc', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`exported ${captures.length} captures to ${out}\n`);
    expect(fs.readdirSync(dir).filter((f) => f.includes('.partial'))).toEqual([]);

    const records = readWarc(out);
    expect(records).toHaveLength(1 + 2 * captures.length);
    expect(records.every((rec) => rec.version === 'WARC/1.1')).toBe(true);

    const [info, ...rest] = records;
    expect(info!.header('WARC-Type')).toBe('warcinfo');
    expect(info!.header('WARC-Filename')).toBe('all.warc.gz');
    expect(info!.header('Content-Type')).toBe('application/warc-fields');
    const infoText = info!.block.toString('utf8');
    expect(infoText).toMatch(/^software: portal-archiver\/\d+\.\d+\.\d+/m);
    expect(infoText).toContain('format: WARC File Format 1.1\r\n');
    const runIds = [...infoText.matchAll(/^portal-archiver-run: (\d+) /gm)].map((m) => Number(m[1]));
    expect(runIds).toEqual([...new Set(captures.map((c) => c.runId))].sort((a, b) => a! - b!));

    const ids = records.map((rec) => rec.header('WARC-Record-ID'));
    expect(ids.every((id) => /^<urn:uuid:[0-9a-f-]{36}>$/.test(id!))).toBe(true);
    expect(new Set(ids).size).toBe(records.length);
    const byId = new Map(records.map((rec) => [rec.header('WARC-Record-ID')!, rec]));

    for (const rec of rest) {
      expect(rec.header('WARC-Date')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      expect(rec.header('WARC-Block-Digest')).toBe(`sha256:${sha256(rec.block)}`);
      const http = parseHttp(rec.block);
      expect(rec.header('WARC-Payload-Digest')).toBe(`sha256:${sha256(http.payload)}`);
      const other = byId.get(rec.header('WARC-Concurrent-To')!);
      expect(other, 'WARC-Concurrent-To names a record of this file').toBeDefined();
      expect(other!.header('WARC-Concurrent-To')).toBe(rec.header('WARC-Record-ID'));
      expect(other!.header('WARC-Target-URI')).toBe(rec.header('WARC-Target-URI'));
      expect(other!.header('WARC-Date')).toBe(rec.header('WARC-Date'));
      if (rec.header('WARC-Type') === 'request') {
        expect(other!.header('WARC-Type')).toBe('response');
        expect(rec.header('Content-Type')).toBe('application/http; msgtype=request');
        const target = new URL(rec.header('WARC-Target-URI')!);
        expect(http.start).toBe(`GET ${target.pathname}${target.search} HTTP/1.1`);
        expect(http.headers.get('host')).toBe(target.host);
        expect(http.payload.length).toBe(0);
      } else {
        expect(rec.header('WARC-Type')).toBe('response');
        expect(rec.header('Content-Type')).toBe('application/http; msgtype=response');
        expect(http.start).toMatch(/^HTTP\/1\.1 200 OK$/);
        expect(Number(http.headers.get('content-length'))).toBe(http.payload.length);
        expect(http.headers.has('transfer-encoding')).toBe(false);
      }
    }
  });

  it('holds every page and image capture once, payloads byte-identical to what the server sends', async () => {
    const records = readWarc(path.join(dir, 'all.warc.gz'));
    const responses = records.filter((rec) => rec.header('WARC-Type') === 'response');
    const archive = openArchive(db, { create: false, readonly: true });
    try {
      for (const capture of captures) {
        const uri = new URL(capture.finalUrl).href;
        const matching = responses.filter((rec) => rec.header('WARC-Target-URI') === uri && rec.header('WARC-Date') === capture.fetchedAt);
        expect(matching, `${capture.kind} ${uri}`).toHaveLength(1);
        const http = parseHttp(matching[0]!.block);
        expect(sha256(http.payload)).toBe(capture.bodySha256);
        expect(http.payload.equals(readPageBody(archive, capture.pageId))).toBe(true);
        expect(http.payload.equals(await fetchBytes(capture.finalUrl)), `${uri} as served`).toBe(true);
        expect(http.headers.get('content-type')).toBe(capture.headers['content-type']);
        expect(http.headers.get('date')).toBe(capture.headers['date']);
      }
      expect(responses).toHaveLength(captures.length);
      for (const url of images) expect(responses.filter((rec) => rec.header('WARC-Target-URI') === new URL(url).href)).toHaveLength(1);
    } finally {
      archive.close();
    }
  });

  it('the installed CLI (bodies compressed on worker threads) and the calling thread write the same bytes', async () => {
    // Same file name in two folders: the warcinfo record names the file.
    fs.mkdirSync(path.join(dir, 'workers'));
    fs.mkdirSync(path.join(dir, 'inline'));
    const byWorkers = path.join(dir, 'workers', 'same.warc.gz');
    const inline = path.join(dir, 'inline', 'same.warc.gz');
    const r = await runCli(['export', '--db', db, '--format', 'warc', '--out', byWorkers]);
    expect(r.code, r.stderr).toBe(0);
    // Under vitest the TypeScript sources have no built worker script beside them: this export runs inline.
    await exportWarc(inline);
    expect(fs.readFileSync(byWorkers).equals(fs.readFileSync(inline))).toBe(true);
    expect(readWarc(byWorkers)).toHaveLength(1 + 2 * captures.length);
  });

  it('selects captures by host with --site and by fetch time with --since/--until', async () => {
    const host = new URL(replica.sites[0]!.origin).host;
    const out = path.join(dir, 'site.warc.gz');
    const { count } = await exportWarc(out, { site: host });
    const ofHost = captures.filter((c) => new URL(c.url).host === host);
    expect(count).toBe(ofHost.length);
    const responses = readWarc(out).filter((rec) => rec.header('WARC-Type') === 'response');
    expect(responses).toHaveLength(ofHost.length);
    expect(responses.every((rec) => new URL(rec.header('WARC-Target-URI')!).host === host)).toBe(true);
    expect(readWarc(out)[0]!.block.toString('utf8')).toContain(`portal-archiver-selection: site=${host}`);

    const times = captures.map((c) => c.fetchedAt).sort();
    const middle = times[Math.floor(times.length / 2)]!;
    expect((await exportWarc(path.join(dir, 'since.warc.gz'), { since: middle })).count).toBe(times.filter((t) => t >= middle).length);
    expect((await exportWarc(path.join(dir, 'until.warc.gz'), { until: middle })).count).toBe(times.filter((t) => t <= middle).length);
    const none = path.join(dir, 'none.warc.gz');
    expect((await exportWarc(none, { since: '2999-01-01' })).count).toBe(0);
    expect(readWarc(none).map((rec) => rec.header('WARC-Type'))).toEqual(['warcinfo']);
  });

  it('replaces a truncated WARC at the target path with a complete one', async () => {
    const out = path.join(dir, 'again.warc.gz');
    const whole = fs.readFileSync(path.join(dir, 'all.warc.gz'));
    fs.writeFileSync(out, whole.subarray(0, Math.floor(whole.length / 2)));
    expect(() => readWarc(out)).toThrow();
    await exportWarc(out);
    expect(readWarc(out)).toHaveLength(1 + 2 * captures.length);
  });
});

describe('WARC export: bad targets and options', () => {
  it('needs --out, and refuses options that shape article records', async () => {
    const noOut = await runCli(['export', '--db', db, '--format', 'warc']);
    expect(noOut.code).toBe(1);
    expect(noOut.stdout).toBe('');
    expect(noOut.stderr).toBe('portal-archiver: --format warc writes a gzip-compressed file: give --out <file.warc.gz>\n');
    const out = path.join(dir, 'refused.warc.gz');
    await expect(exportWarc(out, { revisions: true })).rejects.toThrow(
      '--revisions does not apply to warc, which holds every capture',
    );
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.includes('.partial'))).toEqual([]);
  });

  it('reports a missing directory or a directory as the target in one line, leaving nothing behind', async () => {
    const missing = path.join(dir, 'no', 'such', 'dir', 'x.warc.gz');
    const r1 = await runCli(['export', '--db', db, '--format', 'warc', '--out', missing]);
    expect(r1.code).toBe(1);
    expect(r1.stderr).toBe(`portal-archiver: cannot write ${missing}: no such directory (ENOENT)\n`);
    expect(fs.existsSync(path.join(dir, 'no'))).toBe(false);

    const target = path.join(dir, 'a-directory');
    fs.mkdirSync(target);
    const before = fs.readdirSync(dir).sort();
    await expect(exportWarc(target)).rejects.toThrow(`cannot write ${target}: it is a directory (EISDIR)`);
    expect(fs.statSync(target).isDirectory()).toBe(true);
    expect(fs.readdirSync(target)).toEqual([]);
    expect(fs.readdirSync(dir).sort()).toEqual(before);
  });

  it('reports a full disk in one line and leaves no partial file', async (ctx) => {
    const mount = path.join(dir, 'tiny');
    fs.mkdirSync(mount);
    if (!mountTinyDisk(mount, '64k')) return ctx.skip();
    try {
      const out = path.join(mount, 'all.warc.gz');
      const r = await runCli(['export', '--db', db, '--format', 'warc', '--out', out]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`portal-archiver: cannot write ${out}: no space left on the device (ENOSPC)\n`);
      expect(fs.readdirSync(mount)).toEqual([]);
      const jsonl = await runCli(['export', '--db', db, '--format', 'jsonl', '--out', path.join(mount, 'all.jsonl')]);
      expect(jsonl.code).toBe(1);
      expect(jsonl.stderr).toMatch(/no space left on the device \(ENOSPC\)\n$/);
      expect(fs.readdirSync(mount)).toEqual([]);
    } finally {
      unmount(mount);
    }
  });
});
