import type { CheerioAPI } from 'cheerio';
import { flatten } from '../extract/dom.js';

/** Characters of running prose that make a page an article rather than a list of summaries. */
export const ARTICLE_PROSE = 400;

/**
 * The longest run of prose on a page: consecutive text blocks that are not mostly link text. A listing alternates
 * a linked title with a summary, so its runs are one summary long; an article's body paragraphs follow each other.
 */
export function longestProse($: CheerioAPI): number {
  let best = 0;
  let run = 0;
  for (const item of flatten($.root()[0]!).items) {
    if (item.kind !== 'text') continue;
    const linked = $(item.el)
      .find('a')
      .toArray()
      .reduce((n, a) => n + $(a).text().replace(/\s+/g, ' ').trim().length, 0);
    if (linked > item.text.length * 0.3) {
      run = 0;
      continue;
    }
    // Dates, counters and captions between paragraphs neither make nor break a run.
    if (item.text.length < 40) continue;
    run += item.text.length;
    best = Math.max(best, run);
  }
  return best;
}
