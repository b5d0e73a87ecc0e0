/**
 * Full-size replica portals made up on the spot: as many articles as a real district portal holds (3,688 by
 * default, the seed portal's pager total), deterministic for a given id and seed, so a test or a benchmark can
 * serve a portal no extractor rule was written against. Text is assembled from generate-text.ts; pages are
 * rendered on demand by the server like any other site, so only the article data is held in memory, and
 * paragraphs are built by `+` so that V8 keeps them as ropes over the shared sentences.
 */
import { AUTHORS, CAPTIONS, CATEGORIES, COMMUNES, DISTRICTS, PREDICATES, SENTENCES, SUBJECTS, SUFFIXES } from './generate-text.js';
import type { Article, Block, Site, TemplateName } from './site.js';

export interface GenerateOptions {
  id: string;
  /** Number of articles; default 3,688 (369 listing pages of 10). */
  articles?: number;
  /** Articles per listing page; default 10. */
  pageSize?: number;
  /** Default 1; the same id and seed give the same site. */
  seed?: number;
  /** Default `list`. Also picks the URL grammar of the fixture site built on that template. */
  template?: TemplateName;
}

/** The URL grammar and furniture of the fixture site that uses each template, so all three grammars get exercised. */
const GRAMMAR: Record<TemplateName, Pick<Site, 'pageKey' | 'listingKey' | 'articleUrlForm' | 'categoryUrlForm' | 'counterBeforeArticle'>> = {
  list: { pageKey: 'TinTuc', listingKey: 'TinTuc', articleUrlForm: 'path', categoryUrlForm: 'path', counterBeforeArticle: false },
  div: { pageKey: 'TIN_TUC', listingKey: 'TIN_TUC', articleUrlForm: 'userkey', categoryUrlForm: 'path', counterBeforeArticle: false },
  table: { pageKey: 'T', listingKey: 'Tintuc', articleUrlForm: 'path', categoryUrlForm: 'query', counterBeforeArticle: true },
};

/** Publication times run from here back to FIRST, as Vietnam wall-clock time held in a UTC-based millisecond count. */
const LAST = Date.UTC(2025, 5, 30, 17, 0, 0);
const FIRST = Date.UTC(2015, 0, 5, 7, 30, 0);

