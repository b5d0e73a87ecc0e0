import { describe, expect, it } from 'vitest';
import { extractArticle } from '../src/extract/article.js';
import { detectFamily, detectProfile } from '../src/extract/page.js';
import { extractListing } from '../src/extract/listing.js';
import { profileById } from '../src/profiles/index.js';
import { canonicalArticleUrl, canonicalListingUrl, listingPageUrl } from '../src/profiles/urls.js';

// Template variants the families' other sites may use, each reduced to the part that differs; the traps of the
// families README one by one. Class names here are made up and play no part.
const profile = (id: string) => profileById(id)!;
const page = (title: string, inner: string, head = '') =>
  `<html><head><title>${title} - Cổng thông tin điện tử huyện</title>${head}</head><body>` +
  `<div class="nav"><a href="/">Trang chủ</a> <a href="/gioi-thieu">Giới thiệu</a></div><div class="x">${inner}</div>` +
  `<div class="foot">Ủy ban nhân dân huyện</div></body></html>`;
const prose = 'Đây là một đoạn văn đủ dài của bài viết để được coi là nội dung chính, không phải trình đơn hay liên kết.';

describe('dates', () => {
  it('a today line with its weekday right above the title is not the publication time', () => {
    const r = extractArticle(
      page('Tiêu đề bài', `<div>Thứ Tư, 03/12/2025</div><h1>Tiêu đề bài</h1><div>Thứ hai - 21/08/2023 08:30</div><p>${prose}</p><p>${prose}</p>`),
      'http://h.vn/vi/news/tin-tuc/tieu-de-bai-12.html',
      { profile: profile('nukeviet') },
    );
    expect(r.published_at).toBe('2023-08-21T08:30:00+07:00');
  });

  it('the day and a view count on one line before the title; sign-off and byline on the last line', () => {
    const r = extractArticle(
      page('Huyện ta: Hoàn thành khám sơ tuyển', `<p>09/11/2019 | lượt xem: 3</p><h2>Huyện ta: Hoàn thành khám sơ tuyển</h2>
        <p>${prose}</p><p>Cho 652 thanh niên trong độ tuổi./. Vũ Hoa - Đài Truyền thanh huyện</p>`),
      'http://anthi.vn/tin-tuc/huyen-ta-hoan-thanh-kham-so-tuyen-2327',
      { profile: profile('slugid') },
    );
    expect(r).toMatchObject({
      published_at: '2019-11-09T00:00:00+07:00',
      author: 'Vũ Hoa',
      organization: 'Đài Truyền thanh huyện',
      body_text: `${prose}\n\nCho 652 thanh niên trong độ tuổi.`,
    });
  });

  it('a labelled line before the title, a font-size widget between them (Ngày đăng: … - Lượt xem: …)', () => {
    const r = extractArticle(
      page('Thông báo lịch tiếp công dân', `<div>Thursday, 18/07/2024</div><div>Ngày đăng: 06/01/2021 - Lượt xem: 99</div><div>Xem với cỡ chữ</div>
        <h3>Thông báo lịch tiếp công dân</h3><p>${prose}</p><p>${prose}</p>`),
      'http://h.vn/portal/Pages/2021-1-6/Thong-bao-lich-tiepab12cd.aspx',
      { profile: profile('sharepoint') },
    );
    expect(r).toMatchObject({ title: 'Thông báo lịch tiếp công dân', published_at: '2021-01-06T00:00:00+07:00', summary: prose });
  });

  it('Lượt xem: N | Gửi lúc: dd/mm/yyyy HH:MM:SS on one line', () => {
    const r = extractArticle(
      page('Lịch sử phát triển', `<div>Lượt xem: 7370 | Gửi lúc: 05/12/2013 15:42:27</div><h2>Lịch sử phát triển</h2><p>${prose}</p><p>${prose}</p>`),
      'http://h.vn/portal/Pages/2013-12-5/Lich-su-phat-trienzz11aa.aspx',
      { profile: profile('sharepoint') },
    );
    expect(r.published_at).toBe('2013-12-05T15:42:27+07:00');
  });

  it('a site whose <title> never names the article: the heading over the prose, the date labelled under the text', () => {
    const html = `<html><head><title>Cổng thông tin điện tử</title></head><body><div><a href="/">Trang chủ</a></div>
      <h1>Khai mạc giải bóng đá thanh niên</h1><p>${prose}</p><p>Nội dung tiếp theo của bài.</p>
      <div>Ngày cập nhật: 12/04/2024 09:15</div><div><h3>Tin khác</h3><a href="/the-thao/giai-bong-da-2023-118">Giải bóng đá 2023</a></div></body></html>`;
    const r = extractArticle(html, 'http://h.vn/the-thao/khai-mac-giai-bong-da-thanh-nien-120', { profile: profile('slugid') });
    expect(r).toMatchObject({
      title: 'Khai mạc giải bóng đá thanh niên',
      published_at: '2024-04-12T09:15:00+07:00',
      body_text: `${prose}\n\nNội dung tiếp theo của bài.`,
      related: [{ title: 'Giải bóng đá 2023', url: 'http://h.vn/the-thao/giai-bong-da-2023-118' }],
    });
  });

  it('no date printed at all (Thuận Châu): the record says null', () => {
    const r = extractArticle(
      page('Đề cương tuyên truyền', `<h1>Đề cương tuyên truyền</h1><div>Lượt xem: 14</div><p>I. CHỦ TRƯƠNG SẮP XẾP</p><p>${prose}</p>`),
      'http://thuanchau.vn/tin-cai-cach-hanh-chinh/de-cuong-tuyen-truyen-920730',
      { profile: profile('slugid') },
    );
    expect(r).toMatchObject({ published_at: null, summary: 'I. CHỦ TRƯƠNG SẮP XẾP' });
  });

  it('the article\'s own <header> holds its date; the page header\'s does not', () => {
    const r = extractArticle(
      page(
        'Tiềm năng thế mạnh',
        `<header><span>Hôm nay 03/12/2025</span></header><article><header><h1>Tiềm năng thế mạnh</h1>
        <div>( Cập nhật ngày: 29/03/2023 )</div></header><p>${prose}</p><p>${prose}</p></article>`,
      ),
      'http://h.vn/tiem-nang-the-manh/',
      { profile: profile('wordpress') },
    );
    expect(r.published_at).toBe('2023-03-29T00:00:00+07:00');
  });

  it('a sidebar of dated titles before the article: its dates are not the article\'s', () => {
    const r = extractArticle(
      page(
        'Tiêu đề chính',
        `<div class="left"><div><a href="/tin/bai-cu-111">Bài cũ một</a></div><div>02/01/2020</div>
        <div><a href="/tin/bai-cu-112">Bài cũ hai</a></div><div>03/01/2020</div></div>
        <h1>Tiêu đề chính</h1><div>Lượt xem: 12</div><div>Ngày 17/05/2024</div><p>${prose}</p><p>${prose}</p>`,
      ),
      'http://h.vn/tin/tieu-de-chinh-120',
      { profile: profile('slugid') },
    );
    expect(r.published_at).toBe('2024-05-17T00:00:00+07:00');
  });

  it('the <time> of the article, not the sidebar\'s earlier one', () => {
    const r = extractArticle(
      page(
        'Tiêu đề',
        `<aside><time datetime="2025-01-01T07:00:00+07:00">01/01/2025</time></aside><h1>Tiêu đề</h1>
        <div><time datetime="2023-03-29T01:15:32Z">29 Tháng Ba, 2023</time></div><p>${prose}</p><p>${prose}</p>`,
      ),
      'http://h.vn/tieu-de/',
      { profile: profile('wordpress') },
    );
    expect(r.published_at).toBe('2023-03-29T08:15:32+07:00');
  });
});

