import type { Element } from 'domhandler';
import type { PortalProfile } from '../profiles/profile.js';
import type { ImageRecord } from './record.js';
import { type Item, type TextItem, alignment, closest, commonAncestor, textOf } from './dom.js';
import { imageRecord, isDecoration } from './images.js';
import { looksLikeBareByline, looksLikeByline } from './author.js';
import { afterColonLabel, afterLabel } from './labels.js';
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
/** `(Ảnh: Thanh Vân/TTXVN)`, `Ảnh: Minh Hiếu`: a photo credit makes a line a caption. */
const PHOTO_CREDIT = /(^|\()\s*Ảnh\s*:|\(\s*Ảnh\s+minh\s+họa\s*\)$/iu;

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

/** Families whose editors write captions as plain paragraphs: a short single line right under the picture. */
function isBareCaption(text: string, profile: PortalProfile): boolean {
  if (PHOTO_CREDIT.test(text) && text.length <= 300) return true;
  return text.length <= profile.content.bareCaptionMax && !text.includes('\n') && !/[:;,]$/.test(text);
}

function isBoilerplate(text: string, profile: PortalProfile): boolean {
  return text.length <= 60 && profile.boilerplate.some((re) => re.test(text));
}

const same = (a: string, b: string) => normalizeLine(a).toLowerCase() === normalizeLine(b).toLowerCase();

/**
 * Sorts the article's blocks into prose paragraphs, images with captions, and the byline.
 * `items` are the blocks between the publication line and the related block, inside the article container.
 */
export function classifyContent(
  items: Item[],
  container: Element,
  base: string,
  profile: PortalProfile,
  title = '',
): Content {
  const { dedupe } = profile.content;
  const paragraphs: { text: string; item: TextItem }[] = [];
  const images: ImageRecord[] = [];
  const alts = new Set<string>();
  let group: ImageRecord[] = [];
  let lastImage: Element | null = null;
  let lastCaption: string | null = null;
  let byline: string | null = null;
  let source: string | null = null;
  const authorOf = (text: string) => (dedupe ? afterColonLabel(text, profile.labels.author) : afterLabel(text, profile.labels.author));
  const sourceOf = (text: string) => (dedupe ? afterColonLabel(text, profile.labels.source) : afterLabel(text, profile.labels.source));

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
    let text = item.text;
    if (dedupe) {
      // A caption printed twice (once over the picture, once under it), or glued to the start of the next line.
      if (lastCaption !== null && same(text, lastCaption)) continue;
      if (lastCaption !== null && normalizeLine(text).startsWith(`${lastCaption} `)) {
        text = normalizeLine(text).slice(lastCaption.length + 1);
      }
      if (title && same(text, title)) continue;
    }
    const repeatsAlt = alts.has(normalizeLine(text));
    if (profile.imageFileName.test(text) || (repeatsAlt && !(dedupe && group.length > 0))) continue;
    if (isBoilerplate(text, profile)) continue;
    if (
      group.length > 0 &&
      lastImage &&
      (isCaption(item, lastImage, container) || (dedupe && repeatsAlt) || (profile.content.bareCaptionMax > 0 && isBareCaption(text, profile)) || (dedupe && PHOTO_CREDIT.test(text) && text.length <= 300))
    ) {
      const caption = normalizeLine(text);
      for (const image of group) image.caption = caption;
      lastCaption = caption;
      group = [];
      continue;
    }
    group = [];
    if (byline === null && authorOf(text) !== null) {
      byline = normalizeLine(text);
      continue;
    }
    const named = text.length <= 200 ? sourceOf(text) : null;
    if (source === null && named !== null && named.trim()) {
      source = dedupe ? normalizeLine(named).replace(/^\(|\)$/g, '').trim() : normalizeLine(named);
      continue;
    }
    paragraphs.push({ text, item });
  }

  if (profile.content.signOff || profile.content.bareByline) byline ??= familyByline(paragraphs, profile);
  const last = paragraphs.at(-1);
  if (byline === null && last && paragraphs.length > 1 && !profile.content.bareByline) {
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

/**
 * The sign-off (`./.`) ends the text: it is taken off the paragraph that carries it, and what follows it, on that
 * line or below, is the byline. Without one, a closing line that reads like a name or an organisation (or is set
 * apart: right-aligned, bold) is the byline. Edits `paragraphs` in place.
 */
function familyByline(paragraphs: { text: string; item: TextItem }[], profile: PortalProfile): string | null {
  const mark = profile.content.signOff;
  if (mark) {
    for (let k = paragraphs.length - 1; k >= Math.max(0, paragraphs.length - 3); k--) {
      const p = paragraphs[k]!;
      const found = [...p.text.matchAll(new RegExp(mark.source, `${mark.flags.replace('g', '')}g`))].at(-1);
      if (!found || found.index === undefined) continue;
      let before = p.text.slice(0, found.index).trimEnd();
      if (before && found[0].trimStart().startsWith('.') && !/[.!?…]$/u.test(before)) before += '.';
      const rest = normalizeLine(p.text.slice(found.index + found[0].length));
      const tail = paragraphs.slice(k + 1).map((x) => normalizeLine(x.text));
      const lines = [rest, ...tail].filter(Boolean);
      if (lines.length > 2 || !lines.every((l) => looksLikeBareByline(l, profile, true))) continue;
      paragraphs.splice(k + 1);
      if (before) p.text = before;
      else paragraphs.pop();
      return lines.length ? lines.join(' - ') : null;
    }
  }
  if (!profile.content.bareByline) return null;
  const last = paragraphs.at(-1);
  if (!last || paragraphs.length < 2) return null;
  const align = alignment(last.item.el);
  const setApart = (align === 'right' || last.item.bold) && last.text.length <= 120 && !last.text.includes('\n') && !/[.!?…;:]$/u.test(last.text);
  if (setApart || looksLikeBareByline(normalizeLine(last.text), profile, false)) {
    paragraphs.pop();
    return normalizeLine(last.text);
  }
  return null;
}
