/**
 * Escaping for the replica's pages. Only `&`, `<`, `>` and `"` are escaped: the data holds text exactly as the
 * real pages show it, and anything more (numeric references for NBSP or Vietnamese letters) would change the
 * bytes the tests and golden pages compare.
 */

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function esc(text: string): string {
  return text.replace(/[&<>"]/g, (c) => TEXT_ESCAPES[c] ?? c);
}

/** An href for a single- or double-quoted attribute; URLs built by `urls.ts` never contain a quote. */
export function attr(url: string): string {
  return esc(url).replace(/'/g, '&#39;');
}

export function link(href: string, text: string, extra = ''): string {
  return `<a href="${attr(href)}"${extra}>${esc(text)}</a>`;
}
