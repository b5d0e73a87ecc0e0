/**
 * The SURT key of a URL as the replay tools compute it when they look a URL up in a CDXJ index (warcio.js's
 * getSurt, which ReplayWeb.page uses; pywb's default canonicaliser agrees on these portals' URLs): lower case, a
 * leading `www`/`wwwN.` dropped, host labels reversed and joined by commas, the port kept, `)` then the path, and
 * the query's parameters sorted. `http://Tuachua.DienBien.gov.vn/TinTuc/?b=2&a=1` → `vn,gov,dienbien,tuachua)/tintuc/?a=1&b=2`.
 */
export function surtKey(url: string): string {
  if (!/^https?:/.test(url)) return url;
  let u: URL;
  try {
    u = new URL(url.replace(/^(https?:\/\/)www\d*\./, '$1').toLowerCase());
  } catch {
    return url;
  }
  let key = u.hostname.split('.').reverse().join(',');
  if (u.port) key += `:${u.port}`;
  key += `)${u.pathname}`;
  if (u.search) key += `?${u.search.slice(1).split('&').sort().join('&')}`;
  return key;
}

/** CDX timestamps are 14 digits, UTC, to the second: `2026-11-30T19:08:01.123Z` → `20261130190801`. */
export function cdxTimestamp(iso: string): string {
  return iso.replace(/[-:T]/g, '').slice(0, 14);
}
