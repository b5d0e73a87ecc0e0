import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOCKED_ERROR, FIXTURE_BLOCKED_HOST, FIXTURE_EMPTY_HOST, startWebArchive, surt, type WebArchive } from '../src/replica/webarchive/index.js';
import { cdx, get, lines } from './helpers/webarchive.js';

let wa: WebArchive;
const HOST = 'tuachua.dienbien.gov.vn';

beforeAll(async () => {
  wa = await startWebArchive();
});
afterAll(() => wa.close());

const q = (query: Record<string, string | string[]>) => get(cdx(wa.base, query));
const rowsOf = async (query: Record<string, string | string[]>) => lines((await q(query)).text).map((l) => l.split(' '));

describe('CDX shapes', () => {
  it('answers 400 without url', async () => {
    const r = await q({ output: 'json' });
    expect(r.status).toBe(400);
    expect(r.text).toContain('url parameter is required');
  });

  it('prints seven space-separated columns by default, as text/plain', async () => {
    const r = await q({ url: `${HOST}/` });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/plain;charset=UTF-8');
    const rows = lines(r.text).map((l) => l.split(' '));
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) {
      expect(row).toHaveLength(7);
      expect(row[0]).toBe(`vn,gov,dienbien,tuachua)/`);
      expect(row[1]).toMatch(/^\d{14}$/);
      expect(row[5]).toMatch(/^[A-Z2-7]{32}$/);
    }
  });

  it('prints JSON as a header row and rows of strings, values separated by ", "', async () => {
    const r = await q({ url: `${HOST}/`, output: 'json', fl: 'timestamp,statuscode,original' });
    expect(r.headers.get('content-type')).toBe('application/json');
    expect(r.text.startsWith('[["timestamp","statuscode","original"],\n["')).toBe(true);
    expect(r.text).toMatch(/^\["\d{14}", "\d{3}", "http/m);
    expect(r.text.endsWith(']]\n')).toBe(true);
    const parsed = JSON.parse(r.text) as string[][];
    expect(parsed[0]).toEqual(['timestamp', 'statuscode', 'original']);
    for (const row of parsed.slice(1)) for (const v of row) expect(typeof v).toBe('string');
  });

  it('prints [] for no captures in JSON, and nothing in text', async () => {
    expect((await q({ url: FIXTURE_EMPTY_HOST, matchType: 'host', output: 'json' })).text).toBe('[]\n');
    const text = await q({ url: FIXTURE_EMPTY_HOST, matchType: 'host' });
    expect(text.status).toBe(200);
    expect(text.text).toBe('');
  });
});

describe('URL scope and SURT folding', () => {
  it('folds http, https, :80 and www. into one urlkey', async () => {
    const variants = wa.truth.pitfalls.variants.filter((v) => v.original.includes(HOST));
    expect(variants.some((v) => v.original.includes(':80'))).toBe(true);
    expect(variants.some((v) => v.original.startsWith('https://'))).toBe(true);
    expect(variants.some((v) => v.original.includes('://www.'))).toBe(true);
    for (const v of variants) {
      const bare = v.original.replace(/^https?:\/\/(www\.)?/, 'http://').replace(':80/', '/');
      expect(surt(v.original)).toBe(surt(bare));
      // Asked with any spelling, the exact query finds the capture made under another.
      const asked = bare.replace('http://', 'https://www.');
      const rows = await rowsOf({ url: asked });
      expect(rows.map((r) => `${r[1]} ${r[2]}`)).toContain(`${v.timestamp} ${v.original}`);
    }
  });

  it('reads a trailing * as prefix and a leading *. as domain; host has no wildcard', async () => {
    const prefix = await rowsOf({ url: `${HOST}/TinTuc/*` });
    expect(prefix.length).toBeGreaterThan(5);
    expect(prefix.every((r) => r[0]!.startsWith('vn,gov,dienbien,tuachua)/tintuc/'))).toBe(true);
    expect(await rowsOf({ url: `${HOST}/TinTuc/`, matchType: 'prefix' })).toEqual(prefix);
    const host = await rowsOf({ url: HOST, matchType: 'host' });
    expect(host.length).toBeGreaterThan(prefix.length);
    const domain = await rowsOf({ url: '*.dienbien.gov.vn' });
    const keys = new Set(domain.map((r) => r[0]!.split(')')[0]));
    expect(keys).toEqual(new Set(['vn,gov,dienbien,huyentuachua', 'vn,gov,dienbien,tuachua']));
    expect(await rowsOf({ url: `${HOST}/TinTuc/*`, matchType: 'exact' })).toEqual([]);
  });

  it('keeps from/to as inclusive timestamp prefixes', async () => {
    const all = await rowsOf({ url: HOST, matchType: 'host' });
    const year = all[0]![1]!.slice(0, 4);
    const inYear = await rowsOf({ url: HOST, matchType: 'host', from: year, to: year });
    expect(inYear.length).toBeGreaterThan(0);
    expect(inYear).toEqual(all.filter((r) => r[1]!.startsWith(year)));
    const exact = await rowsOf({ url: HOST, matchType: 'host', from: all[0]![1]!, to: all[0]![1]! });
    expect(exact.every((r) => r[1] === all[0]![1])).toBe(true);
  });
});

describe('filters, collapse, fl, limit', () => {
  it('matches a filter regex against the whole field', async () => {
    const all = await rowsOf({ url: HOST, matchType: 'host' });
    expect(await rowsOf({ url: HOST, matchType: 'host', filter: 'statuscode:2' })).toEqual([]);
    const ok = await rowsOf({ url: HOST, matchType: 'host', filter: 'statuscode:200' });
    expect(ok).toEqual(all.filter((r) => r[4] === '200'));
    const notOk = await rowsOf({ url: HOST, matchType: 'host', filter: '!statuscode:200' });
    expect(notOk.length + ok.length).toBe(all.length);
    expect(notOk.some((r) => r[4] === '-' && r[3] === 'warc/revisit')).toBe(true);
    // By column index, and the undocumented `~` (contains).
    expect(await rowsOf({ url: HOST, matchType: 'host', filter: '4:200' })).toEqual(ok);
    expect(await rowsOf({ url: HOST, matchType: 'host', filter: '~original:https' })).toEqual(all.filter((r) => r[2]!.includes('https')));
    // Two filters both apply.
    const both = await rowsOf({ url: HOST, matchType: 'host', filter: ['statuscode:200', 'mimetype:text/html'] });
    expect(both).toEqual(all.filter((r) => r[4] === '200' && r[3] === 'text/html'));
  });

  it('collapses adjacent lines only', async () => {
    const all = await rowsOf({ url: HOST, matchType: 'host' });
    const byDigest = await rowsOf({ url: HOST, matchType: 'host', collapse: 'digest' });
    const expected = all.filter((r, i) => i === 0 || all[i - 1]![5] !== r[5]);
    expect(byDigest).toEqual(expected);
    // The 301s to the province portal share one digest but are not adjacent: both stay.
    const moved = byDigest.filter((r) => r[4] === '301');
    expect(new Set(moved.map((r) => r[5])).size).toBeLessThan(moved.length);
    const urls = await rowsOf({ url: HOST, matchType: 'host', collapse: 'urlkey' });
    expect(urls.map((r) => r[0])).toEqual([...new Set(all.map((r) => r[0]))]);
    const days = await rowsOf({ url: `${HOST}/`, collapse: 'timestamp:8' });
    expect(days.map((r) => r[1]!.slice(0, 8))).toEqual([...new Set(days.map((r) => r[1]!.slice(0, 8)))]);
  });

  it('keeps identical duplicate lines', async () => {
    const dup = wa.truth.pitfalls.duplicates.find((d) => d.original.includes(HOST))!;
    const rows = await rowsOf({ url: dup.original });
    expect(rows.filter((r) => r[1] === dup.timestamp && r[2] === dup.original)).toHaveLength(2);
  });

  it('selects columns with fl and counts with limit, negative from the end', async () => {
    const all = await rowsOf({ url: HOST, matchType: 'host' });
    expect(await rowsOf({ url: HOST, matchType: 'host', fl: 'original,timestamp', limit: '3' })).toEqual(all.slice(0, 3).map((r) => [r[2], r[1]]));
    expect(await rowsOf({ url: HOST, matchType: 'host', limit: '-2' })).toEqual(all.slice(-2));
    expect((await q({ url: HOST, fl: 'nosuchfield' })).status).toBe(400);
  });
});

describe('resume key', () => {
  it('ends a text page with a blank line and the key, and pages on with the key encoded once more', async () => {
    const all = await rowsOf({ url: HOST, matchType: 'host' });
    const seen: string[][] = [];
    let key: string | null = null;
    let pages = 0;
    do {
      const r = await q({ url: HOST, matchType: 'host', limit: '7', showResumeKey: 'true', ...(key ? { resumeKey: key } : {}) });
      const body = lines(r.text);
      const blank = body.indexOf('');
      key = blank >= 0 ? body[blank + 1]! : null;
      if (key !== null) expect(key).toMatch(/^[A-Za-z0-9.*_%+-]+$/);
      seen.push(...(blank >= 0 ? body.slice(0, blank) : body).map((l) => l.split(' ')));
      pages++;
    } while (key !== null && pages < 100);
    expect(pages).toBeGreaterThan(2);
    // A page ending inside a run of lines sharing urlkey and timestamp loses the rest of the run.
    const lost = all.filter((r) => !seen.some((s) => s.join(' ') === r.join(' ')));
    for (const r of lost) {
      expect(all.filter((x) => x[0] === r[0] && x[1] === r[1]).length).toBeGreaterThan(1);
    }
    expect(seen.length + lost.length).toBeGreaterThanOrEqual(all.length);
  });

  it('loses the rest of a same-second run when a page ends inside it', async () => {
    const pair = wa.truth.pitfalls.sameSecond[0]!;
    const all = await rowsOf({ url: pair.original });
    const first = all.findIndex((r) => r[1] === pair.timestamp);
    // A page that ends on the first line of the pair.
    const page1 = await q({ url: pair.original, limit: String(first + 1), showResumeKey: 'true' });
    const key = lines(page1.text).at(-1)!;
    const page2 = await rowsOf({ url: pair.original, resumeKey: key });
    expect(page2.some((r) => r[1] === pair.timestamp)).toBe(false);
    expect(all.filter((r) => r[1] === pair.timestamp)).toHaveLength(2);
  });

  it('ends a JSON page with [] and a one-element array holding the key', async () => {
    const r = await q({ url: HOST, matchType: 'host', limit: '2', showResumeKey: 'true', output: 'json' });
    const parsed = JSON.parse(r.text) as string[][];
    expect(parsed).toHaveLength(5);
    expect(parsed[3]).toEqual([]);
    expect(parsed[4]).toHaveLength(1);
    expect(decodeURIComponent(parsed[4]![0]!.replace(/\+/g, ' '))).toBe(`${parsed[2]![0]} ${parsed[2]![1]!.slice(0, 13)}${String.fromCharCode(parsed[2]![1]!.charCodeAt(13) + 1)}`);
    const none = JSON.parse((await q({ url: HOST, matchType: 'host', showResumeKey: 'true', output: 'json' })).text) as string[][];
    expect(none.at(-1)).toHaveLength(7);
  });
});

describe('blocked site', () => {
  it('answers 403 with the blocked-site error in body and header', async () => {
    const r = await q({ url: `${FIXTURE_BLOCKED_HOST}/*`, output: 'json' });
    expect(r.status).toBe(403);
    expect(r.headers.get('x-archive-wayback-runtime-error')).toBe(BLOCKED_ERROR);
    expect(r.text).toContain('Blocked Site Error');
    const replay = await get(`${wa.base}/web/2024id_/http://www.${FIXTURE_BLOCKED_HOST}/`);
    expect(replay.status).toBe(403);
  });
});
