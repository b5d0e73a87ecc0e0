/**
 * Search folding: what a researcher types without diacritics must match what the portals print with them.
 *
 * FTS5's `remove_diacritics` cannot do it alone: `đ` (U+0111) is a letter of its own, not `d` plus a mark, so
 * `dang vien` would never find `đảng viên`. The index therefore holds a folded copy of the text, and queries are
 * folded the same way. Folding works one code point at a time (decompose, drop combining marks, map the `đ`
 * family to `d`, lower-case), which gives the same result as NFC first: NFD(NFC(x)) = NFD(x), and the marks are
 * dropped either way. Working per code point also lets every folded character point back into the original
 * string, so highlights can be cut from the text as printed.
 */

/** `đ`, `Đ` and the look-alikes the portals' editors typed for them (`Ð` U+00D0, `ð` U+00F0). */
const D_FAMILY = new Set(['\u0111', '\u0110', '\u00d0', '\u00f0']);
const MARKS = /\p{M}/gu;
/**
 * Reserved as highlight markers (see snippet.ts): folding turns them into spaces so a marker in a query result
 * can only be one FTS5 put there.
 */
export const MARK_OPEN = '\ue000';
export const MARK_CLOSE = '\ue001';

const memo = new Map<string, string>();

/** The folded form of one code point: '' for a combining mark, occasionally more than one unit (Hangul). */
export function foldChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x80) return code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : ch;
  let folded = memo.get(ch);
  if (folded === undefined) {
    if (D_FAMILY.has(ch)) folded = 'd';
    else if (ch === MARK_OPEN || ch === MARK_CLOSE) folded = ' ';
    else folded = ch.normalize('NFD').replace(MARKS, '').toLowerCase();
    memo.set(ch, folded);
  }
  return folded;
}

/** What `foldChar` changes: upper-case ASCII letters and every code point outside ASCII. */
const FOLDED = /[^\x00-\x40\x5b-\x7f]/gu;

/**
 * Case, diacritics and the `đ` family folded away: `ĐẢNG VIÊN`, `Ðảng viên` and `dang vien` all give `dang vien`.
 * `foldChar` on every code point, through one `replace` rather than a string grown a character at a time: that
 * built a chain of one string object per character (about 200 KB of garbage for an article's title, lead and body)
 * on the crawl's main thread, where the index is written, for about the same time.
 */
export function fold(text: string): string {
  return text.replace(FOLDED, foldChar);
}

export interface FoldedText {
  folded: string;
  /**
   * `map[i]` is the index in the original string (UTF-16 units) of the character that produced folded unit `i`;
   * `map[folded.length]` is the original length, so a folded range [s, e) is original [map[s], map[e]).
   */
  map: number[];
}

/**
 * `fold` with a position map. For Vietnamese in NFC the map is the identity (one letter folds to one letter),
 * but decomposed text, stray combining marks and characters outside the BMP shift positions, so it is kept.
 */
export function foldWithMap(text: string): FoldedText {
  let folded = '';
  const map: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = foldChar(ch);
    for (let k = 0; k < f.length; k++) map.push(i);
    folded += f;
    i += ch.length;
  }
  map.push(text.length);
  return { folded, map };
}
