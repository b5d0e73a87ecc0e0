/**
 * SharePoint replicas. `a`: the TANDAN theme of district portals (`/portal/Pages/<yyyy-m-d>/<Slug><id>.aspx`,
 * `Đăng ngày dd - mm - yyyy` without a time, `Lượt xem`, the font widget's `100%`, blank paragraphs, bare captions,
 * a bare closing organisation line, `Các tin khác` with lower-cased links, listings paged `?Page=N` with `Tiếp`).
 * `b`: Quảng Ninh's localised library (`/Trang/ChiTietTinTuc.aspx?nid=<id>`, a bare `dd/mm/yyyy HH:MM` under the
 * title, `(Ảnh: X/TTXVN)` captions, related links with extra and upper-cased parameters). Class names differ.
 */
import {
  altFor,
  type Catalog,
  categoryName,
  esc,
  attr,
  type FamilyTemplate,
  lines,
  listingPage,
  numberedPager,
  page,
  parts,
  positive,
  qparam,
  relatedOf,
  renderBlocks,
  weekday,
} from './kit.js';
import type { FamilyArticle, FamilySite } from './site.js';

const HEADERS = { Server: 'Microsoft-IIS/8.5', MicrosoftSharePointTeamServices: '15.0.0.4569', 'X-Powered-By': 'ASP.NET', 'X-AspNet-Version': '4.0.30319' };
const TODAY = '2025-12-03T00:00:00+07:00';

function head(title: string): string {
  return `<meta name="GENERATOR" content="Microsoft SharePoint" />
<link rel="stylesheet" type="text/css" href="/_layouts/15/1066/styles/Themable/corev15.css?rev=2a5p4" />
<script type="text/javascript" src="/_layouts/15/init.js?rev=ZL8u"></script>
<script type="text/javascript">var _spPageContextInfo = {webServerRelativeUrl: "\\u002fportal", pageListId: "{a1}"};</script>
<meta property="og:title" content="${attr(title)}" />`;
}

function viewstate(text: string): string {
  return `<div class="aspNetHidden"><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUBMA9kFgJmD2QWAgIBD2QWBAIBD2QWAgIFD2QW${attr(Buffer.from(text).toString('base64').slice(0, 24))}" /></div>`;
}

// ----- a: TANDAN theme -----

const A = {
  listing: (page: number) => `/portal/Pages/Tin-tuc-su-kien.aspx${page > 1 ? `?Page=${page}` : ''}`,
  category: (key: string, page: number) => `/portal/Pages/${key}.aspx${page > 1 ? `?Page=${page}` : ''}`,
  article: (a: FamilyArticle) => {
    const { y, mo, d } = parts(a.published);
    return `/portal/Pages/${y}-${Number(mo)}-${Number(d)}/${a.slug}.aspx`;
  },
  photo: (a: FamilyArticle, file: string) => {
    const { y, mo, d } = parts(a.published);
    return `/portal/Photos/${y}-${mo}-${d}/${encodeURIComponent(file)}`;
  },
};

function menuA(site: FamilySite): string {
  const cats = site.categories.map((c) => `<li><a href="${attr(A.category(c.key, 1))}">${esc(c.name)}</a></li>`).join('');
  return `<div class="tandan-menu"><ul><li><a href="/portal/Pages/default.aspx">Trang chủ</a></li><li><a href="${A.listing(1)}">Tin tức - Sự kiện</a></li>${cats}</ul></div>`;
}

function layoutA(c: Catalog, title: string, main: string): string {
  const site = c.site;
  const latest = c.newest.slice(0, 5).map((a) => `<li><a href="${attr(A.article(a))}">${esc(a.title)}</a></li>`).join('\n');
  const { d, mo, y } = parts(TODAY);
  return page(
    { title, extra: head(title) },
    `<form method="post" action="./default.aspx" id="aspnetForm">
${viewstate(title)}
<div id="s4-workspace"><div id="s4-bodyContainer">
<div class="tandan-header"><div class="tandan-banner"><a href="/portal/Pages/default.aspx"><img src="/portal/SiteAssets/banner.png" alt="${attr(site.name)}" /></a></div>
<div class="tandan-today">${weekday(TODAY)}, ${d}/${mo}/${y}</div></div>
${menuA(site)}
<div class="tandan-body">
<div class="tandan-col-main">
${main}
</div>
<div class="tandan-col-right">
<div class="tandan-box"><div class="tandan-box-title">TIN MỚI</div><ul class="tandan-box-list">
${latest}
</ul></div>
<div class="tandan-box"><div class="tandan-box-title">Liên kết website</div><select><option>Cổng thông tin điện tử Chính phủ</option></select></div>
</div>
</div>
<div class="tandan-footer"><p>${esc(site.unit)}</p><p>Địa chỉ: Thị trấn ${esc(site.name.replace(/^.*huyện\s*/i, ''))}</p><p>Bản quyền thuộc ${esc(site.unit)}</p></div>
</div></div>
</form>`,
  );
}

