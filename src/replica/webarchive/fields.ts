/** CDX columns by name, for `fl`, `filter` and `collapse`. */
import type { Capture } from './capture.js';

/** The seven public columns, in the default order. */
export const CDX_FIELDS = ['urlkey', 'timestamp', 'original', 'mimetype', 'statuscode', 'digest', 'length'] as const;
/** Restricted on the Internet Archive's CDX, but present in its TimeMap JSON. */
export const TIMEMAP_FIELDS = ['urlkey', 'timestamp', 'original', 'mimetype', 'statuscode', 'digest', 'redirect', 'robotflags', 'length', 'offset', 'filename'] as const;

const NAMES: ReadonlySet<string> = new Set(TIMEMAP_FIELDS);

export function isField(name: string): boolean {
  return NAMES.has(name);
}

export function fieldValue(c: Capture, name: string): string | undefined {
  switch (name) {
    case 'urlkey':
      return c.urlkey;
    case 'timestamp':
      return c.timestamp;
    case 'original':
      return c.original;
    case 'mimetype':
      return c.mimetype;
    case 'statuscode':
      return c.statuscode;
    case 'digest':
      return c.digest;
    case 'length':
      return c.length;
    case 'redirect':
      return c.location ?? '-';
    case 'robotflags':
      return '-';
    case 'offset':
      return String(c.offset);
    case 'filename':
      return c.file;
    default:
      return undefined;
  }
}

/** The space-separated line of the seven public columns, which unprefixed filters match against. */
export function cdxLine(c: Capture): string {
  return CDX_FIELDS.map((f) => fieldValue(c, f)).join(' ');
}
