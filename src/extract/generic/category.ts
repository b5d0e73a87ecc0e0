import type { Element } from 'domhandler';
import { isTag, isText } from 'domhandler';
import { normalizeLine } from '../../text/normalize.js';
import type { Flat } from './blocks.js';
import { parentElement, textOf, walk } from './dom.js';
import { type PageMeta, metaValue } from './meta.js';
import { fold } from './title.js';

/**
 * The category: the last item of the page's breadcrumb that is not the article itself. The breadcrumb is the
 * JSON-LD BreadcrumbList, an element that calls itself one (class/id/aria-label `breadcrumb`, schema.org
 * BreadcrumbList), or a short trail of links starting with `Trang chủ` / `Home` before the title. A site menu also
 * starts with `Trang chủ`: it is told apart by its size and its lack of separators.
 */
const HOME = new Set(['trang chủ', 'trang chính', 'home', 'homepage', 'startseite', 'accueil', 'inicio'].map(fold));
const HOME_START = /^\s*(?:trang chủ|trang chính|home|homepage|startseite|accueil|inicio)/iu;
const SEPARATORS = /\s*(?:»|›|>|→|\/|\||::|»)\s*/;

function trail(container: Element): { items: string[]; separated: boolean; links: number } {
  const items: string[] = [];
  let separated = false;
  let links = 0;
  walk(container, (node) => {
    if (isText(node)) {
      const raw = normalizeLine(node.data);
      if (SEPARATORS.test(raw)) separated = true;
      for (const part of raw.split(SEPARATORS)) if (part.trim()) items.push(part.trim());
      return false;
    }
    if (!isTag(node)) return false;
    if (node.name === 'script' || node.name === 'style') return false;
    if (node.name === 'a') {
      links++;
      const text = normalizeLine(textOf(node));
      if (text && !SEPARATORS.test(text)) items.push(text);
      else if (text) separated = true;
      return false;
    }
    if (/(^|[\s_-])(sep|separator|divider)/i.test(node.attribs['class'] ?? '')) {
      separated = true;
      return false;
    }
    return true;
  });
  return { items, separated, links };
}

function pick(items: string[], title: string): string | null {
  const t = fold(title);
  const list = items.filter((i) => !HOME.has(fold(i)));
  let last = list.at(-1);
  // The trail may end with the article itself, in full or cut short.
  const key = last ? fold(last) : '';
  if (last && (key === t || (key.length >= t.length / 2 && t.startsWith(key)))) last = list.at(-2);
  return last ? normalizeLine(last) || null : null;
}

function fromLd(meta: PageMeta, title: string): string | null {
  for (const obj of meta.ld) {
    const type = obj['@type'];
    if (type !== 'BreadcrumbList' && !(Array.isArray(type) && type.includes('BreadcrumbList'))) continue;
    const list = obj['itemListElement'];
    if (!Array.isArray(list)) continue;
    const items = list
      .filter((x): x is Record<string, unknown> => !!x && typeof x === 'object')
      .map((x) => {
        const item = x['item'];
        const name = x['name'] ?? (item && typeof item === 'object' ? (item as Record<string, unknown>)['name'] : undefined);
        return { pos: Number(x['position'] ?? 0), name: typeof name === 'string' ? name : '' };
      })
      .filter((x) => x.name)
      .sort((a, b) => a.pos - b.pos)
      .map((x) => x.name);
    const category = pick(items, title);
    if (category) return category;
  }
  return null;
}

const MARKED = /breadcrumb|duong-?dan|path-?way|navigation-?path/i;

function isMarked(el: Element): boolean {
  const words = `${el.attribs['class'] ?? ''} ${el.attribs['id'] ?? ''} ${el.attribs['aria-label'] ?? ''}`;
  return MARKED.test(words) || /BreadcrumbList/.test(el.attribs['itemtype'] ?? '');
}

export function findCategory(flat: Flat, meta: PageMeta, title: string, titleIndex: number): string | null {
  const ld = fromLd(meta, title);
  if (ld) return ld;
  const trail = fromTrail(flat, title, titleIndex);
  if (trail) return trail;
  // The page's own section: OpenGraph's `article:section`, or a `rel="category tag"` link by the title.
  const section = metaValue(meta, 'article:section');
  if (section) return normalizeLine(section);
  return categoryLink(flat, titleIndex);
}

function categoryLink(flat: Flat, titleIndex: number): string | null {
  if (titleIndex < 0) return null;
  for (let i = titleIndex; i < Math.min(flat.blocks.length, titleIndex + 4); i++) {
    const block = flat.blocks[i]!;
    let found: string | null = null;
    walk(block.el, (node) => {
      if (found !== null || !isTag(node)) return found === null;
      if (node.name === 'a' && /(?:^|\s)category(?:\s|$)/i.test(node.attribs['rel'] ?? '')) found = normalizeLine(textOf(node)) || null;
      return found === null;
    });
    if (found) return found;
  }
  return null;
}

function fromTrail(flat: Flat, title: string, titleIndex: number): string | null {
  const limit = titleIndex >= 0 ? titleIndex + 1 : flat.blocks.length;
  // Elements that call themselves a breadcrumb, or a trail that starts with the home link, before the title.
  let marked: Element | null = null;
  let home: Element | null = null;
  for (let i = 0; i < limit; i++) {
    const block = flat.blocks[i]!;
    // A breadcrumb is links, and short.
    if (block.kind !== 'text' || block.linkChars === 0 || block.text.length > 300) continue;
    for (let el: Element | null = block.el, level = 0; el && level < 4; level++, el = parentElement(el)) {
      if (isMarked(el)) {
        marked = el;
        break;
      }
    }
    if (HOME_START.test(block.text) && HOME.has(fold(block.text.split(/\n|»|›|>|\||\/|::/)[0] ?? ''))) home = block.el;
  }
  if (marked) {
    const { items } = trail(marked);
    const category = pick(items, title);
    if (category) return category;
  }
  if (!home) return null;
  let container: Element | null = home;
  for (let level = 0; container && level < 4; level++) {
    const text = textOf(container);
    if (text.length > 300) return null;
    const { items, separated, links } = trail(container);
    const listItems = container.children.filter((c) => isTag(c) && c.name === 'li').length;
    // Unmarked, a trail must show its separators: a short menu is a list of links too.
    if (items.length >= 2 && separated && links <= 6 && listItems <= 6) return pick(items, title);
    container = parentElement(container);
  }
  return null;
}
