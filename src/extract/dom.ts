// cheerio/slim: the same cheerio without parse5 and undici (cheerio's `fromURL`), which extraction never uses and an
// extraction thread otherwise loaded at its start (327 files, 0.3-0.4 s; 180 files, 0.17-0.19 s without).
import { load } from 'cheerio/slim';
import type { BasicAcceptedElems, Cheerio, CheerioAPI, SelectorType } from 'cheerio';
import type { AnyNode, Document, Element } from 'domhandler';
import { isTag, isText } from 'domhandler';
import { parseDocument } from 'htmlparser2';
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
  const style = el.attribs['style'];
  return style ? style.toLowerCase().replace(/\s+/g, '') : '';
}

function hidden(el: Element, style: string): boolean {
  return style.includes('display:none') || style.includes('visibility:hidden') || 'hidden' in el.attribs;
}

/**
 * Parses a page into a DOM that cheerio can query. htmlparser2, not parse5: it is linear in the page whatever the
 * nesting (parse5's tree construction took 2.9 s on 20,000 unclosed `<div>`s and minutes on 200,000) and several
 * times faster on ordinary pages. It builds no implied `<tbody>` and does no foster parenting, which nothing here
 * relies on: extraction reads labels, text and document order.
 */
export function parseHtml(html: string): Document {
  return parseDocument(html, PARSE_OPTIONS);
}

const PARSE_OPTIONS = { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true } as const;

/** cheerio's `$` over one page: `$(selector)` searches the page, `$(node)` wraps a node of it. */
export type PageQuery = <T extends AnyNode, S extends string>(
  selector: S | BasicAcceptedElems<T>,
  context?: BasicAcceptedElems<AnyNode> | null,
) => Cheerio<S extends SelectorType ? Element : T>;

/** A parsed page: its document node, and cheerio over it. */
export interface LoadedPage {
  $: PageQuery;
  document: Document;
}

/** One cheerio per thread; each page is passed to it as the root to search. */
let shared: CheerioAPI | null = null;

/**
 * `parseHtml`, queryable with cheerio: the one way extractors get a page. Not `cheerio.load` per page: it defines a
 * class and a function carrying twenty-odd properties for every page, which cost more than parsing the page (on 300
 * generated portal pages: parse 0.25 ms, `load` 0.33 ms more, and the data each young-generation collection had to
 * copy six times larger); a whole article's extraction went from 1.6 to 1.3–1.5 ms.
 */
export function loadHtml(html: string): LoadedPage {
  const document = parseHtml(html);
  const api = (shared ??= load([]));
  // cheerio's own signature, with this page as the root it searches.
  const $ = ((selector: string | BasicAcceptedElems<AnyNode>, context?: BasicAcceptedElems<AnyNode> | null) =>
    api(selector, context, document)) as PageQuery;
  return { $, document };
}

interface Run {
  el: Element;
  parts: string[];
  italic: boolean;
  bold: boolean;
  /** Nothing but white space since the last <br>. */
  afterBreak: boolean;
}

const ITALIC_FLAG = 1;
const BOLD_FLAG = 2;
/** A stack entry that closes a block: what it held is one run. */
const FLUSH = 4;

/**
 * Flattens without recursion: an explicit stack (nodes, their block and their style flags in parallel arrays), so a
 * page of 200,000 nested elements costs memory in proportion, never the call stack.
 */
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

  const nodes: (AnyNode | null)[] = [];
  const blocks: Element[] = [];
  const flags: number[] = [];
  const pushChildren = (children: AnyNode[], block: Element | null, flag: number) => {
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i]!;
      nodes.push(child);
      // A top-level node of a document is its own block.
      blocks.push(block ?? (child as Element));
      flags.push(flag);
    }
  };

  if (isTag(root)) pushChildren([root], root, 0);
  else pushChildren((root as { children?: AnyNode[] }).children ?? [], null, 0);

  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const block = blocks.pop()!;
    const flag = flags.pop()!;
    if (flag & FLUSH) {
      flush();
      continue;
    }
    if (isText(node)) {
      const data = node.data;
      if (!run) run = { el: block, parts: [], italic: true, bold: true, afterBreak: false };
      run.parts.push(data);
      // JavaScript's \s includes the no-break space, which is white space here too.
      if (NON_SPACE.test(data)) {
        run.italic &&= (flag & ITALIC_FLAG) !== 0;
        run.bold &&= (flag & BOLD_FLAG) !== 0;
        run.afterBreak = false;
      }
      continue;
    }
    if (!isTag(node)) continue;
    order.set(node, order.size);
    const name = node.name.toLowerCase();
    if (SKIP.has(name)) continue;
    const style = styleOf(node);
    if (hidden(node, style)) continue;
    if (name === 'br') {
      // Two line breaks in a row are how some editors separate paragraphs that have no <p> of their own.
      if (run?.afterBreak) flush();
      else if (run) {
        run.parts.push('\n');
        run.afterBreak = true;
      }
      continue;
    }
    if (name === 'img') {
      flush();
      items.push({ kind: 'image', el: node });
      continue;
    }
    let childFlag = flag;
    if (ITALIC.has(name) || style.includes('font-style:italic')) childFlag |= ITALIC_FLAG;
    if (BOLD.has(name) || BOLD_STYLE.test(style)) childFlag |= BOLD_FLAG;
    if (BLOCK.has(name)) {
      flush();
      nodes.push(null);
      blocks.push(node);
      flags.push(FLUSH);
      pushChildren(node.children, node, childFlag);
    } else {
      pushChildren(node.children, block, childFlag);
    }
  }
  flush();
  return { items, order };
}

const NON_SPACE = /\S/;
const BOLD_STYLE = /font-weight:(bold|[6-9]00)/;

/**
 * The element descendants of `root` (not `root` itself) that pass `test`, in document order; iterative. What
 * `$(root).find(selector)` gives for a simple selector, without compiling one for every page.
 */
export function descendants(root: AnyNode, test: (el: Element) => boolean, first = false): Element[] {
  const out: Element[] = [];
  const stack: AnyNode[] = [];
  const children = (root as { children?: AnyNode[] }).children ?? [];
  for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isTag(node)) continue;
    if (test(node)) {
      out.push(node);
      if (first) break;
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return out;
}

/** The `href` of the page's first `<base href>`, if any. */
export function baseHref(document: Document): string | undefined {
  return descendants(document, (el) => el.name === 'base' && el.attribs['href'] !== undefined, true)[0]?.attribs['href'];
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

/** The inline text of an element, normalised to one paragraph. Iterative, like `flatten`. */
export function textOf(node: AnyNode): string {
  const parts: string[] = [];
  // A string on the stack is text to emit once the element's children are done (a block's line break).
  const stack: (AnyNode | string)[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (typeof n === 'string') parts.push(n);
    else if (isText(n)) parts.push(n.data);
    else if (isTag(n)) {
      const name = n.name.toLowerCase();
      if (SKIP.has(name)) continue;
      if (name === 'br') parts.push('\n');
      if (BLOCK.has(name)) stack.push('\n');
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    }
  }
  return normalizeParagraph(parts.join(''));
}
