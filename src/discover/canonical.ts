/**
 * URL variants of one page, folded together for sites no profile knows. A plain mirror of a Kooboo portal made
 * 300,000 requests in a minute because every `?PageIndex=N` variant of an article looked new; the same happens with
 * tracking tags, session ids, sort orders and Liferay's `redirect=` chains. So a discovered URL keeps only the query
 * parameters that can name a page, in a fixed order, and no fragment.
 */

/** Pager parameters: on an article they select a page of a sidebar block, never another article. */
const PAGER = /^(page|pageindex|pagenumber|pageno|pagenum|paged|pg|trang|start|offset|cur|delta|resetcur)$/i;
/** Liferay's namespaced portlet parameters: `_<portlet>_cur`, `_<portlet>_delta`, `_<portlet>_redirect`. */
const NAMESPACED_STATE = /^_.+_(cur|delta|resetcur|redirect|backurl|keywords|orderbycol|orderbytype)$/i;
const TRACKING = /^(utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|_ga|_gl|yclid|igshid|zarsrc|__twitter_impression)$/i;
const SESSION = /^(sessionid|session_id|sid|jsessionid|phpsessid|aspsessionid\w*|cfid|cftoken|__viewstate\w*|__eventvalidation)$/i;
const NAVIGATION = /^(redirect|inheritredirect|returnurl|return_url|backurl|back_url|refer|referer|referrer)$/i;
/** Liferay portlet lifecycle and window state (`p_p_id`, `p_p_lifecycle`, `p_p_state`, `p_p_mode`, `p_p_col_*`, `p_p_auth`, `p_r_p_*`). */
const PORTLET_STATE = /^p_(p|r_p)_\w+$/i;
const SORT = /^(sort|sortby|sortorder|sortdir|order|orderby|dir)$/i;

/** A query parameter that never changes which article or listing a URL names. */
export function isNoiseParam(name: string): boolean {
  return (
    TRACKING.test(name) ||
    SESSION.test(name) ||
    NAVIGATION.test(name) ||
    PORTLET_STATE.test(name) ||
    SORT.test(name) ||
    NAMESPACED_STATE.test(name)
  );
}

/** A query parameter that pages through a list: noise on an article URL, the pager itself on a listing. */
export function isPagerParam(name: string): boolean {
  return PAGER.test(name) || /^_.+_(cur|delta)$/i.test(name);
}

export function parseHttp(href: string, base?: string): URL | null {
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** Percent-escapes in one case, and unreserved characters never escaped, so `%c3%a1` and `%C3%A1` are one URL. */
function normalizeEscapes(text: string): string {
  return text.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => {
    const c = String.fromCharCode(parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(c) ? c : `%${hex.toUpperCase()}`;
  });
}

export interface CanonicalOptions {
  /**
   * A listing page: only tracking and session parameters go. A pager link is kept as the site printed it (Liferay
   * reads `_<portlet>_cur` only beside its `p_p_id`); its variants cannot multiply, pages are told apart by number.
   */
  listing?: boolean;
}

/**
 * The canonical form of a discovered URL: no fragment, no `;jsessionid=` path parameter, no tracking, session,
 * redirect, portlet-state, sort or pager parameter, the rest sorted by name; escapes in one case. A listing's form
 * (`listing: true`) drops only tracking and session parameters and keeps the order. Null for what is not an http(s) URL.
 */
export function canonicalUrl(href: string, base?: string, options: CanonicalOptions = {}): string | null {
  const url = parseHttp(href, base);
  if (!url) return null;
  url.hash = '';
  url.pathname = normalizeEscapes(url.pathname.replace(/;jsessionid=[^/]*/i, ''));
  const params = [...url.searchParams].filter(([name]) =>
    options.listing ? !TRACKING.test(name) && !SESSION.test(name) : !isNoiseParam(name) && !isPagerParam(name),
  );
  // Articles are compared as strings, so their parameters go in one order; a listing keeps the site's.
  if (!options.listing) params.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = new URLSearchParams(params).toString();
  return `${url.protocol}//${url.host}${url.pathname}${query ? `?${normalizeEscapes(query)}` : ''}`;
}
