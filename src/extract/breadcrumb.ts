import type { AnyNode, Document, Element } from 'domhandler';
import { isTag, isText } from 'domhandler';
import type { PortalProfile } from '../profiles/profile.js';
import { normalizeLine } from '../text/normalize.js';
import { isLabelOnly } from './labels.js';
import { descendants, textOf } from './dom.js';

const SEPARATORS = /\s*(?:»|›|>|→|\/|\||::)\s*/;

/** Trail items of a breadcrumb container: link texts and the plain text between separators. */
function trailItems(container: Element): { items: string[]; separated: boolean } {
  const items: string[] = [];
  let separated = false;
  // Iterative, children pushed in reverse so they are read in document order.
  const stack: AnyNode[] = [container];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isText(node)) {
      const raw = normalizeLine(node.data);
      if (SEPARATORS.test(raw)) separated = true;
      for (const part of raw.split(SEPARATORS)) if (part.trim()) items.push(part.trim());
      continue;
    }
    if (!isTag(node)) continue;
    // A span that wraps more of the trail (Yoast nests each level in the previous one's span) is walked into.
    const wraps = node.name !== 'a' && node.children.some((c) => isTag(c) && (c.name === 'a' || c.name === 'span'));
    if (!wraps && (node.name === 'a' || node.name === 'span' || node.name === 'strong' || node.name === 'b')) {
      const text = normalizeLine(textOf(node));
      if (text && !SEPARATORS.test(text)) items.push(text);
      else if (text) separated = true;
      continue;
    }
    if (/(^|\s)(sep|separator|divider)/i.test(node.attribs['class'] ?? '')) {
      separated = true;
      continue;
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return { items, separated };
}

/** A list item stands between the element and `root` (both excluded): a nested list. */
function underListItem(el: Element, root: Element): boolean {
  for (let cur = el.parent; cur && cur !== root; cur = cur.parent) {
    if (isTag(cur) && cur.name === 'li') return true;
  }
  return false;
}

/**
 * The category from the breadcrumb: the trail that starts with `Trang chủ` nearest before the title. A site menu
 * also starts with `Trang chủ`; it is told apart by its size, its nested lists and its lack of separators.
 */
export function breadcrumbCategory(
  document: Document,
  before: Element,
  order: Map<Element, number>,
  title: string,
  profile: PortalProfile,
): string | null {
  const limit = order.get(before) ?? Number.MAX_SAFE_INTEGER;
  // The last link before the title that reads `Trang chủ`: texts are read from the title backwards, only until found.
  const links = descendants(document, (el) => el.name === 'a' && el.attribs['href'] !== undefined && (order.get(el) ?? Number.MAX_SAFE_INTEGER) < limit);
  let home: Element | undefined;
  for (let i = links.length - 1; i >= 0 && !home; i--) {
    if (isLabelOnly(normalizeLine(textOf(links[i]!)), profile.labels.home)) home = links[i];
  }
  if (!home) return null;
  let container: Element | null = home;
  for (let level = 0; container && level < 4; level++) {
    const parent: Element | null = container.parent && isTag(container.parent) ? container.parent : null;
    if (!parent) break;
    container = parent;
    const text = textOf(container);
    if (text.length > 300) return null;
    const { items, separated } = trailItems(container);
    if (items.length < 2) continue;
    // What `$(container).find('a[href]')`, `.find('li ul, li ol')` and `.children('li')` count, without compiling
    // three selectors on every page.
    const box = container;
    const links = descendants(box, (el) => el.name === 'a' && el.attribs['href'] !== undefined).length;
    const nested = descendants(box, (el) => (el.name === 'ul' || el.name === 'ol') && underListItem(el, box), true).length > 0;
    const listItems = box.children.filter((c) => isTag(c) && c.name === 'li').length;
    const trail = separated || (listItems > 0 && listItems <= 4);
    if (!trail || links > 6 || nested) return null;
    const last = items.at(-1)!;
    const category = last.toLowerCase() === title.toLowerCase() ? items.at(-2) : last;
    if (!category || isLabelOnly(category, profile.labels.home)) return null;
    return category;
  }
  return null;
}