function bylineA(a: FamilyArticle): string {
  if (a.author && a.organization) return `<p style="text-align: right;"><strong>${esc(a.author)} - ${esc(a.organization)}</strong></p>`;
  const one = a.author ?? a.organization;
  return one ? `<p>${esc(one)}</p>` : '';
}

const templateA: FamilyTemplate = {
  precision: 'day',
  alt: 'none',
  headers: HEADERS,
  imagePrefix: '/portal/Photos/',
  listingUrl: (_site, p) => A.listing(p),
  categoryUrl: (_site, key, p) => A.category(key, p),
  route(c, url) {
    const path = decodeURIComponent(url.pathname).toLowerCase();
    if (path === '/' || path === '/portal/pages/default.aspx') return { kind: 'home' };
    const pageNo = positive(qparam(url, 'Page'));
    if (path === '/portal/pages/tin-tuc-su-kien.aspx') return { kind: 'listing', page: pageNo };
    const art = /^\/portal\/pages\/(\d{4})-(\d{1,2})-(\d{1,2})\/([^/]+)\.aspx$/.exec(path);
    if (art) {
      const found = c.site.articles.find((a) => a.slug.toLowerCase() === art[4] && A.article(a).toLowerCase() === path);
      return found ? { kind: 'article', article: found } : { kind: 'notFound' };
    }
    const cat = /^\/portal\/pages\/([^/]+)\.aspx$/.exec(path);
    const category = cat && c.site.categories.find((k) => k.key.toLowerCase() === cat[1]);
    if (category) return { kind: 'category', key: category.key, page: pageNo };
    const photo = /^\/portal\/photos\/\d{4}-\d{2}-\d{2}\/([^/]+)$/.exec(path);
    if (photo) return { kind: 'image', file: photo[1]! };
    return { kind: 'notFound' };
  },
  renderHome(c) {
    const items = c.newest.slice(0, 6).map((a) => `<li><a href="${attr(A.article(a))}">${esc(a.title)}</a></li>`).join('\n');
    return layoutA(c, c.site.name, `<div class="tandan-home"><h2>Tin nổi bật</h2><ul>\n${items}\n</ul><p><a href="${A.listing(1)}">Xem tất cả</a></p></div>`);
  },
  renderListing(c, l) {
    const items = l.items
      .map((a) => {
        const { d, mo, y } = parts(a.published);
        const first = a.blocks.flatMap((b) => ('images' in b ? b.images : []))[0];
        const thumb = first ? `<div class="channel-news-img"><a href="${attr(A.article(a))}"><img src="${attr(A.photo(a, first))}" alt="${attr(a.title)}" /></a></div>` : '';
        return `<div class="channel-news-item">${thumb}
<div class="channel-news-title"><a href="${attr(A.article(a))}">${esc(a.title)}</a></div>
<div class="channel-news-date">(${d}/${mo}/${y})</div>
<div class="channel-news-summary">${esc(a.lead)}</div></div>`;
      })
      .join('\n');
    const pager = numberedPager(l, { next: 'Tiếp', last: 'Cuối', first: 'Đầu', prev: 'Trước' }, {
      wrap: (inner) => `<div class="tandan-paging">${inner}</div>`,
      current: (n) => `<span class="CurrentPage">${n}</span>`,
      // Relative links, as the theme prints them.
      link: (href, text) => `<a href="${attr(href.replace(/^\/portal\/Pages\//, ''))}">${esc(text)}</a>`,
    });
    return layoutA(c, `${l.title} - ${c.site.name}`, `<div class="tandan-channel"><h1 class="channel-title">${esc(l.title)}</h1>\n${items}\n${pager}</div>`);
  },
  renderArticle(c, a) {
    const site = c.site;
    const { d, mo, y } = parts(a.published);
    const body = renderBlocks(a.blocks, {
      imageUrl: (f) => A.photo(a, f),
      alt: altFor('none'),
      image: (im, caption) => `<p style="text-align: center;">${im}</p>${caption === null ? '' : `\n<p>${esc(caption)}</p>`}`,
      paragraph: (t) => `<p style="text-align: justify;">${lines(t)}</p>`,
    });
    const others = relatedOf(site, a)
      .map((r) => {
        const p = parts(r.published);
        // The theme prints these links in lower case; IIS does not mind.
        return `<li><a href="${attr(A.article(r).toLowerCase())}">${esc(r.title)}</a> <span class="tandan-date">(${p.d}/${p.mo}/${p.y})</span></li>`;
      })
      .join('\n');
    const main = `<div class="tandan-breadcrumb"><a href="/portal/Pages/default.aspx">Trang chủ</a> &gt; <a href="${A.listing(1)}">Tin tức - Sự kiện</a> &gt; <a href="${attr(A.category(a.category, 1))}">${esc(categoryName(site, a.category))}</a></div>
<div class="tandan-article">
<p class="tandan-p-article-news-title">${esc(a.title)}</p>
<div class="tandan-article-info"><span class="tandan-span-date-publish">Đăng ngày ${d} - ${mo} - ${y}</span></div>
<div class="tandan-article-view"><span>Lượt xem: ${a.views}</span></div>
<div class="tandan-font"><a href="javascript:void(0)">A-</a> <span>100%</span> <a href="javascript:void(0)">A+</a></div>
<p>&nbsp;</p>
<p>&nbsp;</p>
<p class="tandan-p-article-news-summary">${esc(a.lead)}</p>
<p class="tandan-p-article-main"></p>
<div id="ctl00_PlaceHolderMain_ctl03__ControlWrapper_RichHtmlField" class="ms-rtestate-field">
${body}
${bylineA(a)}
</div>
<div class="td-tags">Từ khóa: <a href="/portal/Pages/Tim-kiem.aspx?k=${encodeURIComponent(categoryName(site, a.category))}">${esc(categoryName(site, a.category))}</a></div>
<div class="tandan-div-article-other"><p class="tandan-p-article-other">Các tin khác</p><ul>
${others}
</ul></div>
</div>`;
    return layoutA(c, a.title, main);
  },
};

