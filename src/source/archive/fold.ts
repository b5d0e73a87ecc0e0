/**
 * The spellings web archives fold together, as their SURT keys do: `http` and `https`, a default port, letter case
 * of the host, and `www.` (or `www2.`...). The same page captured under any of them is one page.
 */
export function foldHost(host: string): string {
  return host
    .toLowerCase()
    .replace(/:(80|443)$/, '')
    .replace(/^www\d*\./, '');
}

/** `host)/path?query`, folded and lower-cased: two URLs are one capture target when their keys are equal. */
export function foldKey(url: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `http://${url}`;
  try {
    const u = new URL(withScheme);
    return `${foldHost(u.host)})${(u.pathname + u.search).toLowerCase()}`;
  } catch {
    return url.toLowerCase();
  }
}

/**
 * The URL as the portal's chosen origin spells it, when it is a spelling of a page of that portal (same host once
 * folded); null for another site.
 */
export function onPortal(url: string, origin: string): string | null {
  let u: URL;
  try {
    // Old CDX lines may give the original without its scheme (`www.example.vn:80/`): the CDX server reads it as http.
    u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `http://${url}`);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  const portal = new URL(origin);
  if (foldHost(u.host) !== foldHost(portal.host)) return null;
  return `${portal.origin}${u.pathname}${u.search}`;
}
