import type { Element } from 'domhandler';
import type { PortalProfile } from '../profiles/profile.js';
import { canonicalArticleUrl } from '../profiles/urls.js';
import { normalizeLine } from '../text/normalize.js';
import { bareDate, metaPublished, parsePublished, readDate } from './date.js';
import { type Item, type PageQuery, type TextItem, ancestors, closest, contains } from './dom.js';
import { afterLabel, splitAtLabel } from './labels.js';

/** What stands above an article's text: its title, publication time and a byline printed there. */
export interface Header {
  titleItem: TextItem;
  title: string;
  published: string | null;
  /** The item the article hangs from: the publication line (label strategy) or the title. */
  anchorIndex: number;
  /** The first item after the header. */
  firstContent: number;
  /** Items after `firstContent` that belong to the header (a date line printed under the text). */
  skip: number[];
  byline: string | null;
}

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4']);
const ALL_HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

export function isHeading(item: TextItem): boolean {
  return [item.el, ...ancestors(item.el).slice(0, 2)].some((el) => HEADINGS.has(el.name));
}

function findTitle(items: Item[], dateIndex: number, profile: PortalProfile): TextItem | null {
  const candidates: TextItem[] = [];
  for (let i = dateIndex - 1; i >= 0 && candidates.length < 3; i--) {
    const item = items[i]!;
    if (item.kind !== 'text' || profile.boilerplate.some((re) => re.test(item.text))) continue;
    if (afterLabel(item.text, profile.labels.author) !== null) continue;
    candidates.push(item);
  }
  // Toolbars (print, share, font size) and view counters sometimes stand between the title and the date line.
  return candidates.find(isHeading) ?? candidates[0] ?? null;
}

/**
 * The label strategy (Kooboo): the block that holds the publication label gives the time; the nearest block before
 * it (a heading when there is one) is the title, or, in templates that print the date above the title, the heading
 * right after it. Returns a reason instead when the page has no such block.
 */
export function labelHeader(items: Item[], profile: PortalProfile): Header | string {
  const dateIndex = items.findIndex((i) => i.kind === 'text' && splitAtLabel(i.text, profile.labels.published) !== null);
  if (dateIndex < 0) return `no "${profile.labels.published[0]}" line: not an article page`;
  const dateItem = items[dateIndex] as TextItem;
  const dateLine = splitAtLabel(dateItem.text, profile.labels.published)!;
  let published = parsePublished(dateLine.after, profile);
  // A byline printed on the date line, before the label (`Tác giả: X | Thời gian đăng: ...`).
  const inlineByline = afterLabel(dateLine.before, profile.labels.author) !== null ? dateLine.before : null;
  let firstContent = dateIndex + 1;
  if (!published) {
    const next = items[dateIndex + 1];
    const value = next?.kind === 'text' ? parsePublished(next.text, profile) : null;
    if (value && next?.kind === 'text' && next.text.length < 40) {
      published = value;
      firstContent++;
    }
  }

  // Text before the label that is not a byline is the title printed on the same line (`Title Thời gian đăng: ...`).
  let titleItem: TextItem | null =
    dateLine.before && !inlineByline ? { ...dateItem, text: dateLine.before } : findTitle(items, dateIndex, profile);
  // Some templates print the date line above the title heading.
  const after = items[firstContent];
  if (!dateLine.before && (!titleItem || !isHeading(titleItem)) && after?.kind === 'text' && isHeading(after) && after.text.length <= 300) {
    titleItem = after;
    firstContent++;
  }
  const title = titleItem ? normalizeLine(titleItem.text) : '';
  if (!titleItem || !title) return 'no title before the publication line';
  // A byline may also stand between the title and the date line.
  const headerByline = items
    .slice(items.indexOf(titleItem) + 1, dateIndex)
    .find((i): i is TextItem => i.kind === 'text' && afterLabel(i.text, profile.labels.author) !== null)?.text;
  return { titleItem, title, published, anchorIndex: dateIndex, firstContent, skip: [], byline: inlineByline ?? headerByline ?? null };
}

/** `<title>` and `og:title` of the page: the article's title, often with the site's name before or after it. */
function documentTitles($: PageQuery): string[] {
  const out = [
    $('meta[property="og:title"]').attr('content'),
    $('meta[name="twitter:title"]').attr('content'),
    $('head > title').first().text() || $('title').first().text(),
  ];
  return out.map((t) => normalizeLine(t ?? '').toLowerCase()).filter((t) => t.length > 0);
}

const SEPARATOR = /^\s*[-|–—:»·•]/;

function matchesTitle(text: string, titles: string[]): boolean {
  const t = normalizeLine(text).toLowerCase();
  if (t.length < 4) return false;
  return titles.some(
    (d) => d === t || (d.startsWith(t) && SEPARATOR.test(d.slice(t.length))) || (d.endsWith(t) && SEPARATOR.test([...d.slice(0, d.length - t.length)].reverse().join(''))),
  );
}

