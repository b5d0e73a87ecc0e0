/**
 * The replica portals: one `node:http` server per site on 127.0.0.1 and a free port, answering with the headers
 * the real IIS / ASP.NET MVC servers send. Every request is logged so tests can check what a crawler fetched.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createHandler, errorReply, type Reply, type SiteHandler } from './handler.js';
import { parseRoute } from './routes.js';
import { loadSites, type Site } from './site.js';
import { listingUrl } from './urls.js';

export interface ReplicaSite {
  id: string;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** Absolute URL of the all-news listing, page 1. */
  listingUrl: string;
  site: Site;
}

export interface RequestLogEntry {
  siteId: string;
  method: string;
  /** The request target as sent: path and query. */
  url: string;
  /** `Date.now()` when the request arrived. */
  at: number;
}

export interface Replica {
  sites: ReplicaSite[];
  requests: RequestLogEntry[];
  close(): Promise<void>;
}

export interface ReplicaOptions {
  /** Folder holding `<siteId>/site.json`; the repository's `fixtures/replica` by default. */
  dir?: string;
  /** Serve only these sites, in this order; all by default. */
  siteIds?: string[];
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

function send(req: IncomingMessage, res: ServerResponse, reply: Reply, extra: Record<string, string> = {}): void {
  res.writeHead(reply.status, {
    ...STATIC_HEADERS,
    ...extra,
    'Content-Type': reply.contentType,
    'Content-Length': String(reply.body.length),
    Date: new Date().toUTCString(),
  });
  // HEAD gets the same headers, Content-Length included, and no body.
  res.end(req.method === 'HEAD' ? undefined : reply.body);
}

function handle(handler: SiteHandler, log: RequestLogEntry[], req: IncomingMessage, res: ServerResponse): void {
  const url = req.url ?? '/';
  const method = req.method ?? 'GET';
  log.push({ siteId: handler.site.id, method, url, at: Date.now() });
  if (method !== 'GET' && method !== 'HEAD') {
    send(req, res, errorReply(405, url), { Allow: 'GET, HEAD' });
    return;
  }
  let reply: Reply;
  try {
    reply = handler.respond(parseRoute(handler.site, url), url);
  } catch (err) {
    // A bug in the replica must show as a 500 in the test that hit it, not as a hung socket.
    console.error(`replica ${handler.site.id}: ${method} ${url}:`, err);
    reply = errorReply(500, url);
  }
  send(req, res, reply);
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
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
}

function pickSites(all: Site[], ids: string[] | undefined, dir: string): Site[] {
  if (ids === undefined) return all;
  return ids.map((id) => {
    const site = all.find((s) => s.id === id);
    if (!site) throw new Error(`replica: no site "${id}" in ${dir} (have: ${all.map((s) => s.id).join(', ')})`);
    return site;
  });
}

export async function startReplica(opts: ReplicaOptions = {}): Promise<Replica> {
  const dir = opts.dir ?? DEFAULT_REPLICA_DIR;
  const sites = pickSites(loadSites(dir), opts.siteIds, dir);
  const requests: RequestLogEntry[] = [];
  const servers: Server[] = [];
  const replicaSites: ReplicaSite[] = [];
  try {
    for (const site of sites) {
      const handler = createHandler(site);
      const server = createServer((req, res) => handle(handler, requests, req, res));
      servers.push(server);
      const origin = `http://127.0.0.1:${await listen(server)}`;
      replicaSites.push({ id: site.id, origin, listingUrl: origin + listingUrl(site, 1), site });
    }
  } catch (err) {
    await Promise.allSettled(servers.filter((s) => s.listening).map(closeServer));
    throw err;
  }
  let closing: Promise<void> | null = null;
  return {
    sites: replicaSites,
    requests,
    // Idempotent: an afterAll and a failing test's own cleanup may both call it.
    close: () => (closing ??= Promise.all(servers.map(closeServer)).then(() => undefined)),
  };
}
