import { createRequire } from 'node:module';

type DecodeBuffer = typeof import('encoding-sniffer').decodeBuffer;

let sniffer: DecodeBuffer | null = null;

/**
 * encoding-sniffer, loaded on the first body that needs it: with iconv-lite it is 35 ms of module loading, on the
 * extraction worker's start-up (which a crawl's seed, and so its first article, can wait for), and portal pages
 * declared UTF-8 never use it. Its CommonJS build, so it can load synchronously here.
 */
function decodeBuffer(...args: Parameters<DecodeBuffer>): string {
  sniffer ??= (createRequire(import.meta.url)('encoding-sniffer') as typeof import('encoding-sniffer')).decodeBuffer;
  return sniffer(...args);
}

const UTF8_LABEL = /^utf-?8$/i;

/** A byte order mark (UTF-8, UTF-16 BE or LE): it overrides whatever the headers say. */
function hasBom(body: Buffer): boolean {
  const [a, b, c] = body;
  return (a === 0xef && b === 0xbb && c === 0xbf) || (a === 0xfe && b === 0xff) || (a === 0xff && b === 0xfe);
}

/**
 * Decodes an HTML body the way browsers do (WHATWG encoding sniffing): BOM, then the Content-Type charset, then a
 * `<meta>` charset in the first bytes, else UTF-8. encoding-sniffer (cheerio's own) decodes windows-1258 and the other
 * legacy encodings through iconv-lite. A body declared UTF-8 without a BOM is decoded directly: the sniffer would
 * take the declared charset anyway, and Node's decoder gives the same text (replacement characters included).
 */
export function decodeHtml(body: Buffer, contentType: string | undefined): string {
  const label = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
  if (label !== undefined && UTF8_LABEL.test(label) && !hasBom(body)) return body.toString('utf8');
  return decodeBuffer(body, { transportLayerEncodingLabel: label, defaultEncoding: 'utf-8' });
}
