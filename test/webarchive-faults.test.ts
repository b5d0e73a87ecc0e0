import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebArchive, type StartWebArchiveOptions, type WebArchive } from '../src/replica/webarchive/index.js';
import { cdx, get } from './helpers/webarchive.js';

let wa: WebArchive | null = null;
afterEach(async () => {
  await wa?.close();
  wa = null;
});
const start = async (opts: StartWebArchiveOptions) => (wa = await startWebArchive(opts));
const HOST = 'tuachua.dienbien.gov.vn';
const firstCapture = (w: WebArchive) => w.truth.portals[0]!.articles.find((a) => a.held)!.versions[0]!.captures[0]!;

describe('faults', () => {
  it('answers 429 without Retry-After, and 503 with the runtime-error header, at the rates set', async () => {
    const w = await start({ faults: { cdx: { rate429: 1 }, replay: { rate503: 1 } } });
    const r = await get(cdx(w.base, { url: HOST, matchType: 'host' }));
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBeNull();
    expect(r.text).toContain('<h1>429 Too Many Requests</h1>');
    const c = firstCapture(w);
    const m = await get(w.mementoUrl(c.path));
    expect(m.status).toBe(503);
    expect(m.headers.get('memento-datetime')).toBeNull();
    expect(m.headers.get('x-archive-wayback-runtime-error')).toBeTruthy();
    // `only: 'first'` (default): the retry of the same target gets through.
    expect((await get(cdx(w.base, { url: HOST, matchType: 'host' }))).status).toBe(200);
    expect((await get(w.mementoUrl(c.path))).status).toBe(200);
    expect(w.requests.map((e) => [e.route, e.status, e.fault ?? null])).toEqual([
      ['cdx', 429, '429'],
      ['replay', 503, '503'],
      ['cdx', 200, null],
      ['replay', 200, null],
    ]);
  });

  it('faults about the share of requests asked for, the same ones on every run', async () => {
    const w = await start({ faults: { replay: { rate429: 0.2, rate503: 0.1 }, seed: 3 } });
    const paths = w.truth.portals.flatMap((p) => p.articles.flatMap((a) => a.captures.map((c) => c.path)));
    const statuses: number[] = [];
    for (const p of paths) statuses.push((await get(w.mementoUrl(p))).status);
    const share = (s: number) => statuses.filter((x) => x === s).length / statuses.length;
    expect(paths.length).toBeGreaterThan(60);
    expect(share(429)).toBeGreaterThan(0.08);
    expect(share(429)).toBeLessThan(0.35);
    expect(share(503)).toBeGreaterThan(0.02);
    expect(share(503)).toBeLessThan(0.22);
    await w.close();
    const again = await start({ faults: { replay: { rate429: 0.2, rate503: 0.1 }, seed: 3 } });
    const second: number[] = [];
    for (const p of paths) second.push((await get(again.mementoUrl(p))).status);
    expect(second).toEqual(statuses);
  });

  it('keeps faulting retries with only: all', async () => {
    const w = await start({ faults: { cdx: { rate503: 1 }, only: 'all' } });
    for (let i = 0; i < 3; i++) expect((await get(cdx(w.base, { url: HOST }))).status).toBe(503);
  });

  it('truncates a memento body while promising its full length', async () => {
    const w = await start({ faults: { replay: { truncate: 1 } } });
    const c = firstCapture(w);
    const seen = await new Promise<{ length: number; got: number; complete: boolean }>((resolve) => {
      const req = request(w.mementoUrl(c.path), { agent: false }, (res) => {
        let got = 0;
        res.on('data', (b: Buffer) => (got += b.length));
        const done = () => resolve({ length: Number(res.headers['content-length']), got, complete: res.complete });
        res.on('end', done);
        res.on('error', done);
        res.on('close', done);
      });
      req.on('error', () => resolve({ length: -1, got: 0, complete: false }));
      req.end();
    });
    expect(seen.got).toBeLessThan(seen.length);
    expect(seen.complete).toBe(false);
    expect(w.requests[0]!.fault).toBe('truncate');
  });

  it('answers 429 beyond the rate limits, per route group', async () => {
    const w = await start({ limits: { cdxPerMinute: 3, replayPerSecond: 100 } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await get(cdx(w.base, { url: `${HOST}/`, limit: String(i + 1) }))).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    // TimeMaps share the CDX limit; mementos do not.
    expect((await get(`${w.base}/web/timemap/link/http://${HOST}/`)).status).toBe(429);
    expect((await get(w.mementoUrl(firstCapture(w).path))).status).toBe(200);
    expect(w.requests.filter((e) => e.fault === 'rate-limit').map((e) => e.route)).toEqual(['cdx', 'cdx', 'timemap']);
  });
});

describe('request log', () => {
  it('records route, mode, time and status of every request', async () => {
    const w = await start({});
    const c = firstCapture(w);
    const before = Date.now();
    await get(cdx(w.base, { url: HOST }), { headers: { 'user-agent': 'tester/1' } });
    await get(w.mementoUrl(c.path));
    await get(`${w.base}/web/${c.timestamp}/${c.original}`);
    await get(`${w.base}/web/${c.original}`);
    await get(`${w.base}/web/timemap/link/${c.original}`);
    await get(`${w.collections['vnarchive']}/cdx?url=${HOST}`);
    await get(`${w.collections['vnarchive']}/${c.timestamp}id_/${c.original}`);
    await get(`${w.base}/nothing-here`);
    expect(w.requests.map((e) => [e.route, e.mode ?? null, e.status])).toEqual([
      ['cdx', null, 200],
      ['replay', 'id_', 200],
      ['replay', 'view', 200],
      ['timegate', 'view', 302],
      ['timemap', null, 200],
      ['pywb-cdx', null, 200],
      ['pywb-replay', null, 200],
      ['other', null, 404],
    ]);
    expect(w.requests[0]!.userAgent).toBe('tester/1');
    expect(w.requests[5]!.collection).toBe('vnarchive');
    for (const [i, e] of w.requests.entries()) {
      expect(e.at).toBeGreaterThanOrEqual(before);
      if (i > 0) expect(e.monotonic).toBeGreaterThanOrEqual(w.requests[i - 1]!.monotonic);
    }
  });

  it('compresses CDX answers only when asked, unless gzip=false', async () => {
    const w = await start({});
    const raw = (url: string, enc: string) =>
      new Promise<string | undefined>((resolve) => {
        request(url, { headers: { 'accept-encoding': enc }, agent: false }, (res) => {
          res.resume();
          resolve(res.headers['content-encoding']);
        }).end();
      });
    expect(await raw(cdx(w.base, { url: HOST }), 'gzip')).toBe('gzip');
    expect(await raw(cdx(w.base, { url: HOST }), 'identity')).toBeUndefined();
    expect(await raw(cdx(w.base, { url: HOST, gzip: 'false' }), 'gzip')).toBeUndefined();
  });
});
