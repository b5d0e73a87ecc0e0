import fs from 'node:fs';
import { once } from 'node:events';
import { Writable } from 'node:stream';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../src/extract/record.js';
import { exportArchive, writeCsv, writeJson, writeJsonl, type ExportOptions } from '../src/export/index.js';
import { iterateRecords, openArchive, saveArticle, startRun, type RecordFilter } from '../src/store/index.js';
import { iterateRecordText, recordTextSql, type RecordTextFormat } from '../src/store/record-text.js';
import { runCli } from './helpers/cli.js';

// SQLite builds the JSONL, JSON and CSV of the newest versions (src/store/record-text.ts). The oracle here is the
// other path: the records read into JavaScript and written by JSON.stringify and csv-stringify. Both must give the
// same bytes on text chosen to break one of them.

const CONTROL = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('') + '\u007f';
const HOSTILE = [
  `Ủy ban nhân dân huyện, "Tủa Chùa"; \\ gạch ngược \\" và /`,
  `dòng\nmới\r\nCRLF\rCR\tTab ${CONTROL}`,
  '=SUM(A1:A2)',
  '+84 215 3845 123',
  '-Trích yếu',
  '@mention',
  '\tẩn công thức',
  '\r=ẩn',
  'emoji 🇻🇳 𝕍 và U+2028\u2028 U+2029\u2029',
  // NFD: a base letter and combining marks, as some portals store them.
  'Vie\u0323\u0302t Nam',
  '',
  'không có gì đặc biệt',
];

function record(n: number, text: string, overrides: Partial<ArticleRecord> = {}): ArticleRecord {
  return {
    url: `https://tuachua.dienbien.gov.vn/Tin-tuc/bai-${n}`,
    site: n % 2 === 0 ? 'tuachua.dienbien.gov.vn' : 'muongcha.dienbien.gov.vn',
    category: n % 3 === 0 ? null : text,
    title: `${text} ${n}`,
    // Out of insertion order, some undated: the export order is the index's, not the rows'.
    published_at: n % 4 === 0 ? null : `202${n % 5}-0${1 + (n % 9)}-1${n % 10}T0${n % 10}:30:00+07:00`,
    summary: n % 5 === 0 ? null : text,
    body_text: `${text}\n\n${text}`,
    images:
      n % 3 === 0
        ? []
        : [
            { url: `https://tuachua.dienbien.gov.vn/img/${n}.jpg`, alt: text, caption: null, sha256: null, size: null },
            { url: `https://tuachua.dienbien.gov.vn/img/${n}b.jpg`, alt: null, caption: text, sha256: 'ab'.repeat(32), size: 1234 + n },
          ],
    author: n % 2 === 0 ? text : null,
    organization: n % 3 === 1 ? text : null,
    related: n % 4 === 1 ? [] : [{ title: text, url: `https://tuachua.dienbien.gov.vn/Tin-tuc/khac-${n}` }],
    extractor: n % 2 === 0 ? 'kooboo' : 'generic',
    source: n % 3 === 2 ? 'archive' : 'live',
    archive_url: n % 3 === 2 ? `http://127.0.0.1:9/web/20240101000000id_/https://tuachua.dienbien.gov.vn/Tin-tuc/bai-${n}` : null,
    fetched_at: `2026-11-2${n % 10}T23:01:02.123Z`,
    captured_at: `2026-11-2${n % 10}T23:01:02.123Z`,
    content_sha256: String(n % 10).repeat(64),
    ...overrides,
  };
}

let dir: string;
let db: Database;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pa-text-'));
  db = openArchive(path.join(dir, 'a.sqlite'), { create: true });
  const runId = startRun(db, { seeds: ['https://tuachua.dienbien.gov.vn/'], now: new Date('2026-11-30T00:00:00Z') });
  HOSTILE.forEach((text, i) => {
    for (let k = 0; k < 3; k++) saveArticle(db, record(i * 3 + k, text), { runId });
  });
});

