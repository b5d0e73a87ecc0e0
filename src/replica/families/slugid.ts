/**
 * Replicas of the `/<category>/<slug>-<id>` CMS. `a`: a district site like Đức Linh's: the day alone above the title
 * (`24/09/2021`), body paragraphs with Word's hard line breaks, bare one-line captions, the author as a bare last
 * line, no breadcrumb (the category is the menu's link), links carrying `?pageindex=<listing page - 1>`, legacy
 * numeric aliases `/<n>/<n>/<n>/<id>/<cat>/<slug>` serving the same article, listings paged `?page=N` with
 * `Sau`/`Cuối`. `b`: a ward site like Hải Phòng's new ones: `dd/mm/yyyy HH:MM` above the title, `Lượt xem` under it,
 * every caption printed twice (over and under the picture), a breadcrumb, related links in another case, listings
 * paged `?pageindex=N` from 0 with `«`/`»`.
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
  positive,
  qparam,
  relatedOf,
  renderBlocks,
  weekday,
} from './kit.js';
import type { FamilyArticle, FamilySite } from './site.js';

const HEADERS = { Server: 'Microsoft-IIS/10.0', 'X-Powered-By': 'ASP.NET' };
const TODAY = '2025-12-03T00:00:00+07:00';

const article = (a: FamilyArticle) => `/${a.category}/${a.slug}-${a.id}`;
const legacy = (a: FamilyArticle) => `/1353/34200/66501/${a.id}/${a.category}/${a.slug}`;
const photo = (a: FamilyArticle, file: string) => `/Data/upload/images/${parts(a.published).y}/${encodeURIComponent(file)}`;

function imageRoute(path: string): string | null {
  const m = /^\/data\/upload\/images\/\d{4}\/([^/]+)$/i.exec(path);
  return m ? decodeURIComponent(m[1]!) : null;
}

function findArticle(c: Catalog, path: string): FamilyArticle | null {
  const lower = decodeURIComponent(path).toLowerCase().replace(/\/$/, '');
  const now = /^\/([^/]+)\/([^/]+)-(\d+)$/.exec(lower);
  if (now) return c.site.articles.find((a) => String(a.id) === now[3] && a.category.toLowerCase() === now[1]) ?? null;
  const old = /^\/\d+\/\d+\/\d+\/(\d+)\/([^/]+)\/([^/]+)$/.exec(lower);
  if (old) return c.site.articles.find((a) => String(a.id) === old[1]) ?? null;
  return null;
}

function routeWith(c: Catalog, url: URL, all: string, pageParam: string, first: number) {
  const path = url.pathname.replace(/\/$/, '') || '/';
  const file = imageRoute(path);
  if (file) return { kind: 'image' as const, file };
  if (path === '/' || path.toLowerCase() === '/trang-chu') return { kind: 'home' as const };
  const n = positive(qparam(url, pageParam), first);
  if (path.toLowerCase() === `/${all}`) return { kind: 'listing' as const, page: n };
  const found = findArticle(c, path);
  if (found) return { kind: 'article' as const, article: found };
  const category = c.site.categories.find((k) => `/${k.key}` === path.toLowerCase());
  return category ? { kind: 'category' as const, key: category.key, page: n } : { kind: 'notFound' as const };
}

// ----- a -----

const A = {
  listing: (n: number) => `/tin-tuc-su-kien${n > 1 ? `?page=${n}` : ''}`,
  category: (key: string, n: number) => `/${key}${n > 1 ? `?page=${n}` : ''}`,
};

function layoutA(c: Catalog, title: string, main: string): string {
  const site = c.site;
  const menu = site.categories.map((k) => `<li><a href="${attr(A.category(k.key, 1))}">${esc(k.name)}</a></li>`).join('');
  const old = c.newest.slice(-3).map((a) => `<li><a href="${attr(legacy(a))}">${esc(a.title)}</a></li>`).join('\n');
  const { d, mo, y } = parts(TODAY);
  return page(
    { title },
    `<div class="wrapper">
<div class="header"><div class="logo"><a href="/"><img src="/Content/images/logo.png" alt="logo" /></a> <span class="site-name">${esc(site.name)}</span></div>
<div class="today">${weekday(TODAY)}, ${Number(d)} tháng ${Number(mo)}, ${y}</div></div>
<ul class="menu-top"><li><a href="/">Trang chủ</a></li><li><a href="${A.listing(1)}">Tin tức - Sự kiện</a></li>${menu}</ul>
<div class="main">
<div class="col-left">
${main}
</div>
<div class="col-right"><div class="box"><div class="box-title">Tin đã đưa</div><ul>
${old}
</ul></div><div class="box"><div class="box-title">Thống kê truy cập</div><div>Đang truy cập: 8</div><div>Tổng truy cập: 905.112</div></div></div>
</div>
<div class="footer"><p>${esc(site.unit)}</p><p>Ghi rõ nguồn khi phát hành lại thông tin từ website này.</p></div>
</div>`,
  );
}

const templateA: FamilyTemplate = {
  precision: 'day',
  alt: 'none',
  headers: HEADERS,
  imagePrefix: '/Data/upload/images/',
  listingUrl: (_s, n) => A.listing(n),
  categoryUrl: (_s, key, n) => A.category(key, n),
  route: (c, url) => routeWith(c, url, 'tin-tuc-su-kien', 'page', 1),
  renderHome(c) {
    const items = c.newest.slice(0, 5).map((a) => `<li><a href="${attr(article(a))}">${esc(a.title)}</a></li>`).join('\n');
    return layoutA(c, c.site.name, `<ul class="home-hot">\n${items}\n</ul>`);
  },
  renderListing(c, l) {
    const items = l.items
      .map((a) => {
        const p = parts(a.published);
        return `<div class="news-item"><div class="news-date">${p.d}/${p.mo}/${p.y}</div>
<a class="news-title" href="${attr(`${article(a)}?pageindex=${l.page - 1}`)}">${esc(a.title)}</a>
<p class="news-sapo">${esc(a.lead)}</p></div>`;
      })
      .join('\n');
    const pager = numberedPager(l, { next: 'Sau', last: 'Cuối', prev: 'Trước', first: 'Đầu' }, {
      wrap: (inner) => `<div class="paging">${inner}</div>`,
      current: (n) => `<a class="active">${n}</a>`,
      link: (href, text) => `<a href="${attr(href.includes('?') ? href.replace(/^\/[^?]*/, '') : href)}">${esc(text)}</a>`,
    });
    return layoutA(c, `${l.title} - ${c.site.name}`, `<h2 class="cat-title">${esc(l.title)}</h2>\n${items}\n${pager || ''}`);
  },
  renderArticle(c, a) {
    const site = c.site;
    const p = parts(a.published);
    const body = renderBlocks(a.blocks, {
      imageUrl: (f) => photo(a, f),
      alt: altFor('none'),
      image: (im, caption) => `<p style="text-align:center">${im}</p>${caption === null ? '' : `\n<p>${esc(caption)}</p>`}`,
      paragraph: (t) => `<p>${lines(t)}</p>`,
    });
    const byline = a.author || a.organization ? `<p>${esc([a.author, a.organization].filter(Boolean).join(' - '))}</p>` : '';
    const others = relatedOf(site, a)
      .map((r) => {
        const q = parts(r.published);
        return `<li><a href="${attr(`${article(r)}?pageindex=0`)}">${esc(r.title)}</a> <span>(${q.d}/${q.mo}/${q.y})</span></li>`;
      })
      .join('\n');
    const main = `<div class="news-detail">
<div class="date">${p.d}/${p.mo}/${p.y}</div>
<h1 class="title">${esc(a.title)}</h1>
<div class="sapo">${esc(a.lead)}</div>
<div class="body">
${body}
${byline}
</div>
<div class="other"><div class="other-title">Tin cùng chuyên mục</div><ul>
${others}
</ul></div>
</div>`;
    return layoutA(c, a.title, main);
  },
};

