import type { Document, Element } from 'domhandler';
import { isTag, isText } from 'domhandler';
import { normalizeLine } from '../../text/normalize.js';
import type { Flat } from './blocks.js';
import { walk } from './dom.js';

/** What a page says about itself: `<title>`, `<meta>` (name, property, itemprop), JSON-LD, `<base>`, `<html lang>`. */
export interface PageMeta {
  title: string | null;
  /** Meta values by lower-cased name/property/itemprop, in document order. */
  values: Map<string, string[]>;
  /** Every JSON-LD object with an `@type`, `@graph` members and nested objects included. */
  ld: Record<string, unknown>[];
  base: string | null;
  lang: string | null;
  /** `<time>` elements and elements carrying `itemprop` date or author properties, in document order. */
  times: Element[];
  itemprops: Element[];
}

function add(values: Map<string, string[]>, key: string, value: string): void {
  const list = values.get(key);
  if (list) list.push(value);
  else values.set(key, [value]);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    try {
      // Raw line breaks and tabs inside strings are common in hand-written JSON-LD.
      return JSON.parse(text.replace(/[\u0000-\u001f]+/g, ' '));
    } catch {
      return null;
    }
  }
}

/** Objects of a JSON-LD value, breadth first, without recursion. */
function ldObjects(root: unknown, out: Record<string, unknown>[]): void {
  const queue: unknown[] = [root];
  for (let i = 0; i < queue.length && i < 2000; i++) {
    const value = queue[i];
    if (Array.isArray(value)) queue.push(...value);
    else if (value && typeof value === 'object') {
      const obj = value as Record<string, unknown>;
      if ('@type' in obj) out.push(obj);
      for (const [key, child] of Object.entries(obj)) {
        if (key === 'articleBody' || key === 'text') continue;
        if (child && typeof child === 'object') queue.push(child);
      }
    }
  }
}

/**
 * Reads the page's metadata. The body's share (JSON-LD scripts, `<meta itemprop>`, `<time>`, `itemprop` elements)
 * was collected by flatten's own pass over the body, so only what lies outside the body is walked here.
 */
export function readMeta(doc: Document, flat: Pick<Flat, 'body' | 'metaElements'>): PageMeta {
  const meta: PageMeta = { title: null, values: new Map(), ld: [], base: null, lang: null, times: [], itemprops: [] };
  const visit = (node: Element): boolean => {
    const a = node.attribs;
    switch (node.name) {
      case 'html':
        meta.lang ??= a['lang'] ?? a['xml:lang'] ?? null;
        break;
      case 'title':
        if (meta.title === null) {
          const text = node.children.filter(isText).map((t) => t.data).join('');
          meta.title = normalizeLine(text) || null;
        }
        return false;
      case 'base':
        if (a['href'] && meta.base === null) meta.base = a['href'];
        break;
      case 'meta': {
        const key = (a['property'] ?? a['name'] ?? a['itemprop'] ?? '').trim().toLowerCase();
        const content = a['content'];
        if (key && content !== undefined) add(meta.values, key, content.trim());
        if (a['itemprop'] && a['property'] && content !== undefined) add(meta.values, a['itemprop'].toLowerCase(), content.trim());
        break;
      }
      case 'script': {
        if ((a['type'] ?? '').toLowerCase().includes('ld+json')) {
          const text = node.children.filter(isText).map((t) => t.data).join('');
          ldObjects(parseJson(text), meta.ld);
        }
        return false;
      }
      case 'style':
      case 'svg':
        return false;
      case 'time':
        meta.times.push(node);
        break;
      default:
        break;
    }
    const prop = a['itemprop'];
    if (prop && /date(published|created|modified)|author|creator/i.test(prop)) meta.itemprops.push(node);
    return true;
  };
  walk(doc, (node) => {
    if (!isTag(node)) return true;
    if (node === flat.body) return false;
    return visit(node);
  });
  for (const el of flat.metaElements) visit(el);
  return meta;
}

/** The first non-empty meta value among the keys, in key order. */
export function metaValue(meta: PageMeta, ...keys: string[]): string | null {
  for (const key of keys) {
    for (const value of meta.values.get(key) ?? []) if (value) return value;
  }
  return null;
}

const ARTICLE_TYPES = /article|posting|report|blog|news|review|webpage|creativework|scholarly|liveblog/i;

function types(obj: Record<string, unknown>): string[] {
  const t = obj['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
}

/** JSON-LD objects that describe the page as an article, article types first. */
export function ldArticles(meta: PageMeta): Record<string, unknown>[] {
  const scored = meta.ld
    .map((obj) => {
      const t = types(obj).join(' ');
      const rank = /article|posting|report|blog|news|liveblog/i.test(t) ? 0 : ARTICLE_TYPES.test(t) ? 1 : 2;
      return { obj, rank };
    })
    .filter((x) => x.rank < 2);
  return scored.sort((a, b) => a.rank - b.rank).map((x) => x.obj);
}

/** Names in a JSON-LD `author` value: a string, a Person or an array of either. */
export function ldNames(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const item of list) {
    if (typeof item === 'string') out.push(item);
    else if (item && typeof item === 'object') {
      const name = (item as Record<string, unknown>)['name'];
      if (typeof name === 'string') out.push(name);
    }
  }
  return out.map((n) => normalizeLine(n)).filter(Boolean);
}

/** The page calls itself an article: `og:type` article, or a JSON-LD Article, NewsArticle, BlogPosting... */
export function declaresArticle(meta: PageMeta): boolean {
  if (/^article$/i.test(metaValue(meta, 'og:type') ?? '')) return true;
  return meta.ld.some((obj) => /article|posting|report/i.test(types(obj).join(' ')) && typeof obj['headline'] === 'string');
}
