/**
 * Serves one family replica site: routes a request through the site's template (SharePoint, NukeViet, Liferay,
 * WordPress or the slug-id CMS, variant `a` or `b`) and renders the page. No I/O: every page is a pure function of
 * the data. A listing page past the last is a 404, as these platforms answer.
 */
import { errorReply, type Reply } from '../handler.js';
import { imageFor } from '../images.js';
import { buildCatalog, listingPage, type FamilyTemplate } from './kit.js';
import { liferayTemplates } from './liferay.js';
import { nukevietTemplates } from './nukeviet.js';
import { sharepointTemplates } from './sharepoint.js';
import type { FamilyId, FamilySite } from './site.js';
import { slugidTemplates } from './slugid.js';
import { wordpressTemplates } from './wordpress.js';

const TEMPLATES: Record<FamilyId, Record<string, FamilyTemplate>> = {
  sharepoint: sharepointTemplates,
  nukeviet: nukevietTemplates,
  liferay: liferayTemplates,
  wordpress: wordpressTemplates,
  slugid: slugidTemplates,
};

/** The template a family site is rendered with; throws for a variant the family does not have. */
export function templateOf(site: Pick<FamilySite, 'family' | 'variant' | 'id'>): FamilyTemplate {
  const template = TEMPLATES[site.family]?.[site.variant];
  if (!template) throw new Error(`replica ${site.id}: family ${site.family} has no template variant "${site.variant}"`);
  return template;
}

const HTML = 'text/html; charset=utf-8';
const ASSETS_MODIFIED = Date.UTC(2015, 0, 1);

export interface FamilyHandler {
  site: FamilySite;
  template: FamilyTemplate;
  respond(requestedUrl: string): Reply;
}

export function createFamilyHandler(site: FamilySite, opts: { robots?: string | null } = {}): FamilyHandler {
  const template = templateOf(site);
  const catalog = buildCatalog(site);
  const files = new Map<string, string>();
  for (const a of site.articles) for (const b of a.blocks) if ('images' in b) for (const f of b.images) files.set(f.toLowerCase(), f);
  const newest = Math.max(ASSETS_MODIFIED, ...site.articles.map((a) => Date.parse(a.published)));
  const html = (text: string, lastModified: number): Reply => ({ status: 200, contentType: HTML, body: Buffer.from(text, 'utf8'), lastModified });

  function respond(raw: string): Reply {
    return { ...route(raw), server: template.headers };
  }

  function route(raw: string): Reply {
    if (!raw.startsWith('/') || raw.startsWith('//')) return errorReply(400, raw);
    const url = new URL(raw, 'http://replica.invalid');
    if (url.pathname === '/robots.txt') {
      return opts.robots == null
        ? errorReply(404, raw)
        : { status: 200, contentType: 'text/plain; charset=utf-8', body: Buffer.from(opts.robots, 'utf8'), lastModified: ASSETS_MODIFIED };
    }
    let found;
    try {
      found = template.route(catalog, url);
    } catch (err) {
      if (err instanceof URIError) return errorReply(400, raw);
      throw err;
    }
    const route = found;
    switch (route.kind) {
      case 'home':
        return html(template.renderHome(catalog), newest);
      case 'listing':
      case 'category': {
        const category = route.kind === 'category' ? (site.categories.find((c) => c.key === route.key) ?? null) : null;
        const href = category ? (n: number) => template.categoryUrl(site, category.key, n) : (n: number) => template.listingUrl(site, n);
        const listing = listingPage(catalog, category, route.page, href);
        if (route.page > listing.pageCount) return errorReply(404, raw);
        return html(template.renderListing(catalog, listing), newest);
      }
      case 'article':
        return html(template.renderArticle(catalog, route.article), Date.parse(route.article.published));
      case 'static':
        return template.renderStatic ? html(template.renderStatic(catalog, route.key), ASSETS_MODIFIED) : errorReply(404, raw);
      case 'image': {
        const file = files.get(route.file.toLowerCase());
        const image = file ? imageFor(file) : null;
        return image ? { status: 200, contentType: image.contentType, body: image.body, lastModified: ASSETS_MODIFIED } : errorReply(404, raw);
      }
      case 'notFound':
        return errorReply(404, raw);
    }
  }

  return { site, template, respond };
}
