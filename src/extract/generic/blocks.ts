import type { AnyNode, Element } from 'domhandler';
import { isTag, isText } from 'domhandler';
import { isDecoration } from '../images.js';
import { BLOCK, HEADING, INVISIBLE, isHidden, styleOf } from './dom.js';
import { CHROME_TAGS, type Chrome, chromeKind, isArticleMarked } from './hints.js';

/**
 * The page flattened into what a reader sees, in document order: runs of inline text grouped by the block element
 * that holds them, and images. Every block knows how much of its text is link text and the innermost furniture
 * element (nav, aside, comment box...) around it; every block-level element knows the range of blocks it holds,
 * so the text and link text of any subtree are two subtractions of prefix sums.
 */
export interface TextBlock {
  kind: 'text';
  /** The block element whose inline content this is. */
  el: Element;
  text: string;
  /** Letters and digits in the text, and how many of them are inside `<a href>`. */
  chars: number;
  linkChars: number;
  italic: boolean;
  bold: boolean;
  /** Inside h1–h6. */
  heading: number;
  /** The innermost furniture element around the block, or null. */
  chrome: Element | null;
  /** Inside `<pre>`: line breaks kept. */
  pre: boolean;
}

export interface ImageBlock {
  kind: 'image';
  el: Element;
  chrome: Element | null;
}

export type Block = TextBlock | ImageBlock;

export interface Flat {
  blocks: Block[];
  /** `[first, end)` block indexes of each block-level element. */
  range: Map<Element, [number, number]>;
  /** Prefix sums over blocks: chars[i] = letters in blocks before i. */
  chars: number[];
  linkChars: number[];
  /** The outermost <body> (a document pasted into an article brings its own). */
  body: Element | null;
  /** Elements of metadata met on the way (JSON-LD scripts, `<meta>`, `<time>`, `itemprop`), for readMeta. */
  metaElements: Element[];
}

interface Context {
  italic: boolean;
  bold: boolean;
  link: boolean;
  heading: number;
  pre: boolean;
  chrome: Element | null;
  article: boolean;
  block: Element;
}

/** Elements that templates use as boxes, whose class words may say what the box is. */
const BOXES = new Set([
  'div', 'section', 'aside', 'nav', 'ul', 'ol', 'table', 'header', 'footer', 'form', 'article', 'main', 'menu', 'dl',
  'center', 'details', 'fieldset', 'figure', 'td',
]);
const ITALIC = new Set(['em', 'i', 'cite']);
const BOLD = new Set(['strong', 'b']);
/**
 * Letters and digits, counted fast: ASCII letters and digits, and every non-ASCII character that is not a space or
 * common punctuation (Vietnamese, Cyrillic, CJK... are letters; a regex with \p{L} costs a tenth of a parse).
 */
export function letters(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if ((c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122)) n++;
    } else if (c !== 0xa0 && !(c >= 0x2000 && c <= 0x206f) && c !== 0x3000 && c !== 0xfeff && c !== 0xab && c !== 0xbb) n++;
  }
  return n;
}

interface Run {
  el: Element;
  text: string;
  letters: number;
  linkChars: number;
  italic: boolean;
  bold: boolean;
  heading: number;
  chrome: Element | null;
  pre: boolean;
  afterBreak: boolean;
}

const COMBINING = /[\u0300-\u036f]/;
const WHITESPACE_ONLY = /^\s*$/;
const SPACES = /\s+/g;
/** A line break from `<br>` (or a newline in `<pre>`), apart from the source's own newlines, which are spaces. */
const BR = '\ue000';

/**
 * Whitespace folded, lines trimmed, decomposed text composed: enough to compare and measure blocks. The full
 * normalisation (look-alike letters, invisible characters) is applied to the fields of the record only.
 */
