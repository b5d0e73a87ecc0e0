import type { Element } from 'domhandler';
import { normalizeLine } from '../../text/normalize.js';
import type { Block, Flat, TextBlock } from './blocks.js';
import { isToolText } from './chrome.js';
import { contains } from './dom.js';

/**
 * The blocks of the article: those inside the chosen containers, without the furniture nested in them (a share
 * bar, a comment box, a list of links), without link-only lines and tool text.
 */
export interface BodyBlock {
  index: number;
  block: Block;
}

function insideRoot(chrome: Element | null, root: Element): boolean {
  return chrome !== null && chrome !== root && contains(root, chrome);
}

/**
 * Blocks inside lists, tables or boxes that are mostly links within the article (a related list, a tag cloud, a
 * pager), marked by block index.
 */
function linkBoxes(flat: Flat, root: Element): Uint8Array | null {
  let out: Uint8Array | null = null;
  const [start, end] = flat.range.get(root) ?? [0, 0];
  for (const [el, [s, e]] of flat.range) {
    // Boxes strictly inside the root's blocks (a box holding all of them is the root, or around it).
    if (el === root || s < start || e > end || s === e || (s === start && e === end)) continue;
    if (el.name !== 'ul' && el.name !== 'ol' && el.name !== 'table' && el.name !== 'div' && el.name !== 'section' && el.name !== 'dl') continue;
    const chars = flat.chars[e]! - flat.chars[s]!;
    const links = flat.linkChars[e]! - flat.linkChars[s]!;
    if (chars === 0 || links / chars <= 0.5 || e - s < 2) continue;
    // A box around the article's paragraphs is not a link list, however many links stand beside them.
    let prose = false;
    for (let i = s; i < e && !prose; i++) {
      const b = flat.blocks[i]!;
      prose = b.kind === 'text' && b.chars >= 100 && b.linkChars < b.chars * 0.3;
    }
    if (!prose) {
      out ??= new Uint8Array(flat.blocks.length);
      out.fill(1, s, e);
    }
  }
  return out;
}

export function bodyBlocks(flat: Flat, roots: Element[], hints: boolean): BodyBlock[] {
  const out: BodyBlock[] = [];
  for (const root of roots) {
    const r = flat.range.get(root);
    if (!r) continue;
    const boxes = linkBoxes(flat, root);
    for (let i = r[0]; i < r[1]; i++) {
      const block = flat.blocks[i]!;
      if (hints && insideRoot(block.chrome, root)) continue;
      if (boxes?.[i]) continue;
      if (block.kind === 'text') {
        if (block.chars === 0) continue;
        if (block.linkChars / block.chars > 0.5) continue;
        if (isToolText(block.text)) continue;
      }
      out.push({ index: i, block });
    }
  }
  return out;
}

/** A caption printed twice, the second glued to the first (`Toàn cảnh Hội nghịToàn cảnh Hội nghị`). */
export function undouble(text: string): string {
  const t = text.trim();
  const half = t.length / 2;
  if (Number.isInteger(half)) {
    const a = t.slice(0, half);
    if (a === t.slice(half) && a.trim()) return a.trim();
  }
  const spaced = /^(.+?)\s+\1$/su.exec(t);
  return spaced ? spaced[1]!.trim() : t;
}

export function asText(block: Block): TextBlock | null {
  return block.kind === 'text' ? block : null;
}

export function lineOf(block: TextBlock): string {
  return normalizeLine(block.text);
}
