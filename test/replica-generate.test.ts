import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../src/extract/article.js';
import { extractListing } from '../src/extract/listing.js';
import { articleUrl, generateSite, imageUrl, listingUrl, loadSite, startReplica } from '../src/replica/index.js';
import { expectedFields } from './helpers/expect-record.js';

describe('generateSite', () => {
  it('makes the seed portal\'s size by default: 3,688 articles, 369 listing pages of 10, quickly', () => {
    const t0 = performance.now();
    const site = generateSite({ id: 'full' });
    const ms = performance.now() - t0;
    expect(site.articles).toHaveLength(3688);
    expect(site.pageSize).toBe(10);
    expect(Math.ceil(site.articles.length / site.pageSize)).toBe(369);
    expect(ms).toBeLessThan(2000);
  });

  it('is deterministic for an id and seed, and differs across them', () => {
    const a = generateSite({ id: 'same', articles: 500, seed: 5 });
    expect(generateSite({ id: 'same', articles: 500, seed: 5 })).toEqual(a);
    expect(generateSite({ id: 'same', articles: 500, seed: 6 }).articles.map((x) => x.title)).not.toEqual(a.articles.map((x) => x.title));
    expect(generateSite({ id: 'other', articles: 500, seed: 5 }).articles.map((x) => x.title)).not.toEqual(a.articles.map((x) => x.title));
  });

  it('writes data the loader accepts: unique slugs and times, newest first, 2015 to 2025, valid blocks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'replica-gen-'));
    try {
      for (const template of ['list', 'div', 'table'] as const) {
        const site = generateSite({ id: `gen-${template}`, template, articles: 1200 });
        mkdirSync(join(dir, site.id));
        writeFileSync(join(dir, site.id, 'site.json'), JSON.stringify(site));
        expect(loadSite(join(dir, site.id, 'site.json'))).toEqual(site);
        const dates = site.articles.map((a) => a.published);
        expect([...dates].sort().reverse()).toEqual(dates);
        expect(dates[0]! < '2025-07-01').toBe(true);
        expect(dates.at(-1)! >= '2015-01-01').toBe(true);
        const withImages = site.articles.filter((a) => a.blocks.some((b) => 'images' in b));
        expect(withImages.length / site.articles.length).toBeGreaterThan(0.2);
        expect(withImages.length / site.articles.length).toBeLessThan(0.5);
        const captions = withImages.flatMap((a) => a.blocks.flatMap((b) => ('images' in b ? [b.caption] : [])));
        expect(captions.some((c) => c === null)).toBe(true);
        expect(captions.filter((c) => c !== null).length / captions.length).toBeGreaterThan(0.7);
        expect(site.articles.some((a) => a.author === null)).toBe(true);
        expect(site.articles.some((a) => a.slug.endsWith('---Copy'))).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is served like the fixtures: 369 listing pages, the last one `3681-3688 of 3688`', async () => {
    const site = generateSite({ id: 'served' });
    const replica = await startReplica({ sites: [site] });
    try {
      const s = replica.sites[0]!;
      const last = await (await fetch(s.origin + listingUrl(site, 369))).text();
      expect(last).toContain('<strong>3681-3688</strong> of <strong>3688</strong>');
      expect(last).toContain('<span class="active">369</span>');
      expect(last.match(/class="item-title"/g)).toHaveLength(8);
      const listing = extractListing(last, s.origin + listingUrl(site, 369));
      expect(listing.total).toBe(3688);
      // The `Tin mới` box links articles too; the page's own eight must all be among what the extractor found.
      const own = site.articles.slice(3680).map((a) => decodeURIComponent(articleUrl(site, a, 369)).split('?')[0]!);
      const found = listing.articles.map((a) => decodeURIComponent(new URL(a.url).pathname));
      for (const path of own) expect(found).toContain(path);
      const first = await (await fetch(s.listingUrl)).text();
      expect(first).toContain('<strong>1-10</strong> of <strong>3688</strong>');
      const withImage = site.articles.find((a) => a.blocks.some((b) => 'images' in b))!;
      const block = withImage.blocks.find((b) => 'images' in b)!;
      const file = 'images' in block ? block.images[0]! : '';
      const image = await fetch(s.origin + imageUrl(site, file));
      expect(image.status).toBe(200);
      expect(image.headers.get('content-type')).toMatch(/^image\//);
    } finally {
      await replica.close();
    }
  });

  it('makes pages the extractor reads back exactly, in all three templates', async () => {
    for (const template of ['list', 'div', 'table'] as const) {
      const site = generateSite({ id: `read-${template}`, articles: 400, template, seed: 3 });
      const replica = await startReplica({ sites: [site] });
      try {
        const origin = replica.sites[0]!.origin;
        // Every 20th article: a sample across the whole date range, with pictures, bare images and missing bylines.
        for (const article of site.articles.filter((_, i) => i % 20 === 0)) {
          const url = origin + articleUrl(site, article, 1);
          const res = await fetch(url);
          expect(res.status, url).toBe(200);
          const got = extractArticle(await res.text(), url);
          const { images, ...fields } = expectedFields(site, article);
          expect(got, `${template} ${article.slug}`).toMatchObject(fields);
          expect(got.images.map((i) => ({ file: decodeURIComponent(i.url.split('/').pop()!), alt: i.alt, caption: i.caption }))).toEqual(images);
        }
      } finally {
        await replica.close();
      }
    }
  });

  it('rejects nonsense sizes and ids', () => {
    expect(() => generateSite({ id: 'x', articles: 0 })).toThrow(/articles/);
    expect(() => generateSite({ id: 'x', pageSize: 0 })).toThrow(/pageSize/);
    expect(() => generateSite({ id: 'a b' })).toThrow(/id/);
  });
});
