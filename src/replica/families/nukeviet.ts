/**
 * NukeViet 4 replicas. `a`: the default theme with the news module under `/vi/news/` (`<cat>/<alias>-<id>.html`,
 * `Thứ hai - 21/08/2023 08:30` under the `h1`, `div.hometext`, figures with captions, `Tác giả:`/`Nguồn tin:` lines,
 * rating box, savefile and print links, `Những tin mới hơn`/`Những tin cũ hơn`, listings paged `/page-N` with `»`).
 * `b`: news as the site's default module (`/<cat>/<alias>-<id>.html`, the home page is the listing, `/page-N`), a
 * third-party theme: `Đăng lúc: dd/mm/yyyy - HH:MM`, no breadcrumb (the category is a link above the title), the
 * sign-off `./.` with the byline on the same line, `Các tin khác`.
 */
import {
  altFor,
  attr,
  type Catalog,
  categoryName,
  esc,
  type FamilyTemplate,
  lines,
  numberedPager,
  page,
  parts,
  relatedOf,
  renderBlocks,
  weekday,
} from './kit.js';
import type { FamilyArticle, FamilySite } from './site.js';

const HEADERS = { Server: 'nginx', 'X-Powered-By': 'PHP/7.4.33' };
const TODAY = '2025-12-03T00:00:00+07:00';

function head(site: FamilySite, title: string, rss: string, generator: boolean): string {
  return `${generator ? '<meta name="generator" content="NukeViet v4.5" />\n' : ''}<meta name="author" content="${attr(site.name)}" />
<meta property="og:title" content="${attr(title)}" />
<meta property="og:site_name" content="${attr(site.name)}" />
<link rel="alternate" href="${rss}" title="Tin Tức" type="application/rss+xml" />
<link rel="StyleSheet" href="/themes/default/css/nukeviet.css" />
<script>var nv_base_siteurl = "/", nv_lang_data = "vi", nv_lang_interface = "vi", nv_name_variable = "nv";</script>
<script src="/assets/js/jquery/jquery.min.js"></script>`;
}

function numbered(a: FamilyArticle): { d: string; mo: string; y: string; h: string; mi: string; s: string; h12: string; ampm: string } {
  const p = parts(a.published);
  const h = Number(p.h);
  return { ...p, h12: String(h % 12 === 0 ? 12 : h % 12).padStart(2, '0'), ampm: h < 12 ? 'AM' : 'PM' };
}

// ----- a -----

const A = {
  listing: (n: number) => `/vi/news/${n > 1 ? `page-${n}` : ''}`,
  category: (key: string, n: number) => `/vi/news/${key}/${n > 1 ? `page-${n}` : ''}`,
  article: (a: FamilyArticle) => `/vi/news/${a.category}/${a.slug}-${a.id}.html`,
  photo: (a: FamilyArticle, file: string) => {
    const { y, mo } = parts(a.published);
    return `/uploads/news/${y}_${mo}/${encodeURIComponent(file)}`;
  },
};

function layoutA(c: Catalog, title: string, crumbs: string, main: string): string {
  const site = c.site;
  const nav = site.categories.map((k) => `<li><a href="${attr(A.category(k.key, 1))}" title="${attr(k.name)}">${esc(k.name)}</a></li>`).join('');
  const latest = c.newest.slice(0, 5).map((a) => `<li><a href="${attr(A.article(a))}" title="${attr(a.title)}">${esc(a.title)}</a></li>`).join('\n');
  const { d, mo, y } = parts(TODAY);
  return page(
    { title, extra: head(site, title, '/vi/news/rss/', true) },
    `<div class="wraper">
<header><div class="site-name"><a href="/vi/" title="${attr(site.name)}">${esc(site.name)}</a></div><div class="current-time">${weekday(TODAY)}, ${d}/${mo}/${y}</div></header>
<nav class="header-nav"><ul class="nav navbar-nav"><li><a href="/vi/" title="Trang nhất">Trang nhất</a></li><li><a href="/vi/news/">Tin Tức</a></li>${nav}</ul></nav>
${crumbs}
<div class="row"><div class="col-md-16">
${main}
</div><div class="col-md-8"><div class="panel panel-default"><div class="panel-heading">Tin mới</div><div class="panel-body"><ul class="related">
${latest}
</ul></div></div>
<div class="panel panel-default"><div class="panel-heading">Thống kê truy cập</div><div class="panel-body"><ul><li>Đang truy cập: 12</li><li>Hôm nay: 304</li><li>Tổng lượt truy cập: 1.204.555</li></ul></div></div></div></div>
<footer><div class="copyright">© Bản quyền thuộc về ${esc(site.unit)}</div><div>Thiết kế bởi VINADES.,JSC</div></footer>
</div>`,
  );
}