// ----- b -----

const B = {
  listing: (n: number) => `/tin-tuc${n > 1 ? `?pageindex=${n - 1}` : ''}`,
  category: (key: string, n: number) => `/${key}${n > 1 ? `?pageindex=${n - 1}` : ''}`,
};

function layoutB(c: Catalog, title: string, main: string): string {
  const site = c.site;
  const menu = site.categories.map((k) => `<a class="nav-a" href="${attr(B.category(k.key, 1))}">${esc(k.name)}</a>`).join('\n');
  const { d, mo, y } = parts(TODAY);
  return page(
    { title: `${title} - ${site.name}`, extra: `<meta property="og:title" content="${attr(title)}" />` },
    `<div class="hp-top"><span>Hôm nay: ${weekday(TODAY)}, ${d}/${mo}/${y}</span></div>
<div class="hp-banner"><div class="hp-unit">${esc(site.unit)}</div><div class="hp-name">${esc(site.name)}</div></div>
<div class="hp-nav"><a class="nav-a" href="/trang-chu">Trang chủ</a>
<a class="nav-a" href="${B.listing(1)}">Tin tức</a>
${menu}
</div>
<div class="hp-page">
${main}
</div>
<div class="hp-footer">${esc(site.unit)} · Điện thoại: 0225.3876.123</div>`,
  );
}

