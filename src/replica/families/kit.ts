/**
 * What every family template shares: the catalog of a site's articles, the related list, the pieces of page every
 * family prints in its own markup (head, body blocks, pager), and the template interface the handler calls.
 */
import { attr, esc } from '../html.js';
import type { Block, Category } from '../site.js';
import type { FamilyArticle, FamilySite } from './site.js';

export type FamilyRoute =
  | { kind: 'home' }
  | { kind: 'listing'; page: number }
  | { kind: 'category'; key: string; page: number }
  | { kind: 'article'; article: FamilyArticle }
  | { kind: 'image'; file: string }
  | { kind: 'static'; key: string }
  | { kind: 'notFound' };

export interface Catalog {
  site: FamilySite;
  newest: FamilyArticle[];
  byCategory: Map<string, FamilyArticle[]>;
}

export interface ListingPageData {
  category: Category | null;
  title: string;
  page: number;
  pageCount: number;
  items: FamilyArticle[];
  /** The listing's page N as the template links it. */
  href: (page: number) => string;
}

export interface FamilyTemplate {
  /** What the template prints of the publication time (the data must hold no more). */
  precision: 'day' | 'minute' | 'second';
  /** What an image's alt text is: nothing, the file name, or the caption. */
  alt: 'none' | 'file' | 'caption';
  /** Response headers of the platform's servers. */
  headers: Record<string, string>;
  /** The all-news listing's page N (path and query). */
  listingUrl(site: FamilySite, page: number): string;
  /** A category listing's page N. */
  categoryUrl(site: FamilySite, key: string, page: number): string;
  /** Where the site's images are served (path prefix), for tests. */
  imagePrefix: string;
  route(catalog: Catalog, url: URL): FamilyRoute;
  renderHome(catalog: Catalog): string;
  renderListing(catalog: Catalog, listing: ListingPageData): string;
  renderArticle(catalog: Catalog, article: FamilyArticle): string;
  /** Pages that are neither listings nor articles (`/gioi-thieu/`). */
  renderStatic?(catalog: Catalog, key: string): string;
}

function newestFirst(a: FamilyArticle, b: FamilyArticle): number {
  if (a.published !== b.published) return a.published < b.published ? 1 : -1;
  return a.id - b.id;
}

export function buildCatalog(site: FamilySite): Catalog {
  const newest = [...site.articles].sort(newestFirst);
  const byCategory = new Map<string, FamilyArticle[]>(site.categories.map((c) => [c.key, []]));
  for (const a of newest) byCategory.get(a.category)?.push(a);
  return { site, newest, byCategory };
}

export const RELATED_COUNT = 5;

/** The related list an article page prints: the newest others of its category, else of the site. */
export function relatedOf(site: FamilySite, article: FamilyArticle): FamilyArticle[] {
  const { newest, byCategory } = buildCatalog(site);
  const same = (byCategory.get(article.category) ?? []).filter((a) => a.id !== article.id);
  const pool = same.length > 0 ? same : newest.filter((a) => a.id !== article.id);
  return pool.slice(0, RELATED_COUNT);
}

export function categoryName(site: FamilySite, key: string): string {
  return site.categories.find((c) => c.key === key)?.name ?? key;
}

export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}

export function listingPage(
  catalog: Catalog,
  category: Category | null,
  page: number,
  href: (page: number) => string,
): ListingPageData {
  const all = category ? (catalog.byCategory.get(category.key) ?? []) : catalog.newest;
  const size = catalog.site.pageSize;
  return {
    category,
    title: category?.name ?? 'Tin tức - Sự kiện',
    page,
    pageCount: pageCount(all.length, size),
    items: all.slice((page - 1) * size, page * size),
    href,
  };
}

/** Date parts of a `+07:00` ISO time, as printed (never through Date, so no machine zone leaks in). */
export function parts(iso: string): { y: string; mo: string; d: string; h: string; mi: string; s: string } {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\+07:00$/.exec(iso);
  if (!m) throw new Error(`not a Vietnam-time ISO date: ${iso}`);
  const [, y = '', mo = '', d = '', h = '', mi = '', s = ''] = m;
  return { y, mo, d, h, mi, s };
}

