import { canonicalUrl, parseHttp } from './canonical.js';

/**
 * Where a number stands in a URL: a query value (`?page=3`, `?Page=3`, `_cur=3`) or a digit run in a path segment
 * (`/page-3`, `/page/3/`, `/trang-3.html`). A slot's `key` is the URL with `{n}` in place of that number, so the
 * links of one pager share a key and differ only in `value`.
 */
export interface Slot {
  key: string;
  value: number;
  /** How the slot reads to a person: `?page=N`, `/page-N`, `/page/N/`. */
  form: string;
}

export const PLACEHOLDER = '{n}';

/** The page-ish URL as a listing keeps it: tracking and session parameters dropped, the rest sorted. */
export function listingForm(href: string, base?: string): URL | null {
  const canonical = canonicalUrl(href, base, { listing: true });
  return canonical ? new URL(canonical) : null;
}

function queryString(params: [string, string][]): string {
  return params.length ? `?${new URLSearchParams(params).toString()}` : '';
}

/** Every slot of a URL (given in listing form). */
export function slotsOf(url: URL): Slot[] {
  const origin = `${url.protocol}//${url.host}`;
  const params = [...url.searchParams];
  const slots: Slot[] = [];
  params.forEach(([name, value], i) => {
    if (!/^\d{1,6}$/.test(value)) return;
    const before = new URLSearchParams(params.slice(0, i)).toString();
    const after = new URLSearchParams(params.slice(i + 1)).toString();
    const own = `${new URLSearchParams([[name, '']]).toString()}${PLACEHOLDER}`;
    const query = `?${[before, own, after].filter(Boolean).join('&')}`;
    slots.push({ key: `${origin}${url.pathname}${query}`, value: Number(value), form: `?${name}=N` });
  });
  const segments = url.pathname.split('/');
  const query = queryString(params);
  segments.forEach((segment, i) => {
    for (const run of segment.matchAll(/\d{1,6}(?!\d)/g)) {
      if (run.index > 0 && /\d/.test(segment[run.index - 1]!)) continue;
      const replaced = segment.slice(0, run.index) + PLACEHOLDER + segment.slice(run.index + run[0].length);
      const path = [...segments.slice(0, i), replaced, ...segments.slice(i + 1)].join('/');
      const form = replaced === PLACEHOLDER ? `/${segments[i - 1] ? `${segments[i - 1]}/` : ''}N/` : `/${replaced.replace(PLACEHOLDER, 'N')}`;
      slots.push({ key: `${origin}${path}${query}`, value: Number(run[0]), form });
    }
  });
  return slots;
}

/** The value a URL (in listing form) has in the slot `key`, or null when it is not a URL of that slot. */
export function valueIn(url: URL, key: string): number | null {
  const at = key.indexOf(PLACEHOLDER);
  const head = key.slice(0, at);
  const tail = key.slice(at + PLACEHOLDER.length);
  const href = url.href;
  if (href.length <= head.length + tail.length || !href.startsWith(head) || !href.endsWith(tail)) return null;
  const middle = href.slice(head.length, href.length - tail.length);
  return /^\d{1,6}$/.test(middle) ? Number(middle) : null;
}

/**
 * The listing a pager key belongs to, with the page number and any `page`/`trang` word beside it taken out and the
 * state parameters dropped: `/tin-tuc/page-{n}` and `/tin-tuc/page/{n}/` give `/tin-tuc`, `?cat=5&page={n}` gives
 * `?cat=5`. A pager whose listing is the page's own is the page's pager, not a sidebar's.
 */
export function listingOfKey(key: string): string | null {
  const [path = '', query = ''] = key.split('?', 2) as [string, string?];
  let stripped: string;
  if (query.includes(PLACEHOLDER)) {
    const rest = query.split('&').filter((p) => !p.includes(PLACEHOLDER)).join('&');
    stripped = rest ? `${path}?${rest}` : path;
  } else {
    const url = parseHttp(path.replace(PLACEHOLDER, '0'));
    if (!url) return null;
    const segments = path.slice(url.origin.length).split('/');
    const at = segments.findIndex((s) => s.includes(PLACEHOLDER));
    const own = segments[at]!;
    // `/page/{n}`: the word before the number goes with it; `/page-{n}.html`, `/{n}`: the segment alone.
    let drop = [at];
    if (own === PLACEHOLDER && at > 0 && /^(page|trang|p|pages?)$/i.test(segments[at - 1]!)) drop = [at - 1, at];
    else if (!/^(page|trang|p|pages?)?[-_]?\{n\}(\.\w+)?$/i.test(own)) return null;
    const kept = segments.filter((_, i) => !drop.includes(i));
    stripped = `${url.origin}${kept.join('/')}${query ? `?${query}` : ''}`;
  }
  return comparable(stripped);
}

/** A listing URL as compared with a pager's: state parameters dropped, no extension, no trailing slash, any case. */
export function comparable(href: string): string | null {
  const canonical = canonicalUrl(href);
  if (!canonical) return null;
  const url = new URL(canonical);
  const path = url.pathname.replace(/\.(html?|aspx?|php)$/i, '').replace(/\/(default|index)$/i, '').replace(/\/+$/, '');
  return `${url.host}${path}${url.search}`.toLowerCase();
}
