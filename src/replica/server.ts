/**
 * The replica portals: one `node:http` server per site on 127.0.0.1 and a free port, answering with the headers
 * the real IIS / ASP.NET MVC servers send. Every request is logged so tests can check what a crawler fetched.
 * Optional, all off by default: faults (see faults.ts), robots.txt, dead links, stall traps (traps.ts), and changes
 * to the data while the replica runs; conditional GET (ETag, Last-Modified, 304) is always on, as it is on IIS.
 *
 * A site with a real host name (`host` in its site.json) is also served under that name on every port, by the Host
 * header, so a crawler given `--connect-to <host>:80:127.0.0.1:<port>` archives it as `http://<host>/...` while
 * every byte stays on this machine.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { etagOf, httpDate, notModified } from './conditional.js';
import { FaultPlan, resolveFaults, retryAfterValue, type FaultKind, type FaultOptions, type ResolvedFaults } from './faults.js';
import { errorReply, type Reply } from './handler.js';
import { createLive, edit, publish, type ArticleChanges, type LiveSite } from './live.js';
import { parseRoute } from './routes.js';
import { createFamilyHandler } from './families/handler.js';
import { familyOf, loadAllSites, type AnySite, type Article } from './site.js';
import { type TrapKind, trapReply } from './traps.js';
import { listingUrl } from './urls.js';

export interface ReplicaSite {
  id: string;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** Absolute URL of the all-news listing, page 1. */
  listingUrl: string;
  /** The portal family: `kooboo`, or a family of fixtures/replica/<id>/site.json's `family` key. */
  family: string;
  /** The real portal's host name, when the site has one (`tuachua.dienbien.gov.vn`). */
  host: string | null;
  /** The listing under the real name, `http://<host>/...`: reach it with `connectTo`. Null without a host. */
  namedListingUrl: string | null;
  /** `<host>:80:127.0.0.1:<port>`, the `--connect-to` rule that sends the real name here. Null without a host. */
  connectTo: string | null;
  /** The data as served now: `publish` and `edit` change it (Kooboo sites only). */
  site: AnySite;
}

export interface RequestLogEntry {
  siteId: string;
  method: string;
  /** The request target as sent: path and query. */
  url: string;
  /** `Date.now()` when the request arrived. */
  at: number;
  /** `performance.now()` when the request arrived: monotonic, to measure the spacing of requests. */
  monotonic: number;
  /** The status sent; absent while a slow answer is pending, and for a reset or hung request. */
  status?: number;
  userAgent?: string;
  ifNoneMatch?: string;
  ifModifiedSince?: string;
  /** The fault this request was answered with, if any. */
  fault?: FaultKind;
}

export interface Replica {
  sites: ReplicaSite[];
  requests: RequestLogEntry[];
  /** The served site with this id; throws for an unknown id. */
  site(id: string): ReplicaSite;
  /** Adds an article to a site; the listings show it from the next request. Returns the article as stored. */
  publish(siteId: string, article: Article): Article;
  /** Changes an existing article's fields (not its slug); its pages change from the next request. */
  edit(siteId: string, slug: string, changes: ArticleChanges): Article;
  close(): Promise<void>;
}

export interface ReplicaOptions {
  /** Folder holding `<siteId>/site.json`; the repository's `fixtures/replica` by default. */
  dir?: string;
  /** Serve these sites (e.g. from `generateSite`) instead of the folder's. */
  sites?: AnySite[];
  /** Serve only these sites, in this order, whatever their family. */
  siteIds?: string[];
  /**
   * Without `siteIds`: serve the sites of these families (`kooboo`, `sharepoint`, `nukeviet`, `liferay`,
   * `wordpress`, `slugid`), or `all`. Default `['kooboo']`: the Kooboo portals, as before other families had
   * replicas.
   */
  families?: readonly string[] | 'all';
  /** Answer some requests badly; see `FaultOptions`. Applies to every site served. */
  faults?: FaultOptions;
  /**
   * Article links that lead nowhere (404), printed first on page 1 of the all-news listing: one list for every
   * site, or per site id.
   */
  dead?: string[] | Record<string, string[]>;
  /** The body of `/robots.txt`: one for every site, or per site id. Without it `/robots.txt` is a 404. */
  robots?: string | Record<string, string>;
  /**
   * Pages that would stall a crawler, by slug (see traps.ts), listed first on page 1 of every Kooboo site's all-news
   * listing like dead links and served as their kind says.
   */
  traps?: Record<string, TrapKind>;
}

/** Resolves from `src/replica/` (tests) and from `dist/replica/` (built package) alike. */
export const DEFAULT_REPLICA_DIR = fileURLToPath(new URL('../../fixtures/replica/', import.meta.url));

const STATIC_HEADERS = {
  'Cache-Control': 'private',
  Server: 'Microsoft-IIS/8.5',
  'X-AspNetMvc-Version': '5.2',
  'X-AspNet-Version': '4.0.30319',
  'X-Powered-By': 'ASP.NET',
} as const;

