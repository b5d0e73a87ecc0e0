import type { AnyNode, Element } from 'domhandler';
import { isTag, isText } from 'domhandler';
import { normalizeParagraph } from '../text/normalize.js';

/**
 * The page flattened into what a reader sees, in document order: runs of inline text grouped by the block
 * element that holds them, and images. Class names play no part; style cues (centred, italic, bold) do,
 * because that is how the portals' editors mark captions and author lines.
 */
export interface TextItem {
  kind: 'text';
  /** The block element whose inline content this is. */
  el: Element;
  text: string;
  /** Every letter of the run is italic / bold (em, i, strong, b, or an inline style). */
  italic: boolean;
  bold: boolean;
}

export interface ImageItem {
  kind: 'image';
  el: Element;
}

export type Item = TextItem | ImageItem;

export interface FlatDocument {
  items: Item[];
  /** Pre-order position of every element, to compare places in the document. */
  order: Map<Element, number>;
}

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'div', 'dl',
  'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr',
  'html', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead',
  'tr', 'ul',
]);
const SKIP = new Set([
  'audio', 'button', 'canvas', 'embed', 'head', 'iframe', 'input', 'map', 'noscript', 'object', 'option', 'script',
  'select', 'style', 'svg', 'template', 'textarea', 'title', 'video',
]);
const ITALIC = new Set(['em', 'i', 'cite']);
const BOLD = new Set(['strong', 'b']);

function styleOf(el: Element): string {
  return (el.attribs['style'] ?? '').toLowerCase().replace(/\s+/g, '');
}

function hidden(el: Element): boolean {
  const style = styleOf(el);
  return style.includes('display:none') || style.includes('visibility:hidden') || 'hidden' in el.attribs;
}

interface Run {
  el: Element;
  parts: string[];
  italic: boolean;
  bold: boolean;
  /** Nothing but white space since the last <br>. */
  afterBreak: boolean;
}

export function flatten(root: AnyNode): FlatDocument {
  const items: Item[] = [];
  const order = new Map<Element, number>();
  let run: Run | null = null;

  const flush = () => {
    if (run) {
      const text = normalizeParagraph(run.parts.join(''));
      if (text) items.push({ kind: 'text', el: run.el, text, italic: run.italic, bold: run.bold });
    }
    run = null;
  };

  const walk = (node: AnyNode, block: Element, italic: boolean, bold: boolean): void => {
    if (isText(node)) {
      const data = node.data;
      if (!run) run = { el: block, parts: [], italic: true, bold: true, afterBreak: false };
      run.parts.push(data);
      if (/\S/.test(data.replace(/\u00a0/g, ' '))) {
        run.italic &&= italic;
        run.bold &&= bold;
        run.afterBreak = false;
      }
      return;
    }
    if (!isTag(node)) return;
    order.set(node, order.size);
    const name = node.name.toLowerCase();
    if (SKIP.has(name) || hidden(node)) return;
    if (name === 'br') {
      // Two line breaks in a row are how some editors separate paragraphs that have no <p> of their own.
      if (run?.afterBreak) flush();
      else if (run) {
        run.parts.push('\n');
        run.afterBreak = true;
      }
      return;
    }
    if (name === 'img') {
      flush();
      items.push({ kind: 'image', el: node });
      return;
    }
    const style = styleOf(node);
    const isItalic = italic || ITALIC.has(name) || style.includes('font-style:italic');
    const isBold = bold || BOLD.has(name) || /font-weight:(bold|[6-9]00)/.test(style);
    if (BLOCK.has(name)) {
      flush();
      for (const child of node.children) walk(child, node, isItalic, isBold);
      flush();
    } else {
      for (const child of node.children) walk(child, block, isItalic, isBold);
    }
  };

  if (isTag(root)) walk(root, root, false, false);
  else for (const child of (root as { children?: AnyNode[] }).children ?? []) walk(child, child as Element, false, false);
  flush();
  return { items, order };
}

/** Text alignment that applies to an element: its own or its nearest aligned ancestor's, a few levels up. */
export function alignment(el: Element, levels = 4): 'center' | 'right' | 'left' | 'justify' | null {
  let cur: Element | null = el;
  for (let i = 0; cur && i < levels; i++) {
    const match = /text-align:(center|right|left|justify)/.exec(styleOf(cur));
    if (match) return match[1] as 'center' | 'right' | 'left' | 'justify';
    const align = (cur.attribs['align'] ?? '').toLowerCase();
    if (align === 'center' || align === 'right') return align;
    if (cur.name === 'center') return 'center';
    cur = cur.parent && isTag(cur.parent) ? cur.parent : null;
  }
  return null;
}

/** Nearest ancestor (or the element itself) with one of the given tag names, stopping below `stop`. */
export function closest(el: Element, names: Set<string>, stop?: Element): Element | null {
  let cur: Element | null = el;
  while (cur && cur !== stop) {
    if (names.has(cur.name.toLowerCase())) return cur;
    cur = cur.parent && isTag(cur.parent) ? cur.parent : null;
  }
  return null;
}

export function contains(ancestor: Element, node: AnyNode): boolean {
  let cur: AnyNode | null = node;
  while (cur) {
    if (cur === ancestor) return true;
    cur = cur.parent;
  }
  return false;
}

export function ancestors(el: Element): Element[] {
  const out: Element[] = [];
  let cur = el.parent;
  while (cur && isTag(cur)) {
    out.push(cur);
    cur = cur.parent;
  }
  return out;
}

/** Lowest element containing both. */
export function commonAncestor(a: Element, b: Element): Element | null {
  const chain = new Set<Element>([a, ...ancestors(a)]);
  if (chain.has(b)) return b;
  for (const el of ancestors(b)) if (chain.has(el)) return el;
  return null;
}

/** The inline text of an element, normalised to one paragraph. */
export function textOf(node: AnyNode): string {
  const parts: string[] = [];
  const walk = (n: AnyNode) => {
    if (isText(n)) parts.push(n.data);
    else if (isTag(n)) {
      const name = n.name.toLowerCase();
      if (SKIP.has(name)) return;
      if (name === 'br') parts.push('\n');
      for (const c of n.children) walk(c);
      if (BLOCK.has(name)) parts.push('\n');
    }
  };
  walk(node);
  return normalizeParagraph(parts.join(''));
}
