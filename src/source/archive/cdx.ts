import type { ArchiveEndpoints } from './endpoints.js';

/**
 * CDX answers in every shape the archives give them, and the queries `recover` sends. Wayback servers answer JSON
 * (an array of arrays whose first row names the fields; a resume key after an empty row) or plain text (fields in
 * `fl` order; a resume key after a blank line); pywb answers NDJSON (one object a line, its own field names) or
 * CDXJ (`urlkey timestamp {json}`).
 */
export interface CdxRow {
  urlkey: string;
  /** 14 digits, UTC. */
  timestamp: string;
  /** The URL as captured. */
  original: string;
  /** `text/html`, or `warc/revisit` for a revisit row. */
  mimetype: string;
  /** The archived status, `-` for a revisit row. */
  statuscode: string;
  digest: string;
}

export interface CdxPage {
  rows: CdxRow[];
  /** Where the next page starts, as the server printed it (already percent-encoded); null on the last page. */
  resumeKey: string | null;
}

/** The fields asked for, in the order a plain-text answer prints them. */
export const CDX_FIELDS = ['urlkey', 'timestamp', 'original', 'mimetype', 'statuscode', 'digest'] as const;

/** pywb's names for the Wayback fields. */
const ALIASES: Record<string, keyof CdxRow> = { url: 'original', mime: 'mimetype', status: 'statuscode' };

function rowOf(get: (field: keyof CdxRow) => unknown): CdxRow | null {
  const text = (field: keyof CdxRow) => {
    const value = get(field);
    return value === undefined || value === null ? '' : String(value);
  };
  const row: CdxRow = {
    urlkey: text('urlkey'),
    timestamp: text('timestamp'),
    original: text('original'),
    mimetype: text('mimetype'),
    statuscode: text('statuscode') || '-',
    digest: text('digest') || '-',
  };
  return /^\d{14}$/.test(row.timestamp) && row.original !== '' ? row : null;
}

function fromObject(o: Record<string, unknown>): CdxRow | null {
  const named: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(o)) named[ALIASES[key] ?? key] = value;
  return rowOf((f) => named[f]);
}

function parseJsonArray(body: string): CdxPage {
  const data = JSON.parse(body) as unknown;
  if (!Array.isArray(data)) throw new SyntaxError('CDX JSON answer is not an array');
  if (data.length === 0) return { rows: [], resumeKey: null };
  const header = data[0] as unknown[];
  if (!Array.isArray(header)) throw new SyntaxError('CDX JSON answer has no header row');
  const names = header.map((h) => ALIASES[String(h)] ?? String(h));
  const rows: CdxRow[] = [];
  let resumeKey: string | null = null;
  for (let i = 1; i < data.length; i++) {
    const line = data[i] as unknown[];
    if (!Array.isArray(line)) continue;
    if (line.length === 0) {
      // An empty row, then the resume key alone in the next.
      const next = data[i + 1] as unknown[] | undefined;
      if (Array.isArray(next) && next.length === 1) resumeKey = String(next[0]);
      break;
    }
    const row = rowOf((f) => line[names.indexOf(f)]);
    if (row) rows.push(row);
  }
  return { rows, resumeKey };
}

function parseLines(body: string): CdxPage {
  const lines = body.split(/\r?\n/);
  while (lines.length > 0 && lines.at(-1)!.trim() === '') lines.pop();
  const rows: CdxRow[] = [];
  let resumeKey: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') {
      // A blank line, then the resume key as the last line.
      if (i === lines.length - 2) resumeKey = lines[i + 1]!.trim() || null;
      break;
    }
    if (line.startsWith('{')) {
      const row = fromObject(JSON.parse(line) as Record<string, unknown>);
      if (row) rows.push(row);
      continue;
    }
    const cdxj = /^(\S+) (\d{14}) (\{.*\})$/.exec(line);
    if (cdxj) {
      const row = fromObject({ ...(JSON.parse(cdxj[3]!) as Record<string, unknown>), urlkey: cdxj[1], timestamp: cdxj[2] });
      if (row) rows.push(row);
      continue;
    }
    const parts = line.split(/\s+/);
    const row = rowOf((f) => parts[CDX_FIELDS.indexOf(f)]);
    if (row) rows.push(row);
  }
  return { rows, resumeKey };
}

/** Reads a CDX answer of any shape. An empty body is an empty answer. */
export function parseCdx(body: string): CdxPage {
  const text = body.replace(/^\uFEFF/, '').trim();
  if (text === '') return { rows: [], resumeKey: null };
  return text.startsWith('[') ? parseJsonArray(text) : parseLines(text);
}

/** Pages worth a look: HTML answered 200, redirects that may lead to one, and revisits (status `-`) of either. */
export function wantedRow(row: CdxRow): boolean {
  const html = /^(text\/html|application\/xhtml\+xml|warc\/revisit)$/i.test(row.mimetype) || row.mimetype === 'unk';
  return html && /^(200|301|302|303|307|308|-)$/.test(row.statuscode);
}

export type MatchType = 'exact' | 'prefix' | 'host';

export interface CdxQuery {
  /** `host/path` or a full URL. */
  url: string;
  matchType: MatchType;
  /** Inclusive 1-14 digit timestamp bounds. */
  from?: string | null;
  to?: string | null;
}

/** The request for one page of `query`; `resumeKey` as the previous page printed it (it is encoded once more). */
export function cdxRequestUrl(endpoints: ArchiveEndpoints, query: CdxQuery, page: { limit: number; resumeKey?: string | null }): string {
  const params = new URLSearchParams({ url: query.url, matchType: query.matchType, output: 'json' });
  if (query.from) params.set('from', query.from);
  if (query.to) params.set('to', query.to);
  if (endpoints.flavour === 'wayback') {
    params.set('fl', CDX_FIELDS.join(','));
    // Whole-field Java regexes; the client filters again, whatever the server made of them.
    params.append('filter', 'statuscode:(200|301|302|303|307|308|-)');
    params.append('filter', 'mimetype:(text/html|application/xhtml\\+xml|warc/revisit)');
    params.set('limit', String(page.limit));
    params.set('showResumeKey', 'true');
    if (page.resumeKey) params.set('resumeKey', page.resumeKey);
  } else {
    // pywb: `~` is a regex matched at the start; no resume key, one answer up to its limit.
    params.append('filter', '~status:(200|301|302|303|307|308|-)');
    params.append('filter', '~mime:(text/html|application/xhtml\\+xml|warc/revisit)');
  }
  return `${endpoints.cdxUrl}?${params}`;
}

/** The key a query is remembered by in the archive's recovery state. */
export function queryKey(query: CdxQuery): string {
  return `${query.matchType} ${query.url} ${query.from ?? ''} ${query.to ?? ''}`.trimEnd();
}