function crumbsA(site: FamilySite, key: string | null): string {
  const cat = key ? ` › <a href="${attr(A.category(key, 1))}"><span itemprop="title">${esc(categoryName(site, key))}</span></a>` : '';
  return `<div class="breadcrumbs-wrap"><ul class="breadcrumbs list-none"><li><a href="/vi/" title="Trang nhất">Trang nhất</a> › <a href="/vi/news/">Tin Tức</a>${cat}</li></ul></div>`;
}

function listItems(items: FamilyArticle[], url: (a: FamilyArticle) => string, photo: (a: FamilyArticle, f: string) => string): string {
  return items
    .map((a) => {
      const t = numbered(a);
      const first = a.blocks.flatMap((b) => ('images' in b ? b.images : []))[0];
      const thumb = first ? `<a href="${attr(url(a))}" title="${attr(a.title)}"><img alt="${attr(a.title)}" src="${attr(photo(a, first))}" width="183" class="img-thumbnail pull-left imghome" /></a>` : '';
      return `<div class="panel panel-default"><div class="panel-body">${thumb}
<h3><a href="${attr(url(a))}" title="${attr(a.title)}">${esc(a.title)}</a></h3>
<div class="text-muted"><ul class="list-unstyled list-inline"><li><em class="fa fa-clock-o">&nbsp;</em> ${t.d}/${t.mo}/${t.y} ${t.h12}:${t.mi}:${t.s} ${t.ampm}</li><li><em class="fa fa-eye">&nbsp;</em> Đã xem: ${a.views}</li></ul></div>
${esc(a.lead)}
</div></div>`;
    })
    .join('\n');
}

function pagerNv(l: Parameters<FamilyTemplate['renderListing']>[1]): string {
  return numberedPager(l, { next: '»', prev: '«' }, {
    wrap: (inner) => `<div class="text-center"><ul class="pagination">${inner}</ul></div>`,
    current: (n) => `<li class="active"><a href="#">${n}</a></li>`,
    link: (href, text) => `<li><a${text === '»' ? ' rel="next"' : text === '«' ? ' rel="prev"' : ''} href="${attr(href)}">${esc(text)}</a></li>`,
  });
}

