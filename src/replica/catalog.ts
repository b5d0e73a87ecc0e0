/** A site's articles indexed the ways the pages need them: newest first, per category, by slug. */
import { pageCount } from './pager.js';
import type { Article, Category, Site } from './site.js';

export interface Paged<T> {
  items: T[];
  /** 1-based. */
  page: number;
  pageSize: number;
  total: number;
  pageCount: number;
}

export interface Catalog {
  site: Site;
  newest: Article[];
  byCategory: Map<string, Article[]>;
  bySlug: Map<string, Article>;
  categories: Map<string, Category>;
}

/** ISO strings with the same offset sort like their instants; the slug breaks ties so order never depends on input order. */
function newestFirst(a: Article, b: Article): number {
  if (a.published !== b.published) return a.published < b.published ? 1 : -1;
  return a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;
}

export function buildCatalog(site: Site): Catalog {
  const newest = [...site.articles].sort(newestFirst);
  const byCategory = new Map<string, Article[]>(site.categories.map((c) => [c.key, []]));
  for (const a of newest) byCategory.get(a.category)?.push(a);
  return {
    site,
    newest,
    byCategory,
    bySlug: new Map(site.articles.map((a) => [a.slug, a])),
    categories: new Map(site.categories.map((c) => [c.key, c])),
  };
}

/** Pages past the end are empty, as Kooboo's paged queries are; the caller decides how to show that. */
export function paginate<T>(items: readonly T[], page: number, pageSize: number): Paged<T> {
  const start = (page - 1) * pageSize;
  return {
    items: items.slice(start, start + pageSize),
    page,
    pageSize,
    total: items.length,
    pageCount: pageCount(items.length, pageSize),
  };
}

export function categoryOf(catalog: Catalog, article: Article): Category {
  const c = catalog.categories.get(article.category);
  if (!c) throw new Error(`${catalog.site.id}: article ${article.slug} has unknown category ${article.category}`);
  return c;
}
