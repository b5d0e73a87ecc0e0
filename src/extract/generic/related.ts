import type { Element } from 'domhandler';
import { isTag } from 'domhandler';
import { normalizeLine } from '../../text/normalize.js';
import type { RelatedLink } from '../record.js';
import type { Flat } from './blocks.js';
import { pageUrl } from './url.js';
import { absoluteUrl, parentElement, textOf, walk } from './dom.js';

/**
 * Related links: a heading or label that names a list of other articles (`Tin liên quan`, `Các tin khác`,
 * `Tin cùng chuyên mục`, `Bài viết khác`...) and the links that follow it in the nearest box around it. Pager links
 * of the block (`1`, `2`, `»`, `Tiếp`) are not articles.
 */
const LABELS = [
  'tin liên quan', 'các tin liên quan', 'bài viết liên quan', 'các bài viết liên quan', 'tin bài liên quan',
  'các tin khác', 'tin khác', 'tin cùng chuyên mục', 'các tin cùng chuyên mục', 'bài viết khác', 'các bài viết khác',
  'bài khác', 'tin bài khác', 'các tin đã đưa', 'tin đã đưa', 'những tin mới hơn', 'những tin cũ hơn', 'tin mới hơn',
  'tin cũ hơn', 'theo dòng sự kiện', 'xem thêm', 'đọc thêm', 'có thể bạn quan tâm', 'related articles',
  'related posts', 'related news', 'related stories', 'related content', 'related', 'see also', 'more stories',
  'read more', 'more on this story', 'read also', 'lire aussi', 'à lire aussi', 'mehr zum thema', 'das könnte sie auch interessieren',
  'lesen sie mehr', 'lesen sie auch', 'weitere artikel', 'mehr zum thema', 'vous aimerez aussi', 'leer más', 'te puede interesar',
  'you may also like', 'you might also like', 'more from', 'recommended', 'recommended for you', 'most popular', 'most read',
];
const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
/** The whole block is a label, with an optional colon, in any case. */
const LABEL_RE = new RegExp(`^\\s*(?:${LABELS.map(escape).join('|')})\\s*[:.]?\\s*$`, 'iu');
const PAGER = /^(?:\d{1,4}|[<>«»‹›…]+|\.{2,}|tiếp|sau|trước|đầu|cuối|next|prev(?:ious)?|first|last|xem tiếp|trang sau|trang trước)$/iu;

export function isRelatedLabel(text: string): boolean {
  if (text.length > 60) return false;
  return LABEL_RE.test(text.normalize('NFC'));
}

/** Links in the box after the label element, in document order. */
function anchorsAfter(box: Element, label: Element): Element[] {
  const out: Element[] = [];
  let passed = false;
  walk(box, (node) => {
    if (!isTag(node)) return true;
    if (node === label) passed = true;
    if (passed && node.name === 'a' && node.attribs['href'] !== undefined) {
      out.push(node);
      return false;
    }
    return !(node.name === 'script' || node.name === 'style');
  });
  return out;
}

export function relatedLinks(flat: Flat, fromIndex: number, self: string, base: string): RelatedLink[] {
  const out: RelatedLink[] = [];
  const seen = new Set<string>([pageUrl(self)]);
  const titles = new Set<string>();
  for (let i = Math.max(0, fromIndex); i < flat.blocks.length; i++) {
    const block = flat.blocks[i]!;
    if (block.kind !== 'text' || !isRelatedLabel(block.text)) continue;
    let anchors: Element[] = [];
    for (let box: Element | null = block.el, level = 0; box && level < 5; level++, box = parentElement(box)) {
      if (box.name === 'body') break;
      anchors = anchorsAfter(box, block.el);
      if (anchors.length > 0) break;
    }
    if (anchors.length > 80) continue;
    for (const a of anchors) {
      const title = normalizeLine(textOf(a));
      if (!title || PAGER.test(title) || title.length < 8) continue;
      const url = absoluteUrl(a.attribs['href'] ?? '', base);
      if (!url) continue;
      const key = pageUrl(url);
      // One article, one link: the same title under two URLs (a thumbnail link and a text link) counts once.
      if (seen.has(key) || titles.has(title)) continue;
      seen.add(key);
      titles.add(title);
      out.push({ title, url: key });
    }
  }
  return out;
}
