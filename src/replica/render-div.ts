/**
 * The "div" template (huyentuachua): nested `<div>`s, an `<h1>` title, the date label and value in separate
 * `<span>`s, a `<div>` lead, the author as a right-aligned bold paragraph closing the body, and the related
 * block under an `<h3>`. The slogan banner comes first, as on the real huyentuachua pages.
 */
import { imageFiles, renderBlocks, type BodyStyle } from './body.js';
import { counter, footerLines, menu, SIDEBAR, videoTitle, WEB_LINKS, type MenuItem } from './chrome.js';
import { formatDay, formatPosted } from './dates.js';
import { attr, esc, link } from './html.js';
import { renderPager } from './pager.js';
import type { Article, Site } from './site.js';
import {
  EMPTY_LISTING,
  htmlDocument,
  NEWS_TITLE,
  POSTED_LABEL,
  RELATED_LABEL,
  type ArticleContext,
  type Listing,
  type ListingContext,
  type Template,
} from './template.js';
import { articleUrl, categoryUrl, imageUrl, listingUrl, themeUrl } from './urls.js';

const STYLE: BodyStyle = { italic: (html) => `<i>${html}</i>`, imageTitle: true };
const PAGER_CLASS = 'paging';

function top(site: Site): string {
  const slogan = site.banner === null ? '' : `<div class="top-slogan"><marquee>${esc(site.banner)}</marquee></div>\n`;
  const nav = menu(site).map((m) => link(m.href, m.text, ' class="nav-link"')).join('\n');
  return `${slogan}<div class="top-banner"><div class="top-logo"><a href="/"><img src="${attr(themeUrl(site, 'banner.jpg'))}" alt="${attr(site.name)}" /></a></div></div>
<div class="nav-bar">
${nav}
</div>`;
}

function path(trail: MenuItem[]): string {
  return `<div class="page-path">${trail.map((t) => link(t.href, t.text)).join('<span class="path-sep"> / </span>')}</div>`;
}

function counterBlock(site: Site): string {
  const rows = counter(site)
    .rows.map(([label, n]) => `<div class="stat-row"><div class="stat-label">${esc(label)}</div><div class="stat-num">${n}</div></div>`)
    .join('\n');
  return `<div class="stat-box">\n${rows}\n</div>`;
}

function sideColumn(site: Site, latest: string): string {
  const options = WEB_LINKS.map((l) => `<option value="${attr(l.url)}">${esc(l.text)}</option>`).join('');
  const detail = site.counterBeforeArticle ? '' : `\n${counterBlock(site)}`;
  return `<div class="side-col">${latest}
<div class="side-block"><div class="side-title">${SIDEBAR.map}</div><div class="side-body"><a href="/Ban-do"><img src="${attr(themeUrl(site, 'bando.jpg'))}" alt="${SIDEBAR.map}" /></a></div></div>
<div class="side-block"><div class="side-title">${link('/Van-ban', SIDEBAR.documents)}</div><div class="side-body">${SIDEBAR.documentsNote}</div></div>
<div class="side-block"><div class="side-title">${link('/Dich-vu-cong', SIDEBAR.services)}</div></div>
<div class="side-block"><div class="side-title">${SIDEBAR.videos}</div><div class="side-body">${link('/Video', videoTitle(site))}</div></div>
<div class="side-block"><div class="side-title">${SIDEBAR.stats}</div>${detail}
<div class="stat-total">${SIDEBAR.total} <span>${counter(site).total}</span></div></div>
<div class="side-block"><div class="side-title">${SIDEBAR.links}</div><div class="side-body"><select class="web-links"><option value="">--- Liên kết ---</option>${options}</select></div></div>
</div>`;
}

function bottom(site: Site): string {
  const f = footerLines(site);
  return `<div class="bottom"><div class="bottom-inner">
<div class="bottom-agency">${esc(f.agency)}</div>
<div>${esc(f.address)} - ${esc(f.phone)}</div>
<div>${esc(f.copyright)}</div>
<div>${esc(f.credit)}</div>
</div></div>`;
}

