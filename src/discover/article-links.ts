import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { ancestors, textOf } from '../extract/dom.js';
import { normalizeLine } from '../text/normalize.js';
import { canonicalUrl } from './canonical.js';
import { listingDay } from './dates.js';
import { baseOf } from './pager.js';
import { inScope, type Scope } from './scope.js';
import { shapeKey, shapeOf, type SegmentKind } from './shape.js';
import { listingForm, valueIn } from './slots.js';

/**
 * The article links of a listing's main list, learnt from the page: links whose URLs share a shape, grouped by the
 * element that holds them (the lowest one holding two of that shape), so the main list, a "Tin mới" sidebar, the
 * menu and the footer are separate groups. The main list is the group with the most links, with titles for text,
 * with a day or a summary beside them, outside `nav`/`header`/`footer`/`aside`, and near the pager.
 */
export interface ArticlePattern {
  /** The shape every article URL has (see shape.ts). */
  shape: string;
  /** Leading word segments all the list's URLs share, as the site spells them (`TinTuc`, `View`). */
  prefix: string[];
  /** For people: `/TinTuc/View/<slug>`, `/<slug>-<id>.html`, `/<n>/<n>/<slug>/`. */
  describe: string;
}

export interface ListedArticle {
  url: string;
  title: string;
  /** The day printed beside the link (`yyyy-MM-dd`), if any. */
  date: string | null;
}

export interface MainList {
  pattern: ArticlePattern;
  articles: ListedArticle[];
  why: string[];
}

const FILE = /\.(pdf|docx?|xlsx?|pptx?|zip|rar|7z|jpe?g|png|gif|bmp|webp|svg|mp3|mp4|avi|wmv|flv|txt|xml|rss)$/i;
const LANDMARK = new Set(['nav', 'header', 'footer', 'aside']);
const LANDMARK_ROLE = /^(navigation|banner|contentinfo|complementary|menu|menubar|search)$/i;

interface Candidate {
  url: string;
  shape: string;
  el: Element;
  text: string;
}

interface Group {
  container: Element;
  shape: string;
  urls: string[];
  byUrl: Map<string, Candidate[]>;
  /** The distinct URLs of this shape under each element. */
  under: Map<Element, Set<string>>;
  /** Each URL's item text, once read. */
  texts?: Map<string, string>;
}

function candidates($: CheerioAPI, pageUrl: string, pagerKey: string | null): Candidate[] {
  const base = baseOf($, pageUrl);
  const self = canonicalUrl(pageUrl);
  const out: Candidate[] = [];
  for (const el of $('a[href]').toArray()) {
    const href = (el.attribs['href'] ?? '').trim();
    if (!href || href.startsWith('#') || /^(javascript|mailto|tel):/i.test(href)) continue;
    const url = canonicalUrl(href, base);
    if (!url || url === self) continue;
    const parsed = new URL(url);
    if (parsed.pathname === '/' && !parsed.search) continue;
    if (FILE.test(parsed.pathname)) continue;
    if (pagerKey) {
      const form = listingForm(href, base);
      if (form && valueIn(form, pagerKey) !== null) continue;
    }
    const text =
      normalizeLine(textOf(el)) || normalizeLine(el.attribs['title'] ?? '') || normalizeLine($(el).find('img[alt]').first().attr('alt') ?? '');
    out.push({ url, shape: shapeKey(shapeOf(parsed)), el, text });
  }
  return out;
}

