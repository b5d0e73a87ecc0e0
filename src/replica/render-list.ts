/**
 * The "list" template (tuachua): everything in `<ul>`/`<li>`. The seed's text rendering shows one bullet each for
 * title, date, lead-with-body, author and the related block, so those are `<li>`s of one list.
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

const STYLE: BodyStyle = { italic: (html) => `<em>${html}</em>`, imageTitle: false };
const PAGER_CLASS = 'pager';

function header(site: Site): string {
  const slogan = site.banner === null ? '' : `\n<div class="slogan">${esc(site.banner)}</div>`;
  const items = menu(site).map((m) => `<li>${link(m.href, m.text)}</li>`).join('');
  return `<div id="header"><a href="/"><img src="${attr(themeUrl(site, 'logo.png'))}" alt="${attr(site.name)}" /></a></div>${slogan}
<ul id="menu">${items}</ul>`;
}

function breadcrumb(trail: MenuItem[]): string {
  return `<div class="breadcrumb">${trail.map((t) => link(t.href, t.text)).join(' &raquo; ')}</div>`;
}

function counterItems(site: Site): string {
  const c = counter(site);
  return c.rows.map(([label, n]) => `<li class="counter-row"><span>${esc(label)}</span> <b>${n}</b></li>`).join('\n');
}

function sidebar(site: Site, latest: string): string {
  const c = counter(site);
  const options = WEB_LINKS.map((l) => `<option value="${attr(l.url)}">${esc(l.text)}</option>`).join('');
  const detail = site.counterBeforeArticle ? '' : `\n${counterItems(site)}`;
  return `<div id="sidebar">${latest}
<div class="box-title">${SIDEBAR.map}</div>
<ul class="side-links">
<li>${link('/Van-ban', SIDEBAR.documents)}</li>
<li>${SIDEBAR.documentsNote}</li>
<li>${link('/Dich-vu-cong', SIDEBAR.services)}</li>
<li class="side-head">${SIDEBAR.videos}</li>
<li>${link('/Video', videoTitle(site))}</li>
<li class="side-head">${SIDEBAR.stats}</li>${detail}
<li>${SIDEBAR.total} <b>${c.total}</b></li>
<li class="side-head">${SIDEBAR.links}</li>
<li><select onchange="window.open(this.value)"><option value="">-- Chọn liên kết --</option>${options}</select></li>
</ul>
</div>`;
}

function footer(site: Site): string {
  const f = footerLines(site);
  return `<div id="footer"><p><b>${esc(f.agency)}</b></p><p>${esc(f.address)}</p><p>${esc(f.phone)}</p><p>${esc(f.copyright)}</p><p>${esc(f.credit)}</p></div>`;
}

function page(site: Site, title: string, trail: MenuItem[], main: string, latest: string): string {
  const before = site.counterBeforeArticle ? `<ul class="counter">${counterItems(site)}</ul>\n` : '';
  return htmlDocument(
    title,
    `<div id="wrapper">
${header(site)}
${before}${breadcrumb(trail)}
<div id="content">
${main}
</div>
${sidebar(site, latest)}
${footer(site)}
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
    .map((r) => `<div class="other-item"><a href='${attr(articleUrl(site, r, related.page, 'related'))}'>${esc(r.title)}</a></div>`)
    .join('\n');
  const pager =
    related.items.length === 0
      ? ''
      : renderPager({ ...related, className: PAGER_CLASS, href: (n) => articleUrl(site, article, n) });
  const author = article.author === null ? '' : `\n<li class="news-author">${esc(article.author)}</li>`;
  const main = `<ul class="news-detail">
<li class="news-title">${esc(article.title)}</li>
<li class="news-date">${POSTED_LABEL} ${formatPosted(article.published)}</li>
<li class="news-content"><p><strong>${esc(article.lead)}</strong></p>
${renderBlocks(site, article.blocks, STYLE)}
</li>${author}
<li class="news-other"><span class="other-label">${RELATED_LABEL}</span>
${links}
${pager}
</li>
</ul>`;
  const trail = [...home(site), { href: categoryUrl(site, ctx.category.key, 1), text: ctx.category.name }];
  return page(site, `${article.title} - ${site.name}`, trail, main, '');
}

function renderListing(site: Site, listing: Listing, ctx: ListingContext): string {
  const { paged } = listing;
  const context = listing.category === null ? 'listing' : 'category';
  const items = paged.items.map((a) => {
    const href = articleUrl(site, a, paged.page, context);
    const first = imageFiles(a.blocks)[0];
    const thumb = first === undefined ? '' : `<a class="thumb" href="${attr(href)}"><img src="${attr(imageUrl(site, first))}" alt="${attr(first)}" /></a>`;
    return `<li class="news-item">${thumb}<a class="item-title" href="${attr(href)}">${esc(a.title)}</a> <span class="item-date">(${formatDay(a.published)})</span>
<p class="item-summary">${esc(a.listingSummary ?? a.lead)}</p></li>`;
  });
  const body =
    items.length === 0
      ? `<p class="empty">${EMPTY_LISTING}</p>`
      : `<ul class="news-list">\n${items.join('\n')}\n</ul>\n${renderPager({ ...paged, className: PAGER_CLASS, href: listing.pageUrl })}`;
  const latest = ctx.latest.map((a) => `<li>${link(articleUrl(site, a, paged.page, 'latest'), a.title)}</li>`).join('');
  const trail = home(site);
  if (listing.category !== null) trail.push({ href: listing.pageUrl(1), text: listing.category.name });
  return page(
    site,
    `${listing.title} - ${site.name}`,
    trail,
    `<h2 class="cat-title">${esc(listing.title)}</h2>\n${body}`,
    `\n<div class="box-title">${SIDEBAR.latest}</div>\n<ul class="latest">${latest}</ul>`,
  );
}

export const listTemplate: Template = { renderArticle, renderListing };
