import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import type { PortalProfile } from '../profiles/profile.js';
import { normalizeLine } from '../text/normalize.js';
import { textOf } from './dom.js';

export interface Anchor {
  el: Element;
  href: string;
  text: string;
}

/** Every `<a href>` under `root` in document order, with its normalised text. */
export function anchors($: CheerioAPI, root?: Element): Anchor[] {
  const found = root ? $(root).find('a[href]') : $('a[href]');
  return found.toArray().map((el) => ({ el, href: el.attribs['href'] ?? '', text: normalizeLine(textOf(el)) }));
}

/** Pager link texts: page numbers, arrows, ellipses. */
export function isPagerText(text: string, profile: PortalProfile): boolean {
  return /^\d{1,5}$/.test(text) || profile.pager.navTexts.includes(text);
}
