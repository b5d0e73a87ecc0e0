import { foldWithMap, MARK_CLOSE, MARK_OPEN } from './fold.js';

/** A [start, end) range of UTF-16 units. */
export type Range = [number, number];

/** A piece of the original text, whitespace folded, with the matched words' positions in it. */
export interface Snippet {
  text: string;
  highlights: Range[];
}

/**
 * Where FTS5 highlight() put its markers in the folded text, mapped back onto the original text: the folded
 * copy is only an index, the researcher reads the words as the portal printed them. Returns [] when the folded
 * text no longer matches the original (an index out of step): no highlight rather than a wrong one.
 */
export function matchRanges(original: string, marked: string): Range[] {
  const folded: Range[] = [];
  let plain = '';
  let open = -1;
  for (const ch of marked) {
    if (ch === MARK_OPEN) open = plain.length;
    else if (ch === MARK_CLOSE) {
      if (open >= 0 && plain.length > open) folded.push([open, plain.length]);
      open = -1;
    } else plain += ch;
  }
  const { folded: expected, map } = foldWithMap(original);
  if (plain !== expected) return [];
  // FTS5 marks each token of `dang vien` on its own; words matched side by side read better as one highlight.
  const merged: Range[] = [];
  for (const [s, e] of folded.map(([fs, fe]): Range => [map[fs]!, map[fe]!])) {
    const last = merged.at(-1);
    if (last && /^\s*$/.test(original.slice(last[1], s))) last[1] = e;
    else merged.push([s, e]);
  }
  return merged;
}

/**
 * About `maxChars` of the original around the densest run of matches, cut at word boundaries, with `…` where
 * text was left out. Without matches it is the opening of the text.
 */
export function makeSnippet(original: string, ranges: readonly Range[], maxChars = 200): Snippet {
  if (original.length <= maxChars) return squeeze(original, 0, original.length, ranges);
  let start = 0;
  let end = maxChars;
  let floor = 0;
  if (ranges.length > 0) {
    const anchor = densest(original, ranges, maxChars);
    start = Math.max(0, anchor[0] - Math.floor(maxChars / 4));
    if (start > 0) start = wordStart(original, start, anchor[0]);
    end = Math.max(Math.min(original.length, start + maxChars), anchor[1]);
    floor = anchor[1];
  }
  if (end < original.length) end = wordEnd(original, end, floor);
  return squeeze(original, start, end, ranges);
}

/**
 * The match that starts the window with the most weight, where a match of n words side by side weighs n²: the
 * place where the query's words stand together says more than a scatter of single words.
 */
function densest(text: string, ranges: readonly Range[], width: number): Range {
  const weight = ([s, e]: Range) => text.slice(s, e).split(/\s+/).length ** 2;
  let best = ranges[0]!;
  let bestWeight = 0;
  for (const r of ranges) {
    const w = ranges.filter((o) => o[0] >= r[0] && o[1] <= r[0] + width).reduce((sum, o) => sum + weight(o), 0);
    if (w > bestWeight) {
      best = r;
      bestWeight = w;
    }
  }
  return best;
}

/** Moves `i` forward to the start of a word (not past `limit`), so the snippet does not open mid-word. */
function wordStart(text: string, i: number, limit: number): number {
  if (/\s/.test(text[i - 1] ?? ' ')) return i;
  let j = i;
  while (j < limit && !/\s/.test(text[j]!)) j++;
  while (j < limit && /\s/.test(text[j]!)) j++;
  return j;
}

/** Moves `i` back to the end of a word (not before `floor`), so the snippet does not close mid-word. */
function wordEnd(text: string, i: number, floor: number): number {
  if (/\s/.test(text[i] ?? ' ')) return i;
  let j = i;
  while (j > floor && !/\s/.test(text[j - 1]!)) j--;
  return j > floor ? j : i;
}

/**
 * text[start, end) with every run of whitespace (paragraph breaks included) as one space, `…` at cut ends, and
 * the ranges that fall inside moved along.
 */
function squeeze(text: string, start: number, end: number, ranges: readonly Range[]): Snippet {
  const lead = start > 0 ? '… ' : '';
  let out = lead;
  // pos[i - start] = where original index i landed in `out`.
  const pos: number[] = [];
  let inSpace = false;
  for (let i = start; i < end; i++) {
    const c = text[i]!;
    pos.push(out.length);
    if (/\s/.test(c)) {
      if (!inSpace && out.length > lead.length) out += ' ';
      inSpace = true;
    } else {
      out += c;
      inSpace = false;
    }
  }
  pos.push(out.length);
  out = out.trimEnd();
  const highlights: Range[] = ranges
    .filter(([s, e]) => s >= start && e <= end)
    .map(([s, e]): Range => [pos[s - start]!, Math.min(pos[e - start]!, out.length)])
    .filter(([s, e]) => e > s);
  if (end < text.length) out += ' …';
  return { text: out, highlights };
}

/** The snippet with each match wrapped in `open` … `close`. */
export function renderSnippet(snippet: Snippet, open: string, close: string): string {
  let out = '';
  let at = 0;
  for (const [s, e] of snippet.highlights) {
    if (s < at) continue;
    out += snippet.text.slice(at, s) + open + snippet.text.slice(s, e) + close;
    at = e;
  }
  return out + snippet.text.slice(at);
}

/** Ranges as offsets in code points, the unit Python and most other languages index strings by. */
export function codePointRanges(text: string, ranges: readonly Range[]): Range[] {
  const cp = (i: number) => Array.from(text.slice(0, i)).length;
  return ranges.map(([s, e]) => [cp(s), cp(e)]);
}
