import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlCommand } from '../src/cli/crawl.js';
import { parseConnectTo } from '../src/fetch/connect-to.js';
import { recoverCommand } from '../src/cli/recover.js';
import { statusCommand } from '../src/cli/status.js';
import { startReplica } from '../src/replica/index.js';
import { articleVersions, openArchive } from '../src/store/index.js';
import { silentLogger } from '../src/log.js';
import { startWebArchive, truthUntil, unseenArchive, type WebArchive } from '../src/replica/webarchive/index.js';
import { runCli } from './helpers/cli.js';
import { expectedFields } from './helpers/expect-record.js';
import { parseHttp, readWarc } from './helpers/warc-reader.js';
import { expectRecovered, records } from './helpers/recover-truth.js';
import { recordingDispatcher, recoverOptions } from './helpers/recover.js';

let dir: string;
let wa: WebArchive;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pa-recover-'));
  wa = await startWebArchive();
});

afterAll(async () => {
  await wa.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('recover from the fixture web archive', () => {
  it('recovers every article the archive holds, once, with its latest capture and earlier versions', async () => {
    const db = join(dir, 'fixture.sqlite');
    const rec = recordingDispatcher([wa.base]);
    const seeds = wa.truth.portals.map((p) => `${p.origin}/`);
    const result = await recoverCommand(recoverOptions(seeds, db, wa.base), { log: silentLogger, dispatcher: rec.dispatcher });
    await rec.close();
    expect(result.summary?.failures).toEqual([]);
    expect(result.code).toBe(0);
    expectRecovered(db, wa);
    expect(new Set(rec.origins)).toEqual(new Set([wa.base]));
  });

  it('from a listing whose articles live elsewhere (/Tintuc/ lists /T/View/...): looks up what the listings link', async () => {
    const db = join(dir, 'listing.sqlite');
    const portal = wa.truth.portals.find((p) => p.host === 'huyendienbien.gov.vn')!;
    const before = wa.requests.length;
    const result = await recoverCommand(recoverOptions([portal.listingUrl], db, wa.base), { log: silentLogger });
    expect(result.summary?.failures).toEqual([]);
    expect(result.code).toBe(0);
    expectRecovered(db, wa, { hosts: [portal.host] });
    const cdx = wa.requests.slice(before).filter((q) => q.route === 'cdx').map((q) => new URL(q.url, wa.base).searchParams.get('url'));
    // The listing by prefix, then its articles, found only through its links, by their own section.
    expect(cdx[0]).toBe('huyendienbien.gov.vn/Tintuc');
    expect(cdx).toContain('huyendienbien.gov.vn/T/View/');
    expect(result.summary!.missing).toBe(wa.truth.pitfalls.linkedOnly.filter((u) => u.includes(portal.host)).length);
  });
});

describe('recover from an unseen web archive', () => {
  let unseen: WebArchive;
  beforeAll(async () => {
    unseen = await startWebArchive({ archive: unseenArchive({ seed: 29, maxArticles: 30 }) });
  });
  afterAll(() => unseen.close());

  it('from each portal’s listing URL: every article once, its versions, nothing from the original hosts', async () => {
    const db = join(dir, 'unseen.sqlite');
    const rec = recordingDispatcher([unseen.base]);
    const seeds = unseen.truth.portals.map((p) => p.listingUrl);
    const result = await recoverCommand(recoverOptions(seeds, db, unseen.base), { log: silentLogger, dispatcher: rec.dispatcher });
    expect(result.summary?.failures).toEqual([]);
    expect(result.code).toBe(0);
    expectRecovered(db, unseen);
    // Articles linked from archived listings but never captured are looked up, and reported missing.
    expect(result.summary!.missing).toBe(unseen.truth.pitfalls.linkedOnly.length);
    // Only the web archive was asked, and only for raw captures.
    expect(new Set(rec.origins)).toEqual(new Set([unseen.base]));
    expect(unseen.requests.filter((q) => q.route === 'replay').every((q) => q.mode === 'id_')).toBe(true);

    // A re-run finds nothing new: one CDX request per portal (from the newest capture known), no replay.
    const before = unseen.requests.length;
    const again = await recoverCommand(recoverOptions(seeds, db, unseen.base), { log: silentLogger, dispatcher: rec.dispatcher });
    await rec.close();
    expect(again.code).toBe(0);
    const asked = unseen.requests.slice(before);
    expect(asked.filter((q) => q.route === 'replay')).toEqual([]);
    expect(again.summary!.articles).toEqual({ new: 0, updated: 0, unchanged: 0, failed: 0 });
    expectRecovered(db, unseen);
  });
});

describe('other archives and a new run', () => {
  it('recovers from a pywb collection (NDJSON CDX, nearest capture served in place)', async () => {
    const db = join(dir, 'pywb.sqlite');
    const portal = wa.truth.portals.find((p) => p.host === 'tuachua.dienbien.gov.vn')!;
    const before = wa.requests.length;
    const result = await recoverCommand(recoverOptions([`${portal.origin}/`], db, wa.collections.vnarchive!), { log: silentLogger });
    expect(result.summary?.failures).toEqual([]);
    expect(result.code).toBe(0);
    const asked = wa.requests.slice(before);
    expect(new Set(asked.map((q) => q.route))).toEqual(new Set(['pywb-cdx', 'pywb-replay']));
    // The same records as from the Wayback endpoints, but naming the collection's mementos.
    const got = records(db);
    const held = portal.articles.filter((a) => a.held);
    expect(got.map((r) => r.url).sort()).toEqual(held.map((a) => a.url).sort());
    for (const a of held) {
      const r = got.find((x) => x.url === a.url)!;
      const latest = a.versions[a.latest]!;
      expect(r.title).toBe(expectedFields(portal.site, latest.article).title);
      expect(r.archive_url).toBe(wa.mementoUrl(latest.captures[0]!.path).replace('/web/', '/vnarchive/'));
    }
  });

  it('a WARC export writes recovered captures under their original URI and capture date, naming the memento', async () => {
    const db = join(dir, 'warc.sqlite');
    const portal = wa.truth.portals.find((p) => p.host === 'huyentuachua.dienbien.gov.vn')!;
    expect((await recoverCommand(recoverOptions([`${portal.origin}/`], db, wa.base), { log: silentLogger })).code).toBe(0);
    const out = join(dir, 'recovered.warc.gz');
    const exported = await runCli(['export', '--db', db, '--format', 'warc', '--out', out]);
    expect(exported.code, exported.stderr).toBe(0);
    const responses = readWarc(out).filter((r) => r.header('WARC-Type') === 'response');
    expect(responses.length).toBeGreaterThan(portal.articles.filter((a) => a.held).length);
    const byMemento = new Map(portal.articles.flatMap((a) => a.captures).map((c) => [wa.mementoUrl(c.path), c]));
    let articles = 0;
    for (const r of responses) {
      const memento = r.header('WARC-Source-URI')!;
      const m = new RegExp(`^${wa.base}/web/(\\d{14})id_/(.+)$`).exec(memento);
      expect(m, memento).not.toBe(null);
      // Under the original URI, dated by the capture, never by the archive's URL or the time it was read.
      expect(r.header('WARC-Target-URI')).toBe(m![2]);
      const ts = m![1]!;
      expect(Date.parse(r.header('WARC-Date')!)).toBe(Date.UTC(+ts.slice(0, 4), +ts.slice(4, 6) - 1, +ts.slice(6, 8), +ts.slice(8, 10), +ts.slice(10, 12), +ts.slice(12, 14)));
      const http = parseHttp(r.block);
      expect(http.headers.has('memento-datetime')).toBe(false);
      if (byMemento.get(memento)?.kind === 'page') {
        articles++;
        expect(http.start).toBe('HTTP/1.1 200 OK');
        expect(http.payload.equals(Buffer.from(await (await fetch(memento)).arrayBuffer()))).toBe(true);
      }
    }
    expect(articles).toBeGreaterThan(0);
    expect(readWarc(out).some((r) => r.header('WARC-Type') === 'request')).toBe(false);
  });

  it('a later run reads only the captures made since: none of the earlier ones is fetched again', async () => {
    const db = join(dir, 'later.sqlite');
    const portal = wa.truth.portals.find((p) => p.host === 'huyentuachua.dienbien.gov.vn')!;
    const seeds = [`${portal.origin}/`];
    const cut = portal.days[2]!.slice(0, 8);
    const first = await recoverCommand(recoverOptions(seeds, db, wa.base, { to: cut }), { log: silentLogger });
    expect(first.code).toBe(0);
    const mark = wa.requests.length;
    const replayedBefore = new Set(wa.requests.slice(0, mark).filter((q) => q.route === 'replay').map((q) => q.url));
    const second = await recoverCommand(recoverOptions(seeds, db, wa.base), { log: silentLogger });
    expect(second.code).toBe(0);
    const replayedAfter = wa.requests.slice(mark).filter((q) => q.route === 'replay').map((q) => q.url);
    expect(replayedAfter.length).toBeGreaterThan(0);
    for (const url of replayedAfter) expect(url.slice(5, 19) > cut || !replayedBefore.has(url), url).toBe(true);
    expect(second.summary!.articles.updated).toBeGreaterThan(0);
    expectRecovered(db, wa, { hosts: [portal.host] });
  });
});

describe('new captures land in the web archive', () => {
  it('a re-run lists only the captures since the newest it knows and fetches only those', async () => {
    const archive = unseenArchive({ seed: 17, maxArticles: 24 });
    const until = archive.truth.portals[0]!.days[2]!;
    const growing = await startWebArchive({ archive, until });
    try {
      const db = join(dir, 'growing.sqlite');
      const seeds = growing.truth.portals.map((p) => `${p.origin}/`);
      const first = await recoverCommand(recoverOptions(seeds, db, growing.base), { log: silentLogger });
      expect(first.code).toBe(0);
      expectRecovered(db, growing, { truth: truthUntil(growing.truth, until) });
      const mark = growing.requests.length;
      const known = new Set(growing.requests.filter((q) => q.route === 'replay').map((q) => q.url));
      growing.setUntil(null);
      const second = await recoverCommand(recoverOptions(seeds, db, growing.base), { log: silentLogger });
      expect(second.code).toBe(0);
      expectRecovered(db, growing);
      const asked = growing.requests.slice(mark);
      const replays = asked.filter((q) => q.route === 'replay').map((q) => q.url);
      expect(replays.length).toBeGreaterThan(0);
      expect(replays.filter((u) => known.has(u))).toEqual([]);
      expect(second.summary!.articles.updated + second.summary!.articles.new).toBeGreaterThan(0);
      // The index is asked once per portal, from the newest capture the first run listed.
      const cdx = asked.filter((q) => q.route === 'cdx').map((q) => new URL(q.url, growing.base).searchParams);
      expect(cdx).toHaveLength(seeds.length);
      for (const q of cdx) expect(q.get('from')! <= until && q.get('from')!.length === 14).toBe(true);
    } finally {
      await growing.close();
    }
  });
});

describe('a web archive in trouble', () => {
  it('survives 429s (no Retry-After), 503s, truncated answers and doubled Content-Encoding, with nothing lost', async () => {
    const faulty = await startWebArchive({
      archive: unseenArchive({ seed: 11, maxArticles: 20 }),
      faults: { cdx: { rate429: 0.2, rate503: 0.2 }, replay: { rate429: 0.1, rate503: 0.1, truncate: 0.1, gzipQuirk: 0.2 }, seed: 5, only: 'all' },
    });
    try {
      const db = join(dir, 'faults.sqlite');
      const seeds = faulty.truth.portals.map((p) => `${p.origin}/`);
      const result = await recoverCommand(recoverOptions(seeds, db, faulty.base, { retries: 8, cdxPageSize: 40, concurrency: 1 }), { log: silentLogger });
      expect(result.summary?.failures).toEqual([]);
      expect(result.code).toBe(0);
      const faults = faulty.requests.filter((q) => q.fault);
      for (const kind of ['429', '503', 'truncate', 'gzip-quirk']) expect(faults.some((q) => q.fault === kind), kind).toBe(true);
      expect(faults.some((q) => q.route === 'cdx')).toBe(true);
      expectRecovered(db, faulty);
      // After a 429 without Retry-After the client waited its rate-limit wait (200 ms here) before asking again
      // (one request at a time here, so the next request was not already on its way).
      for (const refused of faulty.requests.filter((q) => q.fault === '429')) {
        const next = faulty.requests.find((q) => q.monotonic > refused.monotonic && q.route === refused.route);
        if (next) expect(next.monotonic - refused.monotonic, refused.url).toBeGreaterThanOrEqual(190);
      }
    } finally {
      await faulty.close();
    }
  });

  it('captures that fail are recorded (exit 2, in status) and read, in order, by the next run', async () => {
    const flaky = await startWebArchive({ archive: unseenArchive({ seed: 23, portals: 1, maxArticles: 20 }), faults: { replay: { rate503: 0.25 }, seed: 9 } });
    try {
      const db = join(dir, 'flaky.sqlite');
      const seeds = flaky.truth.portals.map((p) => `${p.origin}/`);
      const first = await recoverCommand(recoverOptions(seeds, db, flaky.base, { retries: 0 }), { log: silentLogger });
      expect(first.code).toBe(2);
      expect(first.summary!.failures.length).toBeGreaterThan(0);
      expect(first.summary!.failures.every((f) => /HTTP 503/.test(f.reason))).toBe(true);
      const status = statusCommand({ db, runs: 5 });
      expect(status.failed.some((f) => f.state === 'failed')).toBe(true);
      // The archive answers every URL's second request. An article's captures after one that failed wait for it
      // (capture order), so each run gets further; within a few runs everything is read.
      let last = first;
      for (let run = 0; run < 6 && last.code !== 0; run++) {
        const next = await recoverCommand(recoverOptions(seeds, db, flaky.base, { retries: 0 }), { log: silentLogger });
        expect(next.summary!.failures.length).toBeLessThan(Math.max(1, last.summary!.failures.length) + 1);
        last = next;
      }
      expect(last.code).toBe(0);
      expectRecovered(db, flaky);
    } finally {
      await flaky.close();
    }
  });

  it('keeps the CDX and replay rates it is given, measured at the archive', async () => {
    const limits = { cdxPerMinute: 240, replayPerSecond: 25 };
    const strict = await startWebArchive({ archive: unseenArchive({ seed: 13, portals: 1, maxArticles: 20 }), limits });
    try {
      const db = join(dir, 'polite.sqlite');
      const seeds = strict.truth.portals.map((p) => p.listingUrl);
      const options = recoverOptions(seeds, db, strict.base, { cdxPerMinute: limits.cdxPerMinute, replaysPerSecond: limits.replayPerSecond, cdxPageSize: 25, concurrency: 8 });
      const result = await recoverCommand(options, { log: silentLogger });
      expect(result.code).toBe(0);
      expectRecovered(db, strict);
      // The archive's own limiter never had to refuse anything.
      expect(strict.requests.filter((q) => q.fault)).toEqual([]);
      const at = (route: string) => strict.requests.filter((q) => q.route === route).map((q) => q.monotonic);
      const cdx = at('cdx');
      const replays = at('replay');
      expect(cdx.length).toBeGreaterThan(4);
      expect(replays.length).toBeGreaterThan(30);
      // At most the limit in any window, and starts spread evenly (one every 250 ms and 40 ms), not in bursts:
      // any run of k+1 arrivals spans k intervals, give or take the jitter of a loaded machine (the archive runs in
      // this process, so a busy event loop can delay when it notes an arrival).
      const most = (times: number[], window: number) => Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + window).length));
      expect(most(cdx, 60_000)).toBeLessThanOrEqual(limits.cdxPerMinute);
      expect(most(replays, 1000)).toBeLessThanOrEqual(limits.replayPerSecond);
      const span = (times: number[], k: number) => Math.min(...times.slice(k).map((t, i) => t - times[i]!));
      expect(span(cdx, 4)).toBeGreaterThanOrEqual(4 * 250 - 60);
      expect(span(replays, 10)).toBeGreaterThanOrEqual(10 * 40 - 60);
    } finally {
      await strict.close();
    }
  });
});