// ----- b: Quảng Ninh's "Trang" library -----

const B = {
  listing: (page: number) => `/Trang/TinTuc.aspx${page > 1 ? `?Page=${page}` : ''}`,
  category: (key: string, page: number) => `/Trang/TinTuc.aspx?cid=${encodeURIComponent(key)}${page > 1 ? `&Page=${page}` : ''}`,
  article: (a: FamilyArticle) => `/Trang/ChiTietTinTuc.aspx?nid=${a.id}`,
  photo: (a: FamilyArticle, file: string) => {
    const { y, mo } = parts(a.published);
    return `/DataFiles/Images/${y}/${mo}/${encodeURIComponent(file)}`;
  },
};

function layoutB(c: Catalog, title: string, main: string): string {
  const site = c.site;
  const cats = site.categories.map((k) => `<a href="${attr(B.category(k.key, 1))}">${esc(k.name)}</a>`).join(' | ');
  const hot = c.newest.slice(0, 4).map((a) => `<div class="hot-item"><a href="${attr(B.article(a).replace('nid=', 'NID='))}">${esc(a.title)}</a></div>`).join('\n');
  const { d, mo, y } = parts(TODAY);
  return page(
    { title: `${title} | ${site.name}`, extra: head(title) },
    `<form method="post" action="#" id="aspnetForm">
${viewstate(title)}
<div class="qn-wrap">
<div class="qn-top"><span class="qn-date">${weekday(TODAY)}, ${d}/${mo}/${y}</span> <span class="qn-lang">Tiếng Việt | English</span></div>
<div class="qn-logo"><a href="/Trang/Default.aspx">${esc(site.name)}</a></div>
<div class="qn-nav"><a href="/Trang/Default.aspx">Trang chủ</a> | <a href="${B.listing(1)}">Tin tức</a> | ${cats}</div>
<table class="qn-layout"><tr><td class="qn-main">
${main}
</td><td class="qn-side"><div class="hot-title">Tin nổi bật</div>
${hot}
</td></tr></table>
<div class="qn-foot">${esc(site.unit)} - Giấy phép số 12/GP-TTĐT</div>
</div>
</form>`,
  );
}