function layout(site: Site, title: string, trail: MenuItem[], main: string, latest: string): string {
  const before = site.counterBeforeArticle ? `${counterBlock(site)}\n` : '';
  return htmlDocument(
    title,
    `<div class="page">
${top(site)}
<div class="main-wrap">
${before}${path(trail)}
<div class="main-col">
${main}
</div>
${sideColumn(site, latest)}
</div>
${bottom(site)}
</div>`,
  );
}

function home(site: Site): MenuItem[] {
  return [
    { href: '/', text: 'Trang chủ' },
    { href: listingUrl(site, 1), text: NEWS_TITLE },
  ];
}

function renderArticle(site: Site, article: Article, ctx: ArticleContext): string {
  const { related } = ctx;
  const links = related.items
    .map((r) => `<div class="others-item"><a href='${attr(articleUrl(site, r, related.page, 'related'))}'>${esc(r.title)}</a></div>`)
    .join('\n');
  const pager =
    related.items.length === 0
      ? ''
      : renderPager({ ...related, className: PAGER_CLASS, href: (n) => articleUrl(site, article, n) });
  const author = article.author === null ? '' : `\n<p style="text-align: right;"><strong>${esc(article.author)}</strong></p>`;
  const main = `<div class="article-view">
<h1 class="article-heading">${esc(article.title)}</h1>
<div class="article-time"><span class="time-label">${POSTED_LABEL}</span> <span class="time-value">${formatPosted(article.published)}</span></div>
<div class="article-sapo">${esc(article.lead)}</div>
<div class="article-text">
${renderBlocks(site, article.blocks, STYLE)}${author}
</div>
<div class="article-others">
<h3 class="others-title">${RELATED_LABEL}</h3>
<div class="others-list">
${links}
</div>
${pager}
</div>
</div>`;
  const trail = [...home(site), { href: categoryUrl(site, ctx.category.key, 1), text: ctx.category.name }];
  return layout(site, `${article.title} - ${site.name}`, trail, main, '');
}

function renderListing(site: Site, listing: Listing, ctx: ListingContext): string {
  const { paged } = listing;
  const context = listing.category === null ? 'listing' : 'category';
  const items = paged.items.map((a) => {
    const href = articleUrl(site, a, paged.page, context);
    const first = imageFiles(a.blocks)[0];
    const thumb = first === undefined ? '' : `<div class="item-img"><img src="${attr(imageUrl(site, first))}" alt="${attr(first)}" /></div>`;
    return `<div class="list-item">${thumb}
<div class="item-name">${link(href, a.title)}</div>
<div class="item-time">${formatDay(a.published)}</div>
<div class="item-desc">${esc(a.listingSummary ?? a.lead)}</div>
</div>`;
  });
  const body =
    items.length === 0
      ? `<div class="list-empty">${EMPTY_LISTING}</div>`
      : `<div class="list-items">\n${items.join('\n')}\n</div>\n${renderPager({ ...paged, className: PAGER_CLASS, href: listing.pageUrl })}`;
  const latest = ctx.latest.map((a) => `<div class="new-item">${link(articleUrl(site, a, paged.page, 'latest'), a.title)}</div>`).join('\n');
  const trail = home(site);
  if (listing.category !== null) trail.push({ href: listing.pageUrl(1), text: listing.category.name });
  return layout(
    site,
    `${listing.title} - ${site.name}`,
    trail,
    `<div class="list-heading"><h2>${esc(listing.title)}</h2></div>\n${body}`,
    `\n<div class="side-block"><div class="side-title">${SIDEBAR.latest}</div><div class="side-body">\n${latest}\n</div></div>`,
  );
}

export const divTemplate: Template = { renderArticle, renderListing };
