/**
 * Liferay replicas. `a`: Liferay 6.2 with the asset publisher (portlet `101_INSTANCE_<id>`): the skip link
 * `Truy cập nội dung luôn`, the unit's name, a breadcrumb, articles at
 * `/web/<site>/chi-tiet-tin-tuc/-/asset_publisher/<id>/content/<urlTitle>/<groupId>?inheritRedirect=false&redirect=…`
 * (related links without the group id), the title printed twice (back-link header and heading), the time first
 * (`16:23 03/12/2024`), listings paged with `_<portlet>_cur=N&_<portlet>_delta=M` and Đầu tiên/Trước/Tiếp theo/Cuối
 * cùng. `b`: Liferay 7 with EcoIT-style markup: another skip text, `p_p_auth` tokens on every portlet link, the
 * article shown in place on the listing page, `dd/mm/yyyy HH:MM` under the title, figures, `Tin liên quan`.
 */
import {
  altFor,
  attr,
  type Catalog,
  categoryName,
  esc,
  type FamilyTemplate,
  type ListingPageData,
  lines,
  numberedPager,
  page,
  parts,
  relatedOf,
  renderBlocks,
  token,
  weekday,
} from './kit.js';
import type { FamilyArticle, FamilySite } from './site.js';

const HEADERS = { Server: 'Apache-Coyote/1.1', 'Liferay-Portal': 'Liferay Portal Community Edition 6.2 CE GA6 (Newton / Build 6205 / January 6, 2016)' };
const TODAY = '2025-12-03T00:00:00+07:00';
const GROUP = 20181;

function siteKey(site: FamilySite): string {
  return site.id.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
}

const instance = (site: FamilySite, listing: string) => token(`${site.id}|${listing}`, 12);

function scripts(): string {
  return `<script src="/html/js/barebone.jsp?browserId=other&amp;themeId=binhsontheme_WAR_binhsontheme&amp;colorSchemeId=01&amp;minifierType=js&amp;minifierBundleId=javascript.barebone.files"></script>
<script>Liferay.Portlet.list = ["101_INSTANCE_x"]; var themeDisplay = Liferay.ThemeDisplay;</script>`;
}

function photo(site: FamilySite, a: FamilyArticle, file: string): string {
  return `/documents/${GROUP}/${1000 + a.id % 900}/${encodeURIComponent(file)}/${token(`${site.id}${a.id}${file}`, 8, '0123456789abcdef')}-${token(file, 4, '0123456789abcdef')}?t=${1500000000000 + a.id * 7919}`;
}

function imageRoute(path: string): string | null {
  const m = /^\/documents\/\d+\/\d+\/([^/]+)\/[0-9a-f-]+$/.exec(path);
  return m ? decodeURIComponent(m[1]!) : null;
}

// ----- a: Liferay 6.2 -----

function portlet62(inst: string): string {
  return `101_INSTANCE_${inst}`;
}

function pageUrl62(site: FamilySite, listing: string, n: number): string {
  const base = `/web/${siteKey(site)}/${listing}`;
  if (n <= 1) return base;
  const p = portlet62(instance(site, listing));
  const ns = `_${p}_`;
  return `${base}?p_p_id=${p}&p_p_lifecycle=0&p_p_state=normal&p_p_mode=view&p_p_col_id=column-2&p_p_col_count=1&${ns}delta=${site.pageSize}&${ns}keywords=&${ns}advancedSearch=false&${ns}andOperator=true&p_r_p_564233524_resetCur=false&${ns}cur=${n}`;
}

function article62(site: FamilySite, a: FamilyArticle, form: 'listing' | 'related' | 'latest', from = ''): string {
  const base = `/web/${siteKey(site)}/chi-tiet-tin-tuc/-/asset_publisher/${instance(site, 'chi-tiet-tin-tuc')}/content/${a.slug}`;
  const back = encodeURIComponent(`http://${site.host ?? `${site.id}.gov.vn`}${from}`);
  if (form === 'listing') return `${base}/${GROUP}?inheritRedirect=false&redirect=${back}`;
  if (form === 'related') return `${base}?inheritRedirect=false&redirect=${back}`;
  return `${base}/${GROUP}`;
}

