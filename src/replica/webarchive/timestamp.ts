/**
 * Wayback timestamps: 14 digits `yyyyMMddhhmmss` in UTC. Requests may give 1 to 14 digits; the archive reads a
 * partial one as the earliest instant it names for `from` and the latest for `to`.
 */

const two = (n: number): string => String(n).padStart(2, '0');

export function tsOf(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}`;
}

/** Milliseconds since the epoch of a (possibly partial) timestamp, padded with the earliest values. */
export function msOf(ts: string): number {
  const p = padFrom(ts);
  return Date.UTC(+p.slice(0, 4), +p.slice(4, 6) - 1, +p.slice(6, 8), +p.slice(8, 10), +p.slice(10, 12), +p.slice(12, 14));
}

/** `2019` → `20190101000000`: the first instant a partial timestamp names. */
export function padFrom(ts: string): string {
  const base = '00000101000000';
  let out = ts;
  // Month and day pad to 01, not 00.
  if (out.length < 14) out = out + base.slice(out.length);
  return out;
}

/** `2019` → `20191231235959`: the last instant (as a string compare, 99 in every place is enough). */
export function padTo(ts: string): string {
  return ts + '99999999999999'.slice(ts.length);
}

/** RFC 1123 date, as Memento-Datetime and TimeMap `datetime=` carry it. */
export function httpDateOf(ts: string): string {
  return new Date(msOf(ts)).toUTCString();
}

export function isoOf(ts: string): string {
  return new Date(msOf(ts)).toISOString().replace('.000Z', 'Z');
}
