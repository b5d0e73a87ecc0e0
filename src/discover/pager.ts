import type { CheerioAPI } from 'cheerio';
import { normalizeLine } from '../text/normalize.js';
import { textOf } from '../extract/dom.js';
import { comparable, listingForm, listingOfKey, PLACEHOLDER, type Slot, slotsOf, valueIn } from './slots.js';

/**
 * A listing's pager as the page itself prints it: the links whose URLs differ only in one number (a query value or
 * a digit run in the path), confirmed by link texts that are page numbers or say next/previous/first/last. The
 * number in the URL may be the page (`?page=3`), the page less one (`?pageindex=2`) or an offset (`?start=20`):
 * `value = first + step × (page − 1)`, fitted on the numbered links.
 */
export interface Pager {
  /** The URL of a page with `{n}` where the number stands. */
  key: string;
  /** How the number is carried, for people: `?page=N`, `/page-N`, `/page/N/`. */
  form: string;
  first: number;
  step: number;
  /** The page the seed is. */
  current: number;
  /** Highest page the pager links or states; null when it only says "next". */
  last: number | null;
  /** Pages the page links, by number (the page itself included). */
  pages: Map<number, string>;
  /** Page 1 when it carries no number (`/tin-tuc/` beside `/tin-tuc/page/2/`), as the pager links it; else null. */
  firstUrl: string | null;
  /** Articles in the listing when the page states it (`1-10 of 3688`, `Tổng số: 368 tin`). */
  total: number | null;
  /** Articles per page when the page states a range (`11-20 of 3688`). */
  perPage: number | null;
  why: string[];
}

/** A pager that only posts back (ASP.NET `__doPostBack`): seen, but not walkable by GET. */
export interface PostbackPager {
  postback: true;
  why: string[];
}

type Nav = 'next' | 'prev' | 'first' | 'last' | 'edge';

const NAV: [RegExp, Nav][] = [
  [/^(tiếp|tiếp theo|trang tiếp|trang sau|trang kế|kế tiếp|sau|next|›|>|→|tin cũ hơn|bài cũ hơn|cũ hơn|xem tiếp|older( posts| entries)?)$/i, 'next'],
  [/^(trước|trang trước|prev|previous|‹|<|←|tin mới hơn|bài mới hơn|mới hơn|newer( posts| entries)?)$/i, 'prev'],
  [/^(đầu|trang đầu|đầu tiên|first|\|<|«\s*đầu)$/i, 'first'],
  [/^(cuối|trang cuối|cuối cùng|last|>\||cuối\s*»)$/i, 'last'],
  [/^(»|>>|››|»»|«|<<|‹‹|««)$/, 'edge'],
];

function navOf(text: string): Nav | null {
  const t = text.replace(/[\s[\]()]+/g, ' ').trim();
  for (const [re, nav] of NAV) if (re.test(t)) return nav;
  // `Trang sau »`, `« Trang trước`, `Tiếp >`: a word with an arrow beside it.
  const word = t.replace(/^[«‹<>›»\s]+|[«‹<>›»\s]+$/g, '');
  if (word && word !== t) for (const [re, nav] of NAV.slice(0, 4)) if (re.test(word)) return nav;
  return null;
}

/** A link text that is a page number: `3`, `[3]`, `Trang 3`. */
function numberOf(text: string): number | null {
  const m = /^(?:\[\s*)?(?:trang\s+|page\s+)?(\d{1,5})(?:\s*\])?$/i.exec(text.trim());
  return m ? Number(m[1]) : null;
}

interface Link {
  slot: Slot;
  text: string;
  number: number | null;
  nav: Nav | null;
}

interface Fit {
  first: number;
  step: number;
}

/** `value = first + step × (page − 1)` through every numbered link, or null. */
function fit(pairs: [number, number][]): Fit | null {
  const distinct = [...new Map(pairs.map(([t, v]) => [t, v])).entries()].sort((a, b) => a[0] - b[0]);
  if (distinct.length === 0) return null;
  let step: number;
  let first: number;
  if (distinct.length === 1) {
    const [t, v] = distinct[0]!;
    if (v === t) [first, step] = [1, 1];
    else if (v === t - 1) [first, step] = [0, 1];
    else if (t > 1 && v > 0 && v % (t - 1) === 0) [first, step] = [0, v / (t - 1)];
    else return null;
  } else {
    const [[t1, v1], [t2, v2]] = distinct as [[number, number], [number, number]];
    step = (v2 - v1) / (t2 - t1);
    first = v1 - step * (t1 - 1);
    if (!Number.isInteger(step) || step <= 0 || first < 0) return null;
  }
  return distinct.every(([t, v]) => first + step * (t - 1) === v) ? { first, step } : null;
}

