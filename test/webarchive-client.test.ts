import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureBound } from '../src/cli/recover.js';
import type { Clock } from '../src/fetch/clock.js';
import { BANNER_TEXTS, SOFT_404_TEXT, startWebArchive, type WebArchive } from '../src/replica/webarchive/index.js';
import { parseCdx, wantedRow } from '../src/source/archive/cdx.js';
import { archiveEndpoints } from '../src/source/archive/endpoints.js';
import { foldKey, onPortal } from '../src/source/archive/fold.js';
import { isSoftNotFound, rewrittenMarker } from '../src/source/archive/page-checks.js';
import { RateGate } from '../src/source/archive/politeness.js';
import { originalHeaders } from '../src/source/archive/replay.js';

describe('CDX answers in every shape', () => {
  const row = ['vn,gov,dienbien,tuachua)/tintuc/view/a', '20230504020013', 'http://tuachua.dienbien.gov.vn:80/TinTuc/View/a', 'text/html', '200', 'Q4YULN754FHV2U6Q5JUT6Q2P57WEWNNY'];

  it('reads Wayback JSON with its header row, and the resume key after an empty row', () => {
    const body = `[["urlkey","timestamp","original","mimetype","statuscode","digest"],\n${JSON.stringify(row)},\n[],\n["vn%2Cgov%29%2F+2023050402001%3A"]]\n`;
    expect(parseCdx(body)).toEqual({
      rows: [{ urlkey: row[0], timestamp: row[1], original: row[2], mimetype: 'text/html', statuscode: '200', digest: row[5] }],
      resumeKey: 'vn%2Cgov%29%2F+2023050402001%3A',
    });
    // Columns in another order are read by the header, not by position.
    const swapped = `[["original","timestamp","statuscode","mimetype","digest","urlkey"],\n["${row[2]}","${row[1]}","301","text/html","-","${row[0]}"]]`;
    expect(parseCdx(swapped).rows[0]).toMatchObject({ original: row[2], statuscode: '301', digest: '-' });
    expect(parseCdx('[]\n')).toEqual({ rows: [], resumeKey: null });
  });

  it('reads plain text, with the resume key after a blank line', () => {
    const body = `${row.join(' ')}\n${row.join(' ').replace('20230504020013', '20230504020014')}\n\nvn%2Cgov%29%2F+2023050402001%3A\n`;
    const page = parseCdx(body);
    expect(page.rows.map((r) => r.timestamp)).toEqual(['20230504020013', '20230504020014']);
    expect(page.resumeKey).toBe('vn%2Cgov%29%2F+2023050402001%3A');
    expect(parseCdx(row.join(' ') + '\n').resumeKey).toBe(null);
  });

  it('reads pywb NDJSON and CDXJ under their own field names', () => {
    const o = { urlkey: row[0], timestamp: row[1], url: row[2], mime: 'warc/revisit', status: '-', digest: row[5], offset: '12', filename: 'x.warc.gz' };
    expect(parseCdx(`${JSON.stringify(o)}\n`).rows[0]).toMatchObject({ original: row[2], mimetype: 'warc/revisit', statuscode: '-' });
    const { urlkey, timestamp, ...rest } = o;
    expect(parseCdx(`${urlkey} ${timestamp} ${JSON.stringify(rest)}\n`).rows[0]).toMatchObject({ urlkey, timestamp, original: row[2] });
    expect(parseCdx('')).toEqual({ rows: [], resumeKey: null });
  });

  it('keeps HTML pages answered 200, redirects and revisits, nothing else', () => {
    const r = (mimetype: string, statuscode: string) => wantedRow({ urlkey: '', timestamp: '20230101000000', original: 'x', mimetype, statuscode, digest: '' });
    expect([r('text/html', '200'), r('text/html', '301'), r('warc/revisit', '-'), r('application/xhtml+xml', '200')]).toEqual([true, true, true, true]);
    expect([r('text/html', '404'), r('image/jpeg', '200'), r('text/plain', '200'), r('text/html', '503')]).toEqual([false, false, false, false]);
  });
});

