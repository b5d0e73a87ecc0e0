/**
 * A pywb collection (`/<coll>/...`): CDX server with CDXJ/NDJSON/text/link output, pywb field names (`url`,
 * `mime`, `status`), substring/exact/regex filters and no collapse or resume key; replay that serves the closest
 * capture directly (200 + `Content-Location`, no redirect) and prefixes only hop-by-hop headers.
 */
import type { Capture } from './capture.js';
import { payloadOf } from './capture.js';
import { fieldValue } from './fields.js';
import { timemapLink, type LinkBase, mementoLinks } from './links.js';
import { rowsIn, scopeOf } from './match.js';
import { pickCapture } from './nearest.js';
import { notArchivedReply, textReply, type ArchiveReply } from './reply.js';
import { surt } from './surt.js';
import { parseTarget } from './target.js';
import { httpDateOf, msOf, padFrom, padTo } from './timestamp.js';
import { viewReply } from './view.js';
import type { CdxParams } from './cdx.js';

export interface Collection {
  rows: Capture[];
  byKey: Map<string, Capture[]>;
}

const PYWB_FIELDS = ['urlkey', 'timestamp', 'url', 'mime', 'status', 'digest', 'length', 'offset', 'filename'] as const;
const ALT: Record<string, string> = { original: 'url', mimetype: 'mime', statuscode: 'status' };
const IA_NAME: Record<string, string> = { url: 'original', mime: 'mimetype', status: 'statuscode' };

function value(c: Capture, field: string): string | undefined {
  const name = ALT[field] ?? field;
  return fieldValue(c, IA_NAME[name] ?? name);
}

function object(c: Capture, fields: readonly string[]): Record<string, string> {
  const o: Record<string, string> = {};
  for (const f of fields) o[ALT[f] ?? f] = value(c, f) ?? '';
  return o;
}

/** `[!][=|~]field:expr`: no modifier is "contains", `=` exact, `~` regex matched at the start. */
function filterOf(raw: string): ((c: Capture) => boolean) | string {
  const m = /^(!)?([=~])?([a-z_-]+):(.*)$/s.exec(raw);
  if (!m) return `Invalid filter: ${raw}`;
  const [, neg, mod, field, expr] = m as unknown as [string, string | undefined, string | undefined, string, string];
  let test: (v: string) => boolean;
  if (mod === '=') test = (v) => v === expr;
  else if (mod === '~') {
    let re: RegExp;
    try {
      re = new RegExp(`^(?:${expr})`);
    } catch {
      return `Invalid filter: ${raw}`;
    }
    test = (v) => re.test(v);
  } else test = (v) => v.includes(expr);
  return (c) => test(value(c, field) ?? '') !== (neg === '!');
}

export function answerPywbCdx(coll: Collection, q: CdxParams, links: LinkBase): ArchiveReply {
  const url = q.get('url');
  if (!url) return textReply(400, 'text/plain', 'The "url" param is required\n');
  const output = q.get('output') ?? 'cdxj';
  if (!['cdxj', 'json', 'text', 'link'].includes(output)) return textReply(400, 'text/plain', `output=${output} not supported\n`);
  const scope = scopeOf(url, q.get('matchType'));
  if (typeof scope === 'string') return textReply(400, 'text/plain', scope + '\n');
  let rows = rowsIn(coll.rows, scope);
  const from = q.get('from');
  const to = q.get('to');
  if (from) rows = rows.filter((c) => c.timestamp >= padFrom(from));
  if (to) rows = rows.filter((c) => c.timestamp <= padTo(to));
  for (const raw of q.getAll('filter')) {
    const f = filterOf(raw);
    if (typeof f === 'string') return textReply(400, 'text/plain', f + '\n');
    rows = rows.filter(f);
  }
  const sort = q.get('sort');
  if (sort === 'reverse') rows = [...rows].reverse();
  else if (sort === 'closest' && q.get('closest')) {
    const t = msOf(padFrom(q.get('closest')!));
    rows = [...rows].sort((a, b) => Math.abs(msOf(a.timestamp) - t) - Math.abs(msOf(b.timestamp) - t));
  }
  const limit = Number(q.get('limit') ?? 100000);
  if (Number.isInteger(limit) && limit >= 0) rows = rows.slice(0, limit);
  const fl = q.get('fields') ?? q.get('fl');
  const fields = fl ? fl.split(',').map((s) => s.trim()) : [...PYWB_FIELDS];
  switch (output) {
    case 'json':
      return textReply(200, 'text/x-ndjson', rows.map((c) => JSON.stringify(object(c, fields)) + '\n').join(''));
    case 'text':
      return textReply(200, 'text/plain', rows.map((c) => fields.map((f) => value(c, f) ?? '').join(' ') + '\n').join(''));
    case 'link':
      return textReply(200, 'application/link-format', timemapLink(links, url, uniq(rows), 'pywb'));
    default: {
      const rest = fields.filter((f) => f !== 'urlkey' && f !== 'timestamp');
      return textReply(200, 'text/x-cdxj', rows.map((c) => `${c.urlkey} ${c.timestamp} ${JSON.stringify(object(c, rest))}\n`).join(''));
    }
  }
}