const templateB: FamilyTemplate = {
  precision: 'minute',
  alt: 'caption',
  headers: HEADERS,
  imagePrefix: '/Data/upload/images/',
  listingUrl: (_s, n) => B.listing(n),
  categoryUrl: (_s, key, n) => B.category(key, n),
  route: (c, url) => routeWith(c, url, 'tin-tuc', 'pageindex', 0),
  renderHome(c) {
    const items = c.newest.slice(0, 5).map((a) => `<div class="hot"><a href="${attr(article(a))}">${esc(a.title)}</a></div>`).join('\n');
    return layoutB(c, 'Trang chủ', `${items}\n<a href="${B.listing(1)}">Xem thêm</a>`);
  },
  renderListing(c, l) {
    const items = l.items
      .map((a) => {
        const p = parts(a.published);
        const first = a.blocks.flatMap((b) => ('images' in b ? b.images : []))[0];
        const thumb = first ? `<a href="${attr(article(a))}"><img src="${attr(photo(a, first))}" alt="${attr(a.title)}" /></a>` : '';
        return `<div class="row-news">${thumb}<h3><a href="${attr(article(a))}">${esc(a.title)}</a></h3><div class="row-date">${p.d}/${p.mo}/${p.y} ${p.h}:${p.mi}</div><div class="row-sapo">${esc(a.lead)}</div></div>`;
      })
      .join('\n');
    const pager = numberedPager(l, { next: '»', prev: '«' }, {
      wrap: (inner) => `<div class="pg">${inner}</div>`,
      current: (n) => `<span class="pg-cur">${n}</span>`,
      link: (href, text) => `<a class="pg-a" href="${attr(href)}">${esc(text)}</a>`,
    });
    return layoutB(c, l.title, `<div class="list-title">${esc(l.title)}</div>\n${items}\n${pager}`);
  },
  renderArticle(c, a) {
    const site = c.site;
    const p = parts(a.published);
    const body = renderBlocks(a.blocks, {
      imageUrl: (f) => photo(a, f),
      alt: altFor('caption'),
      // The caption over the picture and again under it: the text shows it twice.
      image: (im, caption) =>
        caption === null
          ? `<div class="img-wrap">${im}</div>`
          : `<div class="img-wrap">${im.replace(' />', ` title="${attr(caption)}" />`)}<div class="img-cap">${esc(caption)}</div></div>\n<p style="text-align: center;">${esc(caption)}</p>`,
      paragraph: (t) => `<p>${lines(t)}</p>`,
    });
    const byline = a.author || a.organization ? `<p>${esc([a.author, a.organization].filter(Boolean).join(' - '))}</p>` : '';
    const others = relatedOf(site, a)
      .map((r) => `<li><a href="${attr(`/${r.category.toUpperCase()}/${r.slug}-${r.id}`)}">${esc(r.title)}</a></li>`)
      .join('\n');
    const main = `<div class="bc"><a href="/trang-chu">Trang chủ</a> / <a href="${attr(B.category(a.category, 1))}">${esc(categoryName(site, a.category))}</a></div>
<div class="article">
<p class="pub">${p.d}/${p.mo}/${p.y} ${p.h}:${p.mi}</p>
<h2 class="article-title">${esc(a.title)}</h2>
<div class="views">Lượt xem: ${a.views}</div>
<div class="article-body">
<p><strong>${esc(a.lead)}</strong></p>
${body}
${byline}
</div>
<div class="related"><h3>Tin liên quan</h3><ul>
${others}
</ul></div>
</div>`;
    return layoutB(c, a.title, main);
  },
};

export const slugidTemplates: Record<string, FamilyTemplate> = { a: templateA, b: templateB };
