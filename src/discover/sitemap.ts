import { gunzipSync } from 'node:zlib';
import * as cheerio from 'cheerio';

/**
 * Sitemaps (sitemaps.org 0.9): a `<urlset>` of page URLs with their `<lastmod>`, or a `<sitemapindex>` of further
 * sitemaps. Parsed with cheerio's XML mode (already a dependency; a sitemap needs no more than that). Names are
 * matched without their namespace prefix, since some CMSs write `<ns:url>`.
 */
export interface SitemapEntry {
  url: string;
  /** `<lastmod>` as written, or null. */
  lastmod: string | null;
}

export interface Sitemap {
  kind: 'urlset' | 'index';
  entries: SitemapEntry[];
}

/** The XML of a sitemap body: gunzipped when it is gzip (`.xml.gz`, or served gzipped without saying so). */
export function xmlText(body: Buffer): string {
  const bytes = body.length > 2 && body[0] === 0x1f && body[1] === 0x8b ? gunzipSync(body) : body;
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

function local(name: string): string {
  return name.replace(/^.*:/, '').toLowerCase();
}

/** Reads a sitemap or sitemap index; null when the text is neither (an HTML error page, say). */
export function parseSitemap(xml: string, base: string): Sitemap | null {
  const $ = cheerio.load(xml, { xml: true });
  const root = $.root().children().toArray().find((n) => n.type === 'tag');
  if (!root) return null;
  const kind = local(root.name) === 'urlset' ? 'urlset' : local(root.name) === 'sitemapindex' ? 'index' : null;
  if (!kind) return null;
  const entries: SitemapEntry[] = [];
  for (const item of $(root).children().toArray()) {
    if (item.type !== 'tag' || local(item.name) !== (kind === 'urlset' ? 'url' : 'sitemap')) continue;
    let loc: string | null = null;
    let lastmod: string | null = null;
    for (const child of $(item).children().toArray()) {
      if (child.type !== 'tag') continue;
      if (local(child.name) === 'loc') loc = $(child).text().trim();
      else if (local(child.name) === 'lastmod') lastmod = $(child).text().trim() || null;
    }
    if (!loc) continue;
    try {
      entries.push({ url: new URL(loc, base).href, lastmod });
    } catch {
      // A broken <loc> is skipped; the rest of the sitemap still counts.
    }
  }
  return { kind, entries };
}
