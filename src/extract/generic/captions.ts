import type { Element } from 'domhandler';
import type { TextBlock } from './blocks.js';
import { alignment } from '../dom.js';
import { closest, commonAncestor, parentElement } from './dom.js';

/**
 * Whether the line under an image is its caption: editors set captions apart as a `<figcaption>`, inside the image's
 * figure or small table, with a caption class, in italics or centred, or as a photo credit `(Ảnh: …)` / `Ảnh: …`.
 * Prose after an image is none of these.
 */
const FIGCAPTION = new Set(['figcaption']);
const BOX = new Set(['figure', 'table']);
const CAPTION_CLASS = /caption|chu-?thich|chuthich|image-?desc|img-?desc|photo-?desc|wp-caption|legend|credit/i;
const CREDIT = /\((?:ảnh|photo|foto|nguồn ảnh)\s*:?[^)]*\)\s*$|^(?:ảnh|photo)\s*:/iu;

function hasCaptionClass(el: Element): boolean {
  let cur: Element | null = el;
  for (let i = 0; cur && i < 3; i++, cur = parentElement(cur)) {
    if (CAPTION_CLASS.test(`${cur.attribs['class'] ?? ''} ${cur.attribs['id'] ?? ''}`)) return true;
  }
  return false;
}

export function isCaption(
  block: TextBlock,
  image: Element,
  imageAlt: string | null,
  lettersOf: (el: Element) => number,
): boolean {
  if (block.text.length > 500) return false;
  if (closest(block.el, FIGCAPTION, 3)) return true;
  const box = closest(image, BOX, 4);
  if (box && commonAncestor(box, block.el) === box && lettersOf(box) <= 2 * block.chars + 40) return true;
  if (hasCaptionClass(block.el)) return true;
  if (CREDIT.test(block.text)) return true;
  if (imageAlt && imageAlt.length > 8 && block.text.startsWith(imageAlt)) return true;
  if (block.italic && block.text.length <= 300) return true;
  if (alignment(block.el) === 'center' && block.text.length <= 300) return true;
  // A bare short line under the image, one sentence at most, before the prose goes on: editors of several families
  // write captions so.
  return block.text.length <= 120 && !block.text.includes('\n') && !/[.!?…]\s+\S/u.test(block.text) && !block.heading;
}
