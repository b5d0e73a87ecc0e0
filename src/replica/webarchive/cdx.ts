/**
 * The Wayback CDX server (`/cdx/search/cdx`), after the Internet Archive's open-source implementation: whole-field
 * regex filters, adjacent-only collapse, `from`/`to` prefixes, `limit`/`offset`, the resume key (whose form makes
 * rows with the same urlkey and timestamp as a page's last row fall between pages), text and JSON shapes.
 */
import type { Capture } from './capture.js';
import { CDX_FIELDS, cdxLine, fieldValue, isField } from './fields.js';
import { javaDecode, javaEncode } from './javaurl.js';
import { rowsIn, scopeOf, type Scope } from './match.js';
import { pagedRows } from './paged.js';
import { padFrom, padTo } from './timestamp.js';

export interface CdxAnswer {
  status: number;
  contentType: string;
  body: string;
  headers: Record<string, string>;
  /** The host the query named (for the blocked-site check), when the query was valid. */
  scope?: Scope;
}

export const MAX_LIMIT = 150000;
export const TEXT_TYPE = 'text/plain;charset=UTF-8';

const textError = (status: number, message: string): CdxAnswer => ({
  status,
  contentType: TEXT_TYPE,
  body: message + '\n',
  headers: { 'X-Archive-Wayback-Runtime-Error': message },
});

type Filter = (c: Capture) => boolean;

/** `[~][!]field:regex`; the regex must match the whole field; no known field name: the whole line. */
function parseFilter(raw: string): Filter | string {
  let spec = raw;
  let contains = false;
  let negate = false;
  if (spec.startsWith('~')) {
    contains = true;
    spec = spec.slice(1);
  }
  if (spec.startsWith('!')) {
    negate = true;
    spec = spec.slice(1);
  }
  const colon = spec.indexOf(':');
  let field: string | null = null;
  let expr = spec;
  if (colon > 0) {
    const name = spec.slice(0, colon);
    if (/^\d+$/.test(name)) field = CDX_FIELDS[Number(name)] ?? null;
    else if (isField(name)) field = name;
    if (field !== null) expr = spec.slice(colon + 1);
  }
  let test: (value: string) => boolean;
  if (contains) test = (v) => v.includes(expr);
  else {
    let re: RegExp;
    try {
      re = new RegExp(`^(?:${expr})$`, 's');
    } catch {
      return `Invalid filter: ${raw}`;
    }
    test = (v) => re.test(v);
  }
  const get = field === null ? cdxLine : (c: Capture) => fieldValue(c, field) ?? '';
  return (c) => test(get(c)) !== negate;
}

/** `field` or `field:N`; keeps the first line of each run of adjacent lines with the same (prefix of the) value. */
function parseCollapse(raw: string): ((c: Capture) => boolean) | string {
  const m = /^([a-z]+)(?::(\d+))?$/.exec(raw);
  if (!m || !isField(m[1]!)) return `Invalid collapse: ${raw}`;
  const name = m[1]!;
  const n = m[2] === undefined ? null : Number(m[2]);
  let last: string | null = null;
  return (c) => {
    const full = fieldValue(c, name) ?? '';
    const value = n === null ? full : full.slice(0, n);
    const keep = value !== last;
    last = value;
    return keep;
  };
}

/** The key the next page starts at: the last row's urlkey and timestamp, its last character incremented. */
function resumeKeyAfter(c: Capture): string {
  const ts = c.timestamp.slice(0, -1) + String.fromCharCode(c.timestamp.charCodeAt(c.timestamp.length - 1) + 1);
  return javaEncode(`${c.urlkey} ${ts}`);
}

interface Selection {
  rows: Capture[];
  /** Set when rows remain after the last one returned and the client asked for a resume key. */
  resumeKey: string | null;
}

export interface CdxParams {
  get(name: string): string | null;
  getAll(name: string): string[];
}

