/**
 * The replica's site data (`fixtures/replica/<siteId>/site.json`) and its loader.
 *
 * Text in the data is exactly what the real pages show, quirks included (U+00D0 for `Đ`, no-break spaces, NFD,
 * literal `\r\n`): the loader checks shape only and never normalises text.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { templateOf } from './families/handler.js';
import { type FamilySite, parseFamilySite } from './families/site.js';
import { obj, str, strOrNull, arr, oneOf } from './fields.js';

export type TemplateName = 'list' | 'div' | 'table';
/**
 * `path`: `/<pageKey>/View/<slug>`; `userkey`: `/<pageKey>/View/?UserKey=<slug>`; `short`: `/<pageKey>/<slug>`, the
 * form huyendienbien.gov.vn prints (`/T/HUYEN-DIEN-BIEN-70-NAM-...?PageIndex=76`).
 */
export type ArticleUrlForm = 'path' | 'userkey' | 'short';
export type CategoryUrlForm = 'path' | 'query';
/** Where a link to an article is printed; a link variant applies to one of these places. */
export type LinkContext = 'listing' | 'category' | 'related' | 'latest';

export interface Category {
  key: string;
  name: string;
}

export type Block = { p: string } | { images: string[]; caption: string | null };

/** One place where the site links an article with lower-case percent escapes (`%e1%bb%85`). */
export interface LinkVariant {
  context: LinkContext;
  hexCase: 'lower';
}

export interface Article {
  /** The UserKey, decoded (`Lễ hội hoa Ban 2024-6`, not its percent-encoded form). */
  slug: string;
  category: string;
  title: string;
  /** ISO 8601 in Vietnam time, always `+07:00`. */
  published: string;
  lead: string;
  blocks: Block[];
  /** The author line exactly as printed, label included (`Tác giả: Hương Giang`); null when the page has none. */
  author: string | null;
  /** Summary on listing pages; the lead when absent. */
  listingSummary?: string;
  /** Every link to this article spells `view` in lower case. */
  viewLowercase?: true;
  linkVariants?: LinkVariant[];
}

export interface Footer {
  agency: string;
  address: string;
  phone: string;
}

export interface Site {
  id: string;
  /**
   * The real portal's host name (`tuachua.dienbien.gov.vn`). The replica listens on 127.0.0.1, answers requests
   * that name this host, and a crawler reaches it under this name with `--connect-to`.
   */
  host?: string;
  name: string;
  template: TemplateName;
  banner: string | null;
  /** The visitor counter precedes the article in document order. */
  counterBeforeArticle: boolean;
  pageSize: number;
  pageKey: string;
  listingKey: string;
  articleUrlForm: ArticleUrlForm;
  /** `path`: `/<pageKey>/CM/<key>?PageIndex=N`; `query`: `/<pageKey>/CM/?PageIndex=N&userkey=<key>`. Default `path`. */
  categoryUrlForm: CategoryUrlForm;
  /** Kooboo's site folder name in `/Cms_Data/Contents/<cmsSite>/Media/Images/`. Default: the id upper-cased. */
  cmsSite: string;
  footer: Footer | null;
  categories: Category[];
  articles: Article[];
}

const ISO_VN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/;
const LINK_CONTEXTS: readonly string[] = ['listing', 'category', 'related', 'latest'];

/** A replica site of any family: Kooboo's own data shape, or another family's (with its `family` key). */
export type AnySite = Site | FamilySite;

/** The family a replica site belongs to: `kooboo` for the Kooboo sites, which have no `family` key. */
export function familyOf(site: AnySite): string {
  return 'family' in site ? site.family : 'kooboo';
}

/** Reads every Kooboo site of `<dir>/<siteId>/site.json`, sorted by site id (every file is read and checked). */
export function loadSites(dir: string): Site[] {
  return loadAllSites(dir).filter((s): s is Site => familyOf(s) === 'kooboo');
}

/** Reads every `<dir>/<siteId>/site.json` of any family, sorted by site id. */
export function loadAllSites(dir: string): AnySite[] {
  const ids = readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .sort();
  return ids.map((id) => loadSite(join(dir, id, 'site.json')));
}

export function loadSite(file: string): AnySite {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: cannot read site data: ${(err as Error).message}`, { cause: err });
  }
  try {
    if (typeof raw === 'object' && raw !== null && 'family' in raw) return parseFamilySite(raw, (site) => templateOf(site).precision);
    return parseSite(raw);
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`, { cause: err });
  }
}

