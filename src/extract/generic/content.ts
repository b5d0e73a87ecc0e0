import type { Element } from 'domhandler';
import { isTag } from 'domhandler';
import { type Flat, type TextBlock, textStats } from './blocks.js';
import { parentElement } from './dom.js';
import { classWeight, isArticleMarked } from './hints.js';

/**
 * Finds the element that holds the article by text density, as Readability does: every paragraph of real prose
 * (25 letters or more, mostly not link text, outside page furniture) scores its container and, less and less, the
 * containers around it; a container's score is then discounted by its own link density. The best container may
 * grow to its parent when the parent scores nearly as well (the article was split in several boxes) and takes in
 * siblings that score well or read as prose.
 */
export interface ContentChoice {
  /** The elements that hold the article, in document order (the best container and the siblings it took in). */
  roots: Element[];
  top: Element;
  score: number;
  /** Whether furniture hints were used (they are dropped when they leave nothing to read). */
  hints: boolean;
}

/** Elements that are one paragraph: their score goes to the container around them. */
const PARAGRAPH = new Set([
  'p', 'pre', 'li', 'dd', 'dt', 'blockquote', 'figcaption', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'address', 'th',
  'caption', 'summary', 'legend',
]);
const TAG_BASE: Record<string, number> = {
  div: 5, article: 10, main: 5, section: 3, pre: 3, td: 3, blockquote: 3, form: -3, ol: -3, ul: -3, dl: -3, dd: -3,
  dt: -3, li: -3, address: -3, th: -5, h1: -5, h2: -5, h3: -5, h4: -5, h5: -5, h6: -5, nav: -20, aside: -20, footer: -20,
};
const COMMAS = /[,،、，]/g;

function countCommas(text: string): number {
  return text.match(COMMAS)?.length ?? 0;
}

/** The block's element holds only this one run of text (a `<div>` used as a paragraph). */
function isParagraph(flat: Flat, block: TextBlock, index: number): boolean {
  if (PARAGRAPH.has(block.el.name)) return true;
  const r = flat.range.get(block.el);
  return r !== undefined && r[0] === index && r[1] === index + 1;
}

export interface Scores {
  score: Map<Element, number>;
}

function scoreContainers(flat: Flat, hints: boolean): Map<Element, number> {
  const raw = new Map<Element, number>();
  const { blocks } = flat;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (block.kind !== 'text' || block.heading || block.chars < 25) continue;
    if (hints && block.chrome) continue;
    const density = block.linkChars / block.chars;
    if (density > 0.5) continue;
    const weight = (1 + countCommas(block.text) + Math.min(Math.floor(block.chars / 100), 3)) * (1 - density);
    let el: Element | null = isParagraph(flat, block, i) ? parentElement(block.el) : block.el;
    for (let level = 0; el && level < 5; level++, el = parentElement(el)) {
      if (el.name === 'html') break;
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      if (!raw.has(el)) raw.set(el, initialScore(el, hints));
      raw.set(el, raw.get(el)! + weight / divider);
    }
  }
  const final = new Map<Element, number>();
  for (const [el, value] of raw) {
    const { chars, linkChars } = textStats(flat, el);
    final.set(el, value * (1 - (chars > 0 ? linkChars / chars : 0)));
  }
  return final;
}

function initialScore(el: Element, hints: boolean): number {
  let score = TAG_BASE[el.name] ?? 0;
  if (hints) score += classWeight(el);
  if (isArticleMarked(el)) score += 10;
  return score;
}

function elementChildren(el: Element): Element[] {
  return el.children.filter(isTag);
}

function linkDensity(flat: Flat, el: Element): number {
  const { chars, linkChars } = textStats(flat, el);
  return chars > 0 ? linkChars / chars : 0;
}

