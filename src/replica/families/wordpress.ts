/**
 * WordPress replicas. `a`: a district theme like Na Rì's: postname permalinks `/<slug>/`, menu pages with the same
 * URL shape (`/gioi-thieu/`, `/tiem-nang-the-manh/`), the reading toolbar before the title, `( Cập nhật ngày:
 * dd/mm/yyyy )` with `article:published_time` in the head, `rel="category tag"`, figures, the sign-off `./.` and a
 * right-aligned byline, `Bài trước`/`Bài tiếp theo` glued to their titles, `Bài viết liên quan` with tracking
 * parameters, listings `/tin-tuc/page/N/`. `b`: a magazine theme (tagDiv-like): dated permalinks
 * `/<yyyy>/<mm>/<dd>/<slug>/`, the home page as the listing paged `/page/N/`, no generator meta, a skip link,
 * Yoast-style breadcrumb, `<time datetime>`, captions repeating the alt text, a bold bare author line, TAGS, and an
 * upper-case `BÀI VIẾT LIÊN QUAN`.
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
  weekday,
} from './kit.js';
import type { FamilyArticle, FamilySite } from './site.js';

const HEADERS = { Server: 'Apache', 'X-Powered-By': 'PHP/8.1.27', Link: '</wp-json/>; rel="https://api.w.org/"' };
const TODAY = '2025-12-03T00:00:00+07:00';

function upload(a: FamilyArticle, file: string): string {
  const { y, mo } = parts(a.published);
  return `/wp-content/uploads/${y}/${mo}/${encodeURIComponent(file)}`;
}

function imageRoute(path: string): string | null {
  const m = /^\/wp-content\/uploads\/\d{4}\/\d{2}\/([^/]+)$/.exec(path);
  return m ? decodeURIComponent(m[1]!) : null;
}

function neighbours(c: Catalog, a: FamilyArticle): { prev: FamilyArticle | null; next: FamilyArticle | null } {
  const i = c.newest.findIndex((x) => x.id === a.id);
  return { prev: c.newest[i + 1] ?? null, next: c.newest[i - 1] ?? null };
}

function wpPager(l: ListingPageData): string {
  return numberedPager(l, { next: 'Tiếp »', prev: '« Trước' }, {
    wrap: (inner) => `<nav class="navigation pagination" aria-label="Bài viết"><div class="nav-links">${inner}</div></nav>`,
    current: (n) => `<span aria-current="page" class="page-numbers current">${n}</span>`,
    link: (href, text) => `<a class="page-numbers" href="${attr(href)}">${esc(text)}</a>`,
  });
}

// ----- a -----

const A = {
  listing: (n: number) => `/tin-tuc/${n > 1 ? `page/${n}/` : ''}`,
  category: (key: string, n: number) => `/category/${key}/${n > 1 ? `page/${n}/` : ''}`,
  article: (a: FamilyArticle) => `/${a.slug}/`,
};

function layoutA(c: Catalog, title: string, main: string, extraHead = '', bodyClass = 'archive'): string {
  const site = c.site;
  const cats = site.categories.map((k) => `<li class="menu-item"><a href="${attr(A.category(k.key, 1))}">${esc(k.name)}</a></li>`).join('');
  const recent = c.newest.slice(0, 5).map((a) => `<li><a href="${attr(A.article(a))}">${esc(a.title)}</a></li>`).join('\n');
  const { d, mo, y } = parts(TODAY);
  return page(
    {
      title: `${title} – ${site.name}`,
      extra: `<meta name="generator" content="WordPress 6.4.3" />
<link rel="https://api.w.org/" href="/wp-json/" />
<link rel="stylesheet" id="narihuyen-style-css" href="/wp-content/themes/narihuyen/style.css?ver=1.2" media="all" />
<script src="/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>
${extraHead}`,
    },
    `<div id="page" class="site ${bodyClass}">
<header id="masthead" class="site-header"><div class="site-branding"><p class="site-title"><a href="/" rel="home">${esc(site.name)}</a></p><p class="site-description">${esc(site.unit)}</p></div>
<div class="header-date">${weekday(TODAY)}, ${d}/${mo}/${y}</div>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu"><li class="menu-item"><a href="/">Trang chủ</a></li><li class="menu-item"><a href="/gioi-thieu/">Giới thiệu</a></li><li class="menu-item"><a href="/tiem-nang-the-manh/">Tiềm năng-Thế mạnh</a></li><li class="menu-item"><a href="${A.listing(1)}">Tin tức</a></li>${cats}<li class="menu-item"><a href="/lien-he/">Liên hệ</a></li></ul></nav>
</header>
<div id="content" class="site-content">
<main id="primary" class="site-main">
${main}
</main>
<aside id="secondary" class="widget-area"><section class="widget widget_recent_entries"><h2 class="widget-title">Bài viết mới</h2><ul>
${recent}
</ul></section><section class="widget"><h2 class="widget-title">Liên kết</h2><ul><li><a href="https://backan.gov.vn">Cổng TTĐT tỉnh</a></li></ul></section></aside>
</div>
<footer id="colophon" class="site-footer"><div class="site-info">${esc(site.unit)} – Vận hành bởi WordPress</div></footer>
</div>`,
  );
}

function itemsA(items: FamilyArticle[], url: (a: FamilyArticle) => string): string {
  return items
    .map((a) => {
      const p = parts(a.published);
      const first = a.blocks.flatMap((b) => ('images' in b ? b.images : []))[0];
      const thumb = first ? `<a class="post-thumbnail" href="${attr(url(a))}"><img width="300" height="200" src="${attr(upload(a, first))}" alt="" /></a>` : '';
      return `<article id="post-${a.id}" class="post-${a.id} post type-post status-publish">${thumb}
<header class="entry-header"><h2 class="entry-title"><a href="${attr(url(a))}" rel="bookmark">${esc(a.title)}</a></h2>
<div class="entry-meta"><span class="posted-on">${p.d}/${p.mo}/${p.y}</span></div></header>
<div class="entry-summary"><p>${esc(a.lead)}</p></div>
</article>`;
    })
    .join('\n');
}

/** The static pages the menu links: same URL shape as posts, no date, no listing item. */
const PAGES: Record<string, { title: string; text: string }> = {
  'gioi-thieu': { title: 'Giới thiệu', text: 'Huyện nằm ở phía Đông Bắc của tỉnh, có 17 đơn vị hành chính cấp xã, trong đó có 16 xã và 01 thị trấn. Trung tâm huyện cách trung tâm tỉnh lỵ hơn 70 km.' },
  'tiem-nang-the-manh': { title: 'Tiềm năng-Thế mạnh', text: 'Huyện có diện tích rừng lớn, khí hậu phù hợp với nhiều loại cây trồng đặc sản; tiềm năng phát triển du lịch sinh thái, văn hóa cộng đồng.' },
  'lien-he': { title: 'Liên hệ', text: 'Văn phòng HĐND và UBND huyện. Điện thoại: 0209.3884.000.' },
};

