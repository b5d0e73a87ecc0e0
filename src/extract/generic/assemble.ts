import type { Element } from 'domhandler';
import { normalizeLine, normalizeParagraph } from '../../text/normalize.js';
import { looksLikeByline } from '../author.js';
import { alignment } from '../dom.js';
import { imageRecord } from '../images.js';
import type { ImageRecord } from '../record.js';
import type { BodyBlock } from './body.js';
import { undouble } from './body.js';
import type { Flat, TextBlock } from './blocks.js';
import { AUTHOR_LABELS, isOrganisation, labelledByline, looksLikeName, sourceLine, splitSignOff } from './byline.js';
import { isCaption } from './captions.js';
import { isDateLine } from './published.js';
import { isRelatedLabel } from './related.js';
import { textStats } from './blocks.js';
import { closest } from './dom.js';
import { fold } from './title.js';

/**
 * Sorts the article's blocks into prose paragraphs, images with their captions and the byline, as the Kooboo
 * extractor does: the title and date lines printed inside the article, captions, `Tác giả:` and `Nguồn:` lines,
 * the `./.` sign-off and a closing name line are not prose.
 */
export interface Assembled {
  paragraphs: string[];
  /** The first paragraph that is not a heading. */
  lead: string | null;
  images: ImageRecord[];
  /** The byline as printed (`Tác giả: …`, the name after `./.`, a closing line), and how it was found. */
  byline: { text: string; kind: 'label' | 'sign-off' | 'closing' } | null;
  /** The organisation named by a `Nguồn:` line. */
  source: string | null;
}

interface Paragraph {
  text: string;
  block: TextBlock;
}

export interface AssembleContext {
  title: string;
  titleIndex: number;
  dateIndex: number;
  base: string;
}

export function assemble(flat: Flat, items: BodyBlock[], ctx: AssembleContext): Assembled {
  const titleKey = fold(ctx.title);
  const paragraphs: Paragraph[] = [];
  const images: ImageRecord[] = [];
  const seenImages = new Set<string>();
  let group: ImageRecord[] = [];
  let lastImage: Element | null = null;
  let lastCaption: string | null = null;
  let byline: Assembled['byline'] = null;
  let source: string | null = null;
  const lettersOf = (el: Element) => textStats(flat, el).chars;

  for (const { index, block } of items) {
    if (block.kind === 'image') {
      const record = imageRecord(block.el, ctx.base);
      if (!record || seenImages.has(record.url)) continue;
      seenImages.add(record.url);
      images.push(record);
      group.push(record);
      lastImage = block.el;
      continue;
    }
    const text = block.text;
    if (index === ctx.titleIndex || index === ctx.dateIndex) continue;
    if (titleKey && text.length < ctx.title.length + 20 && fold(text) === titleKey) continue;
    if (paragraphs.length === 0 && isDateLine(text)) continue;
    // Captions, bylines and source lines are short: long blocks are prose, and normalising them here is wasted.
    const short = text.length <= 500;
    const line = short ? normalizeLine(text) : text;
    // A figure's caption is never prose, with or without an image the page lets us see.
    if (closest(block.el, FIGCAPTION, 3)) {
      const caption = undouble(line);
      for (const image of group) image.caption = caption;
      if (group.length === 0 && images.length > 0 && lastImage && sameFigure(lastImage, block.el)) images.at(-1)!.caption ??= caption;
      group = [];
      lastCaption = caption;
      continue;
    }
    if (lastImage && group.length > 0 && isCaption(block, lastImage, group[0]!.alt, lettersOf)) {
      const caption = undouble(line);
      for (const image of group) image.caption = caption;
      lastCaption = caption;
      group = [];
      continue;
    }
    group = [];
    // A caption printed twice in a row.
    if (short && lastCaption && undouble(line) === lastCaption) continue;
    lastCaption = null;
    const labelled = short && !block.heading ? labelledByline(line) : null;
    if (labelled !== null && byline === null) {
      byline = { text: labelled, kind: 'label' };
      continue;
    }
    const named = short && !block.heading ? sourceLine(line) : null;
    if (named !== null) {
      source ??= named;
      continue;
    }
    paragraphs.push({ text, block });
  }

  cutAtRelated(paragraphs);
  dropClosingPromotions(paragraphs);
  // A name alone above the first paragraph is the byline (`Iwona Kurz`, `Thu Trang`).
  const first = paragraphs[0];
  if (byline === null && first && paragraphs.length > 2 && !first.block.heading && looksLikeName(normalizeLine(first.text))) {
    byline = { text: normalizeLine(first.text), kind: 'closing' };
    paragraphs.shift();
  }
  signOff(paragraphs, (text) => {
    byline ??= { text, kind: 'sign-off' };
  });
  if (byline === null) {
    const last = paragraphs.at(-1);
    if (last && paragraphs.length > 1 && !last.block.heading && closingByline(last)) {
      byline = { text: normalizeLine(last.text), kind: 'closing' };
      paragraphs.pop();
    }
  }

  const texts: string[] = [];
  let lead: string | null = null;
  for (const p of paragraphs) {
    const text = normalizeParagraph(p.text);
    if (!text || texts.at(-1) === text) continue;
    texts.push(text);
    if (lead === null && !p.block.heading) lead = text;
  }
  return { paragraphs: texts, lead, images, byline, source };
}