function quickParagraph(raw: string): string {
  let text = COMBINING.test(raw) ? raw.normalize('NFC') : raw;
  text = text.replace(SPACES, ' ');
  if (!text.includes(BR)) return text.trim();
  return text
    .split(BR)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .join('\n');
}

const ROOT_CONTEXT: Context = {
  italic: false, bold: false, link: false, heading: 0, pre: false, chrome: null, article: false, block: null as unknown as Element,
};

/** Flattens the document in one pass with an explicit stack (no recursion: legacy pages nest 20,000+ elements). */
export function flatten(root: AnyNode): Flat {
  const blocks: Block[] = [];
  const range = new Map<Element, [number, number]>();
  /** Soft furniture elements and the furniture element around each, to withdraw soft hints from prose boxes. */
  const soft: Element[] = [];
  const outer = new Map<Element, Element | null>();
  let body: Element | null = null;
  const metaElements: Element[] = [];
  let run: Run | null = null;

  const flush = () => {
    if (run) {
      const text = quickParagraph(run.text);
      if (text) {
        blocks.push({
          kind: 'text',
          el: run.el,
          text,
          chars: run.letters,
          linkChars: Math.min(run.linkChars, run.letters),
          italic: run.italic,
          bold: run.bold,
          heading: run.heading,
          chrome: run.chrome,
          pre: run.pre,
        });
      }
    }
    run = null;
  };

  const chromeOf = (el: Element, insideArticle: boolean): Chrome | null => chromeKind(el, insideArticle);

  // Parallel stacks: the node, the next child to visit, and the context its children inherit.
  const nodes: AnyNode[] = [root];
  const next: number[] = [0];
  const contexts: Context[] = [ROOT_CONTEXT];
  while (nodes.length > 0) {
    const top = nodes.length - 1;
    const node = nodes[top]!;
    const children = (node as { children?: AnyNode[] }).children;
    const i = next[top]!;
    if (children && i < children.length) {
      next[top] = i + 1;
      const child = children[i]!;
      const ctx = contexts[top]!;
      if (isText(child)) {
        if (ctx === ROOT_CONTEXT) continue;
        const raw = child.data;
        const n = letters(raw);
        // Whitespace between tags: a space inside a run, nothing otherwise (most text nodes of a page are these).
        if (n === 0 && !ctx.pre && WHITESPACE_ONLY.test(raw)) {
          if (run) run.text += ' ';
          continue;
        }
        const data = ctx.pre ? raw.replace(/\r?\n/g, BR) : raw;
        if (!run) {
          run = {
            el: ctx.block, text: '', letters: 0, linkChars: 0, italic: true, bold: true, heading: ctx.heading,
            chrome: ctx.chrome, pre: ctx.pre, afterBreak: false,
          };
        }
        run.text += data;
        if (n > 0) {
          run.letters += n;
          run.italic &&= ctx.italic;
          run.bold &&= ctx.bold;
          run.afterBreak = false;
          if (ctx.link) run.linkChars += n;
        }
        continue;
      }
      if (!isTag(child)) continue;
      const name = child.name;
      if (name === 'script' || name === 'meta' || name === 'time' || name === 'title' || child.attribs['itemprop'] !== undefined) {
        metaElements.push(child);
      }
      if (INVISIBLE.has(name) || isHidden(child)) continue;
      if (name === 'br') {
        // Two line breaks in a row separate paragraphs that have no <p> of their own.
        if (run?.afterBreak) flush();
        else if (run) {
          run.text += BR;
          run.afterBreak = true;
        }
        continue;
      }
      if (name === 'img') {
        if (!isDecoration(child)) {
          flush();
          blocks.push({ kind: 'image', el: child, chrome: ctx.chrome });
        }
        continue;
      }
      if (name === 'body') body ??= child;
      const block = BLOCK.has(name);
      const attribs = child.attribs;
      const style = attribs['style'] ? styleOf(child) : '';
      const hasWords = attribs['class'] !== undefined || attribs['id'] !== undefined || attribs['role'] !== undefined;
      // Furniture is a box: paragraphs, list items and inline elements inherit what their box is.
      const kind = (hasWords && BOXES.has(name)) || CHROME_TAGS.has(name) ? chromeOf(child, ctx.article) : null;
      const chrome = kind ? child : ctx.chrome;
      if (kind) {
        outer.set(child, ctx.chrome);
        if (kind === 'soft') soft.push(child);
      }
      const childCtx: Context =
        !block && !style && !hasWords && !ITALIC.has(name) && !BOLD.has(name) && name !== 'a' && !HEADING.has(name) && name !== 'pre'
          ? ctx
          : {
              italic: ctx.italic || ITALIC.has(name) || style.includes('font-style:italic'),
              bold: ctx.bold || BOLD.has(name) || (style !== '' && /font-weight:(bold|[6-9]00)/.test(style)),
              link: ctx.link || (name === 'a' && attribs['href'] !== undefined),
              heading: HEADING.has(name) ? Number(name[1]) : ctx.heading,
              pre: ctx.pre || name === 'pre',
              chrome,
              article: ctx.article || isArticleMarked(child),
              block: block ? child : ctx.block === ROOT_CONTEXT.block ? child : ctx.block,
            };
      if (block) {
        flush();
        range.set(child, [blocks.length, blocks.length]);
      }
      nodes.push(child);
      next.push(0);
      contexts.push(childCtx === ROOT_CONTEXT ? { ...ROOT_CONTEXT, block: child } : childCtx);
      continue;
    }
    nodes.pop();
    next.pop();
    contexts.pop();
    if (isTag(node) && BLOCK.has(node.name)) {
      flush();
      const r = range.get(node);
      if (r) r[1] = blocks.length;
    }
  }
  flush();

  const chars = [0];
  const linkChars = [0];
  for (const b of blocks) {
    chars.push(chars[chars.length - 1]! + (b.kind === 'text' ? b.chars : 0));
    linkChars.push(linkChars[linkChars.length - 1]! + (b.kind === 'text' ? b.linkChars : 0));
  }
  const flat = { blocks, range, chars, linkChars, body, metaElements };
  withdrawSoftHints(flat, soft, outer);
  return flat;
}