const templateA: FamilyTemplate = {
  precision: 'second',
  alt: 'none',
  headers: HEADERS,
  imagePrefix: '/wp-content/uploads/',
  listingUrl: (_s, n) => A.listing(n),
  categoryUrl: (_s, key, n) => A.category(key, n),
  route(c, url) {
    const path = url.pathname;
    if (path === '/') return { kind: 'home' };
    const file = imageRoute(path);
    if (file) return { kind: 'image', file };
    const list = /^\/tin-tuc\/(?:page\/(\d+)\/?)?$/.exec(path);
    if (list) return { kind: 'listing', page: list[1] ? Number(list[1]) : 1 };
    const cat = /^\/category\/([^/]+)\/(?:page\/(\d+)\/?)?$/.exec(path);
    if (cat) {
      const category = c.site.categories.find((k) => k.key === cat[1]);
      return category ? { kind: 'category', key: category.key, page: cat[2] ? Number(cat[2]) : 1 } : { kind: 'notFound' };
    }
    const slug = /^\/([^/]+)\/?$/.exec(path)?.[1];
    if (slug && PAGES[slug]) return { kind: 'static', key: slug };
    const found = slug ? c.site.articles.find((a) => a.slug === slug) : undefined;
    return found ? { kind: 'article', article: found } : { kind: 'notFound' };
  },
  renderStatic(c, key) {
    const p = PAGES[key]!;
    return layoutA(c, p.title, `<article class="page type-page"><h1 class="entry-title">${esc(p.title)}</h1><div class="entry-content"><p>${esc(p.text)}</p></div></article>`, '', 'page');
  },
  renderHome(c) {
    return layoutA(c, 'Trang chủ', `<section class="home-news"><h2>Tin mới</h2>${itemsA(c.newest.slice(0, 3), A.article)}<p><a href="${A.listing(1)}">Xem tất cả tin tức</a></p></section>`, '', 'home');
  },
  renderListing(c, l) {
    return layoutA(c, l.title, `<header class="page-header"><h1 class="page-title">${esc(l.title)}</h1></header>\n${itemsA(l.items, A.article)}\n${wpPager(l)}`);
  },
  renderArticle(c, a) {
    const site = c.site;
    const p = parts(a.published);
    const lastP = a.blocks.map((b, i) => ('p' in b ? i : -1)).filter((i) => i >= 0).at(-1);
    const body = renderBlocks(a.blocks, {
      imageUrl: (f) => upload(a, f),
      alt: altFor('none'),
      image: (im, caption) => `<figure class="wp-block-image size-large">${im.replace(' />', ` class="wp-image-${a.id}" />`)}${caption === null ? '' : `<figcaption class="wp-element-caption">${esc(caption)}</figcaption>`}</figure>`,
      paragraph: (t) => `<p style="text-align: justify;">${lines(t)}</p>`,
    }).replace(/<\/p>(?![\s\S]*<\/p>)/, lastP === undefined ? '</p>' : '/.</p>');
    const byline = a.author || a.organization ? `<p style="text-align: right;"><strong>${esc([a.author, a.organization].filter(Boolean).join(' - '))}</strong></p>` : '';
    const { prev, next } = neighbours(c, a);
    const nav = [
      prev ? `<div class="nav-previous"><a href="${attr(A.article(prev))}" rel="prev"><span class="nav-subtitle">Bài trước</span><span class="nav-title">${esc(prev.title)}</span></a></div>` : '',
      next ? `<div class="nav-next"><a href="${attr(A.article(next))}" rel="next"><span class="nav-subtitle">Bài tiếp theo</span><span class="nav-title">${esc(next.title)}</span></a></div>` : '',
    ].join('');
    const related = relatedOf(site, a).map((r) => `<li><a href="${attr(`${A.article(r)}?utm_source=zalo&utm_medium=related`)}">${esc(r.title)}</a></li>`).join('\n');
    const main = `<article id="post-${a.id}" class="post-${a.id} post type-post status-publish format-standard">
<div class="tool-bar"><a href="#" class="zoom-in">Tăng cỡ chữ</a> <a href="#" class="zoom-out">Giảm cỡ chữ</a> <a href="mailto:?subject=${encodeURIComponent(a.title)}">Gửi thư</a> <a href="javascript:window.print()">In</a> <a href="#" class="light-up">Tăng sáng</a> <a href="#" class="light-down">Giảm sáng</a></div>
<header class="entry-header"><h1 class="entry-title">${esc(a.title)}</h1>
<div class="entry-meta"><span class="posted-on">( Cập nhật ngày: ${p.d}/${p.mo}/${p.y} )</span> <span class="cat-links"><a href="${attr(A.category(a.category, 1))}" rel="category tag">${esc(categoryName(site, a.category))}</a></span></div></header>
<div class="entry-content">
<p style="text-align: justify;"><strong>${esc(a.lead)}</strong></p>
${body}
${byline}
</div>
<div class="share-box">Chia sẻ: <a href="https://www.facebook.com/sharer/sharer.php">Facebook</a> <a href="https://zalo.me/share">Zalo</a></div>
<nav class="navigation post-navigation" aria-label="Bài viết"><div class="nav-links">${nav}</div></nav>
<div class="related-posts"><h3 class="related-title">Bài viết liên quan</h3><ul>
${related}
</ul></div>
</article>`;
    const meta = `<meta property="og:type" content="article" />
<meta property="og:title" content="${attr(a.title)}" />
<meta property="article:published_time" content="${p.y}-${p.mo}-${p.d}T${p.h}:${p.mi}:${p.s}+07:00" />`;
    return layoutA(c, a.title, main, meta, 'single');
  },
};