const templateB: FamilyTemplate = {
  precision: 'minute',
  alt: 'file',
  headers: HEADERS,
  imagePrefix: '/DataFiles/Images/',
  listingUrl: (_site, p) => B.listing(p),
  categoryUrl: (_site, key, p) => B.category(key, p),
  route(c, url) {
    const path = decodeURIComponent(url.pathname).toLowerCase();
    if (path === '/' || path === '/trang/default.aspx') return { kind: 'home' };
    const pageNo = positive(qparam(url, 'Page'));
    if (path === '/trang/tintuc.aspx') {
      const cid = qparam(url, 'cid');
      if (cid === null) return { kind: 'listing', page: pageNo };
      const category = c.site.categories.find((k) => k.key.toLowerCase() === cid.toLowerCase());
      return category ? { kind: 'category', key: category.key, page: pageNo } : { kind: 'notFound' };
    }
    if (path === '/trang/chitiettintuc.aspx') {
      const found = c.site.articles.find((a) => String(a.id) === qparam(url, 'nid'));
      return found ? { kind: 'article', article: found } : { kind: 'notFound' };
    }
    const photo = /^\/datafiles\/images\/\d{4}\/\d{2}\/([^/]+)$/.exec(path);
    if (photo) return { kind: 'image', file: photo[1]! };
    return { kind: 'notFound' };
  },
  renderHome(c) {
    const items = c.newest.slice(0, 6).map((a) => `<li><a href="${attr(B.article(a))}">${esc(a.title)}</a></li>`).join('\n');
    return layoutB(c, 'Trang chủ', `<ul class="home-news">\n${items}\n</ul><a href="${B.listing(1)}">Tin tức</a>`);
  },
  renderListing(c, l) {
    const rows = l.items
      .map((a) => {
        const { d, mo, y, h, mi } = parts(a.published);
        return `<div class="list-news-row"><a class="list-news-link" href="${attr(B.article(a))}">${esc(a.title)}</a>
<div class="list-news-time">${d}/${mo}/${y} ${h}:${mi}</div><div class="list-news-sapo">${esc(a.lead)}</div></div>`;
      })
      .join('\n');
    const pager = numberedPager(l, { next: 'Sau', prev: 'Trước' }, {
      wrap: (inner) => `<div class="pager-qn">${inner}</div>`,
      current: (n) => `<b>${n}</b>`,
      link: (href, text) => `<a href="${attr(href)}">${esc(text)}</a>`,
    });
    return layoutB(c, l.title, `<h2 class="list-head">${esc(l.title)}</h2>\n${rows}\n${pager}`);
  },
  renderArticle(c, a) {
    const site = c.site;
    const { d, mo, y, h, mi } = parts(a.published);
    const body = renderBlocks(a.blocks, {
      imageUrl: (f) => B.photo(a, f),
      alt: altFor('file'),
      image: (im, caption) => `<p align="center">${im}</p>${caption === null ? '' : `\n<p align="center">${esc(caption)}</p>`}`,
      paragraph: (t) => `<p>${lines(t)}</p>`,
    });
    const byline = a.author || a.organization
      ? `<p style="text-align: right;"><b>${esc([a.author, a.organization].filter(Boolean).join(' - '))}</b></p>`
      : '';
    const others = relatedOf(site, a)
      .map((r) => {
        const p = parts(r.published);
        return `<li><a href="${attr(`${B.article(r)}&dvid=2`)}">${esc(r.title)}</a> (Ngày ${p.d}/${p.mo}/${p.y})</li>`;
      })
      .join('\n');
    const main = `<div class="news-detail">
<div class="path-detail"><a href="/Trang/Default.aspx">Trang chủ</a> » <a href="${attr(B.category(a.category, 1))}">${esc(categoryName(site, a.category))}</a></div>
<h1 class="title-detail">${esc(a.title)}</h1>
<div class="date-detail">${d}/${mo}/${y} ${h}:${mi}</div>
<div class="sapo-detail"><strong>${esc(a.lead)}</strong></div>
<div class="content-detail">
${body}
${byline}
</div>
<div class="other-news"><h3>Các tin khác</h3><ul>
${others}
</ul></div>
</div>`;
    return layoutB(c, a.title, main);
  },
};

export const sharepointTemplates: Record<string, FamilyTemplate> = { a: templateA, b: templateB };
