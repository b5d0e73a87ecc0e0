/**
 * Kooboo's default pager. The shape is the one the seed page shows, byte for byte: `<start>-<end>` and the total in
 * `<strong>`s, the `<` and `>` link texts written UNESCAPED, `&nbsp;&nbsp;` between items, hrefs in single quotes.
 *
 * The window of page numbers follows the seed (`911-920 of 3688`, page 92, shows 87..96): it starts five pages
 * before the current one, is pulled back so it never runs past the last page, and never starts before page 1.
 */
import { attr } from './html.js';

export const PAGER_WINDOW = 10;

export interface PagerInput {
  page: number;
  pageSize: number;
  total: number;
  href: (page: number) => string;
  className: string;
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** First and last page number shown for `page` of `count`. */
export function pagerWindow(page: number, count: number): { first: number; last: number } {
  let first = page - Math.floor(PAGER_WINDOW / 2);
  if (first + PAGER_WINDOW - 1 > count) first = count - PAGER_WINDOW + 1;
  if (first < 1) first = 1;
  return { first, last: Math.min(first + PAGER_WINDOW - 1, count) };
}

export function renderPager(p: PagerInput): string {
  const count = pageCount(p.total, p.pageSize);
  const a = (n: number, text: string): string => `<a href='${attr(p.href(n))}'>${text}</a>`;
  const { first, last } = pagerWindow(p.page, count);
  const items = [a(Math.max(1, p.page - 1), '<')];
  if (first > 1) items.push(a(first - 1, '...'));
  for (let n = first; n <= last; n++) items.push(n === p.page ? `<span class="active">${n}</span>` : a(n, String(n)));
  if (last < count) items.push(a(last + 1, '...'));
  items.push(a(Math.min(count, p.page + 1), '>'));
  const start = Math.min((p.page - 1) * p.pageSize + 1, p.total);
  const end = Math.min(p.page * p.pageSize, p.total);
  return `<div class="${p.className}"><strong>${start}-${end}</strong> of <strong>${p.total}</strong>${items.join('&nbsp;&nbsp;')}</div>`;
}