const templateA: FamilyTemplate = {
  precision: 'minute',
  alt: 'caption',
  headers: HEADERS,
  imagePrefix: '/uploads/news/',
  listingUrl: (_s, n) => A.listing(n),
  categoryUrl: (_s, key, n) => A.category(key, n),
  route(c, url) {
    const path = url.pathname;
    if (path === '/' || path === '/vi/' || path === '/vi') return { kind: 'home' };
    const m = /^\/vi\/news(?:\/(?!page-\d)([^/]+))?(?:\/page-(\d+))?\/?$/.exec(path);
    if (m) {
      const n = m[2] ? Number(m[2]) : 1;
      if (!m[1]) return { kind: 'listing', page: n };
      const category = c.site.categories.find((k) => k.key === m[1]);
      return category ? { kind: 'category', key: category.key, page: n } : { kind: 'notFound' };
    }
    const art = /^\/vi\/news\/(?:(?:savefile|print)\/)?([^/]+)\/([^/]+)-(\d+)\.html$/.exec(path);
    if (art) {
      const found = c.site.articles.find((a) => String(a.id) === art[3] && a.category === art[1]);
      return found ? { kind: 'article', article: found } : { kind: 'notFound' };
    }
    const photo = /^\/uploads\/news\/\d{4}_\d{2}\/([^/]+)$/.exec(path);
    if (photo) return { kind: 'image', file: decodeURIComponent(photo[1]!) };
    return { kind: 'notFound' };
  },
  renderHome(c) {
    return layoutA(c, c.site.name, '', `<div class="news_column">${listItems(c.newest.slice(0, 4), A.article, A.photo)}</div>`);
  },
  renderListing(c, l) {
    return layoutA(
      c,
      `${l.title} - ${c.site.name}`,
      crumbsA(c.site, l.category?.key ?? null),
      `<div class="news_column"><h1 class="hidden">${esc(l.title)}</h1>\n${listItems(l.items, A.article, A.photo)}\n${pagerNv(l)}</div>`,
    );
  },
  renderArticle(c, a) {
    const site = c.site;
    const t = numbered(a);
    const body = renderBlocks(a.blocks, {
      imageUrl: (f) => A.photo(a, f),
      alt: altFor('caption'),
      image: (im, caption) => (caption === null ? `<p style="text-align:center">${im}</p>` : `<figure class="image">${im}<figcaption>${esc(caption)}</figcaption></figure>`),
      paragraph: (text) => `<p style="text-align:justify">${lines(text)}</p>`,
    });
    const related = relatedOf(site, a);
    const li = (r: FamilyArticle) => {
      const p = parts(r.published);
      return `<li><em class="fa fa-angle-right">&nbsp;</em><a href="${attr(A.article(r))}" title="${attr(r.title)}">${esc(r.title)}</a> <em>(${p.d}/${p.mo}/${p.y})</em></li>`;
    };
    const newer = related.filter((r) => r.published > a.published).map(li).join('\n');
    const older = related.filter((r) => r.published < a.published).map(li).join('\n');
    const lists = [
      newer ? `<p class="h3"><strong>Những tin mới hơn</strong></p>\n<ul class="detail-related related list-none list-items">\n${newer}\n</ul>` : '',
      older ? `<p class="h3"><strong>Những tin cũ hơn</strong></p>\n<ul class="detail-related related list-none list-items">\n${older}\n</ul>` : '',
    ].join('\n');
    const people = [
      a.author ? `<p class="h5 text-right"><strong>Tác giả: </strong>${esc(a.author)}</p>` : '',
      a.organization ? `<p class="h5 text-right"><strong>Nguồn tin: </strong>${esc(a.organization)}</p>` : '',
    ].join('\n');
    const save = `/vi/news/savefile/${a.category}/${a.slug}-${a.id}.html`;
    const print = `/vi/news/print/${a.category}/${a.slug}-${a.id}.html`;
    const main = `<div class="news_column panel panel-default" itemtype="http://schema.org/NewsArticle" itemscope>
<div class="panel-body">
<h1 class="title margin-bottom-lg" itemprop="headline">${esc(a.title)}</h1>
<div class="row margin-bottom-lg"><div class="col-md-12"><span class="h5">${weekday(a.published)} - ${t.d}/${t.mo}/${t.y} ${t.h}:${t.mi}</span></div>
<div class="col-md-12"><ul class="list-inline text-right"><li><a class="dimgray" rel="nofollow" title="Lưu bài viết này" href="${save}"><em class="fa fa-save fa-lg">&nbsp;</em></a></li><li><a class="dimgray" rel="nofollow" title="In ra" href="${print}"><em class="fa fa-print fa-lg">&nbsp;</em></a></li></ul></div></div>
<div class="clearfix"><div class="hometext m-bottom" itemprop="description">${esc(a.lead)}</div></div>
<div id="news-bodyhtml" class="bodytext margin-bottom-lg">
${body}
</div>
${people}
</div></div>
<div class="news_column panel panel-default"><div class="panel-body"><div class="h5"><em class="fa fa-tags">&nbsp;</em><strong>Từ khóa: </strong><a title="${attr(categoryName(site, a.category))}" href="/vi/news/tag/${a.category}"><em>${esc(categoryName(site, a.category).toLowerCase())}</em></a></div></div></div>
<div class="news_column panel panel-default"><div class="panel-body"><div class="h5 clearfix"><p>Tổng số điểm của bài viết là: 0 trong 0 đánh giá</p><p>Click để đánh giá bài viết</p></div></div></div>
<div class="news_column panel panel-default"><div class="panel-body other-news">
${lists}
</div></div>`;
    return layoutA(c, `${a.title} - ${categoryName(site, a.category)} - ${site.name}`, crumbsA(site, a.category), main);
  },
};

// ----- b -----

const B = {
  listing: (n: number) => (n > 1 ? `/page-${n}` : '/'),
  category: (key: string, n: number) => `/${key}/${n > 1 ? `page-${n}` : ''}`,
  article: (a: FamilyArticle) => `/${a.category}/${a.slug}-${a.id}.html`,
  photo: (a: FamilyArticle, file: string) => {
    const { y, mo } = parts(a.published);
    return `/uploads/news/${y}_${mo}/${encodeURIComponent(file)}`;
  },
};

