import type { Flat, TextBlock } from './blocks.js';
import { type PageMeta, ldArticles, metaValue } from './meta.js';
import { normalizeLine } from '../../text/normalize.js';

/**
 * The title: the heading (or the block) that the page's own title names, nearest the article; failing that the
 * heading nearest before the article, then `og:title` / JSON-LD `headline`, then `<title>` without the site name
 * that templates add after ` - ` or ` | `.
 */
export interface TitleChoice {
  title: string;
  /** The block that prints it, or -1 when it came from metadata only. */
  index: number;
  /** Only the page's `<title>` gave it (no `og:title`, no JSON-LD headline, nothing on the page it names). */
  weak?: boolean;
}

const SEPARATORS = /\s+(?:[-–—|:•·»]|::)\s+/u;

/** Lower case, letters and digits only, one space: for comparing titles printed slightly differently. */
export function fold(text: string): string {
  return text.toLowerCase().normalize('NFC').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** `<title>` parts: the whole, and each side of the separators, longest first. */
function titleParts(title: string): string[] {
  const parts = title.split(SEPARATORS).map((p) => p.trim()).filter((p) => p.length > 0);
  const out = new Set<string>([title]);
  // The site name is at one end: try the title without the last part, then without the first.
  if (parts.length > 1) {
    out.add(parts.slice(0, -1).join(' - '));
    out.add(parts.slice(1).join(' - '));
    out.add([...parts].sort((a, b) => b.length - a.length)[0]!);
  }
  return [...out];
}

/** `<title>` without the site name: the longest part, when it is long enough to be a headline. */
export function stripSiteName(title: string, siteName: string | null): string {
  const parts = title.split(SEPARATORS).map((p) => p.trim()).filter(Boolean);
  if (parts.length < 2) return title;
  const site = siteName ? fold(siteName) : null;
  const kept = parts.filter((p) => fold(p) !== site);
  const longest = [...kept].sort((a, b) => b.length - a.length)[0] ?? title;
  return longest.split(/\s+/).length >= 3 ? longest : title;
}

function matches(a: string, b: string): boolean {
  if (!a || !b) return false;
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.length >= 15 && long.includes(short) && short.length / long.length >= 0.6;
}

export function findTitle(
  flat: Flat,
  meta: PageMeta,
  bodyStart: number,
  bodyEnd: number,
  dateIndex = -1,
): TitleChoice | null {
  // What each reference is worth: `og:title` and the JSON-LD headline name the article; a `<title>` with a separator
  // does too once the site's name is cut; a `<title>` without one is often the site's name on every page.
  const weights = new Map<string, number>();
  const refer = (text: string, weight: number) => {
    const key = fold(text);
    if (key) weights.set(key, Math.max(weights.get(key) ?? 0, weight));
  };
  const og = metaValue(meta, 'og:title', 'twitter:title');
  if (og) refer(og, 12);
  for (const obj of ldArticles(meta)) {
    const headline = obj['headline'] ?? obj['name'];
    if (typeof headline === 'string') refer(headline, 12);
  }
  if (meta.title) {
    const parts = titleParts(meta.title);
    for (const part of parts) refer(part, parts.length > 1 ? 12 : 6);
  }
  const keys = [...weights.keys()];
  const probes = keys.map((k) => k.split(' ').sort((a, b) => b.length - a.length)[0]!).filter((w) => w.length > 0);
  const shortest = Math.min(...keys.map((k) => k.length));
  const longest = Math.max(0, ...keys.map((k) => k.length));

  let best: { index: number; score: number } | null = null;
  const { blocks } = flat;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (block.kind !== 'text' || block.text.length > 400 || block.chars < 2) continue;
    if (!block.heading && (block.text.length < 10 || block.text.length < shortest / 2 || block.text.length > longest * 2)) continue;
    // Folding is costly: a block is folded only when it holds a word of a reference title, or is a heading.
    if (!block.heading) {
      const lower = block.text.toLowerCase();
      if (!probes.some((w) => lower.includes(w))) continue;
    }
    const key = fold(block.text);
    let named = weights.get(key) ?? 0;
    if (named === 0) for (const [ref, weight] of weights) if (matches(key, ref)) named = Math.max(named, weight - 4);
    if (!named && !block.heading) continue;
    let score = named;
    if (block.heading === 1) score += 4;
    else if (block.heading === 2) score += 2;
    else if (block.heading > 0) score += 1;
    if (block.linkChars > block.chars / 2) score -= 4;
    if (block.chrome) score -= 5;
    // Near the article's start, before it rather than after it.
    const gap = Math.abs(i - bodyStart);
    if (i < bodyStart + 10) score += Math.max(0, 6 - gap / 2);
    else if (i >= bodyEnd) score -= 5;
    // Templates print the date line right under the title (or right above it).
    if (dateIndex >= 0 && (dateIndex - i === 1 || dateIndex - i === 2)) score += 6;
    else if (dateIndex >= 0 && i - dateIndex === 1) score += 3;
    if (!named && score < 6) continue;
    if (i === dateIndex) continue;
    if (!best || score > best.score) best = { index: i, score };
  }
  if (best) {
    const text = normalizeLine((blocks[best.index] as TextBlock).text);
    if (text) return { title: text, index: best.index };
  }
  const site = metaValue(meta, 'og:site_name', 'application-name');
  if (og) return { title: normalizeLine(og), index: -1 };
  for (const obj of ldArticles(meta)) {
    if (typeof obj['headline'] === 'string' && obj['headline'].trim()) return { title: normalizeLine(obj['headline']), index: -1 };
  }
  if (meta.title) return { title: stripSiteName(meta.title, site), index: -1, weak: true };
  return null;
}

/**
 * The title as templates without headings print it (Kooboo and its kin, whose `<title>` is the site's name): the
 * short line right before the date line, or failing a date line, before the article's first paragraph.
 */
export function printedTitle(flat: Flat, dateIndex: number, bodyStart: number, skip: (text: string) => boolean): TitleChoice | null {
  const start = dateIndex >= 0 ? dateIndex : bodyStart;
  for (let i = start - 1; i >= Math.max(0, start - 4); i--) {
    const block = flat.blocks[i]!;
    if (block.kind !== 'text') continue;
    const text = normalizeLine(block.text);
    if (skip(text) || /[»›]/.test(text) || block.linkChars > block.chars / 2) continue;
    if (text.length < 10 || text.length > 300 || /[:]$/.test(text)) return null;
    return { title: text, index: i };
  }
  return null;
}