// ----- b -----

const B = {
  listing: (n: number) => (n > 1 ? `/page/${n}/` : '/'),
  category: (key: string, n: number) => `/chuyen-muc/${key}/${n > 1 ? `page/${n}/` : ''}`,
  article: (a: FamilyArticle) => {
    const { y, mo, d } = parts(a.published);
    return `/${y}/${mo}/${d}/${a.slug}/`;
  },
};

function layoutB(c: Catalog, title: string, main: string, extraHead = ''): string {
  const site = c.site;
  const cats = site.categories.map((k) => `<li><a href="${attr(B.category(k.key, 1))}">${esc(k.name)}</a></li>`).join('');
  const { d, mo, y } = parts(TODAY);
  return page(
    {
      title: `${title} | ${site.name}`,
      extra: `<link rel="https://api.w.org/" href="/wp-json/" />
<link rel="stylesheet" id="td-theme-css" href="/wp-content/themes/Newspaper/style.css?ver=12.6" type="text/css" media="all" />
${extraHead}`,
    },
    `<a class="skip-link screen-reader-text" href="#td-outer-wrap">Bỏ qua nội dung</a>
<div id="td-outer-wrap" class="td-theme-wrap">
<div class="td-header-top-menu"><div class="td_data_time">${weekday(TODAY)}, ${Number(d)} tháng ${Number(mo)}, ${y}</div></div>
<div class="td-header-logo"><a href="/">${esc(site.name)}</a></div>
<div class="td-header-menu"><ul class="sf-menu"><li><a href="/">Trang chủ</a></li>${cats}</ul></div>
<div class="td-main-content-wrap td-container-wrap">
${main}
</div>
<div class="td-footer-wrapper">${esc(site.unit)}</div>
<div class="td-sub-footer-container">© Copyright ${y}</div>
</div>
<script src="/wp-content/themes/Newspaper/js/tagdiv_theme.min.js?ver=12.6"></script>`,
  );
}

