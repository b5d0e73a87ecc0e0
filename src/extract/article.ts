import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { kooboo } from '../profiles/kooboo.js';
import type { PortalProfile } from '../profiles/profile.js';
import { canonicalArticleUrl, siteOf } from '../profiles/urls.js';
import { lineOrNull, normalizeLine } from '../text/normalize.js';
import { splitByline } from './author.js';
import { breadcrumbCategory } from './breadcrumb.js';
import { classifyContent } from './content.js';
import { parsePublished } from './date.js';
import { type FlatDocument, type Item, type TextItem, ancestors, baseHref, contains, flatten, loadHtml } from './dom.js';
import { ExtractError } from './errors.js';
import { afterLabel, splitAtLabel } from './labels.js';
import type { ExtractedArticle } from './record.js';
import { relatedLinks } from './related.js';

export interface ExtractOptions {
  profile?: PortalProfile;
  /** Category known from the listing the article was found on; used when the page has no breadcrumb. */
  categoryHint?: string | null;
}

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4']);

/** Splits a block whose lines hold both a title and the publication label (`Title<br>Thời gian đăng: ...`). */
function splitLabelledLines(items: Item[], labels: string[]): Item[] {
  return items.flatMap((item) => {
    if (item.kind !== 'text' || !item.text.includes('\n')) return [item];
    const lines = item.text.split('\n');
    if (!lines.some((line, i) => i > 0 && splitAtLabel(line, labels) !== null)) return [item];
    return lines.map((text): TextItem => ({ ...item, text }));
  });
}

function baseUrl($: CheerioAPI, url: string): string {
  const href = baseHref($);
  if (!href) return url;
  try {
    return new URL(href, url).href;
  } catch {
    return url;
  }
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

function isHeading(item: TextItem): boolean {
  return [item.el, ...ancestors(item.el).slice(0, 2)].some((el) => HEADINGS.has(el.name));
}

/** The element that holds the article: the lowest one around both the date line and the related block, or
 * failing a related block, the nearest one around the date line that also holds real prose. */
function articleContainer(doc: FlatDocument, dateIndex: number, related: TextItem | null): Element {
  const dateEl = (doc.items[dateIndex] as TextItem).el;
  const chain = [dateEl, ...ancestors(dateEl)];
  if (related) {
    const relatedChain = new Set([related.el, ...ancestors(related.el)]);
    const common = chain.find((el) => relatedChain.has(el));
    if (common) return common;
  }
  for (const el of chain) {
    let chars = 0;
    for (let i = dateIndex + 1; i < doc.items.length; i++) {
      const item = doc.items[i]!;
      if (item.kind === 'text' && contains(el, item.el)) chars += item.text.length;
    }
    if (chars >= 200) return el;
  }
  return chain.at(-1)!;
}

/**
 * Reads one article page into a record. Pure: no I/O, no clock. Everything is found from the labels the CMS
 * prints (`Thời gian đăng`, `Các tin khác`, `Tác giả`), the page's structure and style cues, never from class names.
 */
export function extractArticle(html: string, url: string, options: ExtractOptions = {}): ExtractedArticle {
  const profile = options.profile ?? kooboo;
  const $ = loadHtml(html);
  const base = baseUrl($, url);
  const doc = flatten($.root()[0]!);
  doc.items = splitLabelledLines(doc.items, profile.labels.published);
  const { items } = doc;

  const dateIndex = items.findIndex((i) => i.kind === 'text' && splitAtLabel(i.text, profile.labels.published) !== null);
  if (dateIndex < 0) throw new ExtractError(`no "${profile.labels.published[0]}" line: not an article page`, url);
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
  if (!title) throw new ExtractError('no title before the publication line', url);

  let relatedIndex = items.findIndex(
    (i, n) => n > dateIndex && i.kind === 'text' && afterLabel(i.text, profile.labels.related) !== null,
  );
  const relatedItem = relatedIndex >= 0 ? (items[relatedIndex] as TextItem) : null;
  if (relatedIndex < 0) relatedIndex = items.length;
  const container = articleContainer(doc, dateIndex, relatedItem);
  const region = items.slice(firstContent, relatedIndex).filter((i) => contains(container, i.el));
  const content = classifyContent(region, container, base, profile);
  if (content.paragraphs.length === 0) throw new ExtractError('no article text after the publication line', url);

  const canonical = canonicalArticleUrl(url, undefined, profile) ?? url;
  // A byline may also stand between the title and the date line.
  const headerByline = titleItem
    ? items
        .slice(items.indexOf(titleItem) + 1, dateIndex)
        .find((i): i is TextItem => i.kind === 'text' && afterLabel(i.text, profile.labels.author) !== null)?.text
    : undefined;
  const bylineText = content.byline ?? inlineByline ?? headerByline ?? null;
  const byline = bylineText ? splitByline(bylineText, profile) : { author: null, organization: null };
  const category =
    (titleItem && breadcrumbCategory($, titleItem.el, doc.order, title, profile)) ?? lineOrNull(options.categoryHint);

  return {
    url: canonical,
    site: siteOf(canonical),
    category,
    title,
    published_at: published,
    summary: content.paragraphs[0] ?? null,
    body_text: content.paragraphs.join('\n\n'),
    images: content.images,
    author: lineOrNull(byline.author),
    organization: lineOrNull(byline.organization ?? content.source),
    related: relatedItem ? relatedLinks($, relatedItem.el, doc.order, canonical, base, profile) : [],
    extractor: profile.id,
  };
}