describe('recovery and a live crawl of the same portal', () => {
  it('merge into one archive: one row per article, versions in order, nothing duplicated', async () => {
    const portal = wa.truth.portals.find((p) => p.host === 'tuachua.dienbien.gov.vn')!;
    const live = await startReplica({ siteIds: [portal.siteId] });
    // The live portal answers under its own name (the replica stands in for it).
    const connectTo = [parseConnectTo(live.sites[0]!.connectTo!)];
    try {
      const db = join(dir, 'merge.sqlite');
      const recovered = await recoverCommand(recoverOptions([`${portal.origin}/`], db, wa.base), { log: silentLogger });
      expect(recovered.code).toBe(0);
      const held = portal.articles.filter((a) => a.held);
      const crawlOptions = { urls: [portal.listingUrl], db, concurrency: 4, delay: 0, maxPages: null, userAgent: 'portal-archiver-test', timeout: 5000, retries: 0, connectTo };
      const first = await crawlCommand(crawlOptions, { log: silentLogger });
      expect(first.code).toBe(0);
      // What the archive holds already is not fetched again; what it never captured comes from the live portal.
      expect(first.summary.articles.new).toBe(portal.site.articles.length - held.length);
      const refreshed = await crawlCommand({ ...crawlOptions, full: true, refresh: true }, { log: silentLogger });
      expect(refreshed.code).toBe(0);
      const got = records(db);
      expect(got).toHaveLength(portal.site.articles.length);
      expect(new Set(got.map((r) => r.url)).size).toBe(got.length);
      expect(got.every((r) => r.url.startsWith(`${portal.origin}/`))).toBe(true);
      // A recovered article whose last capture shows the portal's final text is unchanged live; one edited after its
      // last capture gets the live text as a newer version on top of its archived ones.
      const sqlite = openArchive(db, { create: false, readonly: true });
      for (const a of held) {
        const final = expectedFields(portal.site, portal.site.articles.find((x) => x.slug === a.slug)!);
        const versions = articleVersions(sqlite, a.url);
        const archived = versions.filter((v) => v.source === 'archive');
        expect(archived.length, a.url).toBe(a.versions.length);
        const sameAsLatest = expectedFields(portal.site, a.versions[a.latest]!.article).body_text === final.body_text && expectedFields(portal.site, a.versions[a.latest]!.article).title === final.title;
        expect(versions.length, a.url).toBe(a.versions.length + (sameAsLatest ? 0 : 1));
        expect(versions.at(-1)!.title).toBe(final.title);
      }
      sqlite.close();
    } finally {
      await live.close();
    }
  });
});
