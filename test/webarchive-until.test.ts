import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureArchive, startWebArchive, truthUntil, type WebArchive } from '../src/replica/webarchive/index.js';
import { cdx, get, lines } from './helpers/webarchive.js';

let wa: WebArchive;
const archive = fixtureArchive();
// Between the two versions of an edited article: the archive before the edit was captured.
const edited = archive.truth.portals.flatMap((p) => p.articles).find((a) => a.versions.length === 2)!;
const until = String(Number(edited.versions[1]!.captures[0]!.timestamp) - 1);

beforeAll(async () => {
  wa = await startWebArchive({ archive, until });
});
afterAll(() => wa.close());

describe('the archive as it stood at a time', () => {
  it('holds only the captures made by then, and all of them once moved on', async () => {
    const url = `${new URL(edited.url).host}`;
    const before = lines((await get(cdx(wa.base, { url, matchType: 'host' }))).text).map((l) => l.split(' '));
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((r) => r[1]! <= until)).toBe(true);
    const late = edited.versions[1]!.captures[0]!;
    const r = await get(wa.mementoUrl(late.path));
    // Not there yet: an earlier capture of the URL (302) or none (404).
    expect([302, 404]).toContain(r.status);
    expect(r.headers.get('location') ?? '').not.toContain(late.timestamp);
    wa.setUntil(null);
    const after = lines((await get(cdx(wa.base, { url, matchType: 'host' }))).text);
    expect(after.length).toBeGreaterThan(before.length);
    expect((await get(wa.mementoUrl(late.path))).status).toBe(200);
    wa.setUntil(until);
  });

  it('gives the truth as it stood: the versions captured by then and their latest', () => {
    const t = truthUntil(archive.truth, until);
    const a = t.portals.flatMap((p) => p.articles).find((x) => x.url === edited.url)!;
    expect(a.versions).toHaveLength(1);
    expect(a.latest).toBe(0);
    expect(a.versions[0]!.article).toEqual(edited.versions[0]!.article);
    for (const p of t.portals) for (const x of p.articles) for (const c of x.captures) expect(c.timestamp <= until.padEnd(14, '9')).toBe(true);
    // Nothing captured yet: not held.
    const none = truthUntil(archive.truth, '2000');
    expect(none.portals.flatMap((p) => p.articles).some((x) => x.held)).toBe(false);
    // And with everything, the full truth.
    expect(truthUntil(archive.truth, '9999')).toEqual(archive.truth);
  });
});
