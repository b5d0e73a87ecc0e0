import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { CDX_ROUTES, REPLAY_ROUTES, minGap, peakCount, startWebArchive, type ArchiveRequest, type StartWebArchiveOptions, type WebArchive } from '../src/replica/webarchive/index.js';
import { cdx, get, lines } from './helpers/webarchive.js';

let wa: WebArchive | null = null;
afterEach(async () => {
  await wa?.close();
  wa = null;
});
const start = async (opts: StartWebArchiveOptions = {}) => (wa = await startWebArchive(opts));
const HOST = 'huyendienbien.gov.vn';

describe('block pagination', () => {
  it('counts pages without the filter and drops a row at each page boundary', async () => {
    const w = await start({ blockLines: 2 });
    const all = lines((await get(cdx(w.base, { url: HOST, matchType: 'host' }))).text);
    const num = await get(cdx(w.base, { url: HOST, matchType: 'host', showNumPages: 'true', pageSize: '5' }));
    const pages = Math.ceil(all.length / 10);
    expect(num.text).toBe(`${pages}\n`);
    expect(num.headers.get('x-cdx-num-pages')).toBe(String(pages));
    // A filter that keeps almost nothing does not change the count.
    expect((await get(cdx(w.base, { url: HOST, matchType: 'host', showNumPages: 'true', pageSize: '5', filter: 'statuscode:404' }))).text).toBe(`${pages}\n`);
    const paged: string[] = [];
    for (let p = 0; p < pages; p++) paged.push(...lines((await get(cdx(w.base, { url: HOST, matchType: 'host', page: String(p), pageSize: '5' }))).text));
    expect(paged.length).toBe(all.length - (pages - 1));
    expect(all.filter((l) => !paged.includes(l))).toEqual(Array.from({ length: pages - 1 }, (_, k) => all[(k + 1) * 10]));
  });
});

describe('TimeGate with Accept-Datetime', () => {
  it('goes to the capture nearest the asked date, and refuses a malformed one', async () => {
    const w = await start();
    const c = w.truth.pitfalls.sameSecond[0]!;
    const rows = lines((await get(cdx(w.base, { url: c.original }))).text).map((l) => l.split(' '));
    const first = rows[0]!;
    const asked = new Date(Date.UTC(+first[1]!.slice(0, 4), +first[1]!.slice(4, 6) - 1, +first[1]!.slice(6, 8)) - 86_400_000).toUTCString();
    const r = await get(`${w.base}/web/${c.original}`, { headers: { 'accept-datetime': asked } });
    expect(r.status).toBe(302);
    expect(r.headers.get('location')).toContain(`/web/${first[1]}/`);
    expect((await get(`${w.base}/web/${c.original}`, { headers: { 'accept-datetime': 'yesterday' } })).status).toBe(400);
    const pywb = await get(`${w.collections['vnarchive']}/${c.original}`, { headers: { 'accept-datetime': asked } });
    expect(pywb.status).toBe(200);
    expect(pywb.headers.get('content-location')).toContain(`/${first[1]}/`);
    expect(pywb.headers.get('vary')).toBe('accept-datetime');
  });
});

describe('bans and encodings', () => {
  it('resets the connections of a client that keeps going past the limit', async () => {
    const w = await start({ limits: { cdxPerMinute: 2, banAfter: 2, banMs: 60_000 } });
    const statuses: (number | string)[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push(await get(cdx(w.base, { url: `${HOST}/`, limit: String(i + 1) })).then((r) => r.status, (e: Error) => (e.cause as NodeJS.ErrnoException)?.code ?? e.message));
    }
    expect(statuses.slice(0, 4)).toEqual([200, 200, 429, 429]);
    expect(statuses.slice(4)).toEqual(['ECONNRESET', 'ECONNRESET']);
    expect(w.requests.slice(4).map((e) => e.fault)).toEqual(['ban', 'ban']);
  });

  it('sends a gzipped memento under a malformed pair of Content-Encoding headers when asked for gzip', async () => {
    const w = await start({ faults: { replay: { gzipQuirk: 1 } } });
    const c = w.truth.portals[0]!.articles.find((a) => a.held)!.versions[0]!.captures[0]!;
    const raw = await new Promise<{ headers: string[]; body: Buffer }>((resolve) => {
      request(w.mementoUrl(c.path), { headers: { 'accept-encoding': 'gzip' }, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (b: Buffer) => chunks.push(b));
        res.on('end', () => resolve({ headers: res.rawHeaders, body: Buffer.concat(chunks) }));
      }).end();
    });
    const enc = raw.headers.flatMap((v, i) => (i % 2 === 0 && v.toLowerCase() === 'content-encoding' ? [raw.headers[i + 1]] : []));
    expect(enc).toEqual(['', 'gzip']);
    expect(raw.body.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    // A client that does not ask for gzip gets the memento as archived.
    const plain = await get(w.mementoUrl(c.path), { headers: { 'accept-encoding': 'identity' } });
    expect(plain.text).toContain('<html');
  });
});

describe('rate helpers', () => {
  it('measures the peak count in a window and the shortest gap', () => {
    const at = (route: ArchiveRequest['route'], monotonic: number): ArchiveRequest => ({ route, method: 'GET', url: '/', at: 0, monotonic });
    const log = [at('cdx', 0), at('replay', 10), at('cdx', 500), at('timemap', 900), at('cdx', 2500), at('replay', 2600)];
    expect(peakCount(log, CDX_ROUTES, 1000)).toBe(3);
    expect(peakCount(log, CDX_ROUTES, 400)).toBe(1);
    expect(peakCount(log, REPLAY_ROUTES, 1000)).toBe(1);
    expect(minGap(log, CDX_ROUTES)).toBe(400);
    expect(minGap([], CDX_ROUTES)).toBe(Infinity);
  });
});