function parseSite(raw: unknown): Site {
  const o = obj(raw, 'site');
  const id = str(o, 'id', 'site');
  const pageSize = o['pageSize'];
  if (typeof pageSize !== 'number' || !Number.isInteger(pageSize) || pageSize < 1) {
    throw new Error('site.pageSize must be a positive integer');
  }
  if (typeof o['counterBeforeArticle'] !== 'boolean') throw new Error('site.counterBeforeArticle must be a boolean');
  const categories = arr(o, 'categories', 'site').map((c, i) => parseCategory(c, `categories[${i}]`));
  const keys = new Set(categories.map((c) => c.key));
  const articles = arr(o, 'articles', 'site').map((a, i) => parseArticle(a, `articles[${i}]`, keys));
  assertUnique(articles.map((a) => a.slug), 'article slug');
  assertUnique(articles.map((a) => a.published), 'article published time');
  assertUnique([...keys], 'category key');
  const host = o['host'] === undefined ? undefined : str(o, 'host', 'site');
  if (host !== undefined && !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/.test(host)) {
    throw new Error(`site.host must be a lower-case host name, not "${host}"`);
  }
  return {
    id,
    ...(host !== undefined ? { host } : {}),
    name: str(o, 'name', 'site'),
    template: oneOf(o, 'template', ['list', 'div', 'table'] as const, 'site'),
    banner: o['banner'] === undefined ? null : strOrNull(o, 'banner', 'site'),
    counterBeforeArticle: o['counterBeforeArticle'],
    pageSize,
    pageKey: str(o, 'pageKey', 'site'),
    listingKey: str(o, 'listingKey', 'site'),
    articleUrlForm: oneOf(o, 'articleUrlForm', ['path', 'userkey', 'short'] as const, 'site'),
    categoryUrlForm: oneOf(o, 'categoryUrlForm', ['path', 'query'] as const, 'site', 'path'),
    cmsSite: o['cmsSite'] === undefined ? id.toUpperCase() : str(o, 'cmsSite', 'site'),
    footer: o['footer'] === undefined ? null : parseFooter(o['footer']),
    categories,
    articles,
  };
}

function parseCategory(raw: unknown, where: string): Category {
  const o = obj(raw, where);
  return { key: str(o, 'key', where), name: str(o, 'name', where) };
}

function parseFooter(raw: unknown): Footer {
  const o = obj(raw, 'footer');
  return { agency: str(o, 'agency', 'footer'), address: str(o, 'address', 'footer'), phone: str(o, 'phone', 'footer') };
}

/** Checks one article as the loader does; the replica's `publish` and `edit` use it on articles given in code. */
export function parseArticle(raw: unknown, where: string, categories: ReadonlySet<string>): Article {
  const o = obj(raw, where);
  const category = str(o, 'category', where);
  if (!categories.has(category)) throw new Error(`${where}.category "${category}" is not a category of the site`);
  const published = str(o, 'published', where);
  // Dates are printed from their fields, never through Date: any other zone would print the wrong local time.
  if (!ISO_VN.test(published)) throw new Error(`${where}.published must look like 2023-08-11T14:46:47+07:00`);
  const blocks = arr(o, 'blocks', where).map((b, i) => parseBlock(b, `${where}.blocks[${i}]`));
  if (!blocks.some((b) => 'p' in b && b.p.trim().length > 0)) throw new Error(`${where} needs a body paragraph`);
  const article: Article = {
    slug: str(o, 'slug', where),
    category,
    title: str(o, 'title', where),
    published,
    lead: str(o, 'lead', where),
    blocks,
    author: strOrNull(o, 'author', where),
  };
  if (o['listingSummary'] !== undefined) article.listingSummary = str(o, 'listingSummary', where);
  if (o['viewLowercase'] !== undefined) {
    if (o['viewLowercase'] !== true) throw new Error(`${where}.viewLowercase must be true when present`);
    article.viewLowercase = true;
  }
  if (o['linkVariants'] !== undefined) {
    article.linkVariants = arr(o, 'linkVariants', where).map((v, i) => {
      const w = `${where}.linkVariants[${i}]`;
      const vo = obj(v, w);
      return { context: oneOf(vo, 'context', LINK_CONTEXTS as LinkContext[], w), hexCase: oneOf(vo, 'hexCase', ['lower'] as const, w) };
    });
  }
  return article;
}

function parseBlock(raw: unknown, where: string): Block {
  const o = obj(raw, where);
  if ('p' in o) {
    if (typeof o['p'] !== 'string' || o['p'].length === 0) throw new Error(`${where}.p must be a non-empty string`);
    return { p: o['p'] };
  }
  const images = arr(o, 'images', where).map((f, i) => {
    if (typeof f !== 'string' || !/^[^/\\?#]+\.[A-Za-z]+$/.test(f)) throw new Error(`${where}.images[${i}] must be a file name`);
    return f;
  });
  if (!('caption' in o)) throw new Error(`${where}.caption must be a string or null`);
  return { images, caption: strOrNull(o, 'caption', where) };
}

function assertUnique(values: string[], what: string): void {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) throw new Error(`duplicate ${what} "${v}"`);
    seen.add(v);
  }
}
