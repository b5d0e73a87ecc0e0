/**
 * The "table" template (huyendienbien): a layout table of the early-2010s kind. Title, date (label in
 * `<strong>`), lead, body and author each sit in their own `<td>`; a `Tác giả:` author line prints its label in
 * `<strong>`. The left column, holding the visitor counter, precedes the article in document order when the site
 * says so, as textdump 06 shows.
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

const STYLE: BodyStyle = { italic: (html) => `<span style="font-style: italic;">${html}</span>`, imageTitle: false };
const PAGER_CLASS = 'tbl-pager';
const AUTHOR_LABEL = 'Tác giả:';

function counterTable(site: Site): string {
  const c = counter(site);
  // The real counter shows the total as one image per digit before the table of periods.
  const digits = [...String(c.total)].map((d) => `<span class="cnt-digit">${d}</span>`).join(' ');
  const rows = c.rows.map(([label, n]) => `<tr><td class="cnt-label">${esc(label)}</td><td class="cnt-num" align="right">${n}</td></tr>`).join('\n');
  return `<table class="tbl-counter" width="100%">
<tr><td colspan="2" class="cnt-digits">${digits}</td></tr>
${rows}
</table>`;
}

function leftColumn(site: Site, latest: string): string {
  const c = site.counterBeforeArticle ? `${counterTable(site)}\n` : '';
  return `<td class="tbl-left" width="220" valign="top">
${c}<table class="tbl-box" width="100%"><tr><td class="box-head"><a href="/Van-ban">Văn bản mới</a></td></tr></table>${latest}
</td>`;
}

function rightColumn(site: Site): string {
  const options = WEB_LINKS.map((l) => `<option value="${attr(l.url)}">${esc(l.text)}</option>`).join('');
  const c = site.counterBeforeArticle ? '' : `${counterTable(site)}\n`;
  return `<td class="tbl-right" width="220" valign="top">
<table class="tbl-box" width="100%">
<tr><td class="box-head">${SIDEBAR.map}</td></tr>
<tr><td><a href="/Ban-do"><img src="${attr(themeUrl(site, 'bando.png'))}" alt="${SIDEBAR.map}" /></a></td></tr>
<tr><td class="box-head">${link('/Van-ban', SIDEBAR.documents)}</td></tr>
<tr><td>${SIDEBAR.documentsNote}</td></tr>
<tr><td class="box-head">${link('/Dich-vu-cong', SIDEBAR.services)}</td></tr>
<tr><td class="box-head">${SIDEBAR.videos}</td></tr>
<tr><td>${link('/Video', videoTitle(site))}</td></tr>
<tr><td class="box-head">${SIDEBAR.stats}</td></tr>
</table>
${c}<table class="tbl-box" width="100%">
<tr><td>${SIDEBAR.total} <b>${counter(site).total}</b></td></tr>
<tr><td class="box-head">${SIDEBAR.links}</td></tr>
<tr><td><select name="lienket">${options}</select></td></tr>
</table>
</td>`;
}

function layout(site: Site, title: string, trail: MenuItem[], main: string, latest: string): string {
  const f = footerLines(site);
  const banner = site.banner === null ? esc(site.name) : esc(site.banner);
  const nav = menu(site).map((m) => link(m.href, m.text)).join(' | ');
  return htmlDocument(
    title,
    `<table class="tbl-layout" width="1000" align="center" cellpadding="0" cellspacing="0">
<tr><td colspan="3" class="tbl-banner"><img src="${attr(themeUrl(site, 'logo.png'))}" alt="Logo" /> ${banner}</td></tr>
<tr><td colspan="3" class="tbl-menu">${nav}</td></tr>
<tr>
${leftColumn(site, latest)}
<td class="tbl-main" valign="top">
<table class="tbl-path" width="100%"><tr><td>${trail.map((t) => link(t.href, t.text)).join(' &raquo; ')}</td></tr></table>
${main}
</td>
${rightColumn(site)}
</tr>
<tr><td colspan="3" class="tbl-footer" align="center"><b>${esc(f.agency)}</b><br />${esc(f.address)}<br />${esc(f.phone)}<br />${esc(f.copyright)}<br />${esc(f.credit)}</td></tr>
</table>`,
  );
}

function home(site: Site): MenuItem[] {
  return [
    { href: '/', text: 'Trang chủ' },
    { href: listingUrl(site, 1), text: NEWS_TITLE },
  ];
}

function authorCell(author: string): string {
  if (author.startsWith(AUTHOR_LABEL)) {
    return `<td class="tbl-author"><strong>${AUTHOR_LABEL}</strong>${esc(author.slice(AUTHOR_LABEL.length))}</td>`;
  }
  return `<td class="tbl-author" align="right"><strong>${esc(author)}</strong></td>`;
}

function renderArticle(site: Site, article: Article, ctx: ArticleContext): string {
  const { related } = ctx;
  const rows = related.items
    .map((r) => `<tr><td class="other-row">&raquo; <a href='${attr(articleUrl(site, r, related.page, 'related'))}'>${esc(r.title)}</a></td></tr>`)
    .join('\n');
  const pager =
    related.items.length === 0
      ? ''
      : `\n<tr><td>${renderPager({ ...related, className: PAGER_CLASS, href: (n) => articleUrl(site, article, n) })}</td></tr>`;
  const author = article.author === null ? '' : `\n<tr>${authorCell(article.author)}</tr>`;
  const main = `<table class="tbl-article" width="100%">
<tr><td class="tbl-title">${esc(article.title)}</td></tr>
<tr><td class="tbl-date"><strong>${POSTED_LABEL}</strong> ${formatPosted(article.published)}</td></tr>
<tr><td class="tbl-lead"><p>${esc(article.lead)}</p></td></tr>
<tr><td class="tbl-content">
${renderBlocks(site, article.blocks, STYLE)}
</td></tr>${author}
</table>
<table class="tbl-other" width="100%">
<tr><td class="tbl-other-head">${RELATED_LABEL}</td></tr>
${rows}${pager}
</table>`;
  const trail = [...home(site), { href: categoryUrl(site, ctx.category.key, 1), text: ctx.category.name }];
  return layout(site, `${article.title} - ${site.name}`, trail, main, '');
}

function renderListing(site: Site, listing: Listing, ctx: ListingContext): string {
  const { paged } = listing;
  const context = listing.category === null ? 'listing' : 'category';
  const rows = paged.items.map((a) => {
    const href = articleUrl(site, a, paged.page, context);
    const first = imageFiles(a.blocks)[0];
    const thumb = first === undefined ? '&nbsp;' : `<img src="${attr(imageUrl(site, first))}" alt="${attr(first)}" width="120" />`;
    return `<tr><td class="tbl-thumb" width="130" valign="top">${thumb}</td><td class="tbl-item" valign="top">${link(href, a.title, ' class="tbl-item-title"')} <span class="tbl-item-date">${formatDay(a.published)}</span><br />${esc(a.listingSummary ?? a.lead)}</td></tr>`;
  });
  const body =
    rows.length === 0
      ? `<tr><td colspan="2">${EMPTY_LISTING}</td></tr>`
      : `${rows.join('\n')}\n<tr><td colspan="2">${renderPager({ ...paged, className: PAGER_CLASS, href: listing.pageUrl })}</td></tr>`;
  const latest = ctx.latest.map((a) => `<tr><td>${link(articleUrl(site, a, paged.page, 'latest'), a.title)}</td></tr>`).join('\n');
  const trail = home(site);
  if (listing.category !== null) trail.push({ href: listing.pageUrl(1), text: listing.category.name });
  return layout(
    site,
    `${listing.title} - ${site.name}`,
    trail,
    `<table class="tbl-list" width="100%">\n<tr><td colspan="2" class="tbl-list-head">${esc(listing.title)}</td></tr>\n${body}\n</table>`,
    `\n<table class="tbl-box" width="100%"><tr><td class="box-head">${SIDEBAR.latest}</td></tr>\n${latest}\n</table>`,
  );
}

export const tableTemplate: Template = { renderArticle, renderListing };
