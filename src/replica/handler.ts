/**
 * Turns a parsed route into a response for one site; no I/O here, so every page is a pure function of the data.
 * Each 200 reply carries when its content last changed, for Last-Modified: a page changes when an article it
 * prints does, so a listing (whose `Tin mới` box shows the site's newest) takes the newest change on the site,
 * and an article page the newest change in its category (its `Các tin khác` block pages through the category).
 */
import { imageFiles } from './body.js';
import { buildCatalog, categoryOf, paginate, type Catalog } from './catalog.js';
import { imageFor } from './images.js';
import { renderError, renderHome } from './pages.js';
import { divTemplate } from './render-div.js';
import { listTemplate } from './render-list.js';
import { tableTemplate } from './render-table.js';
import type { Route } from './routes.js';
import type { Article, Site, TemplateName } from './site.js';
import { LATEST_COUNT, NEWS_TITLE, RELATED_PAGE_SIZE, type Template } from './template.js';
import { categoryUrl, listingUrl } from './urls.js';

const TEMPLATES: Record<TemplateName, Template> = { list: listTemplate, div: divTemplate, table: tableTemplate };
const HTML = 'text/html; charset=utf-8';
const LOGO_FILES = new Set(['logo.png', 'banner.jpg', 'bando.jpg', 'bando.png']);
/** Images and robots.txt never change while a replica runs. */
const ASSETS_MODIFIED = Date.UTC(2015, 0, 1);

export interface Reply {
  status: number;
  contentType: string;
  body: Buffer;
  /** When the content last changed (ms since the epoch); set on 200 replies only. */
  lastModified?: number;
  /** The platform's own server headers, instead of IIS/ASP.NET's (other families' replicas). */
  server?: Record<string, string>;
}

export interface SiteHandler {
  site: Site;
  respond(route: Route, requestedUrl: string): Reply;
}

export interface HandlerOptions {
  /** The body of `/robots.txt`; without it `/robots.txt` is a 404. */
  robots?: string | null;
  /** Slugs printed as the first items of the all-news listing's page 1 that have no article behind them (404). */
  deadLinks?: readonly string[];
  /** When an article last changed (ms), for articles published or edited while the replica runs. */
  modified?: ReadonlyMap<string, number>;
  /** When a category last lost an article (ms): an edit that moves an article changes its old category's pages too. */
  categoryModified?: ReadonlyMap<string, number>;
}

function html(status: number, text: string, lastModified?: number): Reply {
  const reply: Reply = { status, contentType: HTML, body: Buffer.from(text, 'utf8') };
  if (lastModified !== undefined) reply.lastModified = lastModified;
  return reply;
}

interface Stamps {
  site: number;
  byCategory: Map<string, number>;
}

function stamps(site: Site, modified: ReadonlyMap<string, number>, categoryModified: ReadonlyMap<string, number>): Stamps {
  const byCategory = new Map<string, number>(categoryModified);
  let newest = Math.max(ASSETS_MODIFIED, ...categoryModified.values());
  for (const a of site.articles) {
    const t = modified.get(a.slug) ?? Date.parse(a.published);
    byCategory.set(a.category, Math.max(byCategory.get(a.category) ?? ASSETS_MODIFIED, t));
    newest = Math.max(newest, t);
  }
  return { site: newest, byCategory };
}

/** A listing item for a link that leads nowhere: what a portal shows after an editor deleted an article badly. */
function deadArticle(site: Site, slug: string, published: string): Article {
  const note = 'Bài viết này không còn trên cổng thông tin.';
  return {
    slug,
    category: site.categories[0]?.key ?? '',
    title: `Bài viết đã gỡ (${slug})`,
    published,
    lead: note,
    blocks: [{ p: note }],
    author: null,
  };
}

export function errorReply(status: number, requestedUrl: string): Reply {
  return html(status, renderError(status, requestedUrl));
}

export function createHandler(site: Site, opts: HandlerOptions = {}): SiteHandler {
  const catalog = buildCatalog(site);
  const template = TEMPLATES[site.template];
  const mediaFiles = new Set(site.articles.flatMap((a) => imageFiles(a.blocks)));
  const latest = catalog.newest.slice(0, LATEST_COUNT);
  const changed = stamps(site, opts.modified ?? new Map(), opts.categoryModified ?? new Map());
  const robots = opts.robots ?? null;
  const newestDate = catalog.newest[0]?.published ?? '2015-01-01T00:00:00+07:00';
  const dead = (opts.deadLinks ?? []).map((slug) => {
    if (catalog.bySlug.has(slug)) throw new Error(`replica ${site.id}: dead link "${slug}" is an existing article`);
    return deadArticle(site, slug, newestDate);
  });

  function respond(route: Route, requestedUrl: string): Reply {
    switch (route.kind) {
      case 'home':
        return html(200, renderHome(site, latest), changed.site);
      case 'listing': {
        const paged = paginate(catalog.newest, route.page, site.pageSize);
        // The dead links are extra items on top of page 1; the pager's counts stay those of the real articles.
        if (route.page === 1 && dead.length > 0) paged.items = [...dead, ...paged.items];
        const listing = { category: null, title: NEWS_TITLE, paged, pageUrl: (n: number) => listingUrl(site, n) };
        return html(200, template.renderListing(site, listing, { latest }), changed.site);
      }
      case 'category': {
        const category = catalog.categories.get(route.key);
        const items = catalog.byCategory.get(route.key);
        if (!category || !items) return errorReply(404, requestedUrl);
        const listing = {
          category,
          title: category.name,
          paged: paginate(items, route.page, site.pageSize),
          pageUrl: (n: number) => categoryUrl(site, category.key, n),
        };
        return html(200, template.renderListing(site, listing, { latest }), changed.site);
      }
      case 'article': {
        const reply = articleReply(catalog, template, route.slug, route.page, requestedUrl);
        const article = catalog.bySlug.get(route.slug);
        if (reply.status === 200 && article) reply.lastModified = changed.byCategory.get(article.category) ?? changed.site;
        return reply;
      }
      case 'media':
        return imageReply(mediaFiles.has(route.file) ? route.file : null, requestedUrl);
      case 'theme':
        return imageReply(LOGO_FILES.has(route.file.toLowerCase()) ? route.file : null, requestedUrl);
      case 'robots':
        return robots === null
          ? errorReply(404, requestedUrl)
          : { status: 200, contentType: 'text/plain; charset=utf-8', body: Buffer.from(robots, 'utf8'), lastModified: ASSETS_MODIFIED };
      case 'badRequest':
        return errorReply(400, requestedUrl);
      case 'notFound':
        return errorReply(404, requestedUrl);
    }
  }

  return { site, respond };
}

function articleReply(catalog: Catalog, template: Template, slug: string, page: number, requestedUrl: string): Reply {
  const article = catalog.bySlug.get(slug);
  if (!article) return errorReply(404, requestedUrl);
  const category = categoryOf(catalog, article);
  // Kooboo's related block is the whole category paged, so the article itself shows up on one of its pages.
  const related = paginate(catalog.byCategory.get(category.key) ?? [], page, RELATED_PAGE_SIZE);
  return html(200, template.renderArticle(catalog.site, article, { category, related }));
}

function imageReply(file: string | null, requestedUrl: string): Reply {
  const image = file === null ? null : imageFor(file);
  if (!image) return errorReply(404, requestedUrl);
  return { status: 200, contentType: image.contentType, body: image.body, lastModified: ASSETS_MODIFIED };
}
