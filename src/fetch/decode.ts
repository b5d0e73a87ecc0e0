import { decodeBuffer } from 'encoding-sniffer';

/**
 * Decodes an HTML body the way browsers do (WHATWG encoding sniffing): BOM, then the Content-Type charset, then a
 * `<meta>` charset in the first bytes, else UTF-8. encoding-sniffer (cheerio's own) decodes windows-1258 and the other
 * legacy encodings through iconv-lite.
 */
export function decodeHtml(body: Buffer, contentType: string | undefined): string {
  const label = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
  return decodeBuffer(body, { transportLayerEncodingLabel: label, defaultEncoding: 'utf-8' });
}
