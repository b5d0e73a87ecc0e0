import { parseDateBound } from '../export/dates.js';
import { writeChunk } from '../export/write.js';
import { UsageError } from '../errors.js';
import { toFtsQuery } from '../search/query.js';
import { searchArchive, type SearchHit } from '../search/search.js';
import { codePointRanges, renderSnippet } from '../search/snippet.js';
import { openArchive } from '../store/index.js';

export type SearchFormat = 'text' | 'json' | 'jsonl';

export interface SearchCommandOptions {
  db: string;
  query: string;
  site?: string;
  since?: string;
  until?: string;
  limit: number;
  format: string;
}

export interface SearchCommandResult {
  /** Matching articles before --limit. */
  total: number;
  shown: number;
}

/** One of a command's --format values, or a one-line usage error naming them. */
export function pickFormat<F extends string>(value: string, allowed: readonly F[]): F {
  const format = allowed.find((f) => f === value.trim().toLowerCase());
  if (format === undefined) {
    throw new UsageError(`unknown format "${value}": expected ${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}`);
  }
  return format;
}

/** Searches the archive and writes the ranked hits to `stdout` in the chosen format. */
export async function searchCommand(options: SearchCommandOptions, stdout: NodeJS.WritableStream): Promise<SearchCommandResult> {
  const format = pickFormat(options.format, ['text', 'json', 'jsonl'] as const);
  const match = toFtsQuery(options.query);
  const since = options.since ? parseDateBound(options.since, 'since') : undefined;
  const until = options.until ? parseDateBound(options.until, 'until') : undefined;
  if (since && until && since > until) throw new UsageError(`--since ${options.since} is after --until ${options.until}`);
  const db = openArchive(options.db, { create: false, readonly: true });
  let result;
  try {
    result = searchArchive(db, {
      match,
      typed: options.query,
      limit: options.limit,
      ...(options.site ? { site: options.site } : {}),
      ...(since ? { since } : {}),
      ...(until ? { until } : {}),
    });
  } finally {
    db.close();
  }
  const { hits, total } = result;
  if (format === 'json') {
    await writeChunk(stdout, hits.length === 0 ? '[]\n' : `[\n${hits.map((h) => JSON.stringify(hitJson(h))).join(',\n')}\n]\n`);
  } else if (format === 'jsonl') {
    for (const hit of hits) await writeChunk(stdout, `${JSON.stringify(hitJson(hit))}\n`);
  } else {
    for (const hit of hits) await writeChunk(stdout, hitText(hit));
  }
  return { total, shown: hits.length };
}

/** Highlights as [start, end) code point offsets, so `text[start:end]` in Python is the matched word. */
function hitJson(hit: SearchHit) {
  return {
    rank: hit.rank,
    score: hit.score,
    url: hit.url,
    site: hit.site,
    category: hit.category,
    title: hit.title,
    title_highlights: codePointRanges(hit.title, hit.titleHighlights),
    published_at: hit.published_at,
    author: hit.author,
    snippet: hit.snippet.text,
    snippet_highlights: codePointRanges(hit.snippet.text, hit.snippet.highlights),
  };
}

/** A block per hit, matches in [brackets]: rank and title, date · site · category, URL, snippet. */
function hitText(hit: SearchHit): string {
  const title = renderSnippet({ text: hit.title, highlights: hit.titleHighlights }, '[', ']');
  const meta = [hit.published_at?.slice(0, 10) ?? 'undated', hit.site, hit.category].filter((x) => x !== null).join(' · ');
  return `${hit.rank}. ${title}\n   ${meta}\n   ${hit.url}\n   ${renderSnippet(hit.snippet, '[', ']')}\n\n`;
}
