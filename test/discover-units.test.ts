import { gzipSync } from 'node:zlib';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { learnMainList, matchesPattern } from '../src/discover/article-links.js';
import { canonicalUrl } from '../src/discover/canonical.js';
import { listingDay } from '../src/discover/dates.js';
import { feedLinks, parseFeed } from '../src/discover/feed.js';
import { discoverListing } from '../src/discover/listing.js';
import { detectPager, isPostback, type Pager, pagerUrl } from '../src/discover/pager.js';
import { inScope, scopeOf } from '../src/discover/scope.js';
import { discoverSeed } from '../src/discover/seed.js';
import { parseSitemap, xmlText } from '../src/discover/sitemap.js';

const load = (html: string) => cheerio.load(html);
const pagerOf = (html: string, url: string): Pager => {
  const found = detectPager(load(html), url);
  if (!found || isPostback(found)) throw new Error(`no GET pager: ${JSON.stringify(found)}`);
  return found;
};

describe('canonical URLs of discovered links', () => {
  it('folds pager, tracking, session, redirect, portlet-state and sort variants of one article together', () => {
    const one = 'http://x.gov.vn/tin-tuc/bai-viet-12.html';
    for (const variant of [
      'http://x.gov.vn/tin-tuc/bai-viet-12.html?PageIndex=7',
      'http://x.gov.vn/tin-tuc/bai-viet-12.html?pageindex=0&utm_source=zalo&utm_medium=share',
      'http://x.gov.vn/tin-tuc/bai-viet-12.html?page=3&sort=desc#comments',
      'http://x.gov.vn/tin-tuc/bai-viet-12.html;jsessionid=ABC123?sessionid=99&fbclid=IwAR0',
      'http://X.GOV.VN:80/tin-tuc/bai-viet-12.html?zarsrc=30&gidzl=&PHPSESSID=abc',
    ]) {
      expect(canonicalUrl(variant)?.replace('?gidzl=', ''), variant).toBe(one);
    }
    const liferay = 'https://lucnam.bacgiang.gov.vn/chi-tiet-tin-tuc/-/asset_publisher/Enp27vgshTez/content/chu-ong/20181';
    expect(
      canonicalUrl(`${liferay}?inheritRedirect=false&redirect=https%3A%2F%2Flucnam.bacgiang.gov.vn%2Ftin-tuc&p_p_id=abc&p_p_lifecycle=0&_abc_cur=2&_abc_delta=10`),
    ).toBe(liferay);
  });

  it('keeps the parameters that name an article, in one order, and escapes in one case', () => {
    expect(canonicalUrl('http://x.gov.vn/index.php?id_news=5&com=tintuc_ct&Page=2')).toBe('http://x.gov.vn/index.php?com=tintuc_ct&id_news=5');
    expect(canonicalUrl('http://x.gov.vn/Default.aspx?tabid=112&ID=2410')).toBe('http://x.gov.vn/Default.aspx?ID=2410&tabid=112');
    expect(canonicalUrl('https://t.gov.vn/webcenter/portal/t/pages_tin-tuc/chi-tiet?dDocName=PORTAL200908')).toBe(
      'https://t.gov.vn/webcenter/portal/t/pages_tin-tuc/chi-tiet?dDocName=PORTAL200908',
    );
    expect(canonicalUrl('http://x.gov.vn/TinTuc/View/T%e1%bb%a7a-Ch%c3%b9a')).toBe('http://x.gov.vn/TinTuc/View/T%E1%BB%A7a-Ch%C3%B9a');
    expect(canonicalUrl('http://x.gov.vn/tin%2Dtuc/a%7Eb')).toBe('http://x.gov.vn/tin-tuc/a~b');
    expect(canonicalUrl('javascript:void(0)')).toBeNull();
    expect(canonicalUrl('mailto:a@b.vn')).toBeNull();
  });

  it('keeps a listing link as printed but for tracking and session', () => {
    expect(canonicalUrl('http://x.gov.vn/tin-tuc?page=3&cat=5&utm_source=fb&sid=1', undefined, { listing: true })).toBe(
      'http://x.gov.vn/tin-tuc?page=3&cat=5',
    );
  });
});