function pageOf(value: number, f: Fit): number | null {
  const page = (value - f.first) / f.step + 1;
  return Number.isInteger(page) && page >= 1 ? page : null;
}

/** Totals a listing prints: `11-20 of 3688` (Kooboo), `Trang 2/45`, `Tổng số: 368 tin`. */
function statedTotals(text: string): { total: number | null; perPage: number | null; lastPage: number | null } {
  const range = /(\d+)\s*-\s*(\d+)\s+(?:of|trên|của|\/)\s+(\d[\d.,]*)/i.exec(text);
  const pages = /\btrang\s+\d+\s*(?:\/|trên|của|of)\s*(\d+)/i.exec(text) ?? /\bpage\s+\d+\s+of\s+(\d+)/i.exec(text);
  const count = /tổng\s*(?:số)?\s*(?:tin|bài|bài viết|bản ghi|kết quả)?\s*:?\s*(\d[\d.,]*)\s*(?:tin|bài|bài viết|bản ghi|kết quả)?/i.exec(text);
  const num = (s: string) => Number(s.replace(/[.,]/g, ''));
  const perPage = range ? num(range[2]!) - num(range[1]!) + 1 : null;
  return {
    total: range ? num(range[3]!) : count ? num(count[1]!) : null,
    perPage: perPage !== null && perPage > 0 ? perPage : null,
    lastPage: pages ? num(pages[1]!) : null,
  };
}

function linksOf($: CheerioAPI, base: string): Link[] {
  const links: Link[] = [];
  for (const el of $('a[href]').toArray()) {
    const url = listingForm(el.attribs['href'] ?? '', base);
    if (!url) continue;
    const label = [el.attribs['title'], el.attribs['aria-label']].map((s) => normalizeLine(s ?? '')).filter(Boolean);
    const text = normalizeLine(textOf(el));
    const number = numberOf(text);
    const nav = navOf(text) ?? label.map(navOf).find((n) => n !== null) ?? null;
    for (const slot of slotsOf(url)) links.push({ slot, text, number, nav });
  }
  return links;
}

function postback($: CheerioAPI): PostbackPager | null {
  const numbered = $('a[href^="javascript:"]')
    .toArray()
    .filter((el) => /__doPostBack/i.test(el.attribs['href'] ?? '') && numberOf(normalizeLine(textOf(el))) !== null);
  return numbered.length >= 2
    ? { postback: true, why: [`${numbered.length} numbered links post the page back (ASP.NET __doPostBack): not walkable by GET`] }
    : null;
}

/**
 * Finds the page's own pager: of all groups of links sharing a slot key, the one with the most page-number and
 * next/previous links whose numbers fit one `first + step × (page − 1)`, preferring a pager of this listing (same
 * path once the page part is taken out) over a sidebar's. Null when the page has none.
 */
