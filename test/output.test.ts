import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchWriter } from '../src/export/write.js';
import type { ArticleRecord } from '../src/extract/record.js';
import { openArchive, saveArticle, startRun } from '../src/store/index.js';
import { BIN } from './helpers/cli.js';

// Where output goes: a file through two reused buffers, any other stream through fresh ones, a pipe whose reader
// leaves early, and a target that is not a regular file.

/** Pieces of every size from 1 byte to 2.5 MB (larger than a batch), each of its own bytes, in a fixed order. */
function pieces(): Buffer[] {
  const sizes = [1, 17, 4093, 65_536, 700_000, 3, 1_048_576, 1_048_577, 90_000, 2_500_000, 12, 333_333, 1_000_000, 5];
  return sizes.map((size, i) => Buffer.alloc(size, (i * 37 + 11) % 251).fill(i % 7, 0, Math.min(size, 3)));
}

async function writeAll(out: NodeJS.WritableStream): Promise<{ offset: number }> {
  const writer = new BatchWriter(out);
  for (const [i, piece] of pieces().entries()) {
    await writer.push(piece);
    // Text between the pieces: converted and copied in order, not counted in `offset`.
    if (i % 4 === 3) await writer.pushText(`đoạn ${i}\n`);
  }
  await writer.flush();
  return { offset: writer.offset };
}

function expected(): Buffer {
  const parts: Buffer[] = [];
  for (const [i, piece] of pieces().entries()) {
    parts.push(piece);
    if (i % 4 === 3) parts.push(Buffer.from(`đoạn ${i}\n`, 'utf8'));
  }
  return Buffer.concat(parts);
}

function record(n: number): ArticleRecord {
  return {
    url: `https://tuachua.dienbien.gov.vn/TinTuc/View/bai-${n}`,
    site: 'tuachua.dienbien.gov.vn',
    category: 'Tin tức',
    title: `Bài ${n}: xã tổ chức hội nghị`,
    published_at: `2024-0${(n % 9) + 1}-1${n % 10}T08:00:00+07:00`,
    summary: 'Tóm tắt của bài.',
    body_text: `Nội dung bài ${n}. `.repeat(80),
    images: [],
    author: null,
    organization: null,
    related: [],
    extractor: 'kooboo',
    source: 'live',
    archive_url: null,
    fetched_at: '2026-12-01T00:00:00.000Z',
    captured_at: '2026-12-01T00:00:00.000Z',
    content_sha256: String(n).padStart(64, '0'),
  };
}

/** Runs the CLI with stdout a pipe its reader closes after the first chunk; resolves with the exit code and stderr. */
function runAndCloseEarly(args: string[]): Promise<{ code: number | null; stderr: string; got: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let got = 0;
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.once('data', (d: Buffer) => {
      got = d.length;
      child.stdout.destroy();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr, got }));
  });
}

describe('output', () => {
  let dir: string;
  let db: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pa-output-'));
    db = path.join(dir, 'a.sqlite');
    const archive = openArchive(db, { create: true });
    const runId = startRun(archive, { seeds: ['https://tuachua.dienbien.gov.vn/'], now: new Date('2026-12-01T00:00:00Z') });
    // About 2 MB of JSONL: far more than a pipe holds, so the writer is still writing when its reader leaves.
    archive.transaction(() => {
      for (let n = 0; n < 1200; n++) saveArticle(archive, record(n), { runId });
    })();
    archive.close();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes a file byte for byte through its two reused buffers', async () => {
    const file = path.join(dir, 'pieces.bin');
    const out = fs.createWriteStream(file);
    const { offset } = await writeAll(out);
    out.end();
    await finished(out);
    const want = expected();
    expect(fs.statSync(file).size).toBe(want.length);
    expect(fs.readFileSync(file).equals(want)).toBe(true);
    expect(offset).toBe(pieces().reduce((n, p) => n + p.length, 0));
  });

  it('gives any other stream chunks of its own, which it may keep after calling back', async () => {
    // A collector that keeps every chunk it is handed, as a PassThrough into a ZIP entry does until it is read: a
    // buffer filled again after the call-back would change what it already holds.
    const kept: Buffer[] = [];
    const out = new Writable({
      highWaterMark: 1,
      write(chunk: Buffer, _encoding, done) {
        kept.push(chunk);
        setImmediate(done);
      },
    });
    await writeAll(out);
    expect(kept.length).toBeGreaterThan(10);
    expect(Buffer.concat(kept).equals(expected())).toBe(true);
  });

  it('stops quietly with 141 when the reader of stdout goes away (export | head)', async () => {
    const exported = await runAndCloseEarly(['export', '--db', db, '--format', 'jsonl']);
    expect(exported.got).toBeGreaterThan(0);
    expect(exported).toMatchObject({ code: 141, stderr: '' });
    // A command that writes its output in pieces of its own (search), the same.
    const searched = await runAndCloseEarly(['search', 'hoi nghi', '--db', db, '--limit', '1200', '--format', 'jsonl']);
    expect(searched).toMatchObject({ code: 141, stderr: '' });
  });

  it.skipIf(process.platform === 'win32')('writes --out straight into a named pipe, leaving it a pipe', async () => {
    const fifo = path.join(dir, 'export.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = fs.createReadStream(fifo);
    const read: Buffer[] = [];
    reader.on('data', (d) => read.push(d as Buffer));
    const done = finished(reader);
    const child = spawn(process.execPath, [BIN, 'export', '--db', db, '--format', 'jsonl', '--out', fifo], { stdio: 'ignore' });
    const code = await new Promise((resolve) => child.on('close', resolve));
    await done;
    expect(code).toBe(0);
    expect(fs.statSync(fifo).isFIFO()).toBe(true);
    const lines = Buffer.concat(read).toString('utf8').trim().split('\n');
    expect(lines).toHaveLength(1200);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);

    // The report's --out takes the same path.
    const html: Buffer[] = [];
    const second = fs.createReadStream(fifo);
    second.on('data', (d) => html.push(d as Buffer));
    const reported = finished(second);
    const report = spawn(process.execPath, [BIN, 'report', '--db', db, '--out', fifo], { stdio: 'ignore' });
    expect(await new Promise((resolve) => report.on('close', resolve))).toBe(0);
    await reported;
    expect(fs.statSync(fifo).isFIFO()).toBe(true);
    expect(Buffer.concat(html).toString('utf8')).toMatch(/^<!DOCTYPE html>/i);
  });
});
