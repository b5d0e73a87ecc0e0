import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectFamily } from '../src/extract/detect.js';
import { extractListing } from '../src/extract/listing.js';
import { extractPage } from '../src/extract/page.js';
import { profileById } from '../src/profiles/index.js';
import { FAMILIES, type FamilySite, type Replica, startReplica, templateOf } from '../src/replica/index.js';

// Class names and ids are hints at most: every replica page of every family, with all its class and id attributes
// taken away, is recognised and read exactly as before. Nor does reading need headings or a <title> naming the
// article: with both gone, the title is the block beside the date line with the text under it.
let replica: Replica;

beforeAll(async () => {
  replica = await startReplica({ families: FAMILIES });
});

afterAll(async () => {
  await replica.close();
});

const strip = (html: string) => html.replace(/\s(?:class|id)=("[^"]*"|'[^']*')/g, '');
const flatten = (html: string) =>
  html
    .replace(/<title>[\s\S]*?<\/title>/, '<title>Cổng thông tin điện tử</title>')
    .replace(/<meta property="og:title"[^>]*>/g, '')
    .replace(/<(\/?)h[1-6]\b/g, '<$1div');

describe('pages without class names or ids', () => {
  it('read the same: family, listing and every field of the articles', async () => {
    for (const s of replica.sites) {
      const site = s.site as FamilySite;
      const profile = profileById(s.family)!;
      const listingUrl = `${s.origin}${templateOf(site).listingUrl(site, 2)}`;
      const listingHtml = await (await fetch(listingUrl)).text();
      expect(strip(listingHtml), site.id).not.toMatch(/\sclass=/);
      expect(detectFamily(strip(listingHtml), listingUrl).profile?.id, site.id).toBe(s.family);
      const listing = extractListing(listingHtml, listingUrl, { profile });
      expect(extractListing(strip(listingHtml), listingUrl, { profile }), site.id).toEqual(listing);
      expect(listing.articles.length, site.id).toBeGreaterThan(0);
      for (const { url } of listing.articles) {
        const html = await (await fetch(url)).text();
        const plain = extractPage(strip(html), url);
        expect(plain.extractor, url).toBe(s.family);
        expect(plain, url).toEqual(extractPage(html, url, { profile: s.family }));
      }
    }
  });

  it('read the same without headings and without a <title> that names the article', async () => {
    for (const s of replica.sites) {
      const site = s.site as FamilySite;
      const profile = profileById(s.family)!;
      for (let n = 1; n <= Math.ceil(site.articles.length / site.pageSize); n++) {
        const listingUrl = `${s.origin}${templateOf(site).listingUrl(site, n)}`;
        const listing = extractListing(await (await fetch(listingUrl)).text(), listingUrl, { profile });
        for (const { url } of listing.articles) {
          const html = await (await fetch(url)).text();
          expect(flatten(html), url).not.toMatch(/<h[1-6]/);
          expect(extractPage(flatten(html), url, { profile: s.family }), url).toEqual(extractPage(html, url, { profile: s.family }));
        }
      }
    }
  });
});
