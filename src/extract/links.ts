import type { AnyNode, Element } from 'domhandler';
import type { PortalProfile } from '../profiles/profile.js';
import { normalizeLine } from '../text/normalize.js';
import { descendants, textOf } from './dom.js';

export interface Anchor {
  el: Element;
  href: string;
  text: string;
}

const isAnchor = (el: Element): boolean => el.name === 'a' && el.attribs['href'] !== undefined;

/** Every `<a href>` under `root` (an element, or the page's document) in document order, with its normalised text. */
export function anchors(root: AnyNode): Anchor[] {
  return descendants(root, isAnchor).map((el) => ({ el, href: el.attribs['href'] ?? '', text: normalizeLine(textOf(el)) }));
}

/** Pager link texts: page numbers, arrows, ellipses. */
export function isPagerText(text: string, profile: PortalProfile): boolean {
  return /^\d{1,5}$/.test(text) || profile.pager.navTexts.includes(text);
}