/** Prose letters in a box that make a soft furniture hint on it wrong: a long run of text that is not links. */
const PROSE_LETTERS = 1000;

/**
 * A box named like furniture (`sidebar`, `advert`, `meta`) that holds a long run of prose is the article's own box
 * with an unlucky class: its blocks are given back the furniture around the box, if any.
 */
function withdrawSoftHints(flat: Flat, soft: Element[], outer: Map<Element, Element | null>): void {
  const withdrawn = new Set<Element>();
  for (const el of soft) {
    const r = flat.range.get(el);
    let prose = 0;
    if (r) {
      for (let i = r[0]; i < r[1]; i++) {
        const b = flat.blocks[i]!;
        if (b.kind === 'text' && b.chars >= 80 && b.linkChars < b.chars * 0.2) prose += b.chars;
      }
    }
    if (prose >= PROSE_LETTERS) withdrawn.add(el);
  }
  if (withdrawn.size === 0) return;
  const resolve = (el: Element | null): Element | null => {
    let cur = el;
    while (cur && withdrawn.has(cur)) cur = outer.get(cur) ?? null;
    return cur;
  };
  for (const b of flat.blocks) if (b.chrome && withdrawn.has(b.chrome)) b.chrome = resolve(b.chrome);
}

/** Letters and link letters in an element's subtree. */
export function textStats(flat: Flat, el: Element): { chars: number; linkChars: number } {
  const r = flat.range.get(el);
  if (!r) return { chars: 0, linkChars: 0 };
  return { chars: flat.chars[r[1]]! - flat.chars[r[0]]!, linkChars: flat.linkChars[r[1]]! - flat.linkChars[r[0]]! };
}
