import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeHtml } from '../src/fetch/decode.js';
import { BANNER_TEXTS, PROVINCE_PORTAL, SOFT_404_TEXT, startWebArchive, type WebArchive } from '../src/replica/webarchive/index.js';
import { cdx, get, lines } from './helpers/webarchive.js';

let wa: WebArchive;
beforeAll(async () => {
  wa = await startWebArchive();
});
afterAll(() => wa.close());

const raw = (ts: string, url: string) => `${wa.base}/web/${ts}id_/${url}`;
/** The CDX digest, computed independently: base32 (RFC 4648) of the SHA-1. */
function base32Sha1(body: Buffer): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bits = [...createHash('sha1').update(body).digest()].map((b) => b.toString(2).padStart(8, '0')).join('');
  return bits.match(/.{1,5}/g)!.map((c) => alphabet[parseInt(c.padEnd(5, '0'), 2)]).join('');
}
async function cdxRow(original: string, ts: string): Promise<string[]> {
  const r = await get(cdx(wa.base, { url: original, from: ts, to: ts }));
  return lines(r.text).map((l) => l.split(' ')).find((row) => row[2] === original)!;
}

describe('id_ replay', () => {
  it('returns the archived bytes, whose SHA-1 is the CDX digest, with the archived headers', async () => {
    const a = wa.truth.portals[0]!.articles.find((x) => x.versions.length > 0)!;
    const c = a.versions[0]!.captures.find((x) => x.kind === 'page')!;
    const r = await get(raw(c.timestamp, c.original));
    expect(r.status).toBe(200);
    expect(base32Sha1(r.body)).toBe((await cdxRow(c.original, c.timestamp))[5]);
    expect(r.headers.get('memento-datetime')).toBe(new Date(c.capturedAt).toUTCString());
    expect(r.headers.get('x-archive-orig-server')).toBe('Microsoft-IIS/8.5');
    expect(r.headers.get('x-archive-orig-content-length')).toBe(String(r.body.length));
    expect(r.headers.get('x-archive-src')).toMatch(/\.warc\.gz$/);
    const link = r.headers.get('link')!;
    expect(link.startsWith(`<${c.original}>; rel="original", <${wa.base}/web/timemap/link/${c.original}>; rel="timemap"; type="application/link-format", <${wa.base}/web/${c.original}>; rel="timegate"`)).toBe(true);
    // Memento links point at view-mode URLs whatever mode was asked.
    expect(link).toContain(`<${wa.base}/web/${c.timestamp}/${c.original}>; rel="`);
    expect(link).not.toContain('id_/');
    for (const t of BANNER_TEXTS) expect(r.text).not.toContain(t);
  });

  it('redirects a timestamp that is not a capture to the nearest one, without Memento-Datetime', async () => {
    const a = wa.truth.portals[1]!.articles.find((x) => x.versions.length > 0)!;
    const c = a.versions[0]!.captures[0]!;
    const off = String(Number(c.timestamp) - 1);
    const r = await get(raw(off, c.original));
    expect(r.status).toBe(302);
    expect(r.headers.get('memento-datetime')).toBeNull();
    expect(r.headers.get('location')).toBe(raw(c.timestamp, c.original));
    expect(r.headers.get('x-archive-redirect-reason')).toBe(`found capture at ${c.timestamp}`);
    expect(r.body.length).toBe(0);
    // A partial timestamp too; and the mode is kept.
    const year = await get(`${wa.base}/web/${c.timestamp.slice(0, 4)}/${c.original}`);
    expect(year.status).toBe(302);
    expect(year.headers.get('location')).toMatch(new RegExp(`/web/\\d{14}/`));
  });

  it('replays an archived 301 as a 301 into the archive at the same timestamp and flag', async () => {
    const moved = wa.truth.pitfalls.redirects.find((r) => r.note.startsWith('301 to https://') && !r.note.includes(PROVINCE_PORTAL))!;
    const r = await get(raw(moved.timestamp, moved.original));
    expect(r.status).toBe(301);
    expect(r.headers.get('memento-datetime')).not.toBeNull();
    expect(r.headers.get('x-archive-orig-location')).toBeNull();
    const target = moved.original.replace('http://', 'https://');
    expect(r.headers.get('location')).toBe(raw(moved.timestamp, target));
    // Following it: the target was captured two seconds later, so the archive redirects there, then serves it.
    const next = await get(r.headers.get('location')!);
    expect(next.status).toBe(302);
    const page = await get(next.headers.get('location')!);
    expect(page.status).toBe(200);
    expect(page.headers.get('memento-datetime')).not.toBeNull();
  });

  it('replays the closed portal’s redirect to a page the archive never captured', async () => {
    const moved = wa.truth.pitfalls.redirects.find((r) => r.note.includes(PROVINCE_PORTAL))!;
    const r = await get(raw(moved.timestamp, moved.original));
    expect(r.status).toBe(301);
    const gone = await get(r.headers.get('location')!);
    expect(gone.status).toBe(404);
    expect(gone.headers.get('memento-datetime')).toBeNull();
    expect(gone.text).toContain('The Wayback Machine has not archived that URL.');
  });

  it('replays an archived 404 as a 404 with Memento-Datetime', async () => {
    const nf = wa.truth.pitfalls.notFound[0]!;
    const r = await get(raw(nf.timestamp, nf.original));
    expect(r.status).toBe(404);
    expect(r.headers.get('memento-datetime')).toBe(new Date(`${nf.timestamp.slice(0, 4)}-${nf.timestamp.slice(4, 6)}-${nf.timestamp.slice(6, 8)}T${nf.timestamp.slice(8, 10)}:${nf.timestamp.slice(10, 12)}:${nf.timestamp.slice(12)}Z`).toUTCString());
    expect(r.text).toContain('The resource cannot be found.');
  });

  it('replays a soft-404 as a 200 page saying it was not found', async () => {
    for (const s of wa.truth.pitfalls.soft404) {
      const r = await get(raw(s.timestamp, s.original));
      expect(r.status).toBe(200);
      expect(r.text).toContain(SOFT_404_TEXT);
      expect(r.text).not.toContain('Thời gian đăng');
    }
  });

  it('resolves a revisit row to the payload it repeats, dated by the revisit', async () => {
    const rv = wa.truth.pitfalls.revisits[0]!;
    const row = await cdxRow(rv.original, rv.timestamp);
    expect(row[3]).toBe('warc/revisit');
    expect(row[4]).toBe('-');
    const r = await get(raw(rv.timestamp, rv.original));
    expect(r.status).toBe(200);
    expect(base32Sha1(r.body)).toBe(row[5]);
    const earlierTs = /revisit of (\d{14})/.exec(rv.note)![1]!;
    const all = lines((await get(cdx(wa.base, { url: rv.original }))).text).map((l) => l.split(' '));
    const earlier = all.find((x) => x[1] === earlierTs)!;
    const first = await get(raw(earlierTs, earlier[2]!));
    expect(r.body.equals(first.body)).toBe(true);
    expect(r.headers.get('memento-datetime')).not.toBe(first.headers.get('memento-datetime'));
  });

  it('passes a Content-Type without charset through; the page’s meta names it (windows-1258 too)', async () => {
    const w = wa.truth.pitfalls.charsetDropped.find((c) => c.note.startsWith('windows-1258'))!;
    const r = await get(raw(w.timestamp, w.original));
    expect(r.headers.get('content-type')).toBe('text/html');
    expect(r.text).toContain('charset=windows-1258');
    const decoded = decodeHtml(r.body, 'text/html').normalize('NFC');
    expect(decoded).toContain('Thời gian đăng:');
    // Read as UTF-8 (what a client ignoring the meta would do) the Vietnamese is lost.
    expect(r.text).not.toContain('Thời gian đăng:');
    const u = wa.truth.pitfalls.charsetDropped.find((c) => c.note.startsWith('utf-8'))!;
    const ru = await get(raw(u.timestamp, u.original));
    expect(ru.headers.get('content-type')).toBe('text/html');
    expect(ru.text).toContain('charset=utf-8');
  });

  it('says a URL was never archived with a 404 without Memento-Datetime', async () => {
    const r = await get(raw('20240101000000', 'http://tuachua.dienbien.gov.vn/TinTuc/View/Khong-co-bai-nay'));
    expect(r.status).toBe(404);
    expect(r.headers.get('memento-datetime')).toBeNull();
  });
});

