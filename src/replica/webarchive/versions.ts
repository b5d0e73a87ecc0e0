/**
 * Earlier versions of an edited article: what the page said before the editor corrected it. Each step back drops
 * the title's last word (or marks it a draft), keeps the lead's first sentence and the body's last paragraph
 * cut short; the oldest of three versions also lacks the byline. Title, summary and body differ between any two
 * versions, so a recovery that keeps an older capture's text is caught on each of them.
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

/** The last paragraph cut to its first sentence (or without its trailing words): the editor added to it later. */
function earlierBlocks(blocks: Block[]): Block[] {
  const last = blocks.map((b) => 'p' in b).lastIndexOf(true);
  return blocks.map((b, i) => {
    if (i !== last || !('p' in b)) return b;
    const first = /^.*?[.!?](?=\s)/s.exec(b.p)?.[0];
    if (first !== undefined && first.length < b.p.trim().length) return { p: first };
    const words = b.p.split(' ');
    return { p: words.length > 4 ? words.slice(0, -2).join(' ') : `${b.p} (đang cập nhật)` };
  });
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
