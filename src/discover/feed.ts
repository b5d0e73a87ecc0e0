import type { CheerioAPI } from 'cheerio';
import * as cheerio from 'cheerio';
import { baseOf } from './pager.js';

/**
 * RSS 2.0 and Atom feeds: where a site has one, its newest articles with their links and dates, at the cost of one
 * request. Found through the page's `<link rel="alternate" type="application/rss+xml">` (or Atom); parsed with
 * cheerio's XML mode.
 */
export interface FeedItem {
  url: string;
  title: string | null;
  /** `<pubDate>`, `<published>` or `<updated>` as written, or null. */
  date: string | null;
}

const FEED_TYPES = /^application\/(rss|atom)\+xml$/i;

/** The feeds a page announces, absolute. */
export function feedLinks($: CheerioAPI, pageUrl: string): string[] {
  const base = baseOf($, pageUrl);
  const out = new Set<string>();
  for (const el of $('link[rel~="alternate"][href]').toArray()) {
    if (!FEED_TYPES.test((el.attribs['type'] ?? '').trim())) continue;
    try {
      out.add(new URL(el.attribs['href']!, base).href);
    } catch {
      // ignore a broken href
    }
  }
  return [...out];
}

function local(name: string): string {
  return name.replace(/^.*:/, '').toLowerCase();
}

/** Items of an RSS or Atom feed; null when the text is neither. */
export function parseFeed(xml: string, base: string): FeedItem[] | null {
  const $ = cheerio.load(xml, { xml: true });
  const root = $.root().children().toArray().find((n) => n.type === 'tag');
  if (!root) return null;
  const kind = local(root.name);
  if (kind !== 'rss' && kind !== 'feed' && kind !== 'rdf') return null;
  const items: FeedItem[] = [];
  const nodes = $(root).find('*').toArray().filter((n) => local(n.name) === (kind === 'feed' ? 'entry' : 'item'));
  for (const node of nodes) {
    let href: string | null = null;
    let title: string | null = null;
    let date: string | null = null;
    for (const child of $(node).children().toArray()) {
      const name = local(child.name);
      if (name === 'link') {
        // Atom: <link rel="alternate" href>; RSS: <link>url</link>.
        const rel = child.attribs['rel'] ?? 'alternate';
        const value = child.attribs['href'] ?? $(child).text().trim();
        if (value && rel === 'alternate' && href === null) href = value;
      } else if (name === 'guid' && href === null && child.attribs['ispermalink'] !== 'false') {
        const value = $(child).text().trim();
        if (/^https?:/i.test(value)) href = value;
      } else if (name === 'title') title = $(child).text().trim() || null;
      else if ((name === 'pubdate' || name === 'published' || name === 'date') && !date) date = $(child).text().trim() || null;
      else if (name === 'updated' && !date) date = $(child).text().trim() || null;
    }
    if (!href) continue;
    try {
      items.push({ url: new URL(href, base).href, title, date });
    } catch {
      // skip
    }
  }
  return items;
}
