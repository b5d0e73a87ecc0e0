import type { Document } from 'domhandler';
import { lineOrNull, normalizeParagraph } from '../../text/normalize.js';
import type { ExtractOptions } from '../article.js';
import { ExtractError } from '../errors.js';
import type { ExtractedArticle } from '../record.js';
import { assemble } from './assemble.js';
import { flatten, letters } from './blocks.js';
import { bodyBlocks } from './body.js';
import { findByline } from './byline.js';
import { findCategory } from './category.js';
import { findContent } from './content.js';
import { parseHtml } from './dom.js';
import { declaresArticle, readMeta } from './meta.js';
import { relatedLinks } from './related.js';
import { findHeading } from './heading.js';
import { leadBefore } from './lead.js';
import { pageUrl } from './url.js';
import { rejectReason } from './verdict.js';

/**
 * Reads an article page that no portal profile claims, by structure and text density. Pure: no I/O, no clock.
 * 1. the page is flattened into blocks of text and images (blocks.ts), furniture marked by tag, role and class words;
 * 2. the article's container is the one its prose scores highest (content.ts), its blocks cleaned of nested
 *    furniture, link lists and tool text (body.ts);
 * 3. title, publication time, byline, category and related links are read from the page's metadata and from what
 *    it prints around the article (heading.ts with title.ts and published.ts, byline.ts, category.ts, related.ts);
 * 4. a page that holds no article (a listing, a home page, an error page) is refused (verdict.ts).
 */
export function extractGeneric(html: string, url: string, options: ExtractOptions = {}): ExtractedArticle {
  return extractDocument(parseHtml(html), url, options);
}

/** The same on a parsed document (htmlparser2 / domhandler tree). */
export function extractDocument(doc: Document, url: string, options: ExtractOptions = {}): ExtractedArticle {
  const flat = flatten(doc);
  const meta = readMeta(doc, flat);
  let page: string;
  try {
    page = pageUrl(url);
  } catch (cause) {
    throw new ExtractError(`not an article page: "${url}" is no URL`, url, { cause });
  }
  let base = page;
  if (meta.base) {
    try {
      base = new URL(meta.base, page).href;
    } catch {
      // A broken <base> is ignored as browsers do.
    }
  }
  const choice = findContent(flat);
  if (!choice) throw new ExtractError('not an article page: no text that reads as an article', page);
  const items = bodyBlocks(flat, choice.roots, choice.hints);
  const bodyStart = items[0]?.index ?? 0;
  const bodyEnd = (items.at(-1)?.index ?? 0) + 1;

  const heading = findHeading(flat, meta, choice.roots, bodyStart, bodyEnd);
  if (!heading) throw new ExtractError('not an article page: no title', page);
  const { title: found, dateLine, published } = heading;

  const body = assemble(flat, items, {
    title: found.title,
    titleIndex: found.index,
    dateIndex: dateLine?.index ?? -1,
    base,
  });
  // The lead (standfirst) printed between the title and the article's container.
  const lead = leadBefore(flat, found.index, bodyStart).map(normalizeParagraph).filter((t) => t && !body.paragraphs.includes(t));
  if (lead.length > 0) {
    body.paragraphs.unshift(...lead);
    body.lead = lead[0]!;
  }

  const bodyText = body.paragraphs.join('\n\n');
  const letterCount = letters(bodyText);
  const headingText = found.index >= 0 ? found.title : null;
  const reason = rejectReason({
    flat,
    roots: choice.roots,
    hints: choice.hints,
    bodyLetters: letterCount,
    paragraphs: body.paragraphs.length,
    title: meta.title ?? found.title,
    heading: headingText,
    host: new URL(page).host,
    declared: declaresArticle(meta),
  });
  if (reason) throw new ExtractError(`not an article page: ${reason}`, page);

  const { author, organization } = findByline({
    flat,
    meta,
    printed: body.byline,
    source: body.source,
    headerFrom: found.index >= 0 ? Math.min(found.index, bodyStart) : bodyStart,
    bodyStart,
    bodyEnd,
  });

  const category = findCategory(flat, meta, found.title, found.index) ?? lineOrNull(options.categoryHint);
  return {
    url: page,
    site: new URL(page).host,
    category,
    title: found.title,
    published_at: published,
    summary: body.lead,
    body_text: bodyText,
    images: body.images,
    author: lineOrNull(author),
    organization: lineOrNull(organization),
    related: relatedLinks(flat, Math.max(found.index, 0), page, base),
    extractor: 'generic',
  };
}