afterEach(() => {
  if (db.open) db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function bytesOf(write: (out: NodeJS.WritableStream) => Promise<unknown>): Promise<Buffer> {
  const file = path.join(dir, `out-${Math.random()}`);
  const out = fs.createWriteStream(file);
  await write(out);
  out.end();
  await once(out, 'finish');
  return fs.readFileSync(file);
}

function oracle(opts: ExportOptions, filter: RecordFilter): (out: NodeJS.WritableStream) => Promise<number> {
  const fields = opts.fields ? { fields: opts.fields } : {};
  return (out) => {
    const records = iterateRecords(db, filter);
    if (opts.format === 'json') return writeJson(records, out, fields);
    if (opts.format === 'jsonl') return writeJsonl(records, out, fields);
    return writeCsv(records, out, { bom: opts.bom ?? false, excel: opts.excel ?? false, ...fields });
  };
}

const CASES: [string, ExportOptions, RecordFilter][] = [
  ['jsonl', { format: 'jsonl' }, {}],
  ['json', { format: 'json' }, {}],
  ['csv', { format: 'csv' }, {}],
  ['csv --excel', { format: 'csv', excel: true }, {}],
  ['csv --bom', { format: 'csv', bom: true }, {}],
  ['jsonl --fields', { format: 'jsonl', fields: ['images', 'title', 'version', 'captured_at', 'related'] }, {}],
  ['csv --fields', { format: 'csv', fields: ['image_count', 'body_text', 'images', 'url'] }, {}],
  ['json --site', { format: 'json', site: 'tuachua.dienbien.gov.vn' }, { site: 'tuachua.dienbien.gov.vn' }],
  ['json, nothing selected', { format: 'json', site: 'nowhere.gov.vn' }, { site: 'nowhere.gov.vn' }],
];

describe('exports built by SQLite', () => {
  it.each(CASES)('%s: the same bytes as JSON.stringify and csv-stringify write', async (_name, opts, filter) => {
    const fast = await bytesOf((out) => exportArchive(db, opts, out));
    const slow = await bytesOf(oracle(opts, filter));
    expect(fast.length).toBeGreaterThan(0);
    expect(fast.equals(slow)).toBe(true);
  });

  it('every hostile text survives a JSONL round trip, in export order', async () => {
    const lines = (await bytesOf((out) => exportArchive(db, { format: 'jsonl' }, out))).toString('utf8').split('\n');
    expect(lines.pop()).toBe('');
    const parsed = lines.map((l) => JSON.parse(l) as ArticleRecord);
    expect(new Set(parsed.map((r) => r.title.replace(/ \d+$/, '')))).toEqual(new Set(HOSTILE));
    const times = parsed.map((r) => (r.published_at === null ? Infinity : Date.parse(r.published_at)));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(parsed.find((r) => r.url.endsWith('bai-4'))!.body_text).toBe(`${HOSTILE[1]}\n\n${HOSTILE[1]}`);
  });

  it('arrays come out in position order, whatever order their rows were written in', async () => {
    const id = db.prepare("SELECT id FROM articles WHERE url LIKE '%/bai-7'").pluck().get() as number;
    const titles = ['một', 'hai', 'ba', 'bốn', 'năm'];
    db.prepare('DELETE FROM article_related WHERE article_id = ?').run(id);
    const insert = db.prepare('INSERT INTO article_related (article_id, position, title, url) VALUES (?, ?, ?, ?)');
    for (const position of [3, 0, 4, 1, 2]) insert.run(id, position, titles[position], `https://tuachua.dienbien.gov.vn/r/${position}`);
    const lines = (await bytesOf((out) => exportArchive(db, { format: 'jsonl' }, out))).toString('utf8').trim().split('\n');
    const record = lines.map((l) => JSON.parse(l) as ArticleRecord).find((r) => r.url.endsWith('/bai-7'))!;
    expect(record.related.map((r) => r.title)).toEqual(titles);
    const csv = await bytesOf((out) => exportArchive(db, { format: 'csv', fields: ['url', 'related'] }, out));
    expect(csv.equals(await bytesOf(oracle({ format: 'csv', fields: ['url', 'related'] }, {})))).toBe(true);
  });

  it('the arrays are read through their primary keys, unsorted, and the rows in index order', () => {
    for (const format of [
      { kind: 'json' as const, fields: ['images', 'related'], constants: {} },
      { kind: 'csv' as const, columns: ['image_count', 'images', 'related'], excel: false },
    ]) {
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${recordTextSql('', format)}`).all() as { detail: string }[])
        .map((p) => p.detail)
        .join('\n');
      expect(plan).toContain('SEARCH article_images USING INDEX sqlite_autoindex_article_images_1 (article_id=?)');
      expect(plan).toContain('SEARCH article_related USING INDEX sqlite_autoindex_article_related_1 (article_id=?)');
      expect(plan).toContain('articles_export_order');
      expect(plan).not.toContain('TEMP B-TREE');
    }
  });

  it('the installed CLI exports a large selection: the same files as the oracle writes', async () => {
    // Thousands of records, every hostile text among them, through the command's own connection settings.
    const runId = startRun(db, { seeds: ['https://tuachua.dienbien.gov.vn/'], now: new Date('2026-11-30T00:00:00Z') });
    db.transaction(() => {
      for (let n = 100; n < 2200; n++) saveArticle(db, record(n, HOSTILE[n % HOSTILE.length]!), { runId });
    })();
    const file = path.join(dir, 'a.sqlite');
    for (const [format, ext] of [['jsonl', 'jsonl'], ['csv', 'csv']] as const) {
      const out = path.join(dir, `cli.${ext}`);
      const r = await runCli(['export', '--db', file, '--format', format, '--out', out]);
      expect(r.code, r.stderr).toBe(0);
      const expected = await bytesOf(oracle({ format }, {}));
      expect(fs.readFileSync(out).equals(expected)).toBe(true);
    }
  });

  it('an export is one state of the archive, whatever a crawl commits while it writes', async () => {
    const runId = startRun(db, { seeds: ['https://tuachua.dienbien.gov.vn/'], now: new Date('2026-11-30T00:00:00Z') });
    db.transaction(() => {
      for (let n = 100; n < 1100; n++) saveArticle(db, record(n, HOSTILE[n % HOSTILE.length]!), { runId });
    })();
    const before = (db.prepare('SELECT count(*) FROM articles').pluck().get() as number);
    const crawl = openArchive(path.join(dir, 'a.sqlite'), { create: false });
    let committed = false;
    const chunks: Buffer[] = [];
    // Takes one chunk at a time (a full buffer at every write, so the export waits for 'drain' between its 64 KB
    // batches); after the first, another connection commits: every title changed and one article more.
    const out = new Writable({
      highWaterMark: 1,
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        if (!committed) {
          committed = true;
          crawl.prepare(`UPDATE articles SET title = 'đã sửa'`).run();
          saveArticle(crawl, record(5000, 'mới'), { runId });
        }
        setImmediate(done);
      },
    });
    const { count } = await exportArchive(db, { format: 'jsonl' }, out);
    crawl.close();
    expect(committed).toBe(true);
    expect(chunks.length).toBeGreaterThan(3);
    const lines = Buffer.concat(chunks).toString('utf8').trim().split('\n');
    expect(count).toBe(before);
    expect(lines).toHaveLength(before);
    expect(lines.filter((l) => (JSON.parse(l) as { title: string }).title === 'đã sửa')).toEqual([]);
    // The commit went through: the next export sees it.
    const after = (await bytesOf((o) => exportArchive(db, { format: 'jsonl' }, o))).toString('utf8').trim().split('\n');
    expect(after).toHaveLength(before + 1);
    expect(after.filter((l) => (JSON.parse(l) as { title: string }).title === 'đã sửa')).toHaveLength(before);
  });

  it('reads in index order: the export does not sort the archive', () => {
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT url FROM articles ORDER BY published_ts IS NULL, published_ts, url`)
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toContain('articles_export_order');
    expect(plan.map((p) => p.detail).join('\n')).not.toContain('TEMP B-TREE');
  });
});