function select(scoped: Capture[], q: CdxParams): Selection | string {
  let rows = scoped;
  const resume = q.get('resumeKey');
  if (resume !== null && resume !== '') {
    let key: string;
    try {
      // The servlet has decoded the parameter once already; the server decodes it again.
      key = javaDecode(resume);
    } catch {
      return `Invalid resumeKey: ${resume}`;
    }
    rows = rows.filter((c) => `${c.urlkey} ${c.timestamp}` >= key);
  }
  const from = q.get('from');
  const to = q.get('to');
  if (from) rows = rows.filter((c) => c.timestamp >= padFrom(from));
  if (to) rows = rows.filter((c) => c.timestamp <= padTo(to));
  for (const raw of q.getAll('filter')) {
    const f = parseFilter(raw);
    if (typeof f === 'string') return f;
    rows = rows.filter(f);
  }
  for (const raw of q.getAll('collapse')) {
    const keep = parseCollapse(raw);
    if (typeof keep === 'string') return keep;
    rows = rows.filter(keep);
  }
  const offset = Number(q.get('offset') ?? 0);
  if (Number.isInteger(offset) && offset > 0) rows = rows.slice(offset);
  const rawLimit = q.get('limit');
  let limit = rawLimit === null || rawLimit === '' ? MAX_LIMIT : Number(rawLimit);
  if (!Number.isInteger(limit)) return `Invalid limit: ${rawLimit}`;
  if (limit < 0) return { rows: rows.slice(Math.max(0, rows.length + limit)), resumeKey: null };
  limit = Math.min(limit, MAX_LIMIT);
  const page = rows.slice(0, limit);
  const more = rows.length > page.length && page.length > 0;
  const wantKey = q.get('showResumeKey') === 'true';
  return { rows: page, resumeKey: more && wantKey ? resumeKeyAfter(page.at(-1)!) : null };
}

function fieldList(q: CdxParams): string[] | string {
  const fl = q.get('fl');
  if (fl === null || fl === '') return [...CDX_FIELDS];
  const names = fl.split(',').map((s) => s.trim());
  for (const n of names) if (!isField(n)) return `Invalid field: ${n}`;
  return names;
}

/** JsonWriter's layout: header row without spaces, value rows with `", "`, rows joined by `,` and a newline. */
function jsonBody(fields: string[], rows: Capture[], resumeKey: string | null): string {
  if (rows.length === 0) return '[]\n';
  const lines = [JSON.stringify(fields)];
  for (const c of rows) lines.push('[' + fields.map((f) => JSON.stringify(fieldValue(c, f) ?? '')).join(', ') + ']');
  if (resumeKey !== null) lines.push('[]', JSON.stringify([resumeKey]));
  return '[' + lines.join(',\n') + ']\n';
}

function textBody(fields: string[], rows: Capture[], resumeKey: string | null): string {
  let out = rows.map((c) => fields.map((f) => fieldValue(c, f) ?? '').join(' ') + '\n').join('');
  if (resumeKey !== null) out += '\n' + resumeKey + '\n';
  return out;
}

export interface CdxOptions {
  /** Lines per index block for `page`/`showNumPages` (the Internet Archive's ZipNum blocks hold about 3000). */
  blockLines?: number;
}

export function answerCdx(all: readonly Capture[], q: CdxParams, opts: CdxOptions = {}): CdxAnswer {
  const url = q.get('url');
  if (url === null || url === '') return textError(400, 'url parameter is required');
  const scope = scopeOf(url, q.get('matchType'));
  if (typeof scope === 'string') return textError(400, scope);
  const fields = fieldList(q);
  if (typeof fields === 'string') return { ...textError(400, fields), scope };
  const paging = pagedRows(rowsIn(all, scope), q, opts.blockLines ?? 3000);
  if (paging.numPages !== undefined) {
    const n = String(paging.numPages);
    return { status: 200, contentType: TEXT_TYPE, body: n + '\n', headers: { 'X-CDX-Num-Pages': n }, scope };
  }
  const sel = select(paging.rows, q);
  if (typeof sel === 'string') return { ...textError(400, sel), scope };
  if (q.get('output') === 'json') {
    return { status: 200, contentType: 'application/json', body: jsonBody(fields, sel.rows, sel.resumeKey), headers: {}, scope };
  }
  return { status: 200, contentType: TEXT_TYPE, body: textBody(fields, sel.rows, sel.resumeKey), headers: {}, scope };
}