function uniq(rows: Capture[]): Capture[] {
  return rows.filter((c, i) => rows.indexOf(c) === i);
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'set-cookie', 'content-encoding', 'proxy-authenticate', 'trailer', 'upgrade']);

function pywbRaw(links: LinkBase, list: readonly Capture[], self: Capture, flag: string, exactUrl: string | null): ArchiveReply {
  const p = payloadOf(self);
  const headers: [string, string][] = p.headers.map(([k, v]) => [HOP_BY_HOP.has(k.toLowerCase()) ? `X-Archive-Orig-${k}` : k, v]);
  if (p.location !== undefined) headers.push(['Location', `${links.prefix}/${self.timestamp}${flag}/${p.location}`]);
  const link = [
    `<${self.original}>; rel="original"`,
    `<${links.prefix}/${self.original}>; rel="timegate"`,
    `<${links.prefix}/timemap/link/${self.original}>; rel="timemap"; type="application/link-format"`,
    ...mementoLinks({ ...links, prefix: links.prefix }, list, self).map((l) => l.replace(`/${self.timestamp}/`, `/${self.timestamp}mp_/`)),
  ].join(', ');
  headers.push(['Memento-Datetime', httpDateOf(self.timestamp)], ['Link', link]);
  if (exactUrl !== null) headers.push(['Content-Location', exactUrl]);
  return { status: p.status, headers, body: p.body };
}

/** `rest` is the target after `/<coll>/`: a memento, a TimeGate (no timestamp; 200 with Content-Location) or a TimeMap. */
export function answerPywbReplay(
  coll: Collection,
  origin: string,
  name: string,
  rest: string,
  acceptDatetime: string | 'invalid' | null = null,
): { route: 'pywb-replay' | 'pywb-timemap'; reply: ArchiveReply } {
  const links: LinkBase = { prefix: `${origin}/${name}`, extra: `; collection="${name}"` };
  const tm = /^timemap\/(link|json|cdxj)\/(.+)$/s.exec(rest);
  if (tm) {
    const url = parseTarget(tm[2]!)?.url ?? tm[2]!;
    const list = coll.byKey.get(surt(url)) ?? [];
    return { route: 'pywb-timemap', reply: textReply(200, 'application/link-format', timemapLink(links, url, list, 'pywb')) };
  }
  const target = parseTarget(rest);
  if (!target) return { route: 'pywb-replay', reply: notArchivedReply(rest) };
  const list = coll.byKey.get(surt(target.url)) ?? [];
  if (target.ts === '' && acceptDatetime === 'invalid') return { route: 'pywb-replay', reply: textReply(400, 'text/plain', 'Invalid Accept-Datetime\n') };
  const pick = pickCapture(list, target.ts !== '' ? target.ts : acceptDatetime ?? '99991231235959', target.url);
  if (!pick) return { route: 'pywb-replay', reply: textReply(404, 'text/html; charset=utf-8', `<!DOCTYPE html><html><body><h2>Url Not Found</h2><p>The url <b>${target.url.replace(/[<>&"]/g, '')}</b> could not be found in this collection.</p></body></html>\n`) };
  const flag = target.flag;
  const exactUrl = pick.exact && target.ts !== '' ? null : `${links.prefix}/${pick.capture.timestamp}${flag}/${pick.capture.original}`;
  if (flag === '' || flag === 'mp_') {
    const reply = viewReply(origin, links, list, pick.capture);
    if (exactUrl !== null) reply.headers.push(['Content-Location', exactUrl]);
    if (target.ts === '') reply.headers.push(['Vary', 'accept-datetime']);
    return { route: 'pywb-replay', reply };
  }
  const reply = pywbRaw(links, list, pick.capture, flag, exactUrl);
  if (target.ts === '') reply.headers.push(['Vary', 'accept-datetime']);
  return { route: 'pywb-replay', reply };
}
