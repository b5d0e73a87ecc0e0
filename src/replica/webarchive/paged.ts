/**
 * The CDX server's block pagination (`page`, `pageSize`, `showNumPages`), with the faults users report: the page
 * count ignores filters (internetarchive/wayback#243), and a paged query returns fewer rows than the unpaged one
 * (internetarchive/wayback#135). How many rows go missing is not documented; here each page after the first loses
 * its first row, as if a block boundary were read twice and skipped once.
 */
import type { Capture } from './capture.js';
import type { CdxParams } from './cdx.js';

/** The Internet Archive's default number of blocks per page; `pageSize` may only lower it. */
export const DEFAULT_PAGE_BLOCKS = 50;

export interface Paging {
  rows: Capture[];
  /** Set for `showNumPages=true`: the answer is this number. */
  numPages?: number;
}

export function pagedRows(scoped: Capture[], q: CdxParams, blockLines: number): Paging {
  const asked = Number(q.get('pageSize'));
  const blocks = Number.isInteger(asked) && asked > 0 ? Math.min(asked, DEFAULT_PAGE_BLOCKS) : DEFAULT_PAGE_BLOCKS;
  const perPage = blocks * blockLines;
  const pages = Math.max(1, Math.ceil(scoped.length / perPage));
  if (q.get('showNumPages') === 'true') return { rows: [], numPages: pages };
  const page = q.get('page');
  if (page === null || page === '') return { rows: scoped };
  const n = Number(page);
  if (!Number.isInteger(n) || n < 0) return { rows: [] };
  const rows = scoped.slice(n * perPage, (n + 1) * perPage);
  return { rows: n > 0 ? rows.slice(1) : rows };
}
