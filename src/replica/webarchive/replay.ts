/**
 * Wayback replay under `/web/`: raw `id_` mementos with the archived headers prefixed `X-Archive-Orig-`,
 * nearest-capture redirects without Memento-Datetime, archived redirects kept as redirects into the archive,
 * archived errors with their status, revisits resolved to the payload they repeat; TimeGate and TimeMaps.
 */
import type { ArchiveIndex } from './archive.js';
import { payloadOf, type Capture } from './capture.js';
import { fieldValue, TIMEMAP_FIELDS } from './fields.js';
import { linkHeader, timemapLink, type LinkBase } from './links.js';
import { pickCapture } from './nearest.js';
import { blockedReply, notArchivedReply, textReply, type ArchiveReply } from './reply.js';
import { parseLoose, surt } from './surt.js';
import { parseTarget } from './target.js';
import { httpDateOf } from './timestamp.js';
import { viewReply } from './view.js';

export type WebRoute = 'replay' | 'timegate' | 'timemap';

export interface WebAnswer {
  route: WebRoute;
  /** `id_`, another flag, or `view`; for replay requests. */
  mode?: string;
  reply: ArchiveReply;
}

/** Hop-by-hop and length headers are not the archive's to repeat verbatim; everything else is prefixed too. */
function rawReply(links: LinkBase, list: readonly Capture[], self: Capture, flag: string): ArchiveReply {
  const p = payloadOf(self);
  const headers: [string, string][] = [];
  for (const [name, value] of p.headers) {
    if (name.toLowerCase() === 'content-type') headers.push(['Content-Type', value]);
    else headers.push([`X-Archive-Orig-${name}`, value]);
  }
  if (p.location !== undefined) headers.push(['Location', `${links.prefix}/${self.timestamp}${flag}/${p.location}`]);
  headers.push(
    ['Memento-Datetime', httpDateOf(self.timestamp)],
    ['Link', linkHeader(links, list, self)],
    ['X-Archive-Src', p.file],
    ['X-App-Server', 'wwwb-app-replica'],
    ['X-ts', String(p.status)],
    ['Cache-Control', 'max-age=1800'],
  );
  return { status: p.status, headers, body: p.body };
}

function redirectToCapture(links: LinkBase, c: Capture, flag: string): ArchiveReply {
  return textReply(302, 'text/plain; charset=utf-8', '', [
    ['Location', `${links.prefix}/${c.timestamp}${flag}/${c.original}`],
    ['X-Archive-Redirect-Reason', `found capture at ${c.timestamp}`],
  ]);
}

function timemapJson(list: readonly Capture[]): string {
  if (list.length === 0) return '[]\n';
  const rows = [JSON.stringify(TIMEMAP_FIELDS), ...list.map((c) => JSON.stringify(TIMEMAP_FIELDS.map((f) => fieldValue(c, f) ?? '')))];
  return '[' + rows.join(',\n') + ']\n';
}

function isBlocked(index: ArchiveIndex, url: string): boolean {
  const host = parseLoose(url)?.hostname.toLowerCase().replace(/^www\d*\./, '');
  return host !== undefined && index.blocked.has(host);
}

/** `rest` is the request target after `/web/`, query included. `origin` is the archive's own `http://127.0.0.1:PORT`. */
export function answerWeb(index: ArchiveIndex, origin: string, rest: string, acceptDatetime: string | 'invalid' | null = null): WebAnswer {
  const links: LinkBase = { prefix: `${origin}/web` };
  const tm = /^timemap\/(link|json)\/(.+)$/s.exec(rest);
  if (tm) {
    const url = parseTarget(tm[2]!)?.url ?? tm[2]!;
    if (isBlocked(index, url)) return { route: 'timemap', reply: blockedReply('cdx') };
    const list = index.byKey.get(surt(url)) ?? [];
    const reply =
      tm[1] === 'json'
        ? textReply(200, 'application/json', timemapJson(list))
        : textReply(200, 'application/link-format', timemapLink(links, url, list, 'ia'));
    return { route: 'timemap', reply };
  }
  const target = parseTarget(rest);
  if (!target) return { route: 'replay', reply: notArchivedReply(rest) };
  const route: WebRoute = target.ts === '' ? 'timegate' : 'replay';
  const mode = target.flag === '' ? 'view' : target.flag;
  if (isBlocked(index, target.url)) return { route, mode, reply: blockedReply('replay') };
  const list = index.byKey.get(surt(target.url)) ?? [];
  if (route === 'timegate' && acceptDatetime === 'invalid') return { route, mode, reply: textReply(400, 'text/plain', 'Invalid Accept-Datetime\n') };
  // A TimeGate goes to the capture nearest Accept-Datetime, or to the latest without it.
  const wanted = target.ts !== '' ? target.ts : acceptDatetime ?? '99991231235959';
  const pick = pickCapture(list, wanted, target.url);
  if (!pick) return { route, mode, reply: notArchivedReply(target.url) };
  if (!pick.exact || route === 'timegate') {
    const reply = redirectToCapture(links, pick.capture, target.flag);
    if (route === 'timegate') reply.headers.push(['Vary', 'accept-datetime']);
    return { route, mode, reply };
  }
  if (target.flag === '') return { route, mode, reply: viewReply(origin, links, list, pick.capture) };
  return { route, mode, reply: rawReply(links, list, pick.capture, target.flag) };
}