/** Groups links by shape and by the lowest element that holds two different URLs of that shape. */
function groupsOf(all: Candidate[]): Group[] {
  const byShape = new Map<string, Candidate[]>();
  for (const c of all) {
    const list = byShape.get(c.shape);
    if (list) list.push(c);
    else byShape.set(c.shape, [c]);
  }
  const groups = new Map<Element, Map<string, Group>>();
  for (const [shape, list] of byShape) {
    const under = new Map<Element, Set<string>>();
    const chains = new Map<Candidate, Element[]>();
    for (const c of list) {
      const chain = ancestors(c.el);
      chains.set(c, chain);
      for (const el of chain) {
        const set = under.get(el) ?? new Set<string>();
        set.add(c.url);
        under.set(el, set);
      }
    }
    for (const c of list) {
      const container = chains.get(c)!.find((el) => under.get(el)!.size >= 2);
      if (!container) continue;
      const byContainer = groups.get(container) ?? new Map<string, Group>();
      groups.set(container, byContainer);
      const group: Group = byContainer.get(shape) ?? { container, shape, urls: [], byUrl: new Map(), under };
      byContainer.set(shape, group);
      if (!group.byUrl.has(c.url)) group.urls.push(c.url);
      const same = group.byUrl.get(c.url);
      if (same) same.push(c);
      else group.byUrl.set(c.url, [c]);
    }
  }
  return [...groups.values()].flatMap((m) => [...m.values()]);
}

function titleOf(list: Candidate[]): string {
  return list.map((c) => c.text).reduce((a, b) => (b.length > a.length ? b : a), '');
}

function landmarkOf(el: Element): string {
  const found = [el, ...ancestors(el)].find((e) => LANDMARK.has(e.name.toLowerCase()) || LANDMARK_ROLE.test(e.attribs['role'] ?? ''));
  return found ? (LANDMARK.has(found.name.toLowerCase()) ? found.name : `${found.name} role=${found.attribs['role']}`) : '';
}

function inLandmark(el: Element): boolean {
  return [el, ...ancestors(el)].some(
    (e) => LANDMARK.has(e.name.toLowerCase()) || LANDMARK_ROLE.test(e.attribs['role'] ?? ''),
  );
}

/** Each URL's item: the largest element around its links that holds no other URL of the group. */
function itemText(group: Group, url: string): string {
  group.texts ??= new Map();
  let text = group.texts.get(url);
  if (text === undefined) {
    text = textOf(itemOf(group, url)).replace(/\s+/g, ' ');
    group.texts.set(url, text);
  }
  return text;
}

function itemOf(group: Group, url: string): Element {
  let item = group.byUrl.get(url)![0]!.el;
  for (const parent of ancestors(item)) {
    if (parent === group.container || (group.under.get(parent)?.size ?? 0) > 1) break;
    item = parent;
  }
  return item;
}

interface Assessed {
  group: Group;
  score: number;
  titled: number;
  dated: number;
  summarised: number;
  landmark: boolean;
  nearPager: boolean;
}

function assess(group: Group, pagerEls: Element[]): Assessed {
  const n = group.urls.length;
  let titled = 0;
  let dated = 0;
  let summarised = 0;
  for (const url of group.urls) {
    const title = titleOf(group.byUrl.get(url)!);
    if (title.split(' ').length >= 4) titled++;
    const item = itemText(group, url);
    if (listingDay(item) !== null) dated++;
    if (item.length - title.length >= 60) summarised++;
  }
  const landmark = inLandmark(group.container);
  const near = new Set([group.container, ...ancestors(group.container).slice(0, 3)]);
  const nearPager = pagerEls.some((p) => ancestors(p).some((a) => near.has(a)));
  const score =
    n *
    Math.max(0.1, titled / n) *
    (1 + (0.5 * dated) / n + summarised / n) *
    (landmark ? 0.1 : 1) *
    (nearPager ? 1.5 : 1);
  return { group, score, titled, dated, summarised, landmark, nearPager };
}

/** The leading word segments shared by every URL (numbers and dates are never literal: they change page to page). */
function sharedPrefix(urls: string[]): string[] {
  const paths = urls.map((u) => shapeOf(new URL(u)));
  const first = paths[0]!;
  const prefix: string[] = [];
  for (let i = 0; i < first.segments.length - 1; i++) {
    const seg = first.segments[i]!;
    if (first.kinds[i] === 'N' || first.kinds[i] === 'D') break;
    if (!paths.every((p) => p.segments[i]?.toLowerCase() === seg.toLowerCase())) break;
    prefix.push(seg);
  }
  return prefix;
}