interface Served {
  id: string;
  /** The page for a request target (path and query). */
  respond: (url: string) => Reply;
  /** Kooboo sites: the data that `publish` and `edit` change; null for other families. */
  live: LiveSite | null;
  /** The real portal's host name the site answers to by the Host header, or null. */
  host: string | null;
  /** Stall traps by slug (Kooboo sites). */
  traps: Record<string, TrapKind>;
  faults: FaultPlan | null;
  log: RequestLogEntry[];
  /** Pending slow answers, cleared by close() so a closed replica keeps nothing alive. */
  timers: Set<NodeJS.Timeout>;
}

function headersFor(reply: Reply, extra: Record<string, string>): Record<string, string> {
  return {
    ...(reply.server ?? STATIC_HEADERS),
    ...extra,
    'Content-Type': reply.contentType,
    'Content-Length': String(reply.body.length),
    Date: new Date().toUTCString(),
  };
}

function send(req: IncomingMessage, res: ServerResponse, reply: Reply, extra: Record<string, string> = {}): void {
  res.writeHead(reply.status, headersFor(reply, extra));
  // HEAD gets the same headers, Content-Length included, and no body.
  res.end(req.method === 'HEAD' ? undefined : reply.body);
}

function validators(reply: Reply): Record<string, string> {
  if (reply.status !== 200 || reply.lastModified === undefined) return {};
  return { ETag: etagOf(reply.body), 'Last-Modified': httpDate(reply.lastModified) };
}

function respond(s: Served, url: string): Reply {
  try {
    return s.respond(url);
  } catch (err) {
    // A bug in the replica must show as a 500 in the test that hit it, not as a hung socket.
    console.error(`replica ${s.id}: ${url}:`, err);
    return errorReply(500, url);
  }
}

/** The normal answer: the page, or 304 when the client's validators still match it. */
function answer(s: Served, entry: RequestLogEntry, req: IncomingMessage, res: ServerResponse): void {
  const reply = respond(s, entry.url);
  const extra = validators(reply);
  entry.status = reply.status;
  if (extra.ETag !== undefined && reply.lastModified !== undefined && notModified(req.headers, extra.ETag, reply.lastModified)) {
    entry.status = 304;
    res.writeHead(304, { ...(reply.server ?? STATIC_HEADERS), ...extra, Date: new Date().toUTCString() });
    res.end();
    return;
  }
  send(req, res, reply, extra);
}

function fault(kind: FaultKind, f: ResolvedFaults, s: Served, entry: RequestLogEntry, req: IncomingMessage, res: ServerResponse): void {
  const socket = req.socket;
  switch (kind) {
    case '500':
      entry.status = 500;
      send(req, res, errorReply(500, entry.url));
      return;
    case '503':
    case '429': {
      const status = Number(kind);
      entry.status = status;
      send(req, res, errorReply(status, entry.url), { 'Retry-After': retryAfterValue(f, Date.now()) });
      return;
    }
    case 'reset':
      // A TCP RST, as a crashed worker or a middlebox gives: the client sees ECONNRESET, not a clean close.
      socket.resetAndDestroy();
      return;
    case 'truncate': {
      const reply = respond(s, entry.url);
      entry.status = reply.status;
      // The full Content-Length, then half the bytes and a clean close: only the length tells the client.
      res.writeHead(reply.status, headersFor(reply, validators(reply)));
      res.flushHeaders();
      const part = req.method === 'HEAD' ? Buffer.alloc(0) : reply.body.subarray(0, Math.floor(reply.body.length / 2));
      res.write(part, () => socket.end());
      return;
    }
    case 'slow': {
      const timer = setTimeout(() => {
        s.timers.delete(timer);
        if (!socket.destroyed) answer(s, entry, req, res);
      }, f.slowMs);
      s.timers.add(timer);
      return;
    }
    case 'hang':
      // Never answered: the client's timeout must fire; close() ends the socket.
      return;
  }
}

