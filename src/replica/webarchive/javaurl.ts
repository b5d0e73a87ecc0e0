/** Java's `URLEncoder`/`URLDecoder` (form encoding), which the Wayback CDX server uses for its resume key. */

export function javaEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9.\-*_]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** Throws on a malformed escape, as Java's decoder does. */
export function javaDecode(text: string): string {
  return decodeURIComponent(text.replace(/\+/g, ' '));
}