interface DateLine {
  index: number;
  published: string | null;
  timed: boolean;
  /** The date's value stood in the item after a label-only item. */
  span: number;
  byline: string | null;
}

/** A labelled publication line at `i`: the label and date in one block, or the label alone and the date next. */
function labelledAt(items: Item[], i: number, profile: PortalProfile, title: Element): DateLine | null {
  const item = items[i];
  if (item?.kind !== 'text' || item.text.length > 200 || inChrome(item.el, title)) return null;
  const line = splitAtLabel(item.text, profile.labels.published);
  if (!line) return null;
  const here = readDate(line.after, profile);
  const byline = afterLabel(line.before, profile.labels.author) !== null ? line.before : null;
  if (here) return { index: i, published: here.iso, timed: here.timed, span: 1, byline };
  const next = items[i + 1];
  const value = next?.kind === 'text' && next.text.length < 40 ? readDate(next.text, profile) : null;
  if (value) return { index: i, published: value.iso, timed: value.timed, span: 2, byline };
  return null;
}

/** Page chrome by its HTML5 element: dates there belong to the site or to other articles. */
const CHROME = new Set(['aside', 'nav', 'footer']);

/** In an aside, nav or footer, or in a header that is not the article's own (the one holding its title). */
function inChrome(el: Element, title: Element): boolean {
  return [el, ...ancestors(el)].some((a) => CHROME.has(a.name) || (a.name === 'header' && !contains(a, title)));
}

function bareAt(items: Item[], i: number, before: boolean, profile: PortalProfile, title: Element, linked: (item: Item) => boolean): DateLine | null {
  const item = items[i];
  if (!profile.date.bare || item?.kind !== 'text' || inChrome(item.el, title)) return null;
  // A weekday and a day with no time is how page headers print "today" (`Thứ Tư, 03/12/2025`): chrome, not a date.
  if (profile.boilerplate.some((re) => re.test(item.text))) return null;
  const value = bareDate(item.text, profile);
  // "Today" lines in page headers print a weekday (`Thứ Tư, 03/12/2025`) and stand above the title: a date before
  // the title counts only when it is a plain date, and not the date of a listing item (next to a link) of a sidebar.
  if (!value || (before && value.weekday)) return null;
  if (before && [items[i - 1], items[i + 1]].some((n) => n && n.kind === 'text' && n.el !== title && linked(n))) return null;
  return { index: i, published: value.iso, timed: value.timed, span: 1, byline: null };
}

/** The publication line beside the title: labelled or bare, nearest first, after the title on a tie. */
function dateBeside(items: Item[], ti: number, profile: PortalProfile, linked: (item: Item) => boolean): DateLine | null {
  for (let distance = 1; distance <= 5; distance++) {
    for (const i of [ti + distance, ti - distance]) {
      if (i < 0 || i >= items.length) continue;
      const before = i < ti;
      const title = (items[ti] as TextItem).el;
      const found = labelledAt(items, i, profile, title) ?? (distance <= 4 ? bareAt(items, i, before, profile, title, linked) : null);
      if (found) return found;
    }
  }
  return null;
}

/** The block is a link (or wrapped in one) to anything but the article itself: a menu entry, a listing item. */
function linksElsewhere($: PageQuery, item: TextItem, self: string | null, base: string, profile: PortalProfile): boolean {
  const outer = closest(item.el, new Set(['a']));
  const anchors = outer ? [outer] : $(item.el).find('a[href]').toArray();
  if (anchors.length === 0) return false;
  if (!outer && $(anchors).text().replace(/\s+/g, ' ').trim().length < item.text.length * 0.8) return false;
  return anchors.some((a) => {
    const target = canonicalArticleUrl(a.attribs['href'] ?? '', base, profile);
    return target === null || target !== self;
  });
}

/**
 * The site's own name, which the page's `<title>` also carries: `og:site_name`, or a text the page prints again far
 * from here outside a link (header and footer). A title may be repeated beside itself or in a list of links.
 */
function siteLike($: PageQuery, items: Item[], index: number): boolean {
  const text = normalizeLine((items[index] as TextItem).text).toLowerCase();
  const site = normalizeLine($('meta[property="og:site_name"]').attr('content') ?? '').toLowerCase();
  if (site && site === text) return true;
  return items.some(
    (other, k) =>
      Math.abs(k - index) >= 15 &&
      other.kind === 'text' &&
      normalizeLine(other.text).toLowerCase() === text &&
      !closest(other.el, new Set(['a'])) &&
      $(other.el).find('a').length === 0,
  );
}

