import { afterAll, describe, expect, it } from 'vitest';
import { decodeHtml } from '../src/fetch/decode.js';
import { extractPage } from '../src/extract/page.js';
import { profileById } from '../src/profiles/index.js';
import { canonicalArticleUrl } from '../src/profiles/urls.js';
import { BANNER_TEXTS, fixtureArchive, startWebArchive, unseenArchive, type ArchiveTruth, type WebArchive } from '../src/replica/webarchive/index.js';
import { expectedFields } from './helpers/expect-record.js';
import { get } from './helpers/webarchive.js';

const open: WebArchive[] = [];
afterAll(() => Promise.all(open.map((w) => w.close())));

/** Follows the archive's own redirects (nearest capture, archived http→https) to the memento, as a client would. */
async function memento(wa: WebArchive, url: string) {
  let r = await get(url);
  for (let hops = 0; r.status >= 300 && r.status < 400 && hops < 5; hops++) r = await get(new URL(r.headers.get('location')!, url).href);
  return r;
}

async function checkTruth(wa: WebArchive): Promise<number> {
  let checked = 0;
  for (const portal of wa.truth.portals) {
    for (const a of portal.articles) {
      if (!a.held) {
        expect(a.captures.every((c) => c.kind !== 'page' && c.kind !== 'revisit')).toBe(true);
        continue;
      }
      expect(a.latest).toBeGreaterThanOrEqual(0);
      expect(a.versions.at(a.latest)!.article).toEqual(a.versions.at(a.latest)!.article);
      // Each version, fetched raw from each capture showing it, reads as that version.
      for (const v of a.versions) {
        for (const c of v.captures) {
          const r = await memento(wa, wa.mementoUrl(c.path));
          expect(r.status, c.path).toBe(200);
          expect(new Date(r.headers.get('memento-datetime')!).toISOString().replace('.000Z', 'Z')).toBe(c.capturedAt);
          const html = decodeHtml(r.body, r.headers.get('content-type') ?? undefined);
          for (const t of BANNER_TEXTS) expect(html).not.toContain(t);
          const got = extractPage(html, c.original);
          const want = expectedFields(portal.site, v.article);
          const images = got.images.map((i) => ({ file: decodeURIComponent(i.url.split('/').pop()!), alt: i.alt, caption: i.caption }));
          expect({ ...got, images }, c.path).toMatchObject(want);
          checked++;
        }
      }
      // Every capture's URL is this article's under the crawler's canonicalisation, once scheme and host are folded.
      for (const c of a.captures) {
        const folded = c.original.replace(/^https?:\/\/(www\.)?([^/:]+)(:80)?/, 'http://$2');
        expect(canonicalArticleUrl(folded, undefined, profileById('kooboo')!), c.original).toBe(a.url);
      }
      // The latest version is the one of the last capture that shows the article.
      const showing = a.captures.filter((c) => c.kind === 'page' || c.kind === 'revisit');
      expect(a.versions[a.latest]!.captures).toContainEqual(showing.at(-1));
      // Versions are distinct and in capture order.
      const firsts = a.versions.map((v) => v.captures[0]!.timestamp);
      expect([...firsts].sort()).toEqual(firsts);
      expect(new Set(a.versions.map((v) => v.article.title)).size).toBe(a.versions.length);
    }
  }
  return checked;
}

describe('ground truth', () => {
  it('matches what the fixture archive replays, field by field', async () => {
    const wa = await startWebArchive();
    open.push(wa);
    expect(await checkTruth(wa)).toBeGreaterThan(40);
    const edited = wa.truth.portals.flatMap((p) => p.articles).filter((a) => a.versions.length > 1);
    expect(edited.length).toBeGreaterThanOrEqual(3);
    expect(edited.some((a) => a.versions.length === 3)).toBe(true);
  });

  it('matches what an unseen archive replays', async () => {
    const wa = await startWebArchive({ archive: unseenArchive({ seed: 5 }) });
    open.push(wa);
    const truth = wa.truth;
    expect(truth.portals.length).toBeGreaterThanOrEqual(2);
    expect(new Set(truth.portals.map((p) => p.site.template)).size).toBeGreaterThan(1);
    expect(await checkTruth(wa)).toBeGreaterThan(40);
  });

  it('builds the same archive from the same seed and another from another', () => {
    const digests = (t: ArchiveTruth) => t.portals.map((p) => [p.host, p.days, p.articles.map((a) => a.captures.map((c) => c.timestamp))]);
    expect(digests(unseenArchive({ seed: 9 }).truth)).toEqual(digests(unseenArchive({ seed: 9 }).truth));
    expect(digests(unseenArchive({ seed: 10 }).truth)).not.toEqual(digests(unseenArchive({ seed: 9 }).truth));
    expect(fixtureArchive().data.captures.map((c) => c.digest)).toEqual(fixtureArchive().data.captures.map((c) => c.digest));
  });

  it('lists a linked-only article in an archived listing but holds no capture of it', async () => {
    const wa = await startWebArchive();
    open.push(wa);
    for (const url of wa.truth.pitfalls.linkedOnly) {
      const a = wa.truth.portals.flatMap((p) => p.articles).find((x) => x.url === url)!;
      expect(a.held).toBe(false);
      expect(a.captures).toEqual([]);
      const portal = wa.truth.portals.find((p) => p.siteId === a.siteId)!;
      const lastDay = portal.days.at(-2)!;
      const listing = await memento(wa, `${wa.base}/web/${lastDay}id_/${portal.origin}/${portal.site.listingKey}/?PageIndex=1`);
      expect(listing.text).toContain(encodeURIComponent(a.slug).replace(/'/g, '%27').slice(0, 20));
    }
  });
});

describe('listings between captures', () => {
  it('shift: newer articles push the first page’s articles to later pages', async () => {
    const wa = await startWebArchive();
    open.push(wa);
    for (const portal of wa.truth.portals) {
      const page1 = `${portal.origin}/${portal.site.listingKey}/?PageIndex=1`;
      const [first, last] = [portal.days[0]!, portal.days.at(-2)!];
      const early = (await memento(wa, `${wa.base}/web/${first}id_/${page1}`)).text;
      const late = (await memento(wa, `${wa.base}/web/${last}id_/${page1}`)).text;
      const slugs = (html: string) => [...html.matchAll(/href="([^"]*(?:View|view)[^"]*)"/g)].map((m) => m[1]!.replace(/[?&]PageIndex=\d+/, ''));
      const gone = slugs(early).filter((s) => !slugs(late).includes(s));
      expect(gone.length, portal.siteId).toBeGreaterThan(0);
    }
  });
});
