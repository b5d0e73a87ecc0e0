import type { CheerioAPI } from 'cheerio';
import type { PortalProfile } from '../profiles/profile.js';
import { lineOrNull } from '../text/normalize.js';
import { textOf } from './dom.js';

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
export function linkedCategory($: CheerioAPI, url: string, base: string, profile: PortalProfile): string | null {
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