describe('scope', () => {
  it('keeps to the seed section its articles live in, else to the host', () => {
    const nuke = scopeOf('https://a.gov.vn/vi/news/an-ninh/page-7', ['vi', 'news', 'an-ninh']);
    expect(nuke.prefix).toEqual(['vi', 'news', 'an-ninh']);
    expect(inScope('https://a.gov.vn/vi/news/an-ninh/bai-1.html', nuke)).toBe(true);
    expect(inScope('https://a.gov.vn/vi/news/kinh-te/bai-2.html', nuke)).toBe(false);
    expect(inScope('https://b.gov.vn/vi/news/an-ninh/bai-1.html', nuke)).toBe(false);
    expect(inScope('http://a.gov.vn:8080/vi/news/an-ninh/bai-1.html', nuke)).toBe(false);
    const kooboo = scopeOf('https://t.gov.vn/TinTuc/', ['TinTuc', 'View']);
    expect(kooboo.prefix).toEqual(['tintuc']);
    expect(inScope('https://t.gov.vn/tintuc/View/Slug', kooboo)).toBe(true);
    expect(inScope('https://t.gov.vn/VanBan/View/Slug', kooboo)).toBe(false);
    expect(scopeOf('https://t.gov.vn/tin-tuc.html', ['tin-tuc']).prefix).toEqual(['tin-tuc']);
    const wordpress = scopeOf('https://n.gov.vn/category/tin-tuc/page/2/', []);
    expect(wordpress.prefix).toEqual([]);
    expect(inScope('https://n.gov.vn/2023/03/29/bai/', wordpress)).toBe(true);
  });
});

const items = (hrefs: string[]) => hrefs.map((h, i) => `<li><a href="${h}">Bài viết số ${i + 1} về hoạt động của huyện trong năm</a></li>`).join('');

describe('pager detection', () => {
  it('reads "Trang N" link texts and a bare » as the last page', () => {
    const html = `<div>${items(['/tin/a-1.html', '/tin/b-2.html', '/tin/c-3.html'])}</div>
      <div class="pg"><a href="/tin?p=2">Trang 2</a> <a href="/tin?p=3">Trang 3</a> <a href="/tin?p=40">»</a></div>`;
    const pager = pagerOf(html, 'http://x.gov.vn/tin');
    expect(pager).toMatchObject({ form: '?p=N', current: 1, last: 40 });
    expect(pagerUrl(pager, 7)).toBe('http://x.gov.vn/tin?p=7');
  });

  it('prefers the listing\'s own pager to a sidebar\'s, and to a calendar of day links', () => {
    const days = Array.from({ length: 31 }, (_, d) => `<a href="/lich?ngay=${d + 1}&thang=5&nam=2024">${d + 1}</a>`).join(' ');
    const html = `<div class="cal">${days}</div>
      <div>${items(['/tin-tuc/a-1.html', '/tin-tuc/b-2.html'])}</div>
      <div class="pg"><a href="/tin-tuc/trang-2.html">2</a> <a href="/tin-tuc/trang-3.html">3</a> <a href="/tin-tuc/trang-2.html">Tiếp</a></div>
      <div class="side"><a href="/van-ban?trang=2">2</a> <a href="/van-ban?trang=3">3</a> <a href="/van-ban?trang=4">4</a> <a href="/van-ban?trang=5">5</a></div>`;
    const pager = pagerOf(html, 'http://x.gov.vn/tin-tuc.html');
    expect(pager.form).toBe('/trang-N.html');
    expect(pagerUrl(pager, 9)).toBe('http://x.gov.vn/tin-tuc/trang-9.html');
    expect(pager.last).toBe(3);
  });

  it('sees a postback pager but does not take it for a GET one', () => {
    const html = `<div>${items(['/p/a-1.aspx', '/p/b-2.aspx', '/p/c-3.aspx'])}</div>
      <a href="javascript:__doPostBack('pager','2')">2</a><a href="javascript:__doPostBack('pager','3')">3</a>`;
    const found = detectPager(load(html), 'http://x.gov.vn/p/list.aspx');
    expect(isPostback(found)).toBe(true);
  });

  it('finds none where there is none', () => {
    const html = `<ul>${items(['/tin/a-1.html', '/tin/b-2.html', '/tin/c-3.html'])}</ul><p>Điện thoại: 0215 3845 125</p>`;
    expect(detectPager(load(html), 'http://x.gov.vn/tin')).toBeNull();
  });

  it('reads a pager whose page 2 is the only link, "Xem tiếp", as a next-only pager', () => {
    const html = `<div>${items(['/tin/a-1.html', '/tin/b-2.html'])}</div><a href="/tin/page/2/">Xem tiếp »</a>`;
    const pager = pagerOf(html, 'http://x.gov.vn/tin/');
    expect(pager).toMatchObject({ form: '/page/N/', current: 1, last: null });
    expect(pagerUrl(pager, 2)).toBe('http://x.gov.vn/tin/page/2/');
    expect(pagerUrl(pager, 1)).toBe('http://x.gov.vn/tin/');
  });
});