function layoutB(c: Catalog, title: string, main: string): string {
  const site = c.site;
  const nav = site.categories.map((k) => `<a class="mn" href="${attr(B.category(k.key, 1))}">${esc(k.name)}</a>`).join('\n');
  const { d, mo, y } = parts(TODAY);
  return page(
    { title, extra: head(site, title, '/rss/', false) },
    `<div id="container">
<div id="top-bar">Hôm nay: ${weekday(TODAY)}, ${d}/${mo}/${y}</div>
<div id="banner"><h2 class="unit">${esc(site.unit)}</h2></div>
<div id="main-menu"><a class="mn" href="/">Trang nhất</a>
${nav}
</div>
<div id="content-area">
${main}
</div>
<div id="footer-area"><b>${esc(site.name)}</b><br />Chịu trách nhiệm nội dung: Văn phòng HĐND và UBND huyện</div>
</div>`,
  );
}

const templateB: FamilyTemplate = {
  precision: 'minute',
  alt: 'file',
  headers: HEADERS,
  imagePrefix: '/uploads/news/',
  listingUrl: (_s, n) => B.listing(n),
  categoryUrl: (_s, key, n) => B.category(key, n),
  route(c, url) {
    const path = url.pathname;
    if (path === '/' || path === '/index.php') return { kind: 'listing', page: 1 };
    const root = /^\/page-(\d+)\/?$/.exec(path);
    if (root) return { kind: 'listing', page: Number(root[1]) };
    const cat = /^\/([^/]+)\/(?:page-(\d+)\/?)?$/.exec(path);
    if (cat) {
      const category = c.site.categories.find((k) => k.key === cat[1]);
      if (category) return { kind: 'category', key: category.key, page: cat[2] ? Number(cat[2]) : 1 };
    }
    const art = /^\/([^/]+)\/([^/]+)-(\d+)\.html$/.exec(path);
    if (art) {
      const found = c.site.articles.find((a) => String(a.id) === art[3] && a.category === art[1]);
      return found ? { kind: 'article', article: found } : { kind: 'notFound' };
    }
    const photo = /^\/uploads\/news\/\d{4}_\d{2}\/([^/]+)$/.exec(path);
    if (photo) return { kind: 'image', file: decodeURIComponent(photo[1]!) };
    return { kind: 'notFound' };
  },
  renderHome(c) {
    return this.renderListing(c, { category: null, title: 'Tin tức', page: 1, pageCount: 1, items: c.newest.slice(0, c.site.pageSize), href: B.listing });
  },
  renderListing(c, l) {
    const rows = l.items
      .map((a) => {
        const p = parts(a.published);
        return `<div class="news-row"><h4><a href="${attr(B.article(a))}">${esc(a.title)}</a></h4><span class="news-date">${p.d}/${p.mo}/${p.y}</span><div class="news-intro">${esc(a.lead)}</div></div>`;
      })
      .join('\n');
    return layoutB(c, `${l.title} | ${c.site.name}`, `<div class="cat-title">${esc(l.title)}</div>\n${rows}\n${pagerNv(l)}`);
  },
  renderArticle(c, a) {
    const site = c.site;
    const p = parts(a.published);
    const paragraphs = a.blocks;
    const lastP = paragraphs.map((b, i) => ('p' in b ? i : -1)).filter((i) => i >= 0).at(-1);
    const byline = [a.author, a.organization].filter(Boolean).join(' - ');
    const body = renderBlocks(
      paragraphs.map((b, i) => (i === lastP && 'p' in b ? { p: `${b.p}\u0000` } : b)),
      {
        imageUrl: (f) => B.photo(a, f),
        alt: altFor('file'),
        image: (im, caption) => `<p style="text-align: center;">${im}</p>${caption === null ? '' : `\n<p style="text-align: center;"><em>${esc(caption)}</em></p>`}`,
        // The sign-off closes the last paragraph and the byline follows it on the same line.
        paragraph: (text) => `<p>${lines(text).replace('\u0000', `/.${byline ? ` ${esc(byline)}` : ''}`)}</p>`,
      },
    );
    const others = relatedOf(site, a).map((r) => `<li><a href="${attr(B.article(r))}">${esc(r.title)}</a></li>`).join('\n');
    const main = `<div class="detail">
<div class="cat-link"><a href="${attr(B.category(a.category, 1))}">${esc(categoryName(site, a.category))}</a></div>
<h2 class="detail-title">${esc(a.title)}</h2>
<div class="detail-time">Đăng lúc: ${p.d}/${p.mo}/${p.y} - ${p.h}:${p.mi}</div>
<div class="detail-sapo"><b>${esc(a.lead)}</b></div>
<div class="detail-content">
${body}
</div>
<div class="detail-other"><h4>Các tin khác</h4><ul>
${others}
</ul></div>
</div>`;
    return layoutB(c, `${a.title} | ${site.name}`, main);
  },
};

export const nukevietTemplates: Record<string, FamilyTemplate> = { a: templateA, b: templateB };
