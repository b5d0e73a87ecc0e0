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

/** Folded code units are gathered here (texts longer than it get a buffer of their own), then made a string. */
const shared: Uint16Array = new Uint16Array(16 * 1024);
/** Code units turned into a string at a time (String.fromCharCode's arguments). */
const CHUNK = 4096;
/** foldChar of each code unit of the Basic Multilingual Plane outside the surrogates, filled as they are met. */
const bmp: (string | undefined)[] = new Array<string | undefined>(0x10000).fill(undefined);

function grown(buf: Uint16Array, used: number, need: number): Uint16Array {
  const bigger = new Uint16Array(need * 2);
  bigger.set(buf.subarray(0, used));
  return bigger;
}

/**
 * Case, diacritics and the `đ` family folded away: `ĐẢNG VIÊN`, `Ðảng viên` and `dang vien` all give `dang vien`.
 * `foldChar` on every code point, read one code unit at a time into a buffer of code units and made a string a chunk
 * at a time. `text.replace(/[^\x00-\x40\x5b-\x7f]/gu, foldChar)` did the same with a call from the regular
 * expression engine for every letter outside ASCII, a third of a Vietnamese text's letters: the titles, leads and
 * bodies of a crawl's 3,688 articles took about 0.2 s of its main thread, where the index is written. A string grown
 * a character at a time built a chain of one string object per character for the collector. On the same 12,000
 * titles, leads and bodies (6 million characters), on one core: 36-42 ms against 130-161 ms (without the table of BMP
 * code units, through foldChar's memo keyed by string: 68-86 ms).
 */
export function fold(text: string): string {
  const n = text.length;
  let buf: Uint16Array = n <= shared.length ? shared : new Uint16Array(n);
  let o = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      buf[o++] = c >= 0x41 && c <= 0x5a ? c + 32 : c;
      continue;
    }
    let folded: string;
    if (c < 0xd800 || c > 0xdfff) {
      folded = bmp[c] ??= foldChar(String.fromCharCode(c));
    } else if (c <= 0xdbff && i + 1 < n && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A surrogate pair is one code point; a lone surrogate is folded alone (as a regular expression's `u` flag reads).
      folded = foldChar(text.slice(i, i + 2));
      i++;
    } else {
      folded = foldChar(text[i]!);
    }
    // A code point may fold to more units than it had (a Hangul syllable to its jamo): room for those and the rest.
    const need = o + folded.length + (n - i - 1);
    if (need > buf.length) buf = grown(buf, o, need);
    for (let k = 0; k < folded.length; k++) buf[o++] = folded.charCodeAt(k);
  }
  let out = '';
  for (let from = 0; from < o; from += CHUNK) {
    out += String.fromCharCode.apply(null, buf.subarray(from, Math.min(o, from + CHUNK)) as unknown as number[]);
  }
  return out;
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
