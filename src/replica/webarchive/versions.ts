/**
 * Earlier versions of an edited article: what the page said before the editor corrected it. Each step back drops
 * the title's last word (or marks it a draft), keeps the lead's first sentence and the body without its last
 * paragraph; the oldest of three versions also lacks the byline. Every field a record holds changes, so a recovery
 * that keeps an older capture's text is caught on each of them.
 */
import type { Article, Block } from '../site.js';

function earlierTitle(title: string): string {
  const words = title.split(' ');
  return words.length >= 5 ? words.slice(0, -1).join(' ') : `${title} (dự thảo)`;
}

function earlierLead(lead: string): string {
  const first = /^.*?[.!?](?=\s)/s.exec(lead)?.[0];
  return first !== undefined && first.length < lead.trim().length ? first : `${lead} (đang cập nhật)`;
}

function earlierBlocks(blocks: Block[]): Block[] {
  const lastP = blocks.map((b) => 'p' in b).lastIndexOf(true);
  const paragraphs = blocks.filter((b) => 'p' in b).length;
  if (paragraphs < 2) return blocks.map((b) => ('p' in b ? { p: `${b.p} Tin đang được cập nhật.` } : b));
  return blocks.filter((_, i) => i !== lastP);
}

export function earlierVersion(a: Article, dropAuthor: boolean): Article {
  return { ...a, title: earlierTitle(a.title), lead: earlierLead(a.lead), blocks: earlierBlocks(a.blocks), author: dropAuthor ? null : a.author };
}

/** `count` versions, oldest first, the last being `final`. */
export function versionsOf(final: Article, count: number): Article[] {
  const out = [final];
  while (out.length < count) out.unshift(earlierVersion(out[0]!, out.length === 2));
  return out;
}