describe('category', () => {
  it('a heading over the title that repeats a menu entry (Tuyên Quang prints it in capitals)', () => {
    const html = page('Đẩy mạnh phong trào thi đua', `<div class="m"><a href="/vi/dai-hoi-dang-cac-cap">Đại hội Đảng các cấp</a></div>
      <div>ĐẠI HỘI ĐẢNG CÁC CẤP</div><h2>Đẩy mạnh phong trào thi đua</h2><div>Ngày đăng: 24/10/2024</div><p>${prose}</p><p>${prose}</p>`);
    const r = extractArticle(html, 'http://h.vn/vi/news/dai-hoi/day-manh-phong-trao-thi-dua-12856.html', { profile: profile('nukeviet') });
    expect(r.category).toBe('ĐẠI HỘI ĐẢNG CÁC CẤP');
  });
});

describe('recognition', () => {
  it('names the family of a page from its own evidence, and why', () => {
    const nv = detectFamily('<html><head><meta name="generator" content="NukeViet v4.5"></head><body></body></html>', 'http://h.vn/');
    expect(nv.profile?.id).toBe('nukeviet');
    expect(nv.why.join(' ')).toMatch(/generator/);
    const lr = detectFamily('<html><body><a href="#main-content">Truy cập nội dung luôn</a><div id="p_p_id_101_INSTANCE_abc_"></div></body></html>', 'http://h.vn/web/x');
    expect(lr.profile?.id).toBe('liferay');
    expect(detectFamily('<html><body><p>Hello</p></body></html>', 'http://example.org/').profile).toBeNull();
  });

  it('an article page is claimed only by a family whose article grammar its URL follows', () => {
    const html = page('T', `<h1>T</h1><div>Đăng ngày 17 - 05 - 2024</div><p>${prose}</p>`);
    expect(detectProfile(html, 'http://h.vn/portal/Pages/2024-5-17/Tabcdef.aspx').profile?.id).toBe('sharepoint');
    expect(detectProfile(html, 'http://h.vn/a/b/c').profile).toBeNull();
  });
});

