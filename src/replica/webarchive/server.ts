/**
 * The replica web archive: one `node:http` server on 127.0.0.1 answering as the Wayback Machine does (CDX at
 * `/cdx/search/cdx`, replay under `/web/`) and as pywb collections do (`/<coll>/cdx`, `/<coll>/<ts>id_/<url>`).
 * It never contacts anything: every answer comes from the captures it was built with. Every request is logged
 * with its route and time, so tests can measure the rates a client keeps.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { indexArchive, type ArchiveData, type ArchiveIndex } from './archive.js';
import { answerCdx } from './cdx.js';
import { ArchiveFaults, type ArchiveFaultKind, type ArchiveFaultOptions, type ArchiveRoute, type RateLimits } from './faults.js';
import { answerPywbCdx, answerPywbReplay } from './pywb.js';
import { answerWeb } from './replay.js';
import { blockedReply, textReply, type ArchiveReply } from './reply.js';
import { send, wantsGzip, type Delivery } from './send.js';
import { padTo, tsOf } from './timestamp.js';

export interface ArchiveRequest {
  route: ArchiveRoute;
  /** For replay: `id_`, another flag, or `view`. */
  mode?: string;
  /** The pywb collection, for `pywb-*` routes. */
  collection?: string;
  method: string;
  /** The request target as sent: path and query. */
  url: string;
  /** `Date.now()` on arrival. */
  at: number;
  /** `performance.now()` on arrival: monotonic, to measure request rates. */
  monotonic: number;
  status?: number;
  fault?: ArchiveFaultKind | 'rate-limit' | 'ban';
  userAgent?: string;
}

export interface WebArchiveOptions {
  faults?: ArchiveFaultOptions;
  /** Answer 429 (no Retry-After) to requests beyond these rates. Off by default. */
  limits?: RateLimits;
  /** CDX lines per index block, for `page`/`showNumPages`; default 3000 (lower it to get several pages). */
  blockLines?: number;
  /**
   * Hold only the captures made up to this time (a 1–14 digit prefix, inclusive, as CDX `to`): the archive as it
   * stood then. `setUntil` moves it later, as new crawls land in the archive.
   */
  until?: string;
}

export interface WebArchiveServer {
  /** `http://127.0.0.1:PORT`: the `--archive` base of a Wayback-compatible service. */
  base: string;
  /** `<base>/cdx/search/cdx`. */
  cdxUrl: string;
  /** pywb collection name → its base `<base>/<coll>` (CDX at `<base>/<coll>/cdx`). */
  collections: Record<string, string>;
  requests: ArchiveRequest[];
  /** Show the captures made up to `until` (null: all of them) from the next request on. */
  setUntil(until: string | null): void;
  close(): Promise<void>;
}

function indexUntil(data: ArchiveData, until: string | null): ArchiveIndex {
  if (until === null) return indexArchive(data);
  const last = padTo(until);
  return indexArchive({ ...data, captures: data.captures.filter((c) => c.timestamp <= last) });
}

const TOO_MANY = '<html><head><title>429 Too Many Requests</title></head><body><h1>429 Too Many Requests</h1> You have sent too many requests in a given amount of time.</body></html>\n';

function faultReply(kind: ArchiveFaultKind | 'rate-limit', route: ArchiveRoute): ArchiveReply {
  if (kind === '429' || kind === 'rate-limit') return textReply(429, 'text/html', TOO_MANY);
  const error = 'org.archive.wayback.exception.ResourceNotAvailableException: Service Unavailable';
  if (route === 'cdx') return textReply(503, 'text/plain;charset=UTF-8', error + '\n', [['X-Archive-Wayback-Runtime-Error', error]]);
  return textReply(503, 'text/html', '<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>\n', [['X-Archive-Wayback-Runtime-Error', error]]);
}

/** The Accept-Datetime header as a 14-digit timestamp; `invalid` when present but not an HTTP date. */
function acceptDatetime(req: IncomingMessage): string | 'invalid' | null {
  const raw = req.headers['accept-datetime'];
  if (raw === undefined) return null;
  const ms = Date.parse(String(raw));
  return Number.isNaN(ms) || !/GMT$/.test(String(raw).trim()) ? 'invalid' : tsOf(ms);
}

interface Routed {
  route: ArchiveRoute;
  mode?: string;
  collection?: string;
  answer: () => ArchiveReply;
}

