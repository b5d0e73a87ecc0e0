/**
 * Vietnamese text normalisation shared by extraction, storage and (later) search.
 *
 * The portals' editors pasted text from Word and other sites: `Ð` (U+00D0, Latin capital eth) stands for `Đ`
 * (U+0110), no-break spaces are everywhere, some items are stored decomposed (NFD), and escaped CR/LF leaked
 * into stored fields as the literal characters `\r\n`. A researcher searching for `Đảng` must find `Ðảng`.
 */

const LOOKALIKES: Record<string, string> = { '\u00d0': '\u0110', '\u00f0': '\u0111' };
const LOOKALIKE_RE = /[\u00d0\u00f0]/g;
/**
 * The literal four characters `\r\n` as they leaked into stored text. A lone `\n` is left alone: it also occurs
 * in genuine text (paths, formulas) and was never seen leaked on its own.
 */
const LITERAL_BREAK_RE = /\\r\\n/g;
/**
 * Whitespace other than line feed; JavaScript's `\s` already covers NBSP and the other Unicode spaces. Only runs
 * that are not already a single plain space are matched (a run of two or more, or one other space character): they
 * are the ones the fold changes, and replacing every single space cost more than the rest of normalisation.
 */
const SPACE_RE = /[^\S\n]{2,}|[^\S\n ]/g;
/**
 * A line break with the spaces and blank lines around it (after SPACE_RE only single spaces and line feeds are left
 * as white space): what trimming every line and dropping the empty ones leaves as one `\n`.
 */
const BREAK_RUN_RE = / *\n[ \n]*/g;
/** The same for single-line fields, where line breaks fold too. */
const LINE_SPACE_RE = /\s{2,}|[^\S ]/g;
/** Any character `base` changes besides composition: most text has none, and then four scans are saved. */
const RARE_RE = /[\u00d0\u00f0\u200b\u2060\ufeff\u00ad\\\r]/;
/** Zero-width characters and stray BOMs that editors leave inside words. */
const INVISIBLE_RE = /[\u200b\u2060\ufeff\u00ad]/g;

function base(text: string): string {
  const composed = text.normalize('NFC');
  if (!RARE_RE.test(composed)) return composed;
  return composed
    .replace(LOOKALIKE_RE, (c) => LOOKALIKES[c] ?? c)
    .replace(INVISIBLE_RE, '')
    .replace(LITERAL_BREAK_RE, '\n')
    .replace(/\r\n?/g, '\n');
}

/** A single-line field (title, author, caption...): every run of whitespace, line breaks included, becomes one space. */
export function normalizeLine(text: string): string {
  return base(text).replace(LINE_SPACE_RE, ' ').trim();
}

/**
 * A paragraph: whitespace folded, but line breaks (from `<br>` or a literal `\r\n`) kept as a single `\n`
 * with no spaces around them.
 */
export function normalizeParagraph(text: string): string {
  const folded = base(text).replace(SPACE_RE, ' ');
  // Strings only, no arrays of lines: a first paragraph with a break then changes no object shape under the
  // optimised extraction code (splitting did, and the extractors' largest functions were compiled again).
  return (folded.includes('\n') ? folded.replace(BREAK_RUN_RE, '\n') : folded).trim();
}

/** `normalizeLine` for optional values: empty results become null. */
export function lineOrNull(text: string | null | undefined): string | null {
  if (text == null) return null;
  const out = normalizeLine(text);
  return out.length > 0 ? out : null;
}