describe('view mode', () => {
  it('injects the toolbar and rewrites links, which id_ never does', async () => {
    const c = wa.truth.portals[2]!.articles.find((x) => x.versions.length > 0)!.versions[0]!.captures[0]!;
    const view = await get(`${wa.base}/web/${c.timestamp}/${c.original}`);
    const id = await get(raw(c.timestamp, c.original));
    expect(view.status).toBe(200);
    expect(view.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(view.headers.get('x-archive-guessed-charset')).toBeTruthy();
    for (const t of BANNER_TEXTS.filter((x) => x !== 'Got an HTTP')) expect(view.text).toContain(t);
    expect(view.text).toContain(`href="${wa.base}/web/${c.timestamp}/${new URL(c.original).origin}/`);
    expect(id.text).not.toContain(`${wa.base}/web/`);
    expect(id.text).toMatch(/href="\/[A-Za-z]/);
  });

  it('mangles the windows-1258 page (guessed UTF-8) and shows archived redirects as a page', async () => {
    const w = wa.truth.pitfalls.charsetDropped.find((c) => c.note.startsWith('windows-1258'))!;
    const view = await get(`${wa.base}/web/${w.timestamp}/${w.original}`);
    expect(view.headers.get('x-archive-guessed-charset')).toBe('utf-8');
    expect(view.text).toContain('\ufffd');
    const moved = wa.truth.pitfalls.redirects[0]!;
    const page = await get(`${wa.base}/web/${moved.timestamp}/${moved.original}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Got an HTTP 301 response at crawl time');
    expect(page.text).toContain('Impatient?');
  });
});

describe('Memento', () => {
  it('lists a URL’s captures in a link-format TimeMap: original, self with from, timegate, mementos', async () => {
    const c = wa.truth.pitfalls.sameSecond[0]!;
    const r = await get(`${wa.base}/web/timemap/link/${c.original}`);
    expect(r.headers.get('content-type')).toBe('application/link-format');
    const entries = r.text.trimEnd().split(',\n');
    expect(entries[0]).toMatch(/^<http[^>]+>; rel="original"$/);
    expect(entries[1]).toMatch(new RegExp(`^<${wa.base}/web/timemap/link/${c.original.replace(/[.?*+()]/g, '\\$&')}>; rel="self"; type="application/link-format"; from="[^"]+ GMT"$`));
    expect(entries[2]).toBe(`<${wa.base}/web/${c.original}>; rel="timegate"`);
    const mementos = entries.slice(3);
    expect(mementos[0]).toMatch(/rel="first memento"; datetime="/);
    expect(mementos.at(-1)).toMatch(/rel="last memento"; datetime="/);
    const rows = lines((await get(cdx(wa.base, { url: c.original }))).text);
    expect(mementos).toHaveLength(new Set(rows).size);
    const json = JSON.parse((await get(`${wa.base}/web/timemap/json/${c.original}`)).text) as string[][];
    expect(json[0]).toEqual(['urlkey', 'timestamp', 'original', 'mimetype', 'statuscode', 'digest', 'redirect', 'robotflags', 'length', 'offset', 'filename']);
    expect(json.length - 1).toBe(mementos.length);
  });

  it('sends a TimeGate to the latest capture', async () => {
    const c = wa.truth.pitfalls.sameSecond[0]!;
    const r = await get(`${wa.base}/web/${c.original}`);
    expect(r.status).toBe(302);
    expect(r.headers.get('vary')).toBe('accept-datetime');
    const rows = lines((await get(cdx(wa.base, { url: c.original }))).text).map((l) => l.split(' '));
    expect(r.headers.get('location')).toContain(`/web/${rows.at(-1)![1]}/`);
  });
});