/**
 * The title strategy (families other than Kooboo): the title is the heading that repeats the page's `<title>` (or,
 * failing that, the first main heading with a date beside it); the publication time is the labelled or bare date
 * line next to it, else a labelled line further down, else the time the page states for machines.
 */
export function titleHeader(
  $: PageQuery,
  items: Item[],
  order: Map<Element, number>,
  url: string,
  base: string,
  profile: PortalProfile,
): Header | null {
  const titles = documentTitles($);
  const self = canonicalArticleUrl(url, undefined, profile);
  // A block that is a link to another article: a listing item's title.
  const linked = (item: Item) => {
    if (item.kind !== 'text') return false;
    const outer = closest(item.el, new Set(['a']));
    const anchors = outer ? [outer] : $(item.el).find('a[href]').toArray();
    const text = outer ? item.text.length : $(anchors).text().replace(/\s+/g, ' ').trim().length;
    if (text === 0 || text < item.text.length * 0.8) return false;
    return anchors.some((a) => {
      const target = canonicalArticleUrl(a.attribs['href'] ?? '', base, profile);
      return target !== null && target !== self;
    });
  };
  type Candidate = { index: number; item: TextItem; rank: number[]; date: DateLine | null };
  const candidates: Candidate[] = [];
  items.forEach((item, index) => {
    if (item.kind !== 'text' || item.text.length > 400 || item.text.length < 4) return;
    if (profile.boilerplate.some((re) => re.test(item.text))) return;
    const heading = [item.el, ...ancestors(item.el).slice(0, 2)].some((el) => ALL_HEADINGS.has(el.name));
    const matched = matchesTitle(item.text, titles);
    // A plain block may be the title of a template with no headings and a bare <title>, if a date stands beside it
    // (checked below); a sentence or a label line is not.
    const plain = !heading && !matched && item.text.length <= 300 && !/[.:;,]$/.test(item.text) && !item.text.includes('\n');
    if (!heading && !matched && !plain) return;
    if (linksElsewhere($, item, self, base, profile)) return;
    if (plain && (splitAtLabel(item.text, profile.labels.published) || bareDate(item.text, profile))) return;
    const date = dateBeside(items, index, profile, linked);
    const h1 = [item.el, ...ancestors(item.el).slice(0, 2)].some((el) => el.name === 'h1');
    const prose = items.slice(index + 1, index + 5).some((i) => i.kind === 'text' && i.text.length >= 80);
    // Without the page's title or a date to vouch for it, a heading counts when prose follows it closely.
    if (!matched && !date && (!prose || plain)) return;
    const distance = date ? Math.abs(date.index - index) : 99;
    const own = siteLike($, items, index) ? 0 : 1;
    candidates.push({
      index,
      item,
      date,
      rank: [own, matched || heading ? 1 : 0, matched ? 1 : 0, date ? 1 : 0, heading ? 1 : 0, h1 ? 1 : 0, prose ? 1 : 0, -distance],
    });
  });
  candidates.sort((a, b) => {
    for (let k = 0; k < a.rank.length; k++) if (a.rank[k] !== b.rank[k]) return b.rank[k]! - a.rank[k]!;
    return a.index - b.index;
  });
  const best = candidates[0];
  if (!best) return null;
  const ti = best.index;
  let date = best.date;
  // A labelled line further down (some templates print the date under the text).
  if (!date) {
    for (let i = ti + 1; i < Math.min(items.length, ti + 200) && !date; i++) date = labelledAt(items, i, profile, best.item.el);
  }
  let published = date?.published ?? null;
  const meta = profile.date.meta.length ? metaPublished($, profile, { title: best.item.el, order }) : null;
  // The machine-readable time is more precise than a printed day, and stands in when nothing is printed.
  if (meta && (!published || (!date?.timed && meta.slice(0, 10) === published.slice(0, 10)))) published = meta;
  let firstContent = ti + 1;
  const skip: number[] = [];
  if (date && date.index > ti) {
    // Counters and tools between the title and a date line under it are header; prose there (a lead printed before
    // the date) is not.
    const between = items.slice(ti + 1, date.index);
    if (between.every((i) => i.kind === 'text' && i.text.length <= 80)) firstContent = date.index + date.span;
    else for (let k = 0; k < date.span; k++) skip.push(date.index + k);
  }
  const lo = Math.min(ti, date?.index ?? ti);
  const hi = Math.max(ti, date?.index ?? ti);
  const headerByline =
    date?.byline ??
    items
      .slice(lo + 1, hi)
      .find((i): i is TextItem => i.kind === 'text' && afterLabel(i.text, profile.labels.author) !== null)?.text ??
    null;
  return { titleItem: best.item, title: normalizeLine(best.item.text), published, anchorIndex: ti, firstContent, skip, byline: headerByline };
}