describe('web archive URLs', () => {
  it('tells a Wayback base from a pywb collection and reads memento URLs back', () => {
    const ia = archiveEndpoints('https://web.archive.org/');
    expect(ia.cdxUrl).toBe('https://web.archive.org/cdx/search/cdx');
    expect(ia.memento('20230504020013', 'http://a.vn/x?y=1')).toBe('https://web.archive.org/web/20230504020013id_/http://a.vn/x?y=1');
    expect(ia.parseMemento('https://web.archive.org/web/20230504020013id_/http:/a.vn/x')).toEqual({ timestamp: '20230504020013', flag: 'id_', original: 'http://a.vn/x' });
    expect(ia.parseMemento('https://example.org/web/20230504020013/http://a.vn/')).toBe(null);
    const pywb = archiveEndpoints('https://arquivo.pt/wayback');
    expect(pywb.flavour).toBe('pywb');
    expect(pywb.cdxUrl).toBe('https://arquivo.pt/wayback/cdx');
    expect(pywb.memento('2023', 'https://a.vn/')).toBe('https://arquivo.pt/wayback/2023id_/https://a.vn/');
    expect(() => archiveEndpoints('ftp://x/')).toThrow(/only http and https/);
  });

  it('folds the spellings archives fold, into the portal origin', () => {
    expect(foldKey('https://www.Tuachua.dienbien.gov.vn:443/TinTuc/View/A?PageIndex=2')).toBe(foldKey('http://tuachua.dienbien.gov.vn/tintuc/view/a?pageindex=2'));
    expect(onPortal('https://www.tuachua.dienbien.gov.vn:443/TinTuc/?PageIndex=2', 'http://tuachua.dienbien.gov.vn')).toBe('http://tuachua.dienbien.gov.vn/TinTuc/?PageIndex=2');
    expect(onPortal('www.tuachua.dienbien.gov.vn:80/TinTuc/', 'http://tuachua.dienbien.gov.vn')).toBe('http://tuachua.dienbien.gov.vn/TinTuc/');
    expect(onPortal('https://dienbien.gov.vn/', 'http://tuachua.dienbien.gov.vn')).toBe(null);
  });

  it('reads --from and --to as CDX timestamp prefixes', () => {
    expect(['2023', '2023-05', '2023-05-04', '20230504120000'].map((v) => captureBound(v, '--from'))).toEqual(['2023', '202305', '20230504', '20230504120000']);
    for (const bad of ['2023-13', '04/05/2023', '202', 'yesterday']) expect(() => captureBound(bad, '--from')).toThrow(/invalid --from/);
  });
});

describe('what an archived response says of the original', () => {
  it('restores the original headers and drops the archive’s own', () => {
    const headers = {
      'content-type': 'text/html',
      'x-archive-orig-server': 'Microsoft-IIS/8.5',
      'x-archive-orig-date': 'Thu, 04 May 2023 02:00:12 GMT',
      'x-archive-orig-content-length': '999',
      'memento-datetime': 'Thu, 04 May 2023 02:00:13 GMT',
      link: '<http://a.vn/>; rel="original"',
      'x-archive-src': 'crawl/x.warc.gz',
      'cache-control': 'max-age=1800',
    };
    expect(originalHeaders(headers)).toEqual({ 'content-type': 'text/html', server: 'Microsoft-IIS/8.5', date: 'Thu, 04 May 2023 02:00:12 GMT' });
  });
});

describe('pages a web archive serves', () => {
  let wa: WebArchive;
  beforeAll(async () => {
    wa = await startWebArchive();
  });
  afterAll(() => wa.close());

  it('refuses the rewritten view mode, takes the raw capture, and knows a soft-404', async () => {
    const portal = wa.truth.portals[0]!;
    const article = portal.articles.find((a) => a.versions.length > 0)!;
    const c = article.versions[0]!.captures[0]!;
    const raw = await (await fetch(wa.mementoUrl(c.path))).text();
    const view = await (await fetch(wa.mementoUrl(c.path.replace(/id_\//, '/')))).text();
    expect(BANNER_TEXTS.some((b) => view.includes(b))).toBe(true);
    expect(rewrittenMarker(view)).not.toBe(null);
    expect(rewrittenMarker(raw)).toBe(null);
    expect(isSoftNotFound(raw)).toBe(false);
    const soft = wa.truth.pitfalls.soft404[0]!;
    const softPage = await (await fetch(`${wa.base}/web/${soft.timestamp}id_/${soft.original}`)).text();
    expect(softPage).toContain(SOFT_404_TEXT);
    expect(isSoftNotFound(softPage)).toBe(true);
  });
});

/** A clock that only moves when slept on: the gate's schedule, exactly. */
function fakeClock(): Clock {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += Math.max(0, ms);
    },
  };
}

describe('rate gate', () => {
  it('spreads starts evenly and never lets more than the limit into any window', async () => {
    const clock = fakeClock();
    const gate = new RateGate(clock, 8, 1000);
    const starts: number[] = [];
    await Promise.all(Array.from({ length: 40 }, () => gate.take().then(() => starts.push(clock.now()))));
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(125);
    for (let i = 8; i < starts.length; i++) expect(starts[i]! - starts[i - 8]!).toBeGreaterThan(1000);
  });

  it('holds every request back after a pause (a 429 is about the client)', async () => {
    const clock = fakeClock();
    const gate = new RateGate(clock, 24, 60_000);
    await gate.take();
    gate.pause(60_000);
    await gate.take();
    expect(clock.now()).toBeGreaterThanOrEqual(60_000);
  });
});