describe('article-link learning', () => {
  // The real layout of many district portals: a menu of categories, a "Tin mới" box with MORE links than the main
  // list and the same URL shape, a featured item printed apart above the list, and a footer of links.
  const page = `<html><body>
    <div class="menu"><a href="/">Trang chủ</a> <a href="/tin-tuc">Tin tức</a> <a href="/tin-tuc/chinh-tri">Chính trị</a>
      <a href="/tin-tuc/kinh-te">Kinh tế</a> <a href="/tin-tuc/van-hoa">Văn hóa</a></div>
    <nav><ul>${items(['/tin-tuc/menu-bai-noi-bat-1.html', '/tin-tuc/menu-bai-noi-bat-2.html', '/tin-tuc/menu-bai-noi-bat-3.html'])}</ul></nav>
    <div class="col-main">
      <div class="featured"><h2><a href="/tin-tuc/bai-noi-bat-99.html">Huyện tổ chức Đại hội đại biểu các dân tộc thiểu số lần thứ IV</a></h2>
        <p>Sáng 12/6, huyện long trọng tổ chức Đại hội đại biểu các dân tộc thiểu số lần thứ IV, năm 2024.</p></div>
      <div class="list">
        ${[1, 2, 3, 4]
          .map(
            (n) => `<div class="item"><a href="/tin-tuc/bai-${n}-${100 + n}.html"><img src="/a${n}.jpg"></a>
            <h3><a href="/tin-tuc/bai-${n}-${100 + n}.html">Tiêu đề bài viết thứ ${n} của chuyên mục tin tức</a></h3>
            <span>0${n}/06/2024</span><p>Tóm tắt nội dung bài viết thứ ${n}, đủ dài để là một đoạn tóm tắt thật sự của bài.</p></div>`,
          )
          .join('')}
      </div>
    </div>
    <div class="col-side"><h3>Tin mới</h3><ul>${items(Array.from({ length: 8 }, (_, i) => `/tin-tuc/tin-moi-${i}-${200 + i}.html`))}</ul></div>
    <footer><a href="/lien-he">Liên hệ</a> <a href="/so-do-trang">Sơ đồ trang</a></footer>
  </body></html>`;

  it('takes the main list, with its featured item, not the longer sidebar, the nav or the footer', () => {
    const list = learnMainList(load(page), 'http://x.gov.vn/tin-tuc')!;
    expect(list.pattern.describe).toBe('/tin-tuc/<slug>-<id>.html');
    expect(list.articles.map((a) => a.url)).toEqual([
      'http://x.gov.vn/tin-tuc/bai-noi-bat-99.html',
      ...[1, 2, 3, 4].map((n) => `http://x.gov.vn/tin-tuc/bai-${n}-${100 + n}.html`),
    ]);
    expect(list.articles[1]).toMatchObject({ title: 'Tiêu đề bài viết thứ 1 của chuyên mục tin tức', date: '2024-06-01' });
    expect(list.why[0]).toContain('4 with a day beside them');
  });

  it('matches later URLs against the pattern by shape and section', () => {
    const list = learnMainList(load(page), 'http://x.gov.vn/tin-tuc')!;
    expect(matchesPattern('http://x.gov.vn/tin-tuc/bai-moi-300.html', list.pattern)).toBe(true);
    expect(matchesPattern('http://x.gov.vn/van-ban/bai-moi-300.html', list.pattern)).toBe(false);
    expect(matchesPattern('http://x.gov.vn/tin-tuc/chinh-tri', list.pattern)).toBe(false);
    expect(matchesPattern('http://y.gov.vn/tin-tuc/bai-moi-300.html', list.pattern)).toBe(false);
  });

  it('reads the days listings print', () => {
    expect(listingDay('16:23 03/12/2024')).toBe('2024-12-03');
    expect(listingDay('Đăng ngày 17 - 05 - 2024')).toBe('2024-05-17');
    expect(listingDay('09/02/2023 07:31:00 AM')).toBe('2023-02-09');
    expect(listingDay('2023-08-11T14:46:47+07:00')).toBe('2023-08-11');
    expect(listingDay('ngày 3 tháng 12 năm 2025')).toBe('2025-12-03');
    expect(listingDay('Lượt xem: 924')).toBeNull();
    expect(listingDay('45/13/2024')).toBeNull();
  });
});

