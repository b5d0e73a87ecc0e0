import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportCommand } from '../src/cli/export.js';
import { type PageToSave, openArchive, savePage, startRun } from '../src/store/index.js';
import { parseHttp, readWarc, recordAt, sha256, type WarcRecord } from './helpers/warc-reader.js';

/*
 * Captures saved directly (no crawl): a page that changes and changes back, and captures recovered from a web
 * archive, which carry the memento they came from and the time the web archive captured them.
 */

const URL_A = 'https://tuachua.dienbien.gov.vn/TinTuc/View/bai-1';
const URL_B = 'https://tuachua.dienbien.gov.vn/TinTuc/View/bai-2';
const MEMENTO = 'https://web.archive.org/web/20190514083000id_/https://tuachua.dienbien.gov.vn/TinTuc/View/bai-2';
const FIRST = Buffer.from('<html><body><h1>Bản thứ nhất</h1></body></html>', 'utf8');
const SECOND = Buffer.from('<html><body><h1>Bản đã sửa</h1></body></html>', 'utf8');

let dir: string;
let db: string;
let records: WarcRecord[];

function page(runId: number, fetchedAt: string, body: Buffer, overrides: Partial<PageToSave> = {}): PageToSave {
  return {
    runId,
    url: URL_A,
    finalUrl: URL_A,
    kind: 'article',
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8', 'content-length': String(body.length) },
    body,
    fetchedAt,
    requestHeaders: { 'user-agent': 'portal-archiver-test' },
    ...overrides,
  };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pa-provenance-'));
  db = path.join(dir, 'archive.sqlite');
  const archive = openArchive(db, { create: true });
  const run = startRun(archive, { seeds: [], now: new Date('2026-11-01T00:00:00Z') });
  // A, edited to B, then back to A: the third capture is a new page row, yet its payload is the first one's.
  savePage(archive, page(run, '2026-11-01T01:00:00.000Z', FIRST));
  savePage(archive, page(run, '2026-11-02T01:00:00.000Z', SECOND));
  savePage(archive, page(run, '2026-11-03T01:00:00.000Z', FIRST));
  // Recovered from a web archive: read in 2026, captured by the web archive in 2019; then read again.
  const recovered = { archiveUrl: MEMENTO, capturedAt: '2019-05-14T08:30:00.000Z' };
  savePage(archive, page(run, '2026-11-04T01:00:00.000Z', SECOND, { url: URL_B, finalUrl: URL_B, provenance: recovered }));
  savePage(archive, page(run, '2026-11-05T01:00:00.000Z', SECOND, { url: URL_B, finalUrl: URL_B, provenance: recovered }));
  archive.close();
  const out = path.join(dir, 'all.warc.gz');
  await exportCommand({ db, format: 'warc', out }, new PassThrough());
  records = readWarc(out);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const of = (uri: string) => records.filter((r) => r.header('WARC-Target-URI') === uri);

describe('revisits beyond repeat fetches', () => {
  it('writes a capture whose payload an earlier capture of the URI had, even after a change, as a revisit', () => {
    const main = of(URL_A).filter((r) => r.header('WARC-Type') !== 'request');
    expect(main.map((r) => r.header('WARC-Type'))).toEqual(['response', 'response', 'revisit']);
    const [first, , again] = main;
    expect(again!.header('WARC-Refers-To')).toBe(first!.header('WARC-Record-ID'));
    expect(again!.header('WARC-Refers-To-Date')).toBe('2026-11-01T01:00:00.000Z');
    expect(again!.header('WARC-Payload-Digest')).toBe(`sha256:${sha256(FIRST)}`);
    expect(parseHttp(again!.block).payload.length).toBe(0);
  });
});

describe('captures recovered from a web archive', () => {
  it('are dated by the web archive capture, name the memento, and have no request record', () => {
    const recovered = of(URL_B);
    expect(recovered.map((r) => r.header('WARC-Type'))).toEqual(['response', 'revisit']);
    const [response, revisit] = recovered;
    expect(response!.header('WARC-Date')).toBe('2019-05-14T08:30:00.000Z');
    expect(response!.header('WARC-Source-URI')).toBe(MEMENTO);
    expect(response!.header('WARC-Creation-Date')).toBe('2026-11-04T01:00:00.000Z');
    expect(response!.header('WARC-Concurrent-To')).toBeUndefined();
    expect(parseHttp(response!.block).payload.equals(SECOND)).toBe(true);
    // Read from the same memento again: the same capture, so a revisit of it, dated as it is.
    expect(revisit!.header('WARC-Date')).toBe('2019-05-14T08:30:00.000Z');
    expect(revisit!.header('WARC-Refers-To')).toBe(response!.header('WARC-Record-ID'));
    expect(revisit!.header('WARC-Source-URI')).toBe(MEMENTO);
    expect(revisit!.header('WARC-Creation-Date')).toBe('2026-11-05T01:00:00.000Z');
    expect(records[0]!.block.toString('utf8')).toContain('WARC-Source-URI');
  });

  it('are indexed under the web archive capture time, with the memento', async () => {
    const out = path.join(dir, 'all.cdxj');
    await exportCommand({ db, format: 'cdxj', out }, new PassThrough());
    const lines = fs.readFileSync(out, 'utf8').trimEnd().split('\n');
    const recovered = lines.filter((l) => l.includes('bai-2'));
    expect(recovered.map((l) => l.split(' ')[1])).toEqual(['20190514083000', '20190514083000']);
    const bytes = fs.readFileSync(path.join(dir, 'all.warc.gz'));
    for (const line of recovered) {
      const json = JSON.parse(line.slice(line.indexOf('{')));
      expect(json.archive_url).toBe(MEMENTO);
      expect(recordAt(bytes, Number(json.offset), Number(json.length)).header('WARC-Source-URI')).toBe(MEMENTO);
    }
  });

  it('select by the web archive capture time with --since/--until', async () => {
    const out = path.join(dir, 'old.warc.gz');
    const { count } = await exportCommand({ db, format: 'warc', out, until: '2020-01-01' }, new PassThrough());
    expect(count).toBe(2);
    const old = readWarc(out).slice(1);
    expect(old.every((r) => r.header('WARC-Target-URI') === URL_B)).toBe(true);
    // The first of them in the selection carries the payload.
    expect(old.map((r) => r.header('WARC-Type'))).toEqual(['response', 'revisit']);
  });
});
