/** Turns a parsed route into a response for one site; no I/O here, so every page is a pure function of the data. */
import { imageFiles } from './body.js';
import { buildCatalog, categoryOf, paginate, type Catalog } from './catalog.js';
import { imageFor } from './images.js';
import { renderError, renderHome } from './pages.js';
import { divTemplate } from './render-div.js';
import { listTemplate } from './render-list.js';
import { tableTemplate } from './render-table.js';
import type { Route } from './routes.js';
import type { Site, TemplateName } from './site.js';
import { LATEST_COUNT, NEWS_TITLE, RELATED_PAGE_SIZE, type Template } from './template.js';
import { categoryUrl, listingUrl } from './urls.js';

const TEMPLATES: Record<TemplateName, Template> = { list: listTemplate, div: divTemplate, table: tableTemplate };
const HTML = 'text/html; charset=utf-8';
const LOGO_FILES = new Set(['logo.png', 'banner.jpg', 'bando.jpg', 'bando.png']);

export interface Reply {
  status: number;
  contentType: string;
  body: Buffer;
}

export interface SiteHandler {
  site: Site;
  respond(route: Route, requestedUrl: string): Reply;
}

function html(status: number, text: string): Reply {
  return { status, contentType: HTML, body: Buffer.from(text, 'utf8') };
}

export function errorReply(status: number, requestedUrl: string): Reply {
  return html(status, renderError(status, requestedUrl));
}

export function createHandler(site: Site): SiteHandler {
  const catalog = buildCatalog(site);
  const template = TEMPLATES[site.template];
  const mediaFiles = new Set(site.articles.flatMap((a) => imageFiles(a.blocks)));
  const latest = catalog.newest.slice(0, LATEST_COUNT);

  function respond(route: Route, requestedUrl: string): Reply {
    switch (route.kind) {
      case 'home':
        return html(200, renderHome(site, latest));
      case 'listing': {
        const listing = {
          category: null,
          title: NEWS_TITLE,
          paged: paginate(catalog.newest, route.page, site.pageSize),
          pageUrl: (n: number) => listingUrl(site, n),
        };
        return html(200, template.renderListing(site, listing, { latest }));
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
        return html(200, template.renderListing(site, listing, { latest }));
      }
      case 'article':
        return articleReply(catalog, template, route.slug, route.page, requestedUrl);
      case 'media':
        return imageReply(mediaFiles.has(route.file) ? route.file : null, requestedUrl);
      case 'theme':
        return imageReply(LOGO_FILES.has(route.file.toLowerCase()) ? route.file : null, requestedUrl);
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
  return { status: 200, contentType: image.contentType, body: image.body };
}
