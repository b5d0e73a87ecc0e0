import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import type { PortalProfile } from '../profiles/profile.js';
import { normalizeLine } from '../text/normalize.js';
import { descendants, textOf } from './dom.js';

export interface Anchor {
  el: Element;
  href: string;
  text: string;
}

const isAnchor = (el: Element): boolean => el.name === 'a' && el.attribs['href'] !== undefined;

/** Every `<a href>` under `root` (the whole page by default) in document order, with its normalised text. */
export function anchors($: CheerioAPI, root?: Element): Anchor[] {
  return descendants(root ?? $.root()[0]!, isAnchor).map((el) => ({ el, href: el.attribs['href'] ?? '', text: normalizeLine(textOf(el)) }));
}

/** Pager link texts: page numbers, arrows, ellipses. */
export function isPagerText(text: string, profile: PortalProfile): boolean {
  return /^\d{1,5}$/.test(text) || profile.pager.navTexts.includes(text);
}