describe('seed pages', () => {
  it('tells an article with a related block and its pager from a listing', () => {
    const body = Array.from({ length: 4 }, (_, i) => `<p>Đoạn ${i + 1}: ${'Nội dung bài viết về công tác xây dựng nông thôn mới của huyện. '.repeat(3)}</p>`).join('');
    const article = `<h1>Huyện đạt chuẩn nông thôn mới</h1><div>${body}</div>
      <h3>Các tin khác</h3><ul>${items(['/tin-tuc/a-11.html?PageIndex=1', '/tin-tuc/b-12.html?PageIndex=1', '/tin-tuc/c-13.html?PageIndex=2'])}</ul>
      <div><a href="/tin-tuc/nong-thon-moi-10.html?PageIndex=2">2</a> <a href="/tin-tuc/nong-thon-moi-10.html?PageIndex=3">3</a></div>`;
    expect(discoverSeed('http://x.gov.vn/tin-tuc/nong-thon-moi-10.html?PageIndex=1', article)).toMatchObject({
      kind: 'generic-article',
      url: 'http://x.gov.vn/tin-tuc/nong-thon-moi-10.html',
    });
    const listing = `<ul>${items(['/tin-tuc/a-11.html', '/tin-tuc/b-12.html', '/tin-tuc/c-13.html'])}</ul><a href="/tin-tuc?page=2">2</a><a href="/tin-tuc?page=3">3</a>`;
    expect(discoverSeed('http://x.gov.vn/tin-tuc', listing)?.kind).toBe('discovered');
    expect(discoverSeed('http://x.gov.vn/', '<h1>Welcome to nginx!</h1><p>It works.</p>')).toBeNull();
  });

  it('announces its feeds', () => {
    const found = discoverListing(
      `<head><link rel="alternate" type="application/rss+xml" href="/rss/tin-tuc/"><link rel="alternate" type="application/atom+xml" href="https://x.gov.vn/feed/atom/">
       <link rel="alternate" hreflang="en" href="/en/"><link rel="stylesheet" href="/a.css"></head>`,
      'http://x.gov.vn/tin-tuc/',
    );
    expect(found.feeds).toEqual(['http://x.gov.vn/rss/tin-tuc/', 'https://x.gov.vn/feed/atom/']);
    expect(feedLinks(load('<p>none</p>'), 'http://x.gov.vn/')).toEqual([]);
  });
});

describe('sitemaps and feeds', () => {
  it('reads a urlset with lastmod, a sitemap index, a namespace prefix and a gzipped body', () => {
    const urlset = `<?xml version="1.0" encoding="UTF-8"?>
      <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        <url><loc>https://x.gov.vn/tin-tuc/a-1.html</loc><lastmod>2024-05-17</lastmod></url>
        <url><loc> https://x.gov.vn/tin-tuc/b-2.html?x=1&amp;y=2 </loc></url>
        <url><lastmod>2024-01-01</lastmod></url>
      </urlset>`;
    expect(parseSitemap(xmlText(gzipSync(Buffer.from(urlset))), 'https://x.gov.vn/sitemap.xml.gz')).toEqual({
      kind: 'urlset',
      entries: [
        { url: 'https://x.gov.vn/tin-tuc/a-1.html', lastmod: '2024-05-17' },
        { url: 'https://x.gov.vn/tin-tuc/b-2.html?x=1&y=2', lastmod: null },
      ],
    });
    const index = `<sm:sitemapindex xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sm:sitemap><sm:loc>https://x.gov.vn/sitemap-1.xml</sm:loc><sm:lastmod>2024-06-01T00:00:00+07:00</sm:lastmod></sm:sitemap>
    </sm:sitemapindex>`;
    expect(parseSitemap(index, 'https://x.gov.vn/sitemap.xml')).toEqual({
      kind: 'index',
      entries: [{ url: 'https://x.gov.vn/sitemap-1.xml', lastmod: '2024-06-01T00:00:00+07:00' }],
    });
    expect(parseSitemap('<html><body><h1>404</h1></body></html>', 'https://x.gov.vn/sitemap.xml')).toBeNull();
  });

  it('reads RSS 2.0 and Atom items, and refuses what is neither', () => {
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Tin</title>
      <item><title>Bài 1</title><link>https://x.gov.vn/tin-tuc/a-1.html</link><pubDate>Fri, 17 May 2024 08:00:00 +0700</pubDate></item>
      <item><title>Bài 2</title><guid isPermaLink="true">https://x.gov.vn/tin-tuc/b-2.html</guid></item>
      <item><title>Bài 3</title><guid isPermaLink="false">tag:x,2024:3</guid></item>
    </channel></rss>`;
    expect(parseFeed(rss, 'https://x.gov.vn/rss')).toEqual([
      { url: 'https://x.gov.vn/tin-tuc/a-1.html', title: 'Bài 1', date: 'Fri, 17 May 2024 08:00:00 +0700' },
      { url: 'https://x.gov.vn/tin-tuc/b-2.html', title: 'Bài 2', date: null },
    ]);
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>Tin</title>
      <entry><title>Bài A</title><link rel="edit" href="/wp-admin/1"/><link rel="alternate" href="/2024/05/17/bai-a/"/><updated>2024-05-17T08:00:00+07:00</updated></entry>
    </feed>`;
    expect(parseFeed(atom, 'https://x.gov.vn/feed/atom/')).toEqual([
      { url: 'https://x.gov.vn/2024/05/17/bai-a/', title: 'Bài A', date: '2024-05-17T08:00:00+07:00' },
    ]);
    expect(parseFeed('<urlset/>', 'https://x.gov.vn/')).toBeNull();
  });
});
