/**
 * One capture as the archive holds it: its CDX line and what replay serves. A revisit (the crawler saw the same
 * payload again and stored only a pointer) has its own line (`warc/revisit`, status `-`) and replays the payload
 * of the capture it repeats, under its own date.
 */
import { createHash } from 'node:crypto';

export interface Capture {
  urlkey: string;
  /** 14 digits, UTC. */
  timestamp: string;
  /** The URL as captured: scheme, `www.` and `:80` as the crawler spelled them. */
  original: string;
  /** The archived media type (no parameters), or `warc/revisit`. */
  mimetype: string;
  /** The archived status as text, `-` for a revisit. */
  statuscode: string;
  /** base32 SHA-1 of the payload (for a revisit: of the payload it repeats). */
  digest: string;
  /** Size of the (compressed) WARC record, as text. */
  length: string;
  /** WARC file name and offset: `X-Archive-Src` and the restricted CDX columns. */
  file: string;
  offset: number;
  /** The archived response. For a revisit these are the repeated capture's. */
  status: number;
  /** The archived headers, in order, as the original server sent them (Content-Type included). */
  headers: [string, string][];
  body: Buffer;
  /** Absolute target of an archived redirect. */
  location?: string;
  /** The capture whose payload a revisit repeats. */
  revisitOf?: Capture;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** The CDX digest: base32 of the payload's SHA-1 (32 characters, no padding). */
export function digestOf(body: Buffer): string {
  const bytes = createHash('sha1').update(body).digest();
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** Archived header value by name, case-insensitively. */
export function archivedHeader(c: Capture, name: string): string | undefined {
  const lower = name.toLowerCase();
  return c.headers.find(([k]) => k.toLowerCase() === lower)?.[1];
}

/** The capture whose status, headers and body replay serves. */
export function payloadOf(c: Capture): Capture {
  return c.revisitOf ?? c;
}

/** CDX order: urlkey, then timestamp; equal keys keep their insertion order (so duplicates stay adjacent). */
export function cdxOrder(captures: Capture[]): Capture[] {
  return captures
    .map((c, i) => ({ c, i }))
    .sort((a, b) =>
      a.c.urlkey !== b.c.urlkey ? (a.c.urlkey < b.c.urlkey ? -1 : 1) : a.c.timestamp !== b.c.timestamp ? (a.c.timestamp < b.c.timestamp ? -1 : 1) : a.i - b.i,
    )
    .map((x) => x.c);
}
