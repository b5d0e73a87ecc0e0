import type { AnyNode, Document, Element } from 'domhandler';
import { isTag, isText } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { normalizeParagraph } from '../../text/normalize.js';

/**
 * DOM helpers for the generic extractor. Legacy portals nest tens of thousands of elements (unclosed tags in
 * table layouts), so every traversal here keeps its own stack: nothing recurses on the tree.
 */

/** htmlparser2 is several times faster than parse5 and tolerant enough for extraction (no tree repair needed). */
export function parseHtml(html: string): Document {
  return parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
}

/** Elements whose content is never text a reader sees. */
export const INVISIBLE = new Set([
  'audio', 'button', 'canvas', 'datalist', 'embed', 'head', 'iframe', 'input', 'map', 'meta', 'link', 'noscript',
  'object', 'option', 'script', 'select', 'style', 'svg', 'math', 'template', 'textarea', 'title', 'video', 'picture-source',
]);

export const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'div', 'dl',
  'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr',
  'html', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead',
  'tr', 'ul', 'menu', 'hgroup', 'legend', 'option', 'optgroup', 'search',
]);

export const HEADING = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

export function attr(el: Element, name: string): string {
  return el.attribs[name] ?? '';
}

export function styleOf(el: Element): string {
  return (el.attribs['style'] ?? '').toLowerCase().replace(/\s+/g, '');
}

/** Hidden by the page itself: such text is never shown to a reader (menus for mobile, templates, tracking). */
export function isHidden(el: Element): boolean {
  if ('hidden' in el.attribs) return true;
  const style = el.attribs['style'];
  if (style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
  return el.attribs['aria-hidden'] === 'true' && el.name !== 'img' && el.name !== 'figure';
}

export function parentElement(node: AnyNode): Element | null {
  const parent = node.parent;
  return parent && isTag(parent) ? parent : null;
}

export function ancestors(el: AnyNode): Element[] {
  const out: Element[] = [];
  for (let cur = parentElement(el); cur; cur = parentElement(cur)) out.push(cur);
  return out;
}

export function contains(ancestor: AnyNode, node: AnyNode): boolean {
  for (let cur: AnyNode | null = node; cur; cur = cur.parent) if (cur === ancestor) return true;
  return false;
}

/** Lowest element that contains both. */
export function commonAncestor(a: Element, b: Element): Element | null {
  const chain = new Set<AnyNode>([a, ...ancestors(a)]);
  for (let cur: Element | null = b; cur; cur = parentElement(cur)) if (chain.has(cur)) return cur;
  return null;
}

/** Nearest ancestor-or-self with one of the tag names, within `levels` steps. */
export function closest(el: Element, names: Set<string>, levels = Number.MAX_SAFE_INTEGER): Element | null {
  let cur: Element | null = el;
  for (let i = 0; cur && i <= levels; i++, cur = parentElement(cur)) if (names.has(cur.name)) return cur;
  return null;
}

/**
 * Pre-order walk without recursion. `enter` returns false to skip an element's subtree; `leave` runs after the
 * subtree of an element that was entered.
 */
export function walk(
  root: AnyNode,
  enter: (node: AnyNode) => boolean | void,
  leave?: (el: Element) => void,
): void {
  if (enter(root) === false) return;
  // Parallel stacks of nodes and the index of the next child to visit: no object per node.
  const nodes: AnyNode[] = [root];
  const next: number[] = [0];
  while (nodes.length > 0) {
    const top = nodes.length - 1;
    const node = nodes[top]!;
    const children = (node as { children?: AnyNode[] }).children;
    const i = next[top]!;
    if (children && i < children.length) {
      next[top] = i + 1;
      const child = children[i]!;
      if (enter(child) === false) continue;
      if ((child as { children?: AnyNode[] }).children) {
        nodes.push(child);
        next.push(0);
      } else if (leave && isTag(child)) leave(child);
      continue;
    }
    nodes.pop();
    next.pop();
    if (leave && isTag(node)) leave(node);
  }
}

/** Every element under `root` (itself included) with one of the tag names, in document order. */
export function findAll(root: AnyNode, names: Set<string>): Element[] {
  const out: Element[] = [];
  walk(root, (node) => {
    if (isTag(node) && names.has(node.name)) out.push(node);
  });
  return out;
}

/** The visible text of a subtree, block elements and `<br>` as line breaks, normalised as a paragraph. */
export function textOf(root: AnyNode): string {
  const parts: string[] = [];
  walk(
    root,
    (node) => {
      if (isText(node)) parts.push(node.data);
      else if (isTag(node)) {
        if (node !== root && (INVISIBLE.has(node.name) || isHidden(node))) return false;
        if (node.name === 'br') parts.push('\n');
      }
      return true;
    },
    (el) => {
      if (BLOCK.has(el.name)) parts.push('\n');
    },
  );
  return normalizeParagraph(parts.join(''));
}

export function absoluteUrl(href: string, base: string): string | null {
  const value = href.trim();
  if (!value || /^(javascript|mailto|tel|data):/i.test(value)) return null;
  try {
    const out = new URL(value, base);
    return out.protocol === 'http:' || out.protocol === 'https:' ? out.href : null;
  } catch {
    return null;
  }
}