const templateB: FamilyTemplate = {
  precision: 'second',
  alt: 'caption',
  headers: HEADERS,
  imagePrefix: '/wp-content/uploads/',
  listingUrl: (_s, n) => B.listing(n),
  categoryUrl: (_s, key, n) => B.category(key, n),
  route(c, url) {
    const path = url.pathname;
    const file = imageRoute(path);
    if (file) return { kind: 'image', file };
    const list = /^\/(?:page\/(\d+)\/?)?$/.exec(path);
    if (list) return { kind: 'listing', page: list[1] ? Number(list[1]) : 1 };
    const cat = /^\/chuyen-muc\/([^/]+)\/(?:page\/(\d+)\/?)?$/.exec(path);
    if (cat) {
      const category = c.site.categories.find((k) => k.key === cat[1]);
      return category ? { kind: 'category', key: category.key, page: cat[2] ? Number(cat[2]) : 1 } : { kind: 'notFound' };
    }
    const art = /^\/\d{4}\/\d{2}\/\d{2}\/([^/]+)\/?$/.exec(path);
    const found = art ? c.site.articles.find((a) => a.slug === art[1] && B.article(a) === `${path.replace(/\/?$/, '/')}`) : undefined;
    return found ? { kind: 'article', article: found } : { kind: 'notFound' };
  },
  renderHome(c) {
    return this.renderListing(c, { category: null, title: 'Tin mới', page: 1, pageCount: 1, items: c.newest.slice(0, c.site.pageSize), href: B.listing });
  },
  renderListing(c, l) {
    const items = l.items
      .map((a) => {
        const p = parts(a.published);
        const first = a.blocks.flatMap((b) => ('images' in b ? b.images : []))[0];
        const thumb = first ? `<div class="td-module-thumb"><a href="${attr(B.article(a))}" rel="bookmark" title="${attr(a.title)}"><img class="entry-thumb" src="${attr(upload(a, first))}" alt="" title="${attr(a.title)}" /></a></div>` : '';
        return `<div class="td_module_10 td_module_wrap">${thumb}<div class="item-details"><h3 class="entry-title td-module-title"><a href="${attr(B.article(a))}" rel="bookmark">${esc(a.title)}</a></h3>
<div class="td-module-meta-info"><span class="td-post-date"><time class="entry-date updated td-module-date" datetime="${p.y}-${p.mo}-${p.d}T${p.h}:${p.mi}:${p.s}+07:00">${p.d}/${p.mo}/${p.y}</time></span></div>
<div class="td-excerpt">${esc(a.lead)}</div></div></div>`;
      })
      .join('\n');
    const pager = numberedPager(l, { next: '›', prev: '‹' }, {
      wrap: (inner) => `<div class="page-nav td-pb-padding-side">${inner}</div>`,
      current: (n) => `<span class="current">${n}</span>`,
      link: (href, text) => `<a href="${attr(href)}" class="page" title="${esc(text)}">${esc(text)}</a>`,
    });
    return layoutB(c, l.title, `<div class="td-category-header"><h1 class="entry-title td-page-title">${esc(l.title)}</h1></div>\n<div class="td-ss-main-content">\n${items}\n${pager}</div>`);
  },
  renderArticle(c, a) {
    const site = c.site;
    const p = parts(a.published);
    const iso = `${p.y}-${p.mo}-${p.d}T${p.h}:${p.mi}:${p.s}+07:00`;
    const body = renderBlocks(a.blocks, {
      imageUrl: (f) => upload(a, f),
      alt: altFor('caption'),
      image: (im, caption) => (caption === null ? `<p>${im}</p>` : `<figure class="wp-caption aligncenter">${im}<figcaption class="wp-caption-text">${esc(caption)}</figcaption></figure>`),
      paragraph: (t) => `<p>${lines(t)}</p>`,
    });
    const byline = a.author || a.organization ? `<p><strong>${esc([a.author, a.organization].filter(Boolean).join(' - '))}</strong></p>` : '';
    const { prev, next } = neighbours(c, a);
    const nav = [
      prev ? `<div class="td-post-prev-post"><div class="td-post-next-prev-content"><span>Bài trước</span><a href="${attr(B.article(prev))}">${esc(prev.title)}</a></div></div>` : '',
      next ? `<div class="td-post-next-post"><div class="td-post-next-prev-content"><span>Bài tiếp theo</span><a href="${attr(`${B.article(next)}#respond`)}">${esc(next.title)}</a></div></div>` : '',
    ].join('');
    const related = relatedOf(site, a)
      .map((r) => `<div class="td-related-span4"><div class="td-module-thumb"></div><h3 class="entry-title td-module-title"><a href="${attr(`${B.article(r)}?amp=1`)}" rel="bookmark">${esc(r.title)}</a></h3></div>`)
      .join('\n');
    const main = `<div class="td-post-template-default">
<div class="entry-crumbs"><span><span><a href="/">Trang chủ</a> » <span><a href="${attr(B.category(a.category, 1))}">${esc(categoryName(site, a.category))}</a> » <span class="breadcrumb_last" aria-current="page">${esc(a.title)}</span></span></span></span></div>
<article id="post-${a.id}" class="post-${a.id} post type-post">
<div class="td-post-header"><header class="td-post-title"><h1 class="entry-title">${esc(a.title)}</h1>
<div class="td-module-meta-info"><span class="td-post-date"><time class="entry-date updated td-module-date" datetime="${iso}">${p.d}/${p.mo}/${p.y}</time></span> <div class="td-post-views"><span class="td-nr-views-${a.id}">${a.views}</span></div></div></header></div>
<div class="td-post-content tagdiv-type">
<p>${esc(a.lead)}</p>
${body}
${byline}
</div>
<footer><div class="td-post-source-tags"><ul class="td-tags td-post-small-box clearfix"><li><span>TAGS</span></li><li><a href="/tag/${a.category}/">${esc(categoryName(site, a.category))}</a></li></ul></div>
<div class="td-block-row td-post-next-prev">${nav}</div></footer>
</article>
<div class="td_block_wrap td_block_related_posts"><h4 class="td-related-title"><span class="td-related-left">BÀI VIẾT LIÊN QUAN</span></h4><div class="td_block_inner">
${related}
</div></div>
</div>`;
    return layoutB(c, a.title, main, `<meta property="og:title" content="${attr(a.title)}" />`);
  },
};

export const wordpressTemplates: Record<string, FamilyTemplate> = { a: templateA, b: templateB };
