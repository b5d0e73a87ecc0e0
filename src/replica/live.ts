/**
 * A served site's data while the replica runs: a private copy of the site (the caller's objects and the fixture
 * files are never changed), its handler, and the change times that feed Last-Modified. `publish` and `edit` swap
 * the handler for one built on the new data, so the next request sees the change and no request sees half of it.
 */
import { createHandler, type HandlerOptions, type SiteHandler } from './handler.js';
import { parseArticle, type Article, type Site } from './site.js';

export type ArticleChanges = Partial<Omit<Article, 'slug'>>;

export interface LiveSite {
  readonly site: Site;
  handler: SiteHandler;
  readonly options: Pick<HandlerOptions, 'robots' | 'deadLinks'>;
  readonly modified: Map<string, number>;
  readonly categoryModified: Map<string, number>;
  /** The latest change time handed out, so two changes within one second still get distinct Last-Modified. */
  clock: number;
}

export function createLive(source: Site, options: LiveSite['options']): LiveSite {
  const site: Site = { ...source, articles: [...source.articles] };
  const modified = new Map<string, number>();
  const categoryModified = new Map<string, number>();
  const clock = Math.max(0, ...site.articles.map((a) => Date.parse(a.published)));
  const live: LiveSite = { site, options, modified, categoryModified, clock, handler: createHandler(site, options) };
  return live;
}

/** Whole seconds (an HTTP-date's resolution), and always later than the previous change. */
function tick(live: LiveSite, now: number): number {
  live.clock = Math.max(Math.floor(now / 1000) * 1000, live.clock + 1000);
  return live.clock;
}

function rebuild(live: LiveSite): void {
  live.handler = createHandler(live.site, {
    ...live.options,
    modified: live.modified,
    categoryModified: live.categoryModified,
  });
}

function categories(site: Site): Set<string> {
  return new Set(site.categories.map((c) => c.key));
}

/** Adds an article; listings show it at once, in its place by publication time (newest first). */
export function publish(live: LiveSite, article: Article, now: number): Article {
  const checked = parseArticle(article, `publish(${live.site.id})`, categories(live.site));
  if (live.site.articles.some((a) => a.slug === checked.slug)) {
    throw new Error(`replica ${live.site.id}: an article with slug "${checked.slug}" already exists`);
  }
  if ((live.options.deadLinks ?? []).includes(checked.slug)) {
    throw new Error(`replica ${live.site.id}: "${checked.slug}" is a dead link of this replica`);
  }
  live.site.articles.push(checked);
  live.modified.set(checked.slug, tick(live, now));
  rebuild(live);
  return checked;
}

/** Changes an existing article (text, title, date, anything but its slug); its pages change from the next request. */
export function edit(live: LiveSite, slug: string, changes: ArticleChanges, now: number): Article {
  const index = live.site.articles.findIndex((a) => a.slug === slug);
  const old = live.site.articles[index];
  if (old === undefined) throw new Error(`replica ${live.site.id}: no article with slug "${slug}" to edit`);
  const checked = parseArticle({ ...old, ...changes, slug }, `edit(${live.site.id}, ${slug})`, categories(live.site));
  live.site.articles[index] = checked;
  const at = tick(live, now);
  live.modified.set(slug, at);
  if (checked.category !== old.category) live.categoryModified.set(old.category, at);
  rebuild(live);
  return checked;
}
