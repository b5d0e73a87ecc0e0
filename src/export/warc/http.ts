import { STATUS_CODES } from 'node:http';
import type { Capture } from '../../store/captures.js';

/**
 * The undici client hands over decoded header fields, not the bytes on the wire, so the HTTP header blocks are
 * rebuilt from the stored status and fields. The payload is the body as received (after transfer decoding,
 * content encoding kept), so Transfer-Encoding is dropped and Content-Length made to match it: a reader that
 * trusted the original chunked framing would misread the record. A revisit keeps the same headers, Content-Length
 * still the length of the (omitted) payload, as the original response said.
 */
export function responseHeaders(capture: Capture, payloadLength: number): [string, string][] {
  const headers: [string, string][] = [];
  let length = false;
  for (const [name, value] of Object.entries(capture.headers)) {
    const lower = name.toLowerCase();
    if (lower === 'transfer-encoding') continue;
    if (lower === 'content-length') {
      length = true;
      headers.push([name, String(payloadLength)]);
      continue;
    }
    headers.push([name, value]);
  }
  if (!length) headers.push(['content-length', String(payloadLength)]);
  return headers;
}

/** The request as sent on the last hop: Host first (HTTP/1.1 requires it), then what the fetcher recorded. */
export function requestHeaders(capture: Capture): [string, string][] {
  const headers: [string, string][] = [['host', new URL(capture.finalUrl).host]];
  for (const [name, value] of Object.entries(capture.requestHeaders ?? {})) {
    if (name.toLowerCase() !== 'host') headers.push([name, value]);
  }
  return headers;
}

export function statusLine(status: number): string {
  const reason = STATUS_CODES[status];
  return reason ? `HTTP/1.1 ${status} ${reason}` : `HTTP/1.1 ${status}`;
}

export function requestLine(capture: Capture): string {
  const u = new URL(capture.finalUrl);
  return `${capture.method} ${u.pathname}${u.search} HTTP/1.1`;
}

/** The media type of a response, lower case, without parameters; null when it has none. */
export function mediaType(capture: Capture): string | null {
  for (const [name, value] of Object.entries(capture.headers)) {
    if (name.toLowerCase() === 'content-type') return value.split(';', 1)[0]!.trim().toLowerCase() || null;
  }
  return null;
}

export function contentType(capture: Capture): string | undefined {
  for (const [name, value] of Object.entries(capture.headers)) if (name.toLowerCase() === 'content-type') return value;
  return undefined;
}