export function detectPager($: CheerioAPI, pageUrl: string): Pager | PostbackPager | null {
  const base = baseOf($, pageUrl);
  const self = listingForm(pageUrl);
  if (!self) return null;
  const selfSlots = slotsOf(self);
  const selfListing = comparable(pageUrl);
  const groups = new Map<string, Link[]>();
  const origin = `${self.protocol}//${self.host}/`;
  for (const link of linksOf($, base)) {
    if (!link.slot.key.startsWith(origin)) continue;
    const list = groups.get(link.slot.key) ?? [];
    list.push(link);
    groups.set(link.slot.key, list);
  }

  let best: { score: number; pager: Pager } | null = null;
  for (const [key, links] of groups) {
    const numbered = links.filter((l) => l.number !== null);
    const navs = links.filter((l) => l.nav !== null);
    if (numbered.length + navs.length === 0) continue;
    const own = selfSlots.find((s) => s.key === key);
    let f = fit(numbered.map((l) => [l.number!, l.slot.value]));
    if (!f) {
      if (numbered.length > 0) continue;
      // Only "next"/"previous": the next page's number tells the grammar (2: pages, 1: from zero, 10: an offset).
      const next = navs.find((l) => l.nav === 'next' || l.nav === 'edge');
      if (!next) continue;
      const currentValue = own?.value;
      if (currentValue !== undefined && next.slot.value === currentValue + 1) f = { first: currentValue === 0 ? 0 : 1, step: 1 };
      else f = fit([[2, next.slot.value]]);
      if (!f) continue;
    }
    const fitted = numbered.length;
    const related = own !== undefined || listingOfKey(key) === selfListing;
    if (fitted < 2 && navs.length === 0) continue;
    // Numbered links of another listing (a sidebar's pager, a calendar's days) count only with a "next" beside them,
    // and far less than the page's own.
    if (!related && navs.length === 0) continue;
    const score = (fitted + 2 * navs.length) * (related ? 1 : 0.1);
    if (best && best.score >= score) continue;

    const current = own ? (pageOf(own.value, f) ?? 1) : 1;
    const pages = new Map<number, string>([[current, own ? key.replace(PLACEHOLDER, String(own.value)) : self.href]]);
    for (const l of links) {
      const page = pageOf(l.slot.value, f);
      if (page !== null && !pages.has(page)) pages.set(page, key.replace(PLACEHOLDER, String(l.slot.value)));
    }
    const lastLink = links.find((l) => l.nav === 'last' || (l.nav === 'edge' && l.slot.value > (own?.value ?? 0) + f.step));
    const why = [
      `${fitted} numbered link${fitted === 1 ? '' : 's'}${navs.length ? ` and ${navs.map((l) => `"${l.text}"`).slice(0, 3).join(', ')}` : ''} differ only in ${links[0]!.slot.form}`,
    ];
    if (f.first !== 1 || f.step !== 1) why.push(`page N is ${links[0]!.slot.form.replace('N', `${f.first} + ${f.step}×(N−1)`)}`);
    if (!related) why.push('its listing is not the page URL (a sidebar pager?)');
    best = {
      score,
      pager: {
        key,
        form: links[0]!.slot.form,
        first: f.first,
        step: f.step,
        current,
        last: Math.max(...pages.keys(), lastLink ? (pageOf(lastLink.slot.value, f) ?? 0) : 0),
        pages,
        firstUrl: own ? null : self.href,
        total: null,
        perPage: null,
        why,
      },
    };
  }
  if (!best) return postback($);
  const pager = best.pager;
  if (!pager.pages.has(1)) {
    const first = firstPageLink($, base, pager.key);
    if (first) {
      pager.pages.set(1, first);
      pager.firstUrl = first;
    }
  }
  const stated = statedTotals(normalizeLine($('body').text()));
  pager.total = stated.total;
  pager.perPage = stated.perPage;
  if (stated.lastPage !== null && stated.lastPage > (pager.last ?? 0)) {
    pager.last = stated.lastPage;
    pager.why.push(`the page states ${stated.lastPage} pages`);
  }
  if (stated.total !== null && stated.perPage) {
    const last = Math.ceil(stated.total / stated.perPage);
    if (last > (pager.last ?? 0)) pager.last = last;
    pager.why.push(`the page states ${stated.total} articles, ${stated.perPage} a page`);
  }
  // A pager that links only the next page does not say where it ends.
  const lastKnown = [...pager.pages.keys()].some((p) => p > pager.current + 1) || stated.lastPage !== null || stated.total !== null;
  if (!lastKnown && pager.last === pager.current + 1) pager.last = null;
  return pager;
}

/**
 * Page 1 printed without its number (`1` or `Đầu` linking `/tin-tuc/` beside `/tin-tuc/page/2/`): a link to the
 * pager's own listing that carries no page number.
 */
function firstPageLink($: CheerioAPI, base: string, key: string): string | null {
  const listing = listingOfKey(key);
  for (const el of $('a[href]').toArray()) {
    const text = normalizeLine(textOf(el));
    if (numberOf(text) !== 1 && navOf(text) !== 'first') continue;
    const form = listingForm(el.attribs['href'] ?? '', base);
    if (!form || valueIn(form, key) !== null) continue;
    if (comparable(form.href) === listing) return form.href;
  }
  return null;
}

/** The URL of page `page` of a pager; page 1 of a listing whose first page carries no number is `firstUrl`. */
export function pagerUrl(pager: Pick<Pager, 'key' | 'first' | 'step' | 'firstUrl'>, page: number): string {
  if (page === 1 && pager.firstUrl) return pager.firstUrl;
  return pager.key.replace(PLACEHOLDER, String(pager.first + pager.step * (page - 1)));
}

/** The pages of a known pager that a listing page links: how the walk learns further pages of a windowed pager. */
export function linkedPages($: CheerioAPI, pageUrl: string, pager: Pick<Pager, 'key' | 'first' | 'step'>): number[] {
  const base = baseOf($, pageUrl);
  const pages = new Set<number>();
  for (const el of $('a[href]').toArray()) {
    const url = listingForm(el.attribs['href'] ?? '', base);
    if (!url) continue;
    const value = valueIn(url, pager.key);
    const page = value === null ? null : pageOf(value, pager);
    if (page !== null) pages.add(page);
  }
  return [...pages].sort((a, b) => a - b);
}

export function baseOf($: CheerioAPI, url: string): string {
  const href = $('base[href]').first().attr('href');
  if (!href) return url;
  try {
    return new URL(href, url).href;
  } catch {
    return url;
  }
}

export function isPostback(p: Pager | PostbackPager | null): p is PostbackPager {
  return p !== null && 'postback' in p;
}
