import type { Element } from 'domhandler';
import type { PortalProfile } from '../profiles/profile.js';
import { canonicalArticleUrl } from '../profiles/urls.js';
import type { Item, PageQuery, TextItem } from './dom.js';
import { afterLabel } from './labels.js';
import type { RelatedLink } from './record.js';
import { anchors, isPagerText } from './links.js';

/**
 * Links of the related-news block (`Các tin khác`): article links after the label, up to the block's pager. The
 * pager's links point at the current article with another page parameter, so they are told apart by their text
 * and their target. Families that print several such blocks (`Những tin mới hơn`, `Những tin cũ hơn`) give all of
 * them, in page order.
 */
export function relatedLinks(
  $: PageQuery,
  first: TextItem | null,
  items: Item[],
  order: Map<Element, number>,
  self: string,
  base: string,
  profile: PortalProfile,
): RelatedLink[] {
  if (!first) return [];
  if (!profile.content.dedupe) return blockLinks($, first.el, order, self, base, profile, new Set([self]));
  const seen = new Set<string>([self]);
  const out: RelatedLink[] = [];
  const start = items.indexOf(first);
  let blocks = 0;
  for (let i = start; i < items.length && blocks < 4; i++) {
    const item = items[i]!;
    // Further blocks are headed by the label alone (`Những tin cũ hơn` after `Những tin mới hơn`).
    if (item !== first && (item.kind !== 'text' || afterLabel(item.text, profile.labels.related)?.trim().replace(/^:\s*/, '') !== '')) continue;
    if (item.kind !== 'text') continue;
    blocks++;
    out.push(...blockLinks($, item.el, order, self, base, profile, seen));
  }
  return out;
}

function blockLinks(
  $: PageQuery,
  label: Element,
  order: Map<Element, number>,
  self: string,
  base: string,
  profile: PortalProfile,
  seen: Set<string>,
): RelatedLink[] {
  const start = order.get(label) ?? 0;
  let box: Element | null = label;
  let found: RelatedLink[] = [];
  while (box) {
    // The block is the smallest box with article links after the label, whether or not an earlier block gave them.
    found = collect(anchors(box).filter((a) => (order.get(a.el) ?? 0) > start), base, profile, new Set([self]));
    if (found.length > 0 || box.name === 'body') break;
    box = box.parent && box.parent.type === 'tag' ? (box.parent as Element) : null;
  }
  const fresh = found.filter((link) => !seen.has(link.url));
  for (const link of fresh) seen.add(link.url);
  return fresh;
}

function collect(list: ReturnType<typeof anchors>, base: string, profile: PortalProfile, seen: Set<string>): RelatedLink[] {
  const out: RelatedLink[] = [];
  for (const anchor of list) {
    if (isPagerText(anchor.text, profile)) {
      if (out.length > 0) break;
      continue;
    }
    const url = canonicalArticleUrl(anchor.href, base, profile);
    if (!url || seen.has(url) || !anchor.text) continue;
    seen.add(url);
    out.push({ title: anchor.text, url });
  }
  return out;
}