/**
 * `/TinTuc/View/<slug>`: segments all the URLs share as spelt, the others by kind (`<slug>-<id>` only when all
 * have an id).
 */
function describePattern(urls: string[], prefix: string[]): string {
  const url = urls[0]!;
  const shape = shapeOf(new URL(url));
  const shapes = urls.map((u) => shapeOf(new URL(u)));
  const label: Record<SegmentKind, string> = { N: '<n>', D: '<date>', I: '<slug>-<id>', S: '<slug>' };
  const kindAt = (i: number): SegmentKind => {
    const kinds = new Set(shapes.map((s) => s.kinds[i]));
    return kinds.size === 1 ? shape.kinds[i]! : 'S';
  };
  const shared = (i: number) => shapes.every((s) => s.segments[i]?.toLowerCase() === shape.segments[i]!.toLowerCase());
  // Numbers and dates change from page to page even when one page's links share them (`/2023/03/...`).
  const literal = (i: number) => i < prefix.length || (shared(i) && kindAt(i) !== 'N' && kindAt(i) !== 'D');
  const parts = shape.segments.map((s, i) => (literal(i) ? s : label[kindAt(i)]));
  const last = parts.length - 1;
  if (last >= 0 && !literal(last) && shape.extension) parts[last] = `${parts[last]}${shape.extension}`;
  const trailing = new URL(url).pathname.endsWith('/') ? '/' : '';
  const query = shape.params.length ? `?${shape.params.map((p) => `${p}=…`).join('&')}` : '';
  return `/${parts.join('/')}${trailing}${query}`;
}

function listed(group: Group, url: string): ListedArticle {
  const list = group.byUrl.get(url)!;
  return { url, title: titleOf(list), date: listingDay(itemText(group, url)) };
}

export interface LearnOptions {
  /** Where articles may be: links elsewhere are never articles of this listing. */
  scope?: Scope;
  /** The pager's slot key, so its links are not taken for articles. */
  pagerKey?: string | null;
  /** The pager's link elements, for "near the pager". */
  pagerLinks?: Element[];
}

/** Learns the main list and its article-URL pattern from a listing page; null when no list of articles is found. */
export function learnMainList($: CheerioAPI, pageUrl: string, options: LearnOptions = {}): MainList | null {
  const host = new URL(pageUrl).host;
  const all = candidates($, pageUrl, options.pagerKey ?? null).filter(
    (c) => new URL(c.url).host === host && (!options.scope || inScope(c.url, options.scope)),
  );
  const assessed = groupsOf(all)
    .filter((g) => g.urls.length >= 2)
    .map((g) => assess(g, options.pagerLinks ?? []))
    .filter((a) => a.titled > 0)
    .sort((a, b) => b.score - a.score);
  const best = assessed[0];
  if (!best) return null;
  const { group } = best;
  const prefix = sharedPrefix(group.urls);
  const pattern: ArticlePattern = { shape: group.shape, prefix, describe: describePattern(group.urls, prefix) };
  const articles = mainRegion(group, all, assessed).map((url) =>
    group.byUrl.has(url) ? listed(group, url) : { url, title: titleOf(all.filter((c) => c.url === url)), date: null },
  );
  const why = [
    `${group.urls.length} links of the shape ${pattern.describe} in one <${group.container.name}>` +
      [
        best.dated ? `, ${best.dated} with a day beside them` : '',
        best.summarised ? `, ${best.summarised} with a summary` : '',
        best.nearPager ? ', next to the pager' : '',
      ].join(''),
  ];
  const runnerUp = assessed.find((a) => a.group !== group);
  if (runnerUp) {
    const r = runnerUp;
    const traits = [
      r.landmark ? `inside <${landmarkOf(r.group.container)}>` : '',
      r.titled < r.group.urls.length / 2 ? 'short link texts' : '',
      `${r.dated ? r.dated : 'none'} with a day`,
      `${r.summarised ? r.summarised : 'none'} with a summary`,
    ].filter(Boolean);
    why.push(
      `rather than ${r.group.urls.length} links of the shape ${describePattern(r.group.urls, sharedPrefix(r.group.urls))} in another <${r.group.container.name}> (${traits.join(', ')})`,
    );
  }
  return { pattern, articles, why };
}

