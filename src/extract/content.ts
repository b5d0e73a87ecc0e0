import type { Element } from 'domhandler';
import type { PortalProfile } from '../profiles/profile.js';
import type { ImageRecord } from './record.js';
import { type Item, type TextItem, alignment, closest, commonAncestor, textOf } from './dom.js';
import { imageRecord, isDecoration } from './images.js';
import { looksLikeByline } from './author.js';
import { afterLabel } from './labels.js';
import { normalizeLine } from '../text/normalize.js';

export interface Content {
  paragraphs: string[];
  images: ImageRecord[];
  byline: string | null;
  /** The organisation named by a `Nguồn:` line, for reprinted articles. */
  source: string | null;
}

const CAPTION_BOX = new Set(['figure', 'table']);
const CAPTION_CLASS = /caption|chu-?thich|chuthich|image-?desc|img-?desc|photo-?desc/i;

function hasCaptionClass(el: Element): boolean {
  let cur: Element | null = el;
  for (let i = 0; cur && i < 3; i++) {
    if (CAPTION_CLASS.test(`${cur.attribs['class'] ?? ''} ${cur.attribs['id'] ?? ''}`)) return true;
    cur = cur.parent && cur.parent.type === 'tag' ? (cur.parent as Element) : null;
  }
  return false;
}

/**
 * A line that stands under an image is its caption when the editor set it apart as one: a figcaption, the same
 * figure or table as the image, a caption class, or italic or centred text. Prose after an image is none of these.
 */
function isCaption(item: TextItem, lastImage: Element, container: Element): boolean {
  if (closest(item.el, new Set(['figcaption']), container)) return true;
  // An image table or figure holds little besides its caption; a layout table around the whole article does not.
  const box = closest(lastImage, CAPTION_BOX, container);
  if (box && commonAncestor(box, item.el) === box && textOf(box).length <= 2 * item.text.length + 50) return true;
  if (hasCaptionClass(item.el)) return true;
  if (item.italic) return true;
  return alignment(item.el) === 'center' && item.text.length <= 400;
}

function isBoilerplate(text: string, profile: PortalProfile): boolean {
  return text.length <= 60 && profile.boilerplate.some((re) => re.test(text));
}

/**
 * Sorts the article's blocks into prose paragraphs, images with captions, and the byline.
 * `items` are the blocks between the publication line and the related block, inside the article container.
 */
export function classifyContent(items: Item[], container: Element, base: string, profile: PortalProfile): Content {
  const paragraphs: { text: string; item: TextItem }[] = [];
  const images: ImageRecord[] = [];
  const alts = new Set<string>();
  let group: ImageRecord[] = [];
  let lastImage: Element | null = null;
  let byline: string | null = null;
  let source: string | null = null;

  for (const item of items) {
    if (item.kind === 'image') {
      if (isDecoration(item.el)) continue;
      const record = imageRecord(item.el, base);
      if (!record) continue;
      images.push(record);
      group.push(record);
      lastImage = item.el;
      if (record.alt) alts.add(record.alt);
      continue;
    }
    const text = item.text;
    if (profile.imageFileName.test(text) || alts.has(normalizeLine(text))) continue;
    if (isBoilerplate(text, profile)) continue;
    if (group.length > 0 && lastImage && isCaption(item, lastImage, container)) {
      const caption = normalizeLine(text);
      for (const image of group) image.caption = caption;
      group = [];
      continue;
    }
    group = [];
    if (byline === null && afterLabel(text, profile.labels.author) !== null) {
      byline = normalizeLine(text);
      continue;
    }
    const named = text.length <= 200 ? afterLabel(text, profile.labels.source) : null;
    if (source === null && named !== null && named.trim()) {
      source = normalizeLine(named);
      continue;
    }
    paragraphs.push({ text, item });
  }

  const last = paragraphs.at(-1);
  if (byline === null && last && paragraphs.length > 1) {
    const align = alignment(last.item.el);
    const cues = {
      right: align === 'right',
      bold: last.item.bold,
      italic: last.item.italic,
      ownBlock: last.item.el.name.toLowerCase() !== 'p',
    };
    if (looksLikeByline(last.text, cues, profile)) {
      byline = normalizeLine(last.text);
      paragraphs.pop();
    }
  }

  const texts: string[] = [];
  for (const { text } of paragraphs) if (texts.at(-1) !== text) texts.push(text);
  return { paragraphs: texts, images, byline, source };
}