function route(index: ArchiveIndex, origin: string, target: string, req: IncomingMessage, opts: WebArchiveOptions): Routed {
  const q = new URL(target, origin).searchParams;
  const path = target.split('?')[0]!;
  if (path === '/cdx/search/cdx' || path === '/cdx/search/xd') {
    return {
      route: 'cdx',
      answer: () => {
        const a = answerCdx(index.rows, q, opts.blockLines === undefined ? {} : { blockLines: opts.blockLines });
        if (a.scope && index.blocked.has(a.scope.host)) return blockedReply('cdx');
        return textReply(a.status, a.contentType, a.body, Object.entries(a.headers));
      },
    };
  }
  if (target.startsWith('/web/')) {
    const rest = target.slice('/web/'.length);
    const web = answerWeb(index, origin, rest, acceptDatetime(req));
    return { route: web.route, ...(web.mode !== undefined ? { mode: web.mode } : {}), answer: () => web.reply };
  }
  const m = /^\/([A-Za-z0-9_-]+)\/(.*)$/s.exec(target);
  const coll = m ? index.collections.get(m[1]!) : undefined;
  if (m && coll) {
    const name = m[1]!;
    const rest = m[2]!;
    if (rest === 'cdx' || rest.startsWith('cdx?')) {
      return { route: 'pywb-cdx', collection: name, answer: () => answerPywbCdx(coll, q, { prefix: `${origin}/${name}`, extra: `; collection="${name}"` }) };
    }
    const r = answerPywbReplay(coll, origin, name, rest, acceptDatetime(req));
    return { route: r.route, collection: name, answer: () => r.reply };
  }
  return { route: 'other', answer: () => textReply(404, 'text/html; charset=utf-8', '<html><body><h1>404 Not Found</h1></body></html>\n') };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function serveWebArchive(data: ArchiveData, opts: WebArchiveOptions = {}): Promise<WebArchiveServer> {
  let index = indexUntil(data, opts.until ?? null);
  const faults = new ArchiveFaults(opts.faults ?? {}, opts.limits ?? {});
  const requests: ArchiveRequest[] = [];
  let origin = '';
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const target = req.url ?? '/';
    const entry: ArchiveRequest = { route: 'other', method: req.method ?? 'GET', url: target, at: Date.now(), monotonic: performance.now() };
    if (req.headers['user-agent'] !== undefined) entry.userAgent = req.headers['user-agent'];
    requests.push(entry);
    let routed: Routed;
    try {
      routed = route(index, origin, target, req, opts);
    } catch (err) {
      console.error(`web archive replica: ${target}:`, err);
      entry.status = 500;
      send(req, res, textReply(500, 'text/plain', 'Internal Server Error\n'));
      return;
    }
    entry.route = routed.route;
    if (routed.mode !== undefined) entry.mode = routed.mode;
    if (routed.collection !== undefined) entry.collection = routed.collection;
    if (entry.method !== 'GET' && entry.method !== 'HEAD') {
      entry.status = 405;
      send(req, res, textReply(405, 'text/plain', 'Method Not Allowed\n'));
      return;
    }
    if (faults.banned(entry.monotonic)) {
      entry.fault = 'ban';
      req.socket.resetAndDestroy();
      return;
    }
    const fault = faults.next(routed.route, target, entry.monotonic);
    if (fault === '429' || fault === '503' || fault === 'rate-limit') {
      entry.fault = fault;
      const reply = faultReply(fault, routed.route);
      entry.status = reply.status;
      send(req, res, reply);
      return;
    }
    const reply = routed.answer();
    entry.status = reply.status;
    let delivery: Delivery = wantsGzip(req, routed.route === 'cdx', target) ? 'gzip' : 'plain';
    // The encoding quirk needs a client that asked for gzip; other clients get the memento as it is.
    if (fault === 'truncate' || (fault === 'gzip-quirk' && wantsGzip(req, true, target))) {
      entry.fault = fault;
      delivery = fault;
    }
    send(req, res, reply, delivery);
  };
  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (err) {
      // A bug in the replica must show as a 500 in the test that hit it, not as a crashed test run.
      console.error(`web archive replica: ${req.url}:`, err);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end();
    }
  });
  const port = await listen(server);
  origin = `http://127.0.0.1:${port}`;
  let closing: Promise<void> | null = null;
  return {
    base: origin,
    cdxUrl: `${origin}/cdx/search/cdx`,
    collections: Object.fromEntries([...index.collections.keys()].map((n) => [n, `${origin}/${n}`])),
    requests,
    setUntil: (until) => {
      index = indexUntil(data, until);
    },
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      })),
  };
}