function layout62(c: Catalog, title: string, crumbs: string, main: string): string {
  const site = c.site;
  const nav = site.categories.map((k) => `<li><a href="/web/${siteKey(site)}/${k.key}"><span>${esc(k.name)}</span></a></li>`).join('');
  const latest = c.newest.slice(0, 5).map((a) => `<li><a href="${attr(article62(site, a, 'latest'))}">${esc(a.title)}</a></li>`).join('\n');
  const { d, mo, y } = parts(TODAY);
  return page(
    { title: `${title} - ${site.unit}`, extra: `<link href="/html/css/main.css?browserId=other&amp;themeId=binhsontheme_WAR_binhsontheme" rel="stylesheet" />\n${scripts()}` },
    `<a href="#main-content" id="skip-to-content">Truy cập nội dung luôn</a>
<div class="container-fluid" id="wrapper">
<header id="banner" role="banner"><div class="unit-name">${esc(site.unit)}</div><div class="date-now">${weekday(TODAY)}, ngày ${d}/${mo}/${y}</div>
<nav class="sort-pages modify-pages" id="navigation" role="navigation"><ul aria-label="Các trang web" role="menubar"><li><a href="/web/${siteKey(site)}/trang-chu"><span>Trang chủ</span></a></li><li><a href="/web/${siteKey(site)}/tin-tuc"><span>Tin tức</span></a></li>${nav}</ul></nav>
</header>
<div id="content">
${crumbs}
<div class="portlet-layout row-fluid"><div class="portlet-column span8" id="column-2">
${main}
</div><div class="portlet-column span4" id="column-3">
<div class="portlet-boundary portlet-boundary_101_" id="p_p_id_101_INSTANCE_${token(`${site.id}side`, 12)}_"><div class="portlet-title">Tin mới nhất</div><ul class="side-news">
${latest}
</ul></div>
</div></div>
</div>
<footer id="footer" role="contentinfo"><p>${esc(site.unit)}</p><p>Được cung cấp bởi Liferay</p></footer>
</div>`,
  );
}

function crumbs62(site: FamilySite, key: string | null): string {
  const cat = key ? `<li class="active"><a href="/web/${siteKey(site)}/${key}">${esc(categoryName(site, key))}</a></li>` : '';
  return `<nav id="breadcrumbs"><ul aria-label="Breadcrumb" class="breadcrumb breadcrumb-horizontal"><li class="first"><a href="/web/${siteKey(site)}/trang-chu">Trang chủ</a><span class="divider">/</span></li><li><a href="/web/${siteKey(site)}/tin-tuc">Tin tức</a><span class="divider">/</span></li>${cat}</ul></nav>`;
}

function pager62(l: ListingPageData): string {
  if (l.pageCount <= 1) return '';
  const li = (cls: string, href: string | null, text: string) =>
    `<li class="${cls}${href ? '' : ' disabled'}"><a href="${href ? attr(href) : 'javascript:;'}">${text}</a></li>`;
  const start = (l.page - 1) * 1 + 1;
  return `<div class="taglib-page-iterator"><div class="clearfix lfr-pagination"><div class="lfr-pagination-config"><div class="lfr-pagination-page-selector">Trang ${l.page} của ${l.pageCount}</div></div>
<small class="search-results">Hiển thị kết quả trang ${start}.</small>
<ul class="lfr-pagination-buttons pager">
${li('first', l.page > 1 ? l.href(1) : null, 'Đầu tiên')}
${li('', l.page > 1 ? l.href(l.page - 1) : null, 'Trước')}
${li('', l.page < l.pageCount ? l.href(l.page + 1) : null, 'Tiếp theo')}
${li('last', l.page < l.pageCount ? l.href(l.pageCount) : null, 'Cuối cùng')}
</ul></div></div>`;
}