function chooseTop(flat: Flat, scores: Map<Element, number>): Element | null {
  const ranked = [...scores].sort((a, b) => b[1] - a[1]);
  const first = ranked[0];
  if (!first) return null;
  let [top, topScore] = first;
  // Climbing stops below the page itself; a whole document pasted into an article is just a box.
  const page = (el: Element) => el === flat.body || el.name === 'html' && el.parent?.type === 'root';
  // Several near-best candidates under one ancestor: the article was split into boxes; take the ancestor.
  const alternatives = ranked.slice(1, 6).filter(([, s]) => s / topScore >= 0.75).map(([el]) => el);
  if (alternatives.length >= 3) {
    // How many alternatives each ancestor holds: one pass up from each (pages nest 100,000 elements deep).
    const holding = new Map<Element, number>();
    for (const alt of alternatives) {
      for (let a = parentElement(alt); a; a = parentElement(a)) holding.set(a, (holding.get(a) ?? 0) + 1);
    }
    for (let parent = parentElement(top); parent && !page(parent); parent = parentElement(parent)) {
      if ((holding.get(parent) ?? 0) >= 3) {
        top = parent;
        break;
      }
    }
  }
  if (!scores.has(top)) scores.set(top, topScore);

  // A parent that scores better than its best child holds more of the article.
  let last = scores.get(top)!;
  const threshold = last / 3;
  for (let parent = parentElement(top); parent && !page(parent); parent = parentElement(parent)) {
    const score = scores.get(parent);
    if (score === undefined) continue;
    if (score < threshold) break;
    if (score > last) {
      top = parent;
      break;
    }
    last = score;
  }
  // A box that is its parent's only child stands for the parent.
  for (let parent = parentElement(top); parent && !page(parent); parent = parentElement(parent)) {
    if (elementChildren(parent).length !== 1) break;
    top = parent;
    if (!scores.has(top)) scores.set(top, last);
  }
  return top;
}

/** Letters in paragraphs of prose (80 letters or more, few of them links) outside furniture. */
function proseLetters(flat: Flat, r: [number, number], hints: boolean): number {
  let n = 0;
  for (let i = r[0]; i < r[1]; i++) {
    const b = flat.blocks[i]!;
    if (b.kind === 'text' && b.chars >= 80 && b.linkChars < b.chars * 0.2 && !(hints && b.chrome)) n += b.chars;
  }
  return n;
}

const SENTENCE = /[.!?。…]["”’)]?(\s|$)/;

function siblings(flat: Flat, top: Element, scores: Map<Element, number>, hints: boolean): Element[] {
  const parent = parentElement(top);
  if (!parent) return [top];
  const topScore = scores.get(top) ?? 0;
  const threshold = Math.max(10, topScore * 0.2);
  const topClass = top.attribs['class'] ?? '';
  const out: Element[] = [];
  for (const sib of elementChildren(parent)) {
    if (sib === top) {
      out.push(sib);
      continue;
    }
    const r = flat.range.get(sib);
    if (!r || r[0] === r[1]) continue;
    if (hints && flat.blocks.slice(r[0], r[1]).every((b) => b.chrome)) continue;
    const bonus = topClass && sib.attribs['class'] === topClass ? topScore * 0.2 : 0;
    if ((scores.get(sib) ?? 0) + bonus >= threshold) {
      out.push(sib);
      continue;
    }
    // A sibling box of plain prose continues the article (templates that cut the text into components).
    if (linkDensity(flat, sib) < 0.3 && proseLetters(flat, r, hints) >= 150) {
      out.push(sib);
      continue;
    }
    if (sib.name === 'p' || (r[1] - r[0] === 1 && flat.blocks[r[0]]!.kind === 'text')) {
      const { chars } = textStats(flat, sib);
      const density = linkDensity(flat, sib);
      const block = flat.blocks[r[0]]!;
      const text = block.kind === 'text' ? block.text : '';
      if ((chars > 80 && density < 0.25) || (chars > 0 && chars <= 80 && density === 0 && SENTENCE.test(text))) {
        out.push(sib);
      }
    }
  }
  return out;
}

export function findContent(flat: Flat): ContentChoice | null {
  for (const hints of [true, false]) {
    const scores = scoreContainers(flat, hints);
    const top = chooseTop(flat, scores);
    if (!top) continue;
    const roots = siblings(flat, top, scores, hints);
    return { roots, top, score: scores.get(top) ?? 0, hints };
  }
  return null;
}
