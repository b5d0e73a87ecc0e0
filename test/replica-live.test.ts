import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  articleUrl,
  DEFAULT_REPLICA_DIR,
  generateSite,
  listingUrl,
  startReplica,
  type Article,
  type Replica,
} from '../src/replica/index.js';

let replica: Replica | null = null;

afterEach(async () => {
  await replica?.close();
  replica = null;
});

async function start(opts: Parameters<typeof startReplica>[0]): Promise<Replica> {
  replica = await startReplica(opts);
  return replica;
}

async function get(url: string, headers: Record<string, string> = {}, method = 'GET') {
  const res = await fetch(url, { headers, method });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

/** Vietnam wall time to the instant, as Last-Modified prints it. */
const httpDateOf = (iso: string) => new Date(Date.parse(iso)).toUTCString();

const fresh = (over: Partial<Article> = {}): Article => ({
  slug: 'Tin-moi-dang-hom-nay',
  category: 'Tin-trong-huyen',
  title: 'Tin mới đăng hôm nay',
  published: '2025-07-01T08:00:00+07:00',
  lead: 'Sáng nay, huyện tổ chức hội nghị.',
  blocks: [{ p: 'Nội dung bài viết mới.' }],
  author: 'Thu Trang - Trung tâm VH - TT - TH huyện',
  ...over,
});

describe('robots.txt', () => {
  it('is a 404 by default', async () => {
    const r = await start({ siteIds: ['tuachua'] });
    expect((await get(`${r.sites[0]!.origin}/robots.txt`)).status).toBe(404);
  });

  it('serves one body for every site, or one per site', async () => {
    const all = 'User-agent: *\nDisallow: /TinTuc/CM/\nCrawl-delay: 2\n';
    const r = await start({ siteIds: ['tuachua', 'huyendienbien'], robots: all });
    for (const s of r.sites) {
      const res = await get(`${s.origin}/robots.txt`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(res.body).toBe(all);
    }
    await r.close();
    const per = await start({ siteIds: ['tuachua', 'huyendienbien'], robots: { tuachua: 'User-agent: *\nDisallow: /\n' } });
    expect((await get(`${per.site('tuachua').origin}/robots.txt`)).body).toBe('User-agent: *\nDisallow: /\n');
    expect((await get(`${per.site('huyendienbien').origin}/robots.txt`)).status).toBe(404);
  });
});

describe('conditional GET', () => {
  it('gives pages an ETag and the Last-Modified of the newest article they involve', async () => {
    const r = await start({ siteIds: ['tuachua'] });
    const s = r.sites[0]!;
    const newest = [...s.site.articles].sort((a, b) => (a.published < b.published ? 1 : -1))[0]!;
    const page = await get(s.listingUrl);
    expect(page.headers.get('etag')).toMatch(/^"[0-9a-f]{40}"$/);
    expect(page.headers.get('last-modified')).toBe(httpDateOf(newest.published));
    // An article page involves its category (the `Các tin khác` block), not the whole site.
    const seed = s.site.articles.find((a) => a.slug === 'Tua-Chua-quan-tam-phat-trien-dang-vien')!;
    const inCategory = s.site.articles.filter((a) => a.category === seed.category).map((a) => a.published).sort().at(-1)!;
    const article = await get(s.origin + articleUrl(s.site, seed, 1));
    expect(article.headers.get('last-modified')).toBe(httpDateOf(inCategory));
    const image = await fetch(`${s.origin}/Cms_Data/Contents/${s.site.cmsSite}/Media/Images/dbej11.jpg`);
    expect(image.headers.get('etag')).toMatch(/^"[0-9a-f]{40}"$/);
    const missing = await get(`${s.origin}/TinTuc/View/Khong-co`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('etag')).toBeNull();
    // Stable across replicas: the tag is a hash of the bytes, which do not depend on the port.
    const other = await startReplica({ siteIds: ['tuachua'] });
    try {
      expect((await get(other.sites[0]!.listingUrl)).headers.get('etag')).toBe(page.headers.get('etag'));
    } finally {
      await other.close();
    }
  });

  it('answers 304 without a body when If-None-Match or If-Modified-Since still match, and logs it', async () => {
    const r = await start({ siteIds: ['tuachua'] });
    const url = r.sites[0]!.listingUrl;
    const first = await get(url);
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;

    const byTag = await get(url, { 'If-None-Match': etag });
    expect(byTag.status).toBe(304);
    expect(byTag.body).toBe('');
    expect(byTag.headers.get('etag')).toBe(etag);
    expect(r.requests.at(-1)).toMatchObject({ status: 304, ifNoneMatch: etag });

    expect((await get(url, { 'If-None-Match': `"nope", W/${etag}` })).status).toBe(304);
    expect((await get(url, { 'If-None-Match': '*' })).status).toBe(304);
    expect((await get(url, { 'If-None-Match': '"nope"' })).status).toBe(200);
    expect((await get(url, { 'If-None-Match': etag }, 'HEAD')).status).toBe(304);

    const byDate = await get(url, { 'If-Modified-Since': lastModified });
    expect(byDate.status).toBe(304);
    expect(r.requests.at(-1)).toMatchObject({ status: 304, ifModifiedSince: lastModified });
    const earlier = new Date(Date.parse(lastModified) - 1000).toUTCString();
    expect((await get(url, { 'If-Modified-Since': earlier })).status).toBe(200);
    expect((await get(url, { 'If-Modified-Since': 'not a date' })).status).toBe(200);
    // If-None-Match decides alone when both are sent.
    expect((await get(url, { 'If-None-Match': '"nope"', 'If-Modified-Since': lastModified })).status).toBe(200);
  });
});

describe('publish and edit', () => {
  it('publish puts a new article first on the listing at once, changes validators, and writes no file', async () => {
    const fixture = join(DEFAULT_REPLICA_DIR, 'tuachua', 'site.json');
    const bytes = readFileSync(fixture);
    const r = await start({ siteIds: ['tuachua'] });
    const s = r.sites[0]!;
    const before = await get(s.listingUrl);
    const total = s.site.articles.length;

    const stored = r.publish('tuachua', fresh());
    expect(stored.slug).toBe('Tin-moi-dang-hom-nay');
    expect(s.site.articles).toHaveLength(total + 1);
    const after = await get(s.listingUrl, { 'If-None-Match': before.headers.get('etag')! });
    expect(after.status).toBe(200);
    expect(after.body).toContain(` of <strong>${total + 1}</strong>`);
    const first = after.body.indexOf('class="item-title"');
    expect(after.body.slice(first, first + 200)).toContain('Tin mới đăng hôm nay');
    expect(Date.parse(after.headers.get('last-modified')!)).toBeGreaterThan(Date.parse(before.headers.get('last-modified')!));
    expect((await get(s.listingUrl, { 'If-Modified-Since': before.headers.get('last-modified')! })).status).toBe(200);
    const page = await get(`${s.origin}/TinTuc/View/Tin-moi-dang-hom-nay`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Nội dung bài viết mới.');

    // A back-dated article lands in its place by date, and still moves Last-Modified forward.
    const lm = after.headers.get('last-modified')!;
    r.publish('tuachua', fresh({ slug: 'Bai-cu-dang-bo-sung', title: 'Bài cũ đăng bổ sung', published: '2016-03-01T09:00:00+07:00' }));
    const last = await get(s.origin + listingUrl(s.site, Math.ceil((total + 2) / s.site.pageSize)));
    expect(last.body).toContain('Bài cũ đăng bổ sung');
    expect((await get(s.listingUrl, { 'If-Modified-Since': lm })).status).toBe(200);

    expect(readFileSync(fixture).equals(bytes)).toBe(true);
  });

  it('publish refuses a duplicate slug, an unknown category and a malformed date', async () => {
    const r = await start({ siteIds: ['tuachua'] });
    expect(() => r.publish('tuachua', fresh({ slug: 'Tua-Chua-quan-tam-phat-trien-dang-vien' }))).toThrow(/already exists/);
    expect(() => r.publish('tuachua', fresh({ category: 'Khong-co' }))).toThrow(/category/);
    expect(() => r.publish('tuachua', fresh({ published: '2025-07-01 08:00' }))).toThrow(/published/);
    expect(() => r.publish('nowhere', fresh())).toThrow(/nowhere/);
  });

  it('edit changes an article page (new ETag, later Last-Modified) and leaves listings that do not print the change as they were', async () => {
    const r = await start({ siteIds: ['tuachua'] });
    const s = r.sites[0]!;
    const slug = 'Tang-cuong-cong-tac-quan-ly-va-bao-ve-rung';
    const url = `${s.origin}/TinTuc/View/${slug}`;
    const before = await get(url);
    const listing = await get(s.listingUrl);
    const old = s.site.articles.find((a) => a.slug === slug)!;

    r.edit('tuachua', slug, { blocks: [...old.blocks, { p: 'Đoạn văn được bổ sung sau khi đăng.' }] });
    const after = await get(url, { 'If-None-Match': before.headers.get('etag')! });
    expect(after.status).toBe(200);
    expect(after.body).toContain('Đoạn văn được bổ sung sau khi đăng.');
    expect(Date.parse(after.headers.get('last-modified')!)).toBeGreaterThan(Date.parse(before.headers.get('last-modified')!));
    expect(s.site.articles.find((a) => a.slug === slug)!.blocks.at(-1)).toEqual({ p: 'Đoạn văn được bổ sung sau khi đăng.' });
    // The listing prints title and lead only: same bytes, same tag.
    expect((await get(s.listingUrl, { 'If-None-Match': listing.headers.get('etag')! })).status).toBe(304);

    r.edit('tuachua', slug, { title: 'Tăng cường công tác quản lý, bảo vệ rừng' });
    const retitled = await get(url);
    expect(retitled.body).toContain('Tăng cường công tác quản lý, bảo vệ rừng');
    expect(retitled.headers.get('last-modified')).not.toBe(after.headers.get('last-modified'));
    expect(() => r.edit('tuachua', 'Khong-co', { title: 'x' })).toThrow(/Khong-co/);
  });

  it('never changes the Site objects it was given', async () => {
    const site = generateSite({ id: 'given', articles: 30 });
    const articles = site.articles;
    const first = site.articles[0]!;
    const r = await start({ sites: [site] });
    r.publish('given', fresh({ category: site.categories[0]!.key }));
    r.edit('given', first.slug, { title: 'Tiêu đề đã sửa' });
    expect(site.articles).toBe(articles);
    expect(site.articles).toHaveLength(30);
    expect(site.articles[0]!.title).toBe(first.title);
    expect(r.sites[0]!.site.articles).toHaveLength(31);
  });
});

describe('dead links', () => {
  it('prints the dead links first on page 1 of the listing, answers them 404, and keeps the pager counts', async () => {
    const r = await start({ siteIds: ['tuachua', 'huyentuachua'], dead: { tuachua: ['Bai-viet-da-bi-go'] } });
    const tc = r.site('tuachua');
    const page1 = await get(tc.listingUrl);
    const href = '/TinTuc/View/Bai-viet-da-bi-go?PageIndex=1';
    expect(page1.body).toContain(`href="${href}"`);
    const firstItem = page1.body.indexOf('class="item-title"');
    expect(page1.body.slice(firstItem, firstItem + 80)).toContain(`href="${href}"`);
    expect(page1.body.match(/class="item-title"/g)).toHaveLength(tc.site.pageSize + 1);
    expect(page1.body).toContain(` of <strong>${tc.site.articles.length}</strong>`);
    expect((await get(tc.origin + href)).status).toBe(404);
    expect((await get(tc.origin + listingUrl(tc.site, 2))).body).not.toContain('Bai-viet-da-bi-go');
    expect((await get(r.site('huyentuachua').listingUrl)).body).not.toContain('Bai-viet-da-bi-go');
  });

  it('takes one list for every site', async () => {
    const r = await start({ siteIds: ['huyentuachua', 'huyendienbien'], dead: ['Khong-con-nua'] });
    expect((await get(r.site('huyentuachua').listingUrl)).body).toContain('UserKey=Khong-con-nua&amp;PageIndex=1');
    expect((await get(r.site('huyendienbien').listingUrl)).body).toContain('/T/View/Khong-con-nua?PageIndex=1');
    expect(() => r.publish('huyendienbien', { ...fresh({ slug: 'Khong-con-nua', category: 'Tin-tuc-su-kien' }) })).toThrow(/dead link/);
  });

  it('refuses a dead link that names an existing article', async () => {
    await expect(startReplica({ siteIds: ['tuachua'], dead: ['Tua-Chua-quan-tam-phat-trien-dang-vien'] })).rejects.toThrow(/existing/);
  });
});

describe('request log', () => {
  it('records status, user agent, conditional headers and a monotonic time for every request', async () => {
    const r = await start({ siteIds: ['tuachua'] });
    const s = r.sites[0]!;
    await get(s.listingUrl, { 'User-Agent': 'portal-archiver-test/1' });
    await get(`${s.origin}/Khong-co`);
    await get(s.listingUrl, { 'If-Modified-Since': 'Tue, 01 Jul 2025 00:00:00 GMT' });
    await fetch(s.listingUrl, { method: 'POST' });
    const [a, b, c, d] = r.requests;
    expect(a).toMatchObject({ siteId: 'tuachua', method: 'GET', url: '/TinTuc/?PageIndex=1', status: 200, userAgent: 'portal-archiver-test/1' });
    expect(a!.ifNoneMatch).toBeUndefined();
    expect(b).toMatchObject({ url: '/Khong-co', status: 404 });
    expect(c).toMatchObject({ status: 304, ifModifiedSince: 'Tue, 01 Jul 2025 00:00:00 GMT' });
    expect(d).toMatchObject({ method: 'POST', status: 405 });
    const times = r.requests.map((e) => e.monotonic);
    expect(times.every((t, i) => i === 0 || t >= times[i - 1]!)).toBe(true);
    expect(times.at(-1)! - times[0]!).toBeLessThan(5000);
  });
});

describe('served sites', () => {
  it('serves generated sites instead of the fixtures, and picks by id', async () => {
    const a = generateSite({ id: 'gen-a', articles: 25, template: 'div' });
    const b = generateSite({ id: 'gen-b', articles: 40, template: 'table' });
    const r = await start({ sites: [a, b], siteIds: ['gen-b'] });
    expect(r.sites.map((s) => s.id)).toEqual(['gen-b']);
    const page = await get(r.sites[0]!.listingUrl);
    expect(page.status).toBe(200);
    expect(page.body).toContain(' of <strong>40</strong>');
    await expect(startReplica({ sites: [a, a] })).rejects.toThrow(/twice/);
  });
});