const templateA: FamilyTemplate = {
  precision: 'minute',
  alt: 'file',
  headers: HEADERS,
  imagePrefix: '/documents/',
  listingUrl: (site, n) => pageUrl62(site, 'tin-tuc', n),
  categoryUrl: (site, key, n) => pageUrl62(site, key, n),
  route(c, url) {
    const path = url.pathname;
    const prefix = `/web/${siteKey(c.site)}`;
    if (path === '/' || path === `${prefix}` || path === `${prefix}/trang-chu`) return { kind: 'home' };
    const file = imageRoute(path);
    if (file) return { kind: 'image', file };
    if (!path.startsWith(`${prefix}/`)) return { kind: 'notFound' };
    const rest = path.slice(prefix.length + 1).replace(/\/$/, '');
    const art = /^chi-tiet-tin-tuc\/-\/asset_publisher\/([A-Za-z0-9]+)\/content\/([^/]+)(?:\/\d+)?$/.exec(rest);
    if (art) {
      const found = c.site.articles.find((a) => a.slug === art[2]);
      return found ? { kind: 'article', article: found } : { kind: 'notFound' };
    }
    let n = 1;
    for (const [k, v] of url.searchParams) if (/^_.+_cur$/.test(k) && /^\d+$/.test(v)) n = Math.max(1, Number(v));
    if (rest === 'tin-tuc') return { kind: 'listing', page: n };
    const category = c.site.categories.find((k) => k.key === rest);
    return category ? { kind: 'category', key: category.key, page: n } : { kind: 'notFound' };
  },
  renderHome(c) {
    const site = c.site;
    const items = c.newest.slice(0, 5).map((a) => `<li><a href="${attr(article62(site, a, 'latest'))}">${esc(a.title)}</a></li>`).join('\n');
    return layout62(c, 'Trang chủ', '', `<div class="home-hot"><ul>\n${items}\n</ul><a href="/web/${siteKey(site)}/tin-tuc">Xem tiếp</a></div>`);
  },
  renderListing(c, l) {
    const site = c.site;
    const listing = l.category?.key ?? 'tin-tuc';
    const from = pageUrl62(site, listing, l.page);
    const items = l.items
      .map((a) => {
        const p = parts(a.published);
        const href = article62(site, a, 'listing', from);
        const first = a.blocks.flatMap((b) => ('images' in b ? b.images : []))[0];
        const thumb = first ? `<img alt="${attr(a.title)}" src="${attr(photo(site, a, first))}" />` : '';
        return `<div class="asset-abstract">
<div class="asset-small-image"><a href="${attr(href)}">${thumb}<span class="thumb-title">${esc(a.title)}</span></a></div>
<h3 class="asset-title"><a href="${attr(href)}">${esc(a.title)}</a></h3>
<div class="asset-date">${p.h}:${p.mi} ${p.d}/${p.mo}/${p.y}</div>
<div class="asset-summary">${esc(a.lead)}</div>
</div>`;
      })
      .join('\n');
    const inst = instance(site, listing);
    return layout62(
      c,
      l.title,
      crumbs62(site, l.category?.key ?? null),
      `<div class="portlet-boundary portlet-boundary_101_ portlet-asset-publisher" id="p_p_id_${portlet62(inst)}_"><div class="portlet-body">
<h2 class="portlet-title-text">${esc(l.title)}</h2>
${items}
${pager62(l)}
</div></div>`,
    );
  },
  renderArticle(c, a) {
    const site = c.site;
    const p = parts(a.published);
    const body = renderBlocks(a.blocks, {
      imageUrl: (f) => photo(site, a, f),
      alt: altFor('file'),
      image: (im, caption) => `<p style="text-align: center;">${im}</p>${caption === null ? '' : `\n<p style="text-align: center;"><em>${esc(caption)}</em></p>`}`,
      paragraph: (t) => `<p style="text-align: justify;">${lines(t)}</p>`,
    });
    const byline = a.author || a.organization ? `<p style="text-align: right;"><strong>${esc([a.author, a.organization].filter(Boolean).join(' - '))}</strong></p>` : '';
    const from = pageUrl62(site, a.category, 1);
    const others = relatedOf(site, a)
      .map((r) => {
        const q = parts(r.published);
        return `<li><a href="${attr(article62(site, r, 'related', from))}">${esc(r.title)}</a> <span class="date">${q.h}:${q.mi} ${q.d}/${q.mo}/${q.y}</span></li>`;
      })
      .join('\n');
    const inst = instance(site, 'chi-tiet-tin-tuc');
    const main = `<div class="portlet-boundary portlet-boundary_101_ portlet-asset-publisher" id="p_p_id_${portlet62(inst)}_"><div class="portlet-body">
<div class="taglib-header"><span class="header-back-to"><a class="icon-circle-arrow-left previous-level" href="/web/${siteKey(site)}/${a.category}" title="Quay lại"><span class="helper-hidden-accessible">Quay lại</span></a></span>
<h3 class="header-title"><span>${esc(a.title)}</span></h3></div>
<div class="asset-full-content show-asset-title"><div class="asset-content"><div class="journal-content-article">
<h1 class="tieu-de">${esc(a.title)}</h1>
<div class="ngay-dang">${p.h}:${p.mi} ${p.d}/${p.mo}/${p.y}</div>
<div class="tom-tat"><strong>${esc(a.lead)}</strong></div>
<div class="noi-dung">
${body}
${byline}
</div>
</div></div>
<div class="asset-ratings"><div class="taglib-ratings">Đánh giá bài viết</div></div>
</div>
<div class="tin-khac"><div class="tin-khac-title">Các tin khác</div><ul>
${others}
</ul></div>
</div></div>`;
    return layout62(c, a.title, crumbs62(site, a.category), main);
  },
};

