import fs from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../src/extract/record.js';
import {
  CSV_COLUMNS,
  exportArchive,
  parseDateBound,
  parseFormat,
  writeCsv,
  writeJson,
  writeJsonl,
} from '../src/export/index.js';
import { ArchiveError, openArchive, saveArticle, startRun } from '../src/store/index.js';
import { parseCsv } from './helpers/csv.js';
import { SCHEMA_VERSION } from '../src/export/schema-version.js';

/** A record as JSON and JSONL write it: the schema version first. */
const exported = (r: ArticleRecord) => ({ schema_version: SCHEMA_VERSION, ...r });

const TRICKY_BODY =
  'Dòng đầu, có dấu phẩy.\nDòng hai có "ngoặc kép" và ""hai lần"".\r\nDòng ba\rsau CR; Ủy ban nhân dân huyện Vĩnh Tường.';

function makeRecord(n: number, overrides: Partial<ArticleRecord> = {}): ArticleRecord {
  return {
    url: `https://vinhtuong.vinhphuc.gov.vn/tin-tuc/bai-${n}.html`,
    site: 'vinhtuong.vinhphuc.gov.vn',
    category: 'Tin tức - Sự kiện',
    title: `Bài số ${n}: "Hội nghị", tổng kết`,
    published_at: `2023-08-${String(10 + n).padStart(2, '0')}T09:30:00+07:00`,
    summary: 'Tóm tắt ngắn.',
    body_text: TRICKY_BODY,
    images: [{ url: `https://vinhtuong.vinhphuc.gov.vn/img/${n}.jpg`, alt: `${n}.jpg`, caption: 'Chú thích, "ảnh"', sha256: null, size: null }],
    author: 'Trần Thị B',
    organization: null,
    related: [{ title: 'Tin khác', url: 'https://vinhtuong.vinhphuc.gov.vn/tin-tuc/khac.html' }],
    extractor: 'kooboo',
    source: 'live' as const,
    archive_url: null,
    fetched_at: '2026-11-26T23:01:02.123Z',
    captured_at: '2026-11-26T23:01:02.123Z',
    content_sha256: String(n).repeat(64).slice(0, 64),
    ...overrides,
  };
}


/** A sink that accepts one byte of buffer and completes each write asynchronously, forcing backpressure. */
function slowSink(): { stream: Writable; text: () => string; drains: () => number; overfilled: () => boolean } {
  const chunks: Buffer[] = [];
  let drains = 0;
  let overfilled = false;
  const stream = new Writable({
    highWaterMark: 1,
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk);
      // A writer that waits for 'drain' never has more than the chunk in flight buffered.
      if (stream.writableLength > chunk.length) overfilled = true;
      setImmediate(cb);
    },
  });
  stream.on('drain', () => drains++);
  return {
    stream,
    text: () => Buffer.concat(chunks).toString('utf8'),
    drains: () => drains,
    overfilled: () => overfilled,
  };
}

async function writeToFile(
  file: string,
  write: (out: NodeJS.WritableStream) => Promise<number>,
): Promise<{ count: number; bytes: Buffer }> {
  const out = fs.createWriteStream(file);
  const count = await write(out);
  out.end();
  await once(out, 'finish');
  return { count, bytes: fs.readFileSync(file) };
}

let dir: string;
let db: Database | undefined;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pa-'));
});

