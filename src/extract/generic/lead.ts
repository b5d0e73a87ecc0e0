import type { Flat } from './blocks.js';
import { isToolText } from './chrome.js';
import { isDateLine } from './published.js';

/**
 * The lead (standfirst) that templates print between the title and the article's box: paragraphs of prose right
 * under the title, outside page furniture (an article header counts as the article's own). Date lines, tool bars
 * and short labels between them are passed over.
 */
export function leadBefore(flat: Flat, titleIndex: number, bodyStart: number): string[] {
  if (titleIndex < 0 || bodyStart - titleIndex > 15) return [];
  const out: string[] = [];
  for (let i = titleIndex + 1; i < bodyStart && out.length < 3; i++) {
    const block = flat.blocks[i]!;
    if (block.kind !== 'text' || block.heading) continue;
    if (block.chrome && block.chrome.name !== 'header') continue;
    if (block.chars < 60 || block.linkChars > block.chars * 0.2) continue;
    if (isDateLine(block.text) || isToolText(block.text)) continue;
    out.push(block.text);
  }
  return out;
}
