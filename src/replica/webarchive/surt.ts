/**
 * The CDX `urlkey`: Sort-friendly URI Reordering Transform as the Internet Archive's canonicaliser makes it. The
 * scheme, `www.` (and `www2.`...), the default port, letter case and query order are folded, so
 * `http://www.Example.com:80/A?b=1&a=2` and `https://example.com/a?a=2&b=1` share `com,example)/a?a=2&b=1`.
 */

/** `host/path` without a scheme is read as http, as the CDX server does. */
export function parseLoose(url: string): URL | null {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `http://${url}`;
  try {
    return new URL(withScheme.replace(/^(https?:)\/+/i, '$1//'));
  } catch {
    return null;
  }
}

/** The reversed host part before `)`: `vn,gov,dienbien,tuachua`. */
export function surtHost(host: string): string {
  const bare = host.toLowerCase().replace(/\.$/, '').replace(/^www\d*\./, '');
  return bare.split('.').reverse().join(',');
}

export function surt(url: string): string {
  const u = parseLoose(url);
  if (!u) return url.toLowerCase();
  const port = u.port === '' || u.port === '80' || u.port === '443' ? '' : `:${u.port}`;
  const query = u.search.length > 1 ? '?' + u.search.slice(1).toLowerCase().split('&').sort().join('&') : '';
  return `${surtHost(u.hostname)}${port})${u.pathname.toLowerCase()}${query}`;
}