// ----- b: Liferay 7, EcoIT-style -----

const NS7 = 'com_liferay_asset_publisher_web_portlet_AssetPublisherPortlet_INSTANCE_';

function auth(site: FamilySite, what: string): string {
  return token(`${site.id}:${what}`, 8);
}

function pageUrl7(site: FamilySite, listing: string, n: number): string {
  const base = `/web/${siteKey(site)}/${listing}`;
  if (n <= 1) return base;
  const p = `${NS7}${instance(site, listing)}`;
  return `${base}?p_p_id=${p}&p_p_lifecycle=0&p_p_state=normal&p_p_mode=view&_${p}_delta=${site.pageSize}&p_p_auth=${auth(site, `${listing}${n}`)}&_${p}_cur=${n}`;
}

function article7(site: FamilySite, a: FamilyArticle, from: string): string {
  const p = `${NS7}${instance(site, 'tin-tuc-su-kien')}`;
  return `/web/${siteKey(site)}/tin-tuc-su-kien/-/asset_publisher/${instance(site, 'tin-tuc-su-kien')}/content/${a.slug}?_${p}_redirect=${encodeURIComponent(from)}&p_p_auth=${auth(site, a.slug)}`;
}

function layout7(c: Catalog, title: string, main: string): string {
  const site = c.site;
  const nav = site.categories.map((k) => `<li class="lfr-nav-item"><a href="/web/${siteKey(site)}/${k.key}">${esc(k.name)}</a></li>`).join('');
  const { d, mo, y } = parts(TODAY);
  return page(
    { title: `${title} - ${site.name}`, extra: `<link href="/o/ecoit-theme/css/main.css?browserId=other" rel="stylesheet" />\n<script src="/o/frontend-js-web/liferay/global.bundle.js"></script>\n<script>Liferay.AUI.getFilter();</script>` },
    `<div class="d-flex flex-column min-vh-100">
<nav aria-label="Liên kết nhanh" class="quick-access-nav"><a class="d-block sr-only" href="#main-content">Nhảy tới nội dung</a></nav>
<div class="ecoit-top"><div class="ecoit-today">${weekday(TODAY)}, ${d}/${mo}/${y}</div><div class="ecoit-site">${esc(site.name)}</div></div>
<ul class="navbar-nav" role="menubar"><li class="lfr-nav-item"><a href="/web/${siteKey(site)}">Trang chủ</a></li><li class="lfr-nav-item"><a href="/web/${siteKey(site)}/tin-tuc-su-kien">Tin tức - Sự kiện</a></li>${nav}</ul>
<section id="content"><div class="columns-2" id="main-content" role="main"><div class="portlet-layout row"><div class="col-md-8 portlet-column" id="column-1">
${main}
</div><div class="col-md-4 portlet-column" id="column-2"><div class="ecoit-box"><div class="ecoit-box-title">Văn bản mới</div><ul><li>Quyết định số 472/QĐ-UBND</li></ul></div></div></div></div></section>
<footer class="ecoit-footer">${esc(site.unit)} · Thiết kế bởi EcoIT</footer>
</div>`,
  );
}

