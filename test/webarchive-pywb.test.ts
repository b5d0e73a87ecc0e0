import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebArchive, type WebArchive } from '../src/replica/webarchive/index.js';
import { cdx, get, lines } from './helpers/webarchive.js';

let wa: WebArchive;
let coll: string;
const HOST = 'huyentuachua.dienbien.gov.vn';
beforeAll(async () => {
  wa = await startWebArchive();
  coll = wa.collections['vnarchive']!;
});
afterAll(() => wa.close());

const pq = (query: Record<string, string | string[]>) => get(cdx(coll, query).replace('/cdx/search/cdx?', '/cdx?'));
type Obj = Record<string, string>;
const ndjson = (text: string): Obj[] => lines(text).map((l) => JSON.parse(l) as Obj);

describe('pywb CDX', () => {
  it('gives one JSON object per line for output=json, with pywb field names', async () => {
    const r = await pq({ url: `${HOST}/*`, output: 'json' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/x-ndjson');
    const objs = ndjson(r.text);
    expect(objs.length).toBeGreaterThan(10);
    for (const o of objs) {
      expect(Object.keys(o).slice(0, 5)).toEqual(['urlkey', 'timestamp', 'url', 'mime', 'status']);
      expect(o['original']).toBeUndefined();
    }
    // The same captures as the Wayback endpoint, line for line.
    const ia = lines((await get(cdx(wa.base, { url: `${HOST}/*` }))).text).map((l) => l.split(' '));
    expect(objs.map((o) => [o['urlkey'], o['timestamp'], o['url'], o['mime'], o['status'], o['digest']])).toEqual(ia.map((r) => r.slice(0, 6)));
  });

  it('defaults to CDXJ and refuses an unknown output', async () => {
    const r = await pq({ url: `${HOST}/` });
    expect(r.headers.get('content-type')).toBe('text/x-cdxj');
    for (const l of lines(r.text)) expect(l).toMatch(/^\S+ \d{14} \{"url":/);
    const bad = await pq({ url: `${HOST}/`, output: 'csv' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('output=csv not supported');
  });

  it('reads filters as contains, =exact and ~regex, and accepts IA field names', async () => {
    const all = ndjson((await pq({ url: `${HOST}/*`, output: 'json' })).text);
    const contains = ndjson((await pq({ url: `${HOST}/*`, output: 'json', filter: 'status:20' })).text);
    expect(contains).toEqual(all.filter((o) => o['status']!.includes('20')));
    expect(contains.length).toBeGreaterThan(0);
    expect(ndjson((await pq({ url: `${HOST}/*`, output: 'json', filter: '=status:20' })).text)).toEqual([]);
    expect(ndjson((await pq({ url: `${HOST}/*`, output: 'json', filter: '~mime:.*html' })).text)).toEqual(all.filter((o) => /html/.test(o['mime']!)));
    expect(ndjson((await pq({ url: `${HOST}/*`, output: 'json', filter: '!=statuscode:200' })).text)).toEqual(all.filter((o) => o['status'] !== '200'));
    expect(ndjson((await pq({ url: `${HOST}/*`, output: 'json', fl: 'original,timestamp' })).text)[0]).toEqual({ url: all[0]!['url'], timestamp: all[0]!['timestamp'] });
  });

  it('ignores collapse and showResumeKey, and sorts in reverse when asked', async () => {
    const all = lines((await pq({ url: `${HOST}/*`, output: 'json' })).text);
    expect(lines((await pq({ url: `${HOST}/*`, output: 'json', collapse: 'urlkey', showResumeKey: 'true' })).text)).toEqual(all);
    expect(lines((await pq({ url: `${HOST}/*`, output: 'json', sort: 'reverse' })).text)).toEqual([...all].reverse());
  });
});

describe('pywb replay', () => {
  it('serves the closest capture directly (200 + Content-Location) instead of redirecting', async () => {
    const a = wa.truth.portals.find((p) => p.host === HOST)!.articles.find((x) => x.versions.length > 0)!;
    const c = a.versions[0]!.captures[0]!;
    const exact = await get(`${coll}/${c.timestamp}id_/${c.original}`);
    expect(exact.status).toBe(200);
    expect(exact.headers.get('content-location')).toBeNull();
    const near = await get(`${coll}/${String(Number(c.timestamp) - 1)}id_/${c.original}`);
    expect(near.status).toBe(200);
    expect(near.headers.get('memento-datetime')).toBe(exact.headers.get('memento-datetime'));
    expect(near.headers.get('content-location')).toBe(`${coll}/${c.timestamp}id_/${c.original}`);
    expect(near.body.equals(exact.body)).toBe(true);
    // Original headers pass unprefixed, except hop-by-hop ones.
    expect(exact.headers.get('server')).toBe('Microsoft-IIS/8.5');
    expect(exact.headers.get('x-archive-orig-content-length')).toBe(String(exact.body.length));
  });

  it('prints a TimeMap with the collection attribute', async () => {
    const c = wa.truth.pitfalls.variants.find((v) => v.original.includes(HOST))!;
    const r = await get(`${coll}/timemap/link/${c.original}`);
    const entries = r.text.trimEnd().split(',\n');
    expect(entries[0]).toMatch(/rel="self"/);
    expect(entries[1]).toMatch(/rel="timegate"/);
    expect(entries[2]).toMatch(/rel="original"/);
    for (const m of entries.slice(3)) expect(m).toMatch(/; collection="vnarchive"$/);
  });
});
