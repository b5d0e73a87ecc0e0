/** Writing a reply: plain, gzipped (CDX, when asked), cut short, or under Wayback's malformed encoding headers. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { ArchiveReply } from './reply.js';

/**
 * `truncate`: the full Content-Length, half the bytes, then the socket closes. `gzip-quirk`: the body gzipped
 * under both `content-encoding: ''` and `Content-Encoding: gzip`, which makes clients fail to decompress.
 */
export type Delivery = 'plain' | 'gzip' | 'truncate' | 'gzip-quirk';

/** The client asked for gzip (Accept-Encoding) and, for CDX, did not turn it off with `gzip=false`. */
export function wantsGzip(req: IncomingMessage, eligible: boolean, target: string): boolean {
  if (!eligible) return false;
  if (new URL(target, 'http://x').searchParams.get('gzip') === 'false') return false;
  return /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
}

export function send(req: IncomingMessage, res: ServerResponse, reply: ArchiveReply, delivery: Delivery = 'plain'): void {
  let body = reply.body;
  const headers: [string, string][] = [...reply.headers];
  // pywb passes the archived Server and Date through; the archive's own only when the reply has none.
  const has = (name: string) => headers.some(([k]) => k.toLowerCase() === name);
  if (!has('server')) headers.push(['Server', 'nginx']);
  if (!has('date')) headers.push(['Date', new Date().toUTCString()]);
  if (delivery === 'gzip' || delivery === 'gzip-quirk') {
    body = gzipSync(body);
    if (delivery === 'gzip-quirk') headers.push(['content-encoding', '']);
    headers.push(['Content-Encoding', 'gzip']);
  }
  headers.push(['Content-Length', String(body.length)]);
  res.writeHead(reply.status, headers.flat());
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  if (delivery === 'truncate') {
    res.flushHeaders();
    res.write(body.subarray(0, Math.floor(body.length / 2)), () => req.socket.end());
    return;
  }
  res.end(body);
}