/** mulberry32: small, fast and good enough to pick sentences. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seedOf(id: string, seed: number): number {
  let h = 2166136261 ^ seed;
  for (const c of id) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return h;
}

const two = (n: number): string => String(n).padStart(2, '0');

/** `2023-08-11T14:46:47+07:00` from a wall-clock millisecond count; never through the machine's zone. */
function isoVn(wall: number): string {
  const d = new Date(wall);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}T${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}+07:00`;
}

/** Kooboo's UserKey from a title: diacritics dropped, anything else than letters and digits a hyphen. */
function asciiSlug(title: string): string {
  return title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function hex(pick: () => number, bytes: number): string {
  let out = '';
  for (let i = 0; i < bytes; i++) out += Math.floor(pick() * 256).toString(16).padStart(2, '0');
  return out;
}

interface Draw {
  pick: () => number;
  one: <T>(items: readonly T[]) => T;
  int: (min: number, max: number) => number;
}

function draw(seed: number): Draw {
  const pick = rng(seed);
  return {
    pick,
    one: <T>(items: readonly T[]): T => items[Math.floor(pick() * items.length)] as T,
    int: (min, max) => min + Math.floor(pick() * (max - min + 1)),
  };
}

function imageName(d: Draw, published: string): string {
  const r = d.pick();
  if (r < 0.6) return `${hex(d.pick, 10)}.jpg`;
  if (r < 0.9) return `z${d.int(3_000_000_000, 5_999_999_999)}${d.int(100, 999)}_${hex(d.pick, 4)}.jpg`;
  return `anh-${published.slice(0, 10).replace(/-/g, '')}-${d.int(1, 99)}.png`;
}

function articleBlocks(d: Draw, fill: (s: string) => string, published: string): Block[] {
  const paragraphs: Block[] = [];
  const count = d.int(2, 5);
  for (let i = 0; i < count; i++) {
    let p = fill(d.one(SENTENCES));
    for (let k = d.int(1, 3); k > 0; k--) p = p + ' ' + fill(d.one(SENTENCES));
    paragraphs.push({ p });
  }
  const r = d.pick();
  if (r >= 0.35) return paragraphs;
  // About a third of the articles open with a picture: one with its caption, a pair sharing one, or one bare.
  const kind = d.pick();
  const images = kind < 0.12 ? [imageName(d, published), imageName(d, published)] : [imageName(d, published)];
  const caption = kind >= 0.12 && kind < 0.22 ? null : fill(d.one(CAPTIONS));
  const blocks: Block[] = [{ images, caption }, ...paragraphs];
  if (d.pick() < 0.3 && paragraphs.length > 2) {
    blocks.splice(3, 0, { images: [imageName(d, published)], caption: fill(d.one(CAPTIONS)) });
  }
  return blocks;
}

export function generateSite(opts: GenerateOptions): Site {
  const total = opts.articles ?? 3688;
  const pageSize = opts.pageSize ?? 10;
  const template = opts.template ?? 'list';
  if (!Number.isInteger(total) || total < 1 || total > 1_000_000) throw new Error(`generateSite: articles must be 1..1000000, got ${total}`);
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new Error(`generateSite: pageSize must be a positive integer, got ${pageSize}`);
  if (!/^[A-Za-z0-9_-]+$/.test(opts.id)) throw new Error(`generateSite: id must be letters, digits, - or _, got "${opts.id}"`);
  const d = draw(seedOf(opts.id, opts.seed ?? 1));
  const district = d.one(DISTRICTS);
  const categoryCount = d.int(4, CATEGORIES.length);
  const categories = CATEGORIES.slice(0, categoryCount);
  const slugs = new Set<string>();
  const articles: Article[] = [];
  const step = (LAST - FIRST) / total;

  for (let i = 0; i < total; i++) {
    // Each article gets its own window of time, so publication times are distinct and newest first by index.
    const wall = Math.floor((LAST - (i + 0.1 + d.pick() * 0.8) * step) / 1000) * 1000;
    const published = isoVn(wall);
    const year = published.slice(0, 4);
    const commune = d.one(COMMUNES);
    const fill = (s: string): string =>
      s.includes('{') ? s.replace(/\{commune\}/g, commune).replace(/\{year\}/g, year).replace(/\{n\}/g, () => String(d.int(2, 999))).replace(/\{k\}/g, () => String(d.int(5, 19))) : s;
    const subject = fill(d.one(SUBJECTS));
    const predicate = fill(d.one(PREDICATES));
    let title = `${subject} ${predicate}${fill(d.one(SUFFIXES))}`;
    if (d.pick() < 0.025) title = title.toUpperCase();

    const previous = articles.at(-1);
    let slug: string;
    if (previous && d.pick() < 0.02 && !slugs.has(`${previous.slug}---Copy`)) {
      // Kooboo copies an item with its slug and `---Copy`; the editor then retitles it.
      slug = `${previous.slug}---Copy`;
    } else {
      // Some editors typed the UserKey by hand on query-addressed sites: Vietnamese, with spaces.
      const base = template === 'div' && d.pick() < 0.1 ? title.slice(0, 60).trim() : asciiSlug(title);
      slug = base;
      for (let n = 1; slugs.has(slug); n++) slug = `${base}-${n}`;
    }
    slugs.add(slug);

    const day = `${published.slice(8, 10)}/${published.slice(5, 7)}/${year}`;
    const lead = `Ngày ${day}, ${subject} đã ${predicate}. ` + fill(d.one(SENTENCES));
    articles.push({
      slug,
      category: d.one(categories).key,
      title,
      published,
      lead,
      blocks: articleBlocks(d, fill, published),
      author: d.pick() < 0.1 ? null : d.one(AUTHORS),
    });
  }

  const name =
    template === 'div' ? `Trang thông tin điện tử huyện ${district} - tỉnh Điện Biên` : `Cổng thông tin điện tử huyện ${district}`;
  return {
    id: opts.id,
    name,
    template,
    banner: template === 'list' ? null : `CHÀO MỪNG ĐẾN VỚI ${name.toUpperCase()}`,
    pageSize,
    ...GRAMMAR[template],
    cmsSite: opts.id.toUpperCase(),
    footer: {
      agency: `Ủy ban nhân dân huyện ${district}`,
      address: `Thị trấn ${district}, huyện ${district}, tỉnh Điện Biên`,
      phone: `0215.38${d.int(10, 99)}.${d.int(100, 999)}`,
    },
    categories,
    articles,
  };
}