const FIGCAPTION = new Set(['figcaption']);
const FIGURE = new Set(['figure']);

function sameFigure(image: Element, caption: Element): boolean {
  const figure = closest(image, FIGURE, 4);
  return figure !== null && figure === closest(caption, FIGURE, 4);
}

/** Calls to subscribe, follow or download that templates append to every article: not the article's text. */
const PROMOTION =
  /\b(?:subscribe|sign up|newsletter|follow us|follow (?:the|our) \w+ on|download (?:the|our) app|get the latest|join our|like us on facebook|abonnieren|newsletter|folgen sie uns|suivez-nous|abonnez-vous|suscríbete|síguenos)\b|đăng ký nhận tin|theo dõi (?:chúng tôi|fanpage)/iu;

function dropClosingPromotions(paragraphs: Paragraph[]): void {
  for (let n = 0; n < 3 && paragraphs.length > 2; n++) {
    const last = paragraphs.at(-1)!;
    if (last.text.length > 250 || !PROMOTION.test(last.text)) return;
    paragraphs.pop();
  }
}

/**
 * A related-links label inside the article's box (`Tin liên quan`, `Read more`, `Lesen Sie mehr`) heads teasers, not
 * prose: the body ends there when what follows is the smaller part of it.
 */
function cutAtRelated(paragraphs: Paragraph[]): void {
  const total = paragraphs.reduce((n, p) => n + p.block.chars, 0);
  let after = 0;
  for (let i = paragraphs.length - 1; i > 0; i--) {
    const p = paragraphs[i]!;
    if (isRelatedLabel(p.text) && after < total * 0.3) {
      paragraphs.length = i;
      return;
    }
    after += p.block.chars;
  }
}

/**
 * `... năm 2020./. Vũ Hoa - Đài Truyền thanh huyện`: `./.` ends an official text; what follows it on the line is the
 * byline. Short lines after the sign-off paragraph (an attachment label, the issuing office) are not prose either:
 * the last of them is the byline.
 */
function signOff(paragraphs: Paragraph[], found: (name: string) => void): void {
  for (let i = paragraphs.length - 1; i >= Math.max(0, paragraphs.length - 4); i--) {
    const p = paragraphs[i]!;
    const split = splitSignOff(p.text);
    if (!split) continue;
    const tail = paragraphs.slice(i + 1).map((t) => normalizeLine(t.text));
    if (tail.some((t) => t.length > 120)) return;
    paragraphs.length = i + 1;
    if (split.text) p.text = split.text;
    else paragraphs.pop();
    const name = split.name ?? tail.at(-1) ?? null;
    if (name) found(name);
    return;
  }
}

function closingByline(p: Paragraph): boolean {
  const text = normalizeLine(p.text);
  // An office that signs the text alone (`Trung tâm VHTTTT&DL huyện Thường Xuân`).
  if (isOrganisation(text) && text.length <= 120 && !/[.!?…;:]$/u.test(text)) return true;
  const align = alignment(p.block.el);
  const cues = { right: align === 'right', bold: p.block.bold, italic: p.block.italic, ownBlock: p.block.el.name !== 'p' };
  if (looksLikeName(text)) return true;
  return (cues.right || /\s[-–—]\s/.test(text)) && looksLikeByline(text, cues, AUTHOR_LABELS) && /^\p{Lu}/u.test(text);
}