function handle(s: Served, req: IncomingMessage, res: ServerResponse): void {
  const url = req.url ?? '/';
  const method = req.method ?? 'GET';
  const entry: RequestLogEntry = { siteId: s.id, method, url, at: Date.now(), monotonic: performance.now() };
  const { 'user-agent': userAgent, 'if-none-match': ifNoneMatch, 'if-modified-since': ifModifiedSince } = req.headers;
  if (userAgent !== undefined) entry.userAgent = userAgent;
  if (ifNoneMatch !== undefined) entry.ifNoneMatch = ifNoneMatch;
  if (ifModifiedSince !== undefined) entry.ifModifiedSince = ifModifiedSince;
  s.log.push(entry);
  if (method !== 'GET' && method !== 'HEAD') {
    entry.status = 405;
    send(req, res, errorReply(405, url), { Allow: 'GET, HEAD' });
    return;
  }
  const route = s.live ? parseRoute(s.live.site, url) : null;
  const trap = route?.kind === 'article' ? s.traps[route.slug] : undefined;
  if (trap !== undefined) {
    const reply = trapReply(trap, url);
    entry.status = reply.status;
    res.writeHead(reply.status, { ...STATIC_HEADERS, ...reply.headers, 'Content-Length': String(reply.body.length) });
    res.end(method === 'HEAD' ? undefined : reply.body);
    return;
  }
  const kind = s.faults?.next(url, url.split('?')[0] === '/robots.txt') ?? null;
  if (kind !== null && s.faults) {
    entry.fault = kind;
    fault(kind, s.faults.faults, s, entry, req, res);
    return;
  }
  answer(s, entry, req, res);
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

function closeServer(server: Server): Promise<void> {
  // Also ends sockets held by hung or slow answers, which close() alone would wait for.
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
}

function pickSites(all: AnySite[], ids: string[] | undefined, from: string, families: readonly string[] | 'all'): AnySite[] {
  if (ids === undefined) return families === 'all' ? all : all.filter((s) => families.includes(familyOf(s)));
  return ids.map((id) => {
    const site = all.find((s) => s.id === id);
    if (!site) throw new Error(`replica: no site "${id}" in ${from} (have: ${all.map((s) => s.id).join(', ')})`);
    return site;
  });
}

function perSite<T>(value: T | Record<string, T> | undefined, id: string, isShared: (v: unknown) => v is T): T | undefined {
  if (value === undefined || isShared(value)) return value;
  return (value as Record<string, T>)[id];
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isList = (v: unknown): v is string[] => Array.isArray(v);

export async function startReplica(opts: ReplicaOptions = {}): Promise<Replica> {
  const dir = opts.dir ?? DEFAULT_REPLICA_DIR;
  const sites = opts.sites
    ? pickSites(opts.sites, opts.siteIds, 'the given sites', 'all')
    : pickSites(loadAllSites(dir), opts.siteIds, dir, opts.families ?? ['kooboo']);
  const ids = new Set<string>();
  for (const site of sites) {
    if (ids.has(site.id)) throw new Error(`replica: site id "${site.id}" given twice`);
    ids.add(site.id);
  }
  const faults = opts.faults ? resolveFaults(opts.faults) : null;
  const requests: RequestLogEntry[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const servers: Server[] = [];
  const replicaSites: ReplicaSite[] = [];
  const served = new Map<string, Served>();
  /** The site a request names in its Host header (port ignored), if it names one served here. */
  const byHost = (req: IncomingMessage): Served | undefined => {
    const name = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    for (const s of served.values()) if (s.host === name) return s;
    return undefined;
  };
  try {
    for (const site of sites) {
      const robots = perSite(opts.robots, site.id, isString);
      const deadLinks = perSite(opts.dead, site.id, isList);
      const plan = faults && new FaultPlan(faults, site.id);
      let s: Served;
      let first: string;
      if ('family' in site) {
        const family = createFamilyHandler(site, { robots: robots ?? null });
        s = { id: site.id, respond: (url) => family.respond(url), live: null, host: site.host ?? null, traps: {}, faults: plan, log: requests, timers };
        first = family.template.listingUrl(site, 1);
      } else {
        const traps = opts.traps ?? {};
        const live = createLive(site, { robots: robots ?? null, deadLinks: [...(deadLinks ?? []), ...Object.keys(traps)] });
        s = { id: site.id, respond: (url) => live.handler.respond(parseRoute(live.site, url), url), live, host: site.host ?? null, traps, faults: plan, log: requests, timers };
        first = listingUrl(site, 1);
      }
      served.set(site.id, s);
      const server = createServer((req, res) => handle(byHost(req) ?? s, req, res));
      servers.push(server);
      const port = await listen(server);
      const origin = `http://127.0.0.1:${port}`;
      const host = site.host ?? null;
      replicaSites.push({
        id: site.id,
        origin,
        listingUrl: origin + first,
        family: familyOf(site),
        host,
        namedListingUrl: host ? `http://${host}${first}` : null,
        connectTo: host ? `${host}:80:127.0.0.1:${port}` : null,
        site: s.live?.site ?? site,
      });
    }
  } catch (err) {
    await Promise.allSettled(servers.filter((s) => s.listening).map(closeServer));
    throw err;
  }
  const liveSite = (id: string): LiveSite => {
    const s = served.get(id);
    if (!s) throw new Error(`replica: no site "${id}" (serving: ${[...served.keys()].join(', ')})`);
    if (!s.live) throw new Error(`replica: site "${id}" is not a Kooboo site; publish and edit change Kooboo sites only`);
    return s.live;
  };
  let closing: Promise<void> | null = null;
  return {
    sites: replicaSites,
    requests,
    site: (id) => {
      const found = replicaSites.find((s) => s.id === id);
      if (!found) throw new Error(`replica: no site "${id}" (serving: ${[...served.keys()].join(', ')})`);
      return found;
    },
    publish: (siteId, article) => publish(liveSite(siteId), article, Date.now()),
    edit: (siteId, slug, changes) => edit(liveSite(siteId), slug, changes, Date.now()),
    // Idempotent: an afterAll and a failing test's own cleanup may both call it.
    close: () =>
      (closing ??= (async () => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        await Promise.all(servers.map(closeServer));
      })()),
  };
}