afterEach(() => {
  if (db?.open) db.close();
  db = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

// The summary has a bare LF and nothing else that would force quoting.
const records = [makeRecord(1, { summary: 'Dòng một\nDòng hai' }), makeRecord(2, { published_at: null, summary: null, images: [], related: [] })];

describe('writers', () => {
  it('JSON is an array that parses back to the records, one per line', async () => {
    const { count, bytes } = await writeToFile(path.join(dir, 'out.json'), (out) => writeJson(records, out));
    expect(count).toBe(2);
    const text = bytes.toString('utf8');
    expect(JSON.parse(text)).toEqual(records.map(exported));
    expect(text.split('\n')).toHaveLength(5);
    expect(text.startsWith(`[\n{"schema_version":${SCHEMA_VERSION},"url":`)).toBe(true);
    expect(text.endsWith('}\n]\n')).toBe(true);
  });

  it('JSON of nothing is an empty array', async () => {
    const { count, bytes } = await writeToFile(path.join(dir, 'e.json'), (out) => writeJson([], out));
    expect(count).toBe(0);
    expect(bytes.toString('utf8')).toBe('[]\n');
  });

  it('JSONL has one record per line in type field order, whatever order the input had', async () => {
    const scrambled = records.map((r) => {
      const { content_sha256, url, ...rest } = r;
      return { content_sha256, ...rest, url, extra: 'dropped' } as ArticleRecord;
    });
    const { count, bytes } = await writeToFile(path.join(dir, 'out.jsonl'), (out) => writeJsonl(scrambled, out));
    expect(count).toBe(2);
    const lines = bytes.toString('utf8').split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(lines.slice(0, 2).map((l) => JSON.parse(l))).toEqual(records.map(exported));
    expect(Object.keys(JSON.parse(lines[0]!))).toEqual([
      'schema_version', 'url', 'site', 'category', 'title', 'published_at', 'summary', 'body_text', 'images',
      'author', 'organization', 'related', 'extractor', 'source', 'archive_url', 'fetched_at', 'captured_at', 'content_sha256',
    ]);
    expect(lines[0]).toBe(JSON.stringify(exported(records[0]!)));
  });

  it('CSV reads back with RFC 4180 rules: header, newlines, quotes, commas, Vietnamese', async () => {
    const { count, bytes } = await writeToFile(path.join(dir, 'out.csv'), (out) => writeCsv(records, out));
    expect(count).toBe(2);
    expect(bytes[0]).toBe('u'.charCodeAt(0));
    const rows = parseCsv(bytes.toString('utf8'));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(3);
    const [first, second] = [rows[1]!, rows[2]!];
    const get = (row: string[], col: (typeof CSV_COLUMNS)[number]) => row[CSV_COLUMNS.indexOf(col)];
    expect(get(first, 'body_text')).toBe(TRICKY_BODY);
    expect(get(first, 'title')).toBe('Bài số 1: "Hội nghị", tổng kết');
    expect(get(first, 'summary')).toBe('Dòng một\nDòng hai');
    expect(get(first, 'organization')).toBe('');
    expect(get(first, 'image_count')).toBe('1');
    expect(JSON.parse(get(first, 'images')!)).toEqual(records[0]!.images);
    expect(JSON.parse(get(first, 'related')!)).toEqual(records[0]!.related);
    expect(get(first, 'published_at')).toBe('2023-08-11T09:30:00+07:00');
    expect(get(second, 'published_at')).toBe('');
    expect(get(second, 'summary')).toBe('');
    expect(get(second, 'image_count')).toBe('0');
    expect(get(second, 'images')).toBe('[]');
    expect(get(second, 'content_sha256')).toBe(records[1]!.content_sha256);
  });

  it('CSV with bom starts with EF BB BF', async () => {
    const { bytes } = await writeToFile(path.join(dir, 'bom.csv'), (out) => writeCsv(records, out, { bom: true }));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(parseCsv(bytes.subarray(3).toString('utf8'))[0]).toEqual([...CSV_COLUMNS]);
  });

  it('every writer honours backpressure and still writes everything', async () => {
    const many = Array.from({ length: 450 }, (_, i) => makeRecord(i, { url: `https://a.gov.vn/${i}` }));
    const json = slowSink();
    expect(await writeJson(many, json.stream)).toBe(450);
    expect(JSON.parse(json.text())).toEqual(many.map(exported));
    expect(json.drains()).toBeGreaterThan(0);
    expect(json.overfilled()).toBe(false);

    const jsonl = slowSink();
    expect(await writeJsonl(many, jsonl.stream)).toBe(450);
    expect(jsonl.text().trimEnd().split('\n').map((l) => JSON.parse(l))).toEqual(many.map(exported));
    expect(jsonl.drains()).toBeGreaterThan(0);
    expect(jsonl.overfilled()).toBe(false);

    const csv = slowSink();
    expect(await writeCsv(many, csv.stream)).toBe(450);
    const rows = parseCsv(csv.text());
    expect(rows).toHaveLength(451);
    expect(rows.slice(1).map((r) => r[0])).toEqual(many.map((r) => r.url));
    expect(csv.drains()).toBeGreaterThan(0);
    expect(csv.overfilled()).toBe(false);
  });

  it('rejects when the output stream fails instead of hanging', async () => {
    const broken = new Writable({
      highWaterMark: 1,
      write(_chunk, _enc, cb) {
        setImmediate(() => cb(new Error('disk full')));
      },
    });
    broken.on('error', () => {});
    await expect(writeJsonl(records, broken)).rejects.toThrow('disk full');
  });
});

describe('parseFormat', () => {
  it('accepts the three formats and rejects others with one clear line', () => {
    expect(parseFormat('json')).toBe('json');
    expect(parseFormat('jsonl')).toBe('jsonl');
    expect(parseFormat('CSV')).toBe('csv');
    expect(() => parseFormat('xml')).toThrowError(ArchiveError);
    expect(() => parseFormat('xml')).toThrowError('unknown format "xml": expected json, jsonl, csv, warc, cdxj or wacz');
  });
});

describe('parseDateBound (Vietnam time, whatever the machine zone)', () => {
  it('runs under a zone other than Vietnam', () => {
    expect(process.env.TZ).toBe('America/New_York');
    expect(new Date(2023, 7, 11).getTimezoneOffset()).not.toBe(-420);
  });

  it('reads a calendar day in UTC+07:00', () => {
    const since = parseDateBound('2023-08-11', 'since');
    const until = parseDateBound('2023-08-11', 'until');
    expect(since.toISOString()).toBe('2023-08-10T17:00:00.000Z');
    expect(until.toISOString()).toBe('2023-08-11T16:59:59.999Z');
    expect(since.getTime()).toBe(Date.parse('2023-08-11T00:00:00+07:00'));
    expect(since.getTime() > Date.parse('2023-08-10T23:59:59+07:00')).toBe(true);
    expect(until.getTime()).toBe(Date.parse('2023-08-11T23:59:59.999+07:00'));
  });

  it('reads a month, leap years included', () => {
    expect(parseDateBound('2024-02', 'since').toISOString()).toBe('2024-01-31T17:00:00.000Z');
    expect(parseDateBound('2024-02', 'until').toISOString()).toBe('2024-02-29T16:59:59.999Z');
    expect(parseDateBound('2023-12', 'until').toISOString()).toBe('2023-12-31T16:59:59.999Z');
    expect(parseDateBound('2024-02-29', 'until').toISOString()).toBe('2024-02-29T16:59:59.999Z');
  });

  it('takes full timestamps at their own offset', () => {
    expect(parseDateBound('2023-08-11T14:46:47+07:00', 'since').toISOString()).toBe('2023-08-11T07:46:47.000Z');
    expect(parseDateBound('2023-08-11T07:46:47.5Z', 'until').toISOString()).toBe('2023-08-11T07:46:47.500Z');
    expect(parseDateBound('2023-08-11T00:00-05:00', 'since').toISOString()).toBe('2023-08-11T05:00:00.000Z');
  });

  it('rejects everything else with one clear line', () => {
    for (const bad of ['', 'yesterday', '2023-02-29', '2023-13', '2023-8-1', '11/08/2023', '2023-08-11T10:00:00', '2023-08-11T25:00:00Z']) {
      expect(() => parseDateBound(bad, 'since')).toThrowError(ArchiveError);
    }
    expect(() => parseDateBound('hôm qua', 'since')).toThrowError(
      'invalid --since date "hôm qua": expected YYYY-MM-DD or an ISO 8601 timestamp',
    );
    expect(() => parseDateBound('x', 'until')).toThrowError(/^invalid --until date "x"/);
  });
});

describe('exportArchive', () => {
  function archiveWith(recs: ArticleRecord[]): Database {
    db = openArchive(path.join(dir, 'a.sqlite'), { create: true });
    const runId = startRun(db, { seeds: [], now: new Date() });
    for (const r of recs) saveArticle(db, r, { runId });
    return db;
  }

  it('exports a Vietnam-day window from the archive', async () => {
    const inside = makeRecord(1, { url: 'https://a.gov.vn/in', published_at: '2023-08-11T00:00:00+07:00' });
    const before = makeRecord(2, { url: 'https://a.gov.vn/before', published_at: '2023-08-10T23:59:59+07:00' });
    const lastInstant = makeRecord(3, { url: 'https://a.gov.vn/last', published_at: '2023-08-11T23:59:59.999+07:00' });
    const after = makeRecord(4, { url: 'https://a.gov.vn/after', published_at: '2023-08-12T00:00:00+07:00' });
    const other = makeRecord(5, { url: 'https://b.gov.vn/in', site: 'b.gov.vn', published_at: '2023-08-11T12:00:00+07:00' });
    const d = archiveWith([after, other, lastInstant, before, inside]);
    const window = { since: parseDateBound('2023-08-11', 'since'), until: parseDateBound('2023-08-11', 'until') };

    const { count, bytes } = await writeToFile(path.join(dir, 'w.jsonl'), async (out) => {
      const result = await exportArchive(d, { format: 'jsonl', site: 'vinhtuong.vinhphuc.gov.vn', ...window }, out);
      return result.count;
    });
    expect(count).toBe(2);
    expect(bytes.toString('utf8').trimEnd().split('\n').map((l) => JSON.parse(l))).toEqual([inside, lastInstant].map(exported));

    const all = await writeToFile(path.join(dir, 'w.json'), async (out) => (await exportArchive(d, { format: 'json', ...window }, out)).count);
    expect(all.count).toBe(3);
    expect(JSON.parse(all.bytes.toString('utf8'))).toEqual([inside, other, lastInstant].map(exported));

    const site = await writeToFile(path.join(dir, 'w.csv'), async (out) =>
      (await exportArchive(d, { format: 'csv', site: 'b.gov.vn', bom: true }, out)).count,
    );
    expect(site.count).toBe(1);
    expect([...site.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(parseCsv(site.bytes.subarray(3).toString('utf8'))[1]![0]).toBe('https://b.gov.vn/in');
  });

  it('refuses --bom for JSON', async () => {
    const d = archiveWith([]);
    const sink = slowSink();
    await expect(exportArchive(d, { format: 'json', bom: true }, sink.stream)).rejects.toThrowError(ArchiveError);
  });
});
