import type { Element } from 'domhandler';
import type { ImageRecord } from './record.js';
import { lineOrNull } from '../text/normalize.js';

/** Decorations that sit inside article containers on some templates: icons, spacers, share buttons. */
const DECORATION = /(^|[/_-])(icon|icons|spacer|blank|pixel|btn|button|share|print|email|facebook|zalo|twitter|rss)([/_.-]|$)/i;

function size(value: string | undefined): number | null {
  if (!value) return null;
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) ? n : null;
}

/** The image's source, preferring lazy-loading attributes that hold the real file. */
export function imageSource(el: Element): string | null {
  for (const attr of ['data-src', 'data-original', 'data-lazy-src', 'src']) {
    const value = el.attribs[attr]?.trim();
    if (value && !value.startsWith('data:')) return value;
  }
  return null;
}

export function isDecoration(el: Element): boolean {
  const src = imageSource(el);
  if (!src) return true;
  const width = size(el.attribs['width']);
  const height = size(el.attribs['height']);
  if ((width !== null && width <= 32) || (height !== null && height <= 32)) return true;
  return DECORATION.test(src);
}

export function imageRecord(el: Element, base: string): ImageRecord | null {
  const src = imageSource(el);
  if (!src) return null;
  let url: string;
  try {
    url = new URL(src, base).href;
  } catch {
    return null;
  }
  return { url, alt: lineOrNull(el.attribs['alt']), caption: null };
}
