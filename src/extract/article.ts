import type { Document, Element } from 'domhandler';
import { kooboo } from '../profiles/kooboo.js';
import type { PortalProfile } from '../profiles/profile.js';
import { canonicalArticleUrl, siteOf } from '../profiles/urls.js';
import { lineOrNull } from '../text/normalize.js';
import { splitByline } from './author.js';
import { breadcrumbCategory } from './breadcrumb.js';
import { headingCategory, linkedCategory } from './category.js';
import { classifyContent } from './content.js';
import { detectProfile } from './detect.js';
import { type FlatDocument, type Item, type PageQuery, type TextItem, ancestors, baseHref, contains, flatten, loadHtml } from './dom.js';
import { ExtractError } from './errors.js';
import { type Header, labelHeader, titleHeader } from './header.js';
import { afterColonLabel, afterLabel, splitAtLabel } from './labels.js';
import { hasProse, isNavigation, listingReason, linkTarget } from './guard.js';
import type { ExtractedArticle } from './record.js';
import { relatedLinks } from './related.js';

export interface ExtractOptions {
  /** The family's profile; without it, the family the page shows (`detectProfile`), Kooboo when none claims it. */
  profile?: PortalProfile;
  /** Category known from the listing the article was found on; used when the page has no breadcrumb. */
  categoryHint?: string | null;
}

/** Splits a block whose lines hold both a title and the publication label (`Title<br>Thời gian đăng: ...`). */
function splitLabelledLines(items: Item[], labels: string[]): Item[] {
  return items.flatMap((item) => {
    if (item.kind !== 'text' || !item.text.includes('\n')) return [item];
    const lines = item.text.split('\n');
    if (!lines.some((line, i) => i > 0 && splitAtLabel(line, labels) !== null)) return [item];
    return lines.map((text): TextItem => ({ ...item, text }));
  });
}

