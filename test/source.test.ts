import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlOf } from '../src/crawl/seed.js';
import { extractPage } from '../src/extract/page.js';
import { createFetcher } from '../src/fetch/client.js';
import { systemClock } from '../src/fetch/clock.js';
import { parseConnectTo } from '../src/fetch/connect-to.js';
import { createDispatcher } from '../src/fetch/dispatcher.js';
import { HostGate } from '../src/fetch/politeness.js';
import { type Replica, startReplica } from '../src/replica/index.js';
import { startWebArchive, type WebArchive } from '../src/replica/webarchive/index.js';
import { ArchiveClient } from '../src/source/archive/client.js';
import { ArchivedRedirectError } from '../src/source/archive/errors.js';
import { liveSource, type PageSource, recordOf } from '../src/source/index.js';
import { expectedFields } from './helpers/expect-record.js';

// Two sources behind one interface: the portal itself and a web archive's captures of it.
let wa: WebArchive;
let live: Replica;
let dispatcher: ReturnType<typeof createDispatcher>;
let sources: { live: PageSource; archive: PageSource };

beforeAll(async () => {
  wa = await startWebArchive();
  live = await startReplica({ siteIds: ['tuachua'] });
  dispatcher = createDispatcher({ connectTo: [parseConnectTo(live.sites[0]!.connectTo!)] });
  const clock = systemClock;
  const fetch = createFetcher({ dispatcher, gate: new HostGate(clock, () => 0), clock, userAgent: 'test', timeoutMs: 5000, retries: 0, maxBytes: 1 << 24 });
  const client = new ArchiveClient({
    base: wa.base,
    dispatcher,
    clock,
    userAgent: 'test',
    timeoutMs: 5000,
    retries: 0,
    backoffMs: 10,
    rateLimitWaitMs: 10,
    cdxPerMinute: 6000,
    replaysPerSecond: 100,
    cdxPageSize: 100,
  });
  sources = { live: liveSource(fetch), archive: client.source() };
});

afterAll(async () => {
  await dispatcher.close();
  await live.close();
  await wa.close();
});

describe('page sources', () => {
  it('the same article from the live portal and from a web archive: the same record but for its provenance', async () => {
    const portal = wa.truth.portals.find((p) => p.host === 'tuachua.dienbien.gov.vn')!;
    // An article whose last capture shows the text the portal serves now.
    const article = portal.articles.find((a) => {
      if (!a.held) return false;
      const final = portal.site.articles.find((x) => x.slug === a.slug)!;
      return JSON.stringify(expectedFields(portal.site, a.versions[a.latest]!.article)) === JSON.stringify(expectedFields(portal.site, final));
    })!;
    const capture = article.versions[article.latest]!.captures.at(-1)!;
    const fromLive = await sources.live.fetch(article.url, { expect: 'html' });
    const fromArchive = await sources.archive.fetch(capture.original, { at: capture.timestamp });
    const [a, b] = [fromLive, fromArchive].map((page) => recordOf(extractPage(htmlOf(page), article.url), page));
    expect(sources.live.kind).toBe('live');
    expect(sources.archive.kind).toBe('archive');
    expect(b!.content_sha256).toBe(a!.content_sha256);
    expect(b!.url).toBe(a!.url);
    expect(a).toMatchObject({ source: 'live', archive_url: null });
    expect(b).toMatchObject({ source: 'archive', archive_url: wa.mementoUrl(capture.path) });
    expect(Date.parse(b!.captured_at)).toBe(Date.parse(capture.capturedAt));
    // The archive's page is the original's: original URL, original headers, the capture date apart.
    expect(fromArchive.url).toBe(capture.original);
    expect(fromArchive.headers['memento-datetime']).toBeUndefined();
    expect(fromArchive.headers['content-type']).toMatch(/^text\/html/);
  });

  it('a web archive source says when a capture is a redirect off the site', async () => {
    const away = wa.truth.pitfalls.redirects.find((r) => r.note.includes('not archived'))!;
    await expect(sources.archive.fetch(away.original, { at: away.timestamp })).rejects.toBeInstanceOf(ArchivedRedirectError);
  });
});
