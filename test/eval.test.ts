import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExtractError } from '../src/extract/errors.js';
import type { ExtractedArticle } from '../src/extract/record.js';
import { formatReport, runEval } from '../src/eval/run.js';
import { collapse, metrics, quantile, scorePage } from '../src/eval/score.js';

// A tiny dev set in the shape of the trafilatura evaluation set, made here: tests never read ../shared.
let dir: string;

const page = (body: string) =>
  `<html><head><title>Tin ngắn - Xã</title></head><body><nav><a href="/">Trang chủ</a></nav><h1>Tin ngắn</h1>${body}<footer>Bản quyền thuộc UBND xã</footer></body></html>`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'eval-test-'));
  mkdirSync(join(dir, 'html'));
  writeFileSync(join(dir, 'html', 'a.html.gz'), gzipSync(page('<p>Alpha beta gamma.</p>')));
  writeFileSync(join(dir, 'html', 'b.html'), page('<p>Delta</p>'));
  writeFileSync(join(dir, 'html', 'c.html.gz'), gzipSync(page('<p>Refused page.</p>')));
  const data = {
    'https://x.example/a': { file: 'html/a.html.gz', with: ['alpha  beta', 'Alpha beta', 'missing one'], without: ['Bản quyền'], title: 'Tin ngắn', date: '2024-01-02' },
    'https://x.example/b': { file: 'html/b.html', with: ['Delta'], without: ['Trang chủ', 'Delta'], author: 'Ai Đó' },
    'https://x.example/c': { file: 'html/c.html.gz', with: ['Refused'], without: ['nothing'] },
  };
  writeFileSync(join(dir, 'evaldata.json'), JSON.stringify(data));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in extractor: the page's `<p>` text as the body, so the counts below follow from the snippets alone. */
function fake(html: string, url: string): ExtractedArticle {
  if (url.endsWith('/c')) throw new ExtractError('not an article page: test', url);
  const body = /<p>(.*?)<\/p>/.exec(html)![1]!;
  return {
    url, site: 'x.example', category: null, title: 'Tin ngắn', published_at: url.endsWith('/a') ? '2024-01-02T08:00:00+07:00' : null,
    summary: body, body_text: `${body}\n\n  Bản\nquyền`.slice(0, url.endsWith('/a') ? undefined : body.length), images: [],
    author: null, organization: null, related: [], extractor: 'test',
  };
}

describe('eval scoring (trafilatura evaluation method)', () => {
  it('counts snippets found in the whitespace-collapsed text', () => {
    expect(collapse(' a \n\n b\tc ')).toBe('a b c');
    const s = scorePage('Alpha\n\nbeta gamma', { with: ['Alpha beta', 'delta'], without: ['gamma', 'zeta'] });
    expect([s.tp, s.fn, s.fp, s.tn]).toEqual([1, 1, 1, 1]);
    expect(s.missing).toEqual(['delta']);
    expect(s.unwanted).toEqual(['gamma']);
  });

  it('counts a refused page as all its `with` snippets missed and its `without` snippets avoided', () => {
    const s = scorePage(null, { with: ['a', 'b'], without: ['c'] });
    expect([s.tp, s.fn, s.fp, s.tn]).toEqual([0, 2, 0, 1]);
  });

  it('computes precision, recall and F1 from counts summed over pages', () => {
    const m = metrics({ tp: 6, fp: 2, fn: 3, tn: 9 });
    expect(m.precision).toBeCloseTo(0.75);
    expect(m.recall).toBeCloseTo(6 / 9);
    expect(m.f1).toBeCloseTo(12 / 17);
    expect(quantile([5, 1, 3, 2, 4], 0.5)).toBe(3);
    expect(quantile([5, 1, 3, 2, 4], 0.95)).toBe(5);
  });

  it('scores a directory: gzip and plain pages, refusals, and the title, author and date checks', () => {
    const report = runEval(dir, fake);
    // a: 'alpha  beta' no (case), 'Alpha beta' yes, 'missing one' no; 'Bản quyền' found across the line break.
    // b: 'Delta' yes; 'Trang chủ' no, 'Delta' yes. c: refused.
    expect(report.counts).toEqual({ tp: 2, fn: 3, fp: 2, tn: 2 });
    expect(report.refused).toBe(1);
    expect(report.body.f1).toBeCloseTo(4 / 9);
    expect(report.title).toEqual({ checked: 1, correct: 1 });
    expect(report.author).toEqual({ checked: 1, correct: 0 });
    expect(report.date).toEqual({ checked: 1, correct: 1 });
    const text = formatReport(report, 2);
    expect(text).toMatch(/F1 0\.444/);
    expect(text).toMatch(/median [\d.]+ ms\/page/);
    expect(text).toMatch(/missing: {2}missing one/);
  });

  it('runs the generic extractor by default', () => {
    const report = runEval(dir);
    expect(report.pages).toBe(3);
    expect(report.results.every((r) => r.record === null || r.record.extractor === 'generic')).toBe(true);
  });
});