const templateB: FamilyTemplate = {
  precision: 'minute',
  alt: 'caption',
  headers: { Server: 'Apache', 'Liferay-Portal': 'Liferay Community Edition Portal 7.3.6 CE GA7' },
  imagePrefix: '/documents/',
  listingUrl: (site, n) => pageUrl7(site, 'tin-tuc-su-kien', n),
  categoryUrl: (site, key, n) => pageUrl7(site, key, n),
  route(c, url) {
    const path = url.pathname;
    const prefix = `/web/${siteKey(c.site)}`;
    if (path === '/' || path === prefix) return { kind: 'home' };
    const file = imageRoute(path);
    if (file) return { kind: 'image', file };
    if (!path.startsWith(`${prefix}/`)) return { kind: 'notFound' };
    const rest = path.slice(prefix.length + 1).replace(/\/$/, '');
    const art = /^([^/]+)\/-\/asset_publisher\/[A-Za-z0-9]+\/content\/([^/]+)$/.exec(rest);
    if (art) {
      const found = c.site.articles.find((a) => a.slug === art[2]);
      return found ? { kind: 'article', article: found } : { kind: 'notFound' };
    }
    let n = 1;
    for (const [k, v] of url.searchParams) if (/^_.+_cur$/.test(k) && /^\d+$/.test(v)) n = Math.max(1, Number(v));
    if (rest === 'tin-tuc-su-kien') return { kind: 'listing', page: n };
    const category = c.site.categories.find((k) => k.key === rest);
    return category ? { kind: 'category', key: category.key, page: n } : { kind: 'notFound' };
  },
  renderHome(c) {
    const site = c.site;
    const items = c.newest.slice(0, 5).map((a) => `<li><a href="${attr(article7(site, a, `/web/${siteKey(site)}`))}">${esc(a.title)}</a></li>`).join('\n');
    return layout7(c, 'Trang chủ', `<ul class="home-list">\n${items}\n</ul>`);
  },
  renderListing(c, l) {
    const site = c.site;
    const listing = l.category?.key ?? 'tin-tuc-su-kien';
    const from = pageUrl7(site, listing, l.page);
    const items = l.items
      .map((a) => {
        const p = parts(a.published);
        return `<article class="news-item"><h4><a href="${attr(article7(site, a, from))}">${esc(a.title)}</a></h4><p class="news-time">${p.d}/${p.mo}/${p.y} ${p.h}:${p.mi}</p><p class="news-desc">${esc(a.lead)}</p></article>`;
      })
      .join('\n');
    const pager = numberedPager(l, { next: '»', prev: '«' }, {
      wrap: (inner) => `<ul class="pagination">${inner}</ul>`,
      current: (n) => `<li class="page-item active"><span class="page-link">${n}</span></li>`,
      link: (href, text) => `<li class="page-item"><a class="page-link" href="${attr(href)}">${esc(text)}</a></li>`,
    });
    return layout7(
      c,
      l.title,
      `<div class="portlet-boundary portlet-asset-publisher" id="p_p_id_${NS7}${instance(site, listing)}_"><section class="list-news"><div class="title-box">${esc(l.title)}</div>\n${items}\n${pager}</section></div>`,
    );
  },
  renderArticle(c, a) {
    const site = c.site;
    const p = parts(a.published);
    const body = renderBlocks(a.blocks, {
      imageUrl: (f) => photo(site, a, f),
      alt: altFor('caption'),
      image: (im, caption) => (caption === null ? `<p>${im}</p>` : `<figure class="image">${im}<figcaption>${esc(caption)}</figcaption></figure>`),
      paragraph: (t) => `<p>${lines(t)}</p>`,
    });
    const people = [
      a.author ? `<div class="author-name">${esc(a.author)}</div>` : '',
      a.organization ? `<div class="author-source">Nguồn: ${esc(a.organization)}</div>` : '',
    ].join('');
    const from = `/web/${siteKey(site)}/tin-tuc-su-kien`;
    const others = relatedOf(site, a).map((r) => `<li><a href="${attr(article7(site, r, from))}">${esc(r.title)}</a></li>`).join('\n');
    const main = `<div class="portlet-boundary portlet-asset-publisher" id="p_p_id_${NS7}${instance(site, 'tin-tuc-su-kien')}_">
<div class="breadcrumb-box"><a href="/web/${siteKey(site)}">Trang chủ</a> » <a href="/web/${siteKey(site)}/${a.category}">${esc(categoryName(site, a.category))}</a></div>
<article class="news-detail">
<h1>${esc(a.title)}</h1>
<p class="news-detail-time">${p.d}/${p.mo}/${p.y} ${p.h}:${p.mi}</p>
<p id="change_font_size"><strong>${esc(a.lead)}</strong></p>
<div id="contentnews">
${body}
</div>
<div class="author-box">${people}</div>
</article>
<div class="related-news"><h2>Tin liên quan</h2><ul>
${others}
</ul></div>
</div>`;
    return layout7(c, a.title, main);
  },
};

export const liferayTemplates: Record<string, FamilyTemplate> = { a: templateA, b: templateB };
