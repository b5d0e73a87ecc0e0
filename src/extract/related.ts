import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import type { PortalProfile } from '../profiles/profile.js';
import { canonicalArticleUrl } from '../profiles/urls.js';
import type { RelatedLink } from './record.js';
import { anchors, isPagerText } from './links.js';

/**
 * Links of the `Các tin khác` block: article links after the label, up to the block's pager. The pager's links
 * point at the current article with another PageIndex, so they are told apart by their text and their target.
 */
export function relatedLinks(
  $: CheerioAPI,
  label: Element,
  order: Map<Element, number>,
  self: string,
  base: string,
  profile: PortalProfile,
): RelatedLink[] {
  const start = order.get(label) ?? 0;
  let box: Element | null = label;
  let found: RelatedLink[] = [];
  while (box) {
    found = collect(anchors($, box).filter((a) => (order.get(a.el) ?? 0) > start), self, base, profile);
    if (found.length > 0 || box.name === 'body') break;
    box = box.parent && box.parent.type === 'tag' ? (box.parent as Element) : null;
  }
  return found;
}

function collect(
  list: ReturnType<typeof anchors>,
  self: string,
  base: string,
  profile: PortalProfile,
): RelatedLink[] {
  const out: RelatedLink[] = [];
  const seen = new Set<string>([self]);
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