function baseUrl(document: Document, url: string): string {
  const href = baseHref(document);
  if (!href) return url;
  try {
    return new URL(href, url).href;
  } catch {
    return url;
  }
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

/** Real prose: a sentence or more, not a link. */
function isProse(item: Item, profile: PortalProfile, $: PageQuery): item is TextItem {
  if (item.kind !== 'text' || item.text.length < 60) return false;
  if (profile.boilerplate.some((re) => re.test(item.text))) return false;
  const linked = $(item.el).find('a').text().length;
  return linked < item.text.length / 2;
}

/**
 * Families other than Kooboo: the lowest element around the title that also holds the first prose after the header;
 * the text ends at the first related or ending block inside it.
 */
function familyRegion($: PageQuery, items: Item[], header: Header, profile: PortalProfile) {
  const titleEl = header.titleItem.el;
  const prose = items.findIndex((i, n) => n >= header.firstContent && isProse(i, profile, $));
  const chain = [titleEl, ...ancestors(titleEl)];
  const container = prose < 0 ? chain.at(-1)! : (chain.find((el) => contains(el, items[prose]!.el)) ?? chain.at(-1)!);
  let end = items.length;
  let related: TextItem | null = null;
  for (let n = header.firstContent; n < items.length; n++) {
    const item = items[n]!;
    if (item.kind !== 'text' || !isMarker(item, profile, $)) continue;
    if (afterLabel(item.text, profile.labels.related) !== null) related ??= item;
    if (contains(container, item.el) && n < end) end = n;
    if (related) break;
  }
  const skip = new Set(header.skip);
  const region = items.slice(header.firstContent, end).filter((i, k) => contains(container, i.el) && !skip.has(header.firstContent + k));
  return { container, region, related };
}

/**
 * A block that heads related news or ends the text: the label alone, the label and a colon, or the label over links
 * (`Bài trước<title>`). Prose that merely starts with such a word (`Thẻ bảo hiểm y tế ...`) is neither.
 */
function isMarker(item: TextItem, profile: PortalProfile, $: PageQuery): boolean {
  const labels = [...profile.labels.related, ...profile.labels.end];
  const rest = afterLabel(item.text, labels);
  if (rest === null) return false;
  if (rest.trim() === '' || afterColonLabel(item.text, labels) !== null) return true;
  const linked = $(item.el).find('a').text().length;
  return linked >= item.text.length / 2;
}

/**
 * Reads one article page into a record. Pure: no I/O, no clock. Everything is found from the labels the family
 * prints (`Thời gian đăng`, `Đăng ngày`, `Các tin khác`, `Tác giả`), its URL grammar, the page's structure and style
 * cues, never from class names.
 */
export function extractArticle(html: string, url: string, options: ExtractOptions = {}): ExtractedArticle {
  const profile = options.profile ?? detectProfile(html, url).profile ?? kooboo;
  const { $, document } = loadHtml(html);
  const base = baseUrl(document, url);
  const doc = flatten(document);
  doc.items = splitLabelledLines(doc.items, profile.labels.published);
  const { items } = doc;

  let header: Header | string | null = profile.header === 'title' ? titleHeader($, items, doc.order, url, base, profile) : null;
  header ??= labelHeader(items, profile);
  if (typeof header === 'string') {
    throw new ExtractError(profile.header === 'title' ? 'no title with a date beside it and no publication label: not an article page' : header, url);
  }
  const { titleItem, title } = header;

  let container: Element;
  let region: Item[];
  let relatedItem: TextItem | null;
  if (profile.header === 'label') {
    const dateIndex = header.anchorIndex;
    const relatedIndex = items.findIndex(
      (i, n) => n > dateIndex && i.kind === 'text' && afterLabel(i.text, profile.labels.related) !== null,
    );
    relatedItem = relatedIndex >= 0 ? (items[relatedIndex] as TextItem) : null;
    container = articleContainer(doc, dateIndex, relatedItem);
    region = items.slice(header.firstContent, relatedIndex < 0 ? items.length : relatedIndex).filter((i) => contains(container, i.el));
  } else {
    ({ container, region, related: relatedItem } = familyRegion($, items, header, profile));
    const reason = listingReason($, region, items, header.titleItem, url, base, profile);
    if (reason) throw new ExtractError(reason, url);
    // Links to other articles standing alone in the text are lists, not prose.
    const self = canonicalArticleUrl(url, undefined, profile);
    region = region.filter((i) => i.kind !== 'text' || (!linkTarget($, i, base, profile, self) && !isNavigation($, i, base)));
  }
  const content = classifyContent(region, container, base, profile, profile.content.dedupe ? title : '');
  if (content.paragraphs.length === 0) throw new ExtractError('no article text after the publication line', url);
  if (profile.header === 'title' && !hasProse(content.paragraphs)) {
    throw new ExtractError('no article text under the title (menus and links only): not an article page', url);
  }

  const canonical = canonicalArticleUrl(url, undefined, profile) ?? url;
  const bylineText = content.byline ?? header.byline ?? null;
  const byline = bylineText ? splitByline(bylineText, profile) : { author: null, organization: null };
  const category =
    breadcrumbCategory(document, titleItem.el, doc.order, title, profile) ??
    linkedCategory($, url, base, profile) ??
    (profile.header === 'title' ? headingCategory($, items, items.indexOf(titleItem), base, profile) : null) ??
    lineOrNull(options.categoryHint);

  return {
    url: canonical,
    site: siteOf(canonical),
    category,
    title,
    published_at: header.published,
    summary: content.paragraphs[0] ?? null,
    body_text: content.paragraphs.join('\n\n'),
    images: content.images,
    author: lineOrNull(byline.author),
    organization: lineOrNull(byline.organization ?? content.source),
    related: relatedLinks($, relatedItem, items, doc.order, canonical, base, profile),
    extractor: profile.id,
  };
}
