/**
 * Strict ISO 8601 timestamp parsing. `Date.parse` is not used because it silently reads
 * offset-less timestamps in the machine's local zone, and the archive must not depend on where it runs.
 */
const ISO_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):?(\d{2}))$/;

/** Epoch ms of a UTC wall-clock time; valid for every four-digit year (Date.UTC maps 0..99 to 19xx). */
export function utcMs(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const date = new Date(Date.UTC(2000, mo - 1, d, h, mi, s, ms));
  date.setUTCFullYear(y, mo - 1, d);
  return date.getTime();
}

export function daysInMonth(y: number, mo: number): number {
  return new Date(utcMs(y, mo + 1, 1) - 1).getUTCDate();
}

/** Epoch ms of a timestamp that carries an explicit offset (`Z` or `±hh:mm`); null for anything else. */
export function parseIsoTimestamp(s: string): number | null {
  const m = ISO_TIMESTAMP.exec(s);
  if (!m) return null;
  const [, ys, mos, ds, hs, mis, ss, frac, zone, sign, ohs, oms] = m;
  const y = Number(ys);
  const mo = Number(mos);
  const d = Number(ds);
  const h = Number(hs);
  const mi = Number(mis);
  const sec = ss === undefined ? 0 : Number(ss);
  const ms = frac === undefined ? 0 : Number(frac.padEnd(3, '0').slice(0, 3));
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  if (h > 23 || mi > 59 || sec > 59) return null;
  let offsetMin = 0;
  if (zone !== 'Z') {
    const oh = Number(ohs);
    const om = Number(oms);
    if (oh > 23 || om > 59) return null;
    offsetMin = (sign === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return utcMs(y, mo, d, h, mi, sec, ms) - offsetMin * 60_000;
}
