import type { PortalProfile } from '../profiles/profile.js';
import { canonicalArticleUrl } from '../profiles/urls.js';
import { lineOrNull, normalizeLine } from '../text/normalize.js';
import { type Item, type PageQuery, textOf } from './dom.js';

function pathOf(href: string, base: string): string | null {
  try {
    const url = new URL(href, base);
    return decodeURIComponent(url.pathname).replace(/\/+$/, '').toLowerCase();
  } catch {
    return null;
  }
}

/**
 * The category named by a link, for pages without a breadcrumb trail: a link marked `rel="category"`, or the
 * page's link to the category listing that the article's own URL names (`/<cat>/<alias>-<id>.html` → `/<cat>/`).
 */
export function linkedCategory($: PageQuery, url: string, base: string, profile: PortalProfile): string | null {
  const { rel, path } = profile.category;
  if (rel) {
    for (const el of $('a[rel]').toArray()) {
      if (!(el.attribs['rel'] ?? '').split(/\s+/).includes(rel)) continue;
      const text = lineOrNull(textOf(el));
      if (text) return text;
    }
  }
  if (path) {
    let own: string;
    try {
      own = new URL(url).pathname;
    } catch {
      return null;
    }
    const cat = path.exec(own)?.groups?.['cat'];
    if (!cat) return null;
    const wanted = pathOf(cat.startsWith('/') ? cat : `/${cat}`, url);
    for (const el of $('a[href]').toArray()) {
      if (pathOf(el.attribs['href'] ?? '', base) !== wanted) continue;
      const text = lineOrNull(textOf(el));
      if (text && text.length <= 120) return text;
    }
  }
  return null;
}

/**
 * A category printed as a heading over the title (`ĐẠI HỘI ĐẢNG CÁC CẤP`): a short block just above the title whose
 * text is, case aside, the text of a link of the page to something other than an article (the menu's entry).
 */
export function headingCategory($: PageQuery, items: Item[], titleIndex: number, base: string, profile: PortalProfile): string | null {
  const names = new Map<string, string>();
  for (const el of $('a[href]').toArray()) {
    if (canonicalArticleUrl(el.attribs['href'] ?? '', base, profile)) continue;
    const text = normalizeLine(textOf(el));
    if (text.length >= 3 && text.length <= 80) names.set(text.toLowerCase(), text);
  }
  for (let i = titleIndex - 1; i >= Math.max(0, titleIndex - 3); i--) {
    const item = items[i];
    if (item?.kind !== 'text' || profile.boilerplate.some((re) => re.test(item.text))) continue;
    const text = normalizeLine(item.text);
    if (names.has(text.toLowerCase()) && !$(item.el).is('a') && $(item.el).find('a').length === 0) return text;
  }
  return null;
}
