import type { ImageRecord } from '../record.js';
import { imageRecord } from '../images.js';
import type { Flat } from './blocks.js';
import { isToolText } from './chrome.js';
import { closest } from './dom.js';
import { isDateLine } from './published.js';
import { normalizeLine } from '../../text/normalize.js';

/**
 * The lead (standfirst) that templates print between the title and the article's box: paragraphs of prose right
 * under the title, outside page furniture (an article header counts as the article's own), and the lead picture in
 * its `<figure>` with its caption. Date lines, tool bars and short labels between them are passed over.
 */
export interface Lead {
  paragraphs: string[];
  images: ImageRecord[];
}

const FIGURE = new Set(['figure']);
const FIGCAPTION = new Set(['figcaption']);

export function leadBefore(flat: Flat, titleIndex: number, bodyStart: number, base: string): Lead {
  const lead: Lead = { paragraphs: [], images: [] };
  if (titleIndex < 0 || bodyStart - titleIndex > 15) return lead;
  for (let i = titleIndex + 1; i < bodyStart; i++) {
    const block = flat.blocks[i]!;
    if (block.chrome && block.chrome.name !== 'header') continue;
    if (block.kind === 'image') {
      const figure = closest(block.el, FIGURE, 4);
      const record = figure ? imageRecord(block.el, base) : null;
      if (!record) continue;
      const next = flat.blocks[i + 1];
      if (next?.kind === 'text' && closest(next.el, FIGCAPTION, 3) && closest(next.el, FIGURE, 4) === figure) {
        record.caption = normalizeLine(next.text);
        i++;
      }
      lead.images.push(record);
      continue;
    }
    if (block.heading || lead.paragraphs.length >= 3) continue;
    if (block.chars < 60 || block.linkChars > block.chars * 0.2) continue;
    if (isDateLine(block.text) || isToolText(block.text)) continue;
    lead.paragraphs.push(block.text);
  }
  return lead;
}
