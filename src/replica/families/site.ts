/**
 * Replica sites of the other portal families (SharePoint, NukeViet, Liferay, WordPress, the slug-id CMS): their
 * data (`fixtures/replica/<siteId>/site.json` with a `family` key) and its loader. As for the Kooboo sites, text is
 * exactly what the pages print; the loader checks shape, and that every fact the template must print can be
 * printed by it (a template that prints only the day needs a midnight time).
 */
import type { Block, Category } from '../site.js';
import { obj, str, strOrNull, int, arr } from '../fields.js';

export const FAMILIES = ['sharepoint', 'nukeviet', 'liferay', 'wordpress', 'slugid'] as const;
export type FamilyId = (typeof FAMILIES)[number];

export interface FamilyArticle {
  /** The number the CMS gives the article (`-468686`, `nid=113139`, `-8044.html`). */
  id: number;
  /** The ASCII alias in its URL. */
  slug: string;
  category: string;
  title: string;
  /** ISO 8601 in Vietnam time, `+07:00`. */
  published: string;
  lead: string;
  blocks: Block[];
  /** The person who wrote it, as printed; null when the page names none. */
  author: string | null;
  /** The organisation, as printed; null when the page names none. */
  organization: string | null;
  /** Printed view count. */
  views: number;
}

export interface FamilySite {
  id: string;
  /** The real portal's host name (`binhson.quangngai.gov.vn`): the replica answers requests that name it. */
  host?: string;
  family: FamilyId;
  /** Which template of the family renders it: `a` or `b`. */
  variant: string;
  name: string;
  /** The unit's name as the header prints it (`ỦY BAN NHÂN DÂN HUYỆN BÌNH SƠN`). */
  unit: string;
  pageSize: number;
  categories: Category[];
  articles: FamilyArticle[];
}

const ISO_VN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/;

function block(raw: unknown, where: string): Block {
  const o = obj(raw, where);
  if ('p' in o) return { p: str(o, 'p', where) };
  const images = arr(o, 'images', where).map((f, i) => {
    if (typeof f !== 'string' || !/^[^/\\?#]+\.[A-Za-z]+$/.test(f)) throw new Error(`${where}.images[${i}] must be a file name`);
    return f;
  });
  if (!('caption' in o)) throw new Error(`${where}.caption must be a string or null`);
  return { images, caption: strOrNull(o, 'caption', where) };
}

/** Checks a family site's data; `precision` says what the site's template prints of the publication time. */
export function parseFamilySite(raw: unknown, precision: (site: FamilySite) => 'day' | 'minute' | 'second'): FamilySite {
  const o = obj(raw, 'site');
  const family = str(o, 'family', 'site');
  if (!(FAMILIES as readonly string[]).includes(family)) throw new Error(`site.family must be one of ${FAMILIES.join(', ')}`);
  const categories = arr(o, 'categories', 'site').map((c, i) => {
    const co = obj(c, `categories[${i}]`);
    return { key: str(co, 'key', `categories[${i}]`), name: str(co, 'name', `categories[${i}]`) };
  });
  const keys = new Set(categories.map((c) => c.key));
  const host = o['host'] === undefined ? undefined : str(o, 'host', 'site');
  if (host !== undefined && !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/.test(host)) {
    throw new Error(`site.host must be a lower-case host name, not "${host}"`);
  }
  const site: FamilySite = {
    id: str(o, 'id', 'site'),
    ...(host !== undefined ? { host } : {}),
    family: family as FamilyId,
    variant: str(o, 'variant', 'site'),
    name: str(o, 'name', 'site'),
    unit: str(o, 'unit', 'site'),
    pageSize: int(o, 'pageSize', 'site'),
    categories,
    articles: [],
  };
  const p = precision(site);
  site.articles = arr(o, 'articles', 'site').map((a, i) => {
    const where = `articles[${i}]`;
    const ao = obj(a, where);
    const category = str(ao, 'category', where);
    if (!keys.has(category)) throw new Error(`${where}.category "${category}" is not a category of the site`);
    const published = str(ao, 'published', where);
    if (!ISO_VN.test(published)) throw new Error(`${where}.published must look like 2023-08-11T14:46:47+07:00`);
    if (p === 'day' && !published.includes('T00:00:00')) throw new Error(`${where}.published: this template prints the day only; use T00:00:00`);
    if (p === 'minute' && !published.endsWith(':00+07:00')) throw new Error(`${where}.published: this template prints minutes; use :00 seconds`);
    return {
      id: int(ao, 'id', where),
      slug: str(ao, 'slug', where),
      category,
      title: str(ao, 'title', where),
      published,
      lead: str(ao, 'lead', where),
      blocks: arr(ao, 'blocks', where).map((b, k) => block(b, `${where}.blocks[${k}]`)),
      author: strOrNull(ao, 'author', where),
      organization: strOrNull(ao, 'organization', where),
      views: ao['views'] === undefined ? 100 + i * 37 : int(ao, 'views', where),
    };
  });
  for (const field of ['id', 'slug', 'published'] as const) {
    const seen = new Set<unknown>();
    for (const a of site.articles) {
      if (seen.has(a[field])) throw new Error(`article ${field} ${String(a[field])} appears twice`);
      seen.add(a[field]);
    }
  }
  return site;
}