describe('URL grammar', () => {
  it('one article, one URL: pager, redirect, session and tracking parameters, case, trailing slash and group id go', () => {
    const lr = profile('liferay');
    const a = canonicalArticleUrl('/web/x/chi-tiet/-/asset_publisher/Ab12/content/tin-a/20181?inheritRedirect=false&redirect=%2Fweb%2Fx', 'http://h.vn/', lr);
    expect(a).toBe('http://h.vn/web/x/chi-tiet/-/asset_publisher/Ab12/content/tin-a');
    expect(canonicalArticleUrl('http://h.vn/web/x/chi-tiet/-/asset_publisher/Ab12/content/tin-a?p_p_auth=Zx9', undefined, lr)).toBe(a);
    const sp = profile('sharepoint');
    expect(canonicalArticleUrl('http://h.vn/PORTAL/pages/2024-5-17/Tin-Aabc123.aspx?Source=x', undefined, sp)).toBe(
      canonicalArticleUrl('http://h.vn/portal/Pages/2024-5-17/tin-aabc123.aspx', undefined, sp),
    );
    expect(canonicalArticleUrl('http://h.vn/Trang/ChiTietTinTuc.aspx?NID=5&dvid=2', undefined, sp)).toBe('http://h.vn/trang/chitiettintuc.aspx?nid=5');
    expect(canonicalArticleUrl('http://h.vn/tin-tuc/bai-a-605499?pageindex=0', undefined, profile('slugid'))).toBe('http://h.vn/tin-tuc/bai-a-605499');
    expect(canonicalArticleUrl('http://h.vn/1227/27461/54439/293909/tin-tuc/bai-a', undefined, profile('slugid'))).toBeNull();
    const wp = profile('wordpress');
    expect(canonicalArticleUrl('http://h.vn/bai-a?utm_source=zalo#respond', undefined, wp)).toBe('http://h.vn/bai-a/');
    expect(canonicalArticleUrl('http://h.vn/category/tin-tuc/', undefined, wp)).toBeNull();
    expect(canonicalArticleUrl('http://h.vn/vi/news/savefile/tin/bai-a-12.html', undefined, profile('nukeviet'))).toBeNull();
  });

  it('listing pages in each family\'s pager grammar, page 1 without its number', () => {
    const url = (href: string, id: string) => canonicalListingUrl(href, undefined, profile(id))!;
    expect(url('http://h.vn/vi/news/an-ninh/page-3', 'nukeviet')).toMatchObject({ url: 'http://h.vn/vi/news/an-ninh/page-3', page: 3 });
    expect(url('http://h.vn/vi/news/an-ninh', 'nukeviet').url).toBe('http://h.vn/vi/news/an-ninh/');
    expect(url('http://h.vn/category/tin/page/2/', 'wordpress')).toMatchObject({ url: 'http://h.vn/category/tin/page/2/', page: 2 });
    expect(url('http://h.vn/portal/Pages/Tin-tuc.aspx?Page=4', 'sharepoint').page).toBe(4);
    expect(url('http://h.vn/tin-tuc?pageindex=1', 'slugid')).toMatchObject({ page: 2 });
    expect(url('http://h.vn/tin-tuc?pageindex=0', 'slugid')).toMatchObject({ url: 'http://h.vn/tin-tuc', page: 1 });
    const lr = url('http://h.vn/web/x/tin?p_p_id=101_INSTANCE_a&p_p_auth=Q1&_101_INSTANCE_a_delta=5&_101_INSTANCE_a_cur=3', 'liferay');
    expect(lr.page).toBe(3);
    expect(lr.url).not.toMatch(/p_p_auth/);
    expect(lr.key).toBe(url('http://h.vn/web/x/tin', 'liferay').key);
    expect(url(listingPageUrl(lr, 1, profile('liferay')), 'liferay').url).toBe('http://h.vn/web/x/tin');
    expect(listingPageUrl(lr, 4, profile('liferay'))).toMatch(/_101_INSTANCE_a_cur=4/);
    // Pager forms of other sites are read by every family: ?trang=N, /page/N/, /trang-N.
    expect(url('http://h.vn/portal/Pages/Tin-tuc.aspx?trang=3', 'sharepoint').page).toBe(3);
    expect(url('http://h.vn/tin-tuc/page/4/', 'slugid')).toMatchObject({ page: 4, url: 'http://h.vn/tin-tuc/page/4/' });
    expect(url('http://h.vn/vi/news/trang-2', 'nukeviet').page).toBe(2);
  });

  it('WordPress listings take posts from their items, not the menu pages that share their URL shape', () => {
    const html = `<html><body><nav><a href="/gioi-thieu-chung/">Giới thiệu chung</a><a href="/so-do-to-chuc/">Sơ đồ tổ chức</a></nav>
      <article><h2><a href="/bai-a/">Bài A</a></h2><span>29/03/2023</span></article>
      <article><h2><a href="/bai-b/">Bài B</a></h2><span>28/03/2023</span></article></body></html>`;
    const listing = extractListing(html, 'http://h.vn/tin-tuc/', { profile: profile('wordpress') });
    expect(listing.articles.map((a) => a.url)).toEqual(['http://h.vn/bai-a/', 'http://h.vn/bai-b/']);
    expect(listing.articles.map((a) => a.date)).toEqual(['2023-03-29', '2023-03-28']);
  });
});