const WEEKDAYS = ['Chủ nhật', 'Thứ hai', 'Thứ ba', 'Thứ tư', 'Thứ năm', 'Thứ sáu', 'Thứ bảy'];

/** `Thứ hai` for a day (the calendar's, not the machine's zone). */
export function weekday(iso: string): string {
  const { y, mo, d } = parts(iso);
  return WEEKDAYS[new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d))).getUTCDay()]!;
}

/** Text with its hard line breaks as `<br />`. */
export function lines(text: string): string {
  return text.split('\n').map(esc).join('<br />\n');
}

export interface BlockStyle {
  imageUrl: (file: string) => string;
  alt: (file: string, caption: string | null) => string;
  /** How one image and its caption are printed. */
  image: (img: string, caption: string | null) => string;
  paragraph: (text: string) => string;
}

export function img(src: string, alt: string, extra = ''): string {
  return `<img src="${attr(src)}" alt="${attr(alt)}"${extra} />`;
}

export function renderBlocks(blocks: Block[], style: BlockStyle): string {
  return blocks
    .map((b) => {
      if ('p' in b) return style.paragraph(b.p);
      // Several pictures share the caption of the last one.
      return b.images
        .map((file, i) => style.image(img(style.imageUrl(file), style.alt(file, b.caption)), i === b.images.length - 1 ? b.caption : null))
        .join('\n');
    })
    .join('\n');
}

/** The alt text a template policy gives an image. */
export function altFor(policy: FamilyTemplate['alt']): (file: string, caption: string | null) => string {
  return (file, caption) => (policy === 'file' ? file : policy === 'caption' ? (caption ?? '') : '');
}

/** A head with the title and the meta a platform prints, around a body. */
export function page(head: { title: string; extra?: string; lang?: string }, body: string): string {
  return `<!DOCTYPE html>
<html lang="${head.lang ?? 'vi'}">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${esc(head.title)}</title>
${head.extra ?? ''}
</head>
<body>
${body}
</body>
</html>
`;
}

/** A numbered pager: a window of page numbers around the current one and next/last links with the family's words. */
export function numberedPager(
  listing: ListingPageData,
  words: { next: string; last?: string; prev?: string; first?: string },
  markup: { wrap: (inner: string) => string; current: (n: number) => string; link: (href: string, text: string) => string },
): string {
  const { page, pageCount: count, href } = listing;
  if (count <= 1) return '';
  const items: string[] = [];
  if (page > 1) {
    if (words.first) items.push(markup.link(href(1), words.first));
    if (words.prev) items.push(markup.link(href(page - 1), words.prev));
  }
  const first = Math.max(1, page - 4);
  const last = Math.min(count, first + 8);
  for (let n = first; n <= last; n++) items.push(n === page ? markup.current(n) : markup.link(href(n), String(n)));
  if (page < count) {
    items.push(markup.link(href(page + 1), words.next));
    if (words.last) items.push(markup.link(href(count), words.last));
  }
  return markup.wrap(items.join('\n'));
}

/** A deterministic token from text (session ids, asset instance ids), so pages are byte-stable between runs. */
export function token(text: string, length: number, alphabet = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'): string {
  let h = 2166136261;
  let out = '';
  for (let i = 0; out.length < length; i++) {
    h = Math.imul(h ^ (text.charCodeAt(i % Math.max(1, text.length)) + i), 16777619) >>> 0;
    out += alphabet[h % alphabet.length];
  }
  return out;
}

/** Query parameter lookup ignoring the name's case (ASP.NET, IIS). */
export function qparam(url: URL, name: string): string | null {
  for (const [k, v] of url.searchParams) if (k.toLowerCase() === name.toLowerCase()) return v;
  return null;
}

export function positive(raw: string | null | undefined, first = 1): number {
  const n = raw && /^\d{1,6}$/.test(raw) ? Number(raw) - first + 1 : 1;
  return n >= 1 ? n : 1;
}

export { attr, esc };