/**
 * The main list's URLs, and those of the same shape just around it (a featured first item printed apart from the
 * rest): the largest element around the list that holds no other list of that shape.
 */
function mainRegion(group: Group, all: Candidate[], assessed: Assessed[]): string[] {
  const rivals = assessed
    .filter((a) => a.group !== group && a.group.shape === group.shape && a.group.urls.length >= 3)
    .map((a) => a.group.container);
  let region = group.container;
  for (const parent of ancestors(group.container)) {
    if (rivals.some((r) => r === parent || ancestors(r).includes(parent))) break;
    region = parent;
  }
  const urls = new Set(group.urls);
  for (const c of all) {
    if (c.shape !== group.shape || urls.has(c.url)) continue;
    if (c.el !== region && !ancestors(c.el).includes(region)) continue;
    if (!inLandmark(c.el)) urls.add(c.url);
  }
  // Document order, the featured item first.
  const order = new Map(all.map((c, i) => [c.url, i] as const).reverse());
  return [...urls].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
}

/**
 * The article links of a later listing page, once the pattern is known: the biggest group of the pattern's shape
 * (and its main region), preferring groups whose URLs carry the pattern's prefix. Sidebars of the same shape lose
 * to the main list the way they did on the first page.
 */
export function mainListOf($: CheerioAPI, pageUrl: string, pattern: ArticlePattern, options: LearnOptions = {}): ListedArticle[] {
  const host = new URL(pageUrl).host;
  const all = candidates($, pageUrl, options.pagerKey ?? null).filter(
    (c) => c.shape === pattern.shape && new URL(c.url).host === host && (!options.scope || inScope(c.url, options.scope)),
  );
  const assessed = groupsOf(all)
    .map((g) => assess(g, options.pagerLinks ?? []))
    .map((a) => {
      const prefixed = a.group.urls.filter((u) => hasPrefix(u, pattern.prefix)).length;
      return { ...a, score: a.score * (0.2 + prefixed / a.group.urls.length) };
    })
    .sort((a, b) => b.score - a.score);
  const grouped = new Set(assessed.flatMap((a) => a.group.urls));
  // A last page with a single article has no group of two: a lone link of the pattern outside the landmarks is it.
  const lone = all.filter((c) => !grouped.has(c.url) && hasPrefix(c.url, pattern.prefix) && !inLandmark(c.el)).map((c) => c.url);
  const best = assessed[0];
  const urls = [...new Set([...(best ? mainRegion(best.group, all, assessed) : []), ...lone])];
  return urls.map((url) =>
    best?.group.byUrl.has(url) ? listed(best.group, url) : { url, title: titleOf(all.filter((c) => c.url === url)), date: null },
  );
}

export function hasPrefix(url: string, prefix: readonly string[]): boolean {
  const segments = shapeOf(new URL(url)).segments.map((s) => s.toLowerCase());
  return prefix.every((p, i) => segments[i] === p.toLowerCase());
}

/** Whether a URL (from a sitemap or feed) has the pattern's shape. */
export function matchesPattern(url: string, pattern: ArticlePattern): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return shapeKey(shapeOf(parsed)) === pattern.shape && hasPrefix(url, pattern.prefix);
}

/** How a set of article URLs reads as a pattern (`/TinTuc/View/<slug>`), e.g. a profile's listing links. */
export function describeUrls(urls: string[]): string {
  return describePattern(urls, sharedPrefix(urls));
}
