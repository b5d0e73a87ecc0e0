/**
 * Validators and conditional GET (RFC 9110 §8.8, §13). The ETag is a hash of the bytes sent, so it changes exactly
 * when the page does; Last-Modified is supplied by the handler from the site data.
 */
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export function etagOf(body: Buffer): string {
  return `"${createHash('sha1').update(body).digest('hex')}"`;
}

export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/** Weak comparison, as If-None-Match requires: `W/"x"` matches `"x"`. */
function tagMatches(header: string, etag: string): boolean {
  const opaque = (t: string) => t.trim().replace(/^W\//, '');
  const mine = opaque(etag);
  return header.split(',').some((t) => t.trim() === '*' || opaque(t) === mine);
}

/**
 * Whether a GET or HEAD may be answered 304. If-None-Match, when present, decides alone (If-Modified-Since is then
 * ignored, §13.2.2); dates compare in whole seconds, the resolution of an HTTP-date.
 */
export function notModified(headers: IncomingHttpHeaders, etag: string, lastModified: number): boolean {
  const inm = headers['if-none-match'];
  if (inm !== undefined) return tagMatches(inm, etag);
  const ims = headers['if-modified-since'];
  if (ims === undefined) return false;
  const since = Date.parse(ims);
  if (Number.isNaN(since)) return false;
  return Math.floor(lastModified / 1000) <= Math.floor(since / 1000);
}
