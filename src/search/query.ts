import { UsageError } from '../errors.js';
import { fold } from './fold.js';

/**
 * Characters with a meaning in FTS5 query syntax outside strings: grouping, prefix `*`, initial-token `^`,
 * phrase concatenation `+`, column filters `col:` and `{a b}:`, and the comma of `NEAR(a b, 5)`.
 */
const SYNTAX = new Set(['(', ')', '*', '^', '+', '{', '}', ':', ',']);
/** What FTS5 accepts in a bareword: letters, digits, `_`, anything non-ASCII (our tokenizer then splits it). */
const BAREWORD = /^[\p{L}\p{N}\p{M}_\u0080-\uffff]+$/u;
const HAS_WORD = /[\p{L}\p{N}]/u;
const KEYWORDS = new Set(['AND', 'OR', 'NOT']);

/**
 * Turns what a researcher typed into an FTS5 query over the folded index: every term and phrase is folded like
 * the indexed text, FTS5 syntax is kept (`"phrases"`, `prefix*`, AND/OR/NOT, parentheses, NEAR, `title:`).
 * A word joined by punctuation (`kinh-tế`, `02/9/2023`, `Tp.HCM`) becomes a phrase, which is how the tokenizer
 * reads the same characters in the text; FTS5 would otherwise reject it as a syntax error. Typographic quotes
 * (“…”) count as straight ones.
 */
export function toFtsQuery(typed: string): string {
  // Typographic quotes (pasted from Word or a web page) delimit phrases like straight ones.
  const input = typed.replace(/[\u201c\u201d\u201e\u201f]/g, '"');
  let out = '';
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c)) {
      out += ' ';
      i++;
    } else if (c === '"') {
      const end = closingQuote(input, i + 1);
      if (end < 0) throw new UsageError(`invalid search query ${JSON.stringify(typed)}: unterminated "quoted phrase"`);
      out += `"${fold(input.slice(i + 1, end))}"`;
      i = end + 1;
    } else if (SYNTAX.has(c)) {
      out += c;
      i++;
    } else {
      let end = i;
      while (end < input.length && !/\s/.test(input[end]!) && input[end] !== '"' && !SYNTAX.has(input[end]!)) end++;
      out += term(input.slice(i, end), input.slice(end).trimStart());
      i = end;
    }
  }
  const query = out.replace(/ +/g, ' ').trim();
  if (query === '' || !HAS_WORD.test(query)) throw new UsageError('empty search query: give at least one word');
  return query;
}

/** Index of the quote that closes a string starting at `from` (`""` inside is an escaped quote), or -1. */
function closingQuote(s: string, from: number): number {
  let i = from;
  while (i < s.length) {
    if (s[i] === '"') {
      if (s[i + 1] === '"') {
        i += 2;
        continue;
      }
      return i;
    }
    i++;
  }
  return -1;
}

function term(word: string, rest: string): string {
  if (KEYWORDS.has(word)) return word;
  if (word === 'NEAR' && rest.startsWith('(')) return word;
  // `-title:` / `-{title body}:` exclude columns; a lone `-` before `{` is part of that syntax.
  if ((word === '-' && rest.startsWith('{')) || (/^-[A-Za-z_]+$/.test(word) && rest.startsWith(':'))) return word.toLowerCase();
  if (BAREWORD.test(word)) return fold(word);
  // Punctuation-only (`?`, `-`): left for FTS5 to accept or reject.
  if (!HAS_WORD.test(word)) return word;
  return `"${fold(word)}"`;
}
