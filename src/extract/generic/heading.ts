import type { Element } from 'domhandler';
import type { Flat } from './blocks.js';
import { isToolText } from './chrome.js';
import type { PageMeta } from './meta.js';
import { type DateLine, findDateLine, isDateLine, metadataDate, timeElementDate } from './published.js';
import { type TitleChoice, findTitle, printedTitle } from './title.js';

/**
 * The article's head: its title and publication time, found together because templates print them together (the
 * date line right under the title, or above it), and a page whose `<title>` is only the site's name shows its
 * title as the line above the date.
 */
export interface Heading {
  title: TitleChoice;
  /** The printed date line, left out of the body. */
  dateLine: DateLine | null;
  published: string | null;
}

export function findHeading(flat: Flat, meta: PageMeta, roots: Element[], bodyStart: number, bodyEnd: number): Heading | null {
  const nearStart = findDateLine(flat, -1, bodyStart, bodyEnd, roots);
  let title = findTitle(flat, meta, bodyStart, bodyEnd, nearStart?.index ?? -1);
  let dateLine = findDateLine(flat, title?.index ?? -1, bodyStart, bodyEnd, roots);
  if (!title || title.weak) {
    const printed = printedTitle(flat, dateLine?.index ?? -1, bodyStart, (t) => isToolText(t) || isDateLine(t));
    if (printed) {
      title = printed;
      dateLine = findDateLine(flat, title.index, bodyStart, bodyEnd, roots);
    }
  }
  if (!title) return null;
  const titleEl = title.index >= 0 ? flat.blocks[title.index]!.el : null;
  // What the page says about itself first, then a labelled date it prints, a <time> in the article, a bare date line.
  const published =
    metadataDate(meta) ??
    (dateLine?.labelled ? dateLine.iso : null) ??
    timeElementDate(meta, roots, titleEl) ??
    dateLine?.iso ??
    null;
  return { title, dateLine, published };
}
