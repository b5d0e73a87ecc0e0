import { TZDate, tzOffset } from '@date-fns/tz';
import { formatISO } from 'date-fns/formatISO';
import type { DateGrammar } from './date-grammars.js';

export interface DateMatch {
  /** ISO 8601 with the zone's offset: `2023-08-11T14:46:47+07:00`. */
  iso: string;
  /** Where the date text starts in the line, and how long it is. */
  index: number;
  length: number;
  /** A time of day was printed. */
  timed: boolean;
}

function validDay(y: number, mo: number, d: number): boolean {
  if (mo < 1 || mo > 12 || d < 1 || y < 1900 || y > 2100) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** The instant a match names, in `timeZone`, or null when it names no real day or time. */
function toIso(g: Record<string, string | undefined>, timeZone: string): { iso: string; timed: boolean } | null {
  const y = Number(g['y']);
  const mo = Number(g['mo']);
  const d = Number(g['d']);
  if (!validDay(y, mo, d)) return null;
  let h = 0;
  let mi = 0;
  let s = 0;
  const timed = g['h'] !== undefined;
  if (timed) {
    h = Number(g['h']);
    mi = Number(g['mi']);
    s = g['s'] === undefined ? 0 : Number(g['s']);
    const ampm = g['ampm']?.replace(/\./g, '').toUpperCase();
    if (ampm) {
      if (h < 1 || h > 12) return null;
      const pm = ampm === 'PM' || ampm === 'CH';
      h = (h % 12) + (pm ? 12 : 0);
    }
    if (h > 23 || mi > 59 || s > 59) return null;
  }
  return { iso: zonedIso(y, mo, d, h, mi, s, timeZone), timed };
}

const HOUR = 3_600_000;
const two = (n: number) => String(n).padStart(2, '0');

/**
 * Zones whose UTC offset has stayed the same since `since` (UTC ms), by the tz database: a wall-clock time after it is
 * placed in the zone without asking Intl. Every other look-up goes through `tzOffset`, which formats a date with
 * Intl: in a crawl that was 0.1-0.3 s of the extraction worker's CPU, and it maps ICU's time-zone data into the
 * process (6 MB of a crawl's peak RSS, measured). test/dates.test.ts checks the table against this Node's tz data.
 */
export const STEADY_ZONES: Readonly<Record<string, { since: number; offsetMinutes: number }>> = {
  // Vietnam has kept UTC+7, without summer time, since 13 June 1975 (tzdb `asia`, Zone Asia/Ho_Chi_Minh).
  'Asia/Ho_Chi_Minh': { since: Date.UTC(1975, 5, 13), offsetMinutes: 7 * 60 },
};

function isoAt(y: number, mo: number, d: number, h: number, mi: number, s: number, offset: number): string {
  const abs = Math.abs(offset);
  const zone = offset === 0 ? 'Z' : `${offset > 0 ? '+' : '-'}${two(Math.trunc(abs / 60))}:${two(abs % 60)}`;
  return `${String(y).padStart(4, '0')}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:${two(s)}${zone}`;
}

/**
 * `formatISO(new TZDate(y, mo - 1, d, h, mi, s, timeZone))`, without its dozen Intl calls (a tenth of a page's
 * extraction): a zone of STEADY_ZONES needs none; otherwise the wall-clock time is placed in the zone with three
 * offset look-ups when the zone's offset is the same whole number of minutes from three hours before to three hours
 * after it (the time is neither skipped nor repeated). Near an offset change, or with an offset in seconds (local
 * mean time), TZDate decides, as before.
 */
function zonedIso(y: number, mo: number, d: number, h: number, mi: number, s: number, timeZone: string): string {
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const known = STEADY_ZONES[timeZone];
  if (known && wall - known.offsetMinutes * 60_000 >= known.since) return isoAt(y, mo, d, h, mi, s, known.offsetMinutes);
  const offset = tzOffset(timeZone, new Date(wall));
  const instant = wall - offset * 60_000;
  const steady =
    Number.isInteger(offset) &&
    [instant, instant - 3 * HOUR, instant + 3 * HOUR].every((at) => tzOffset(timeZone, new Date(at)) === offset);
  if (!steady) return formatISO(new TZDate(y, mo - 1, d, h, mi, s, timeZone));
  return isoAt(y, mo, d, h, mi, s, offset);
}

/**
 * The first date in `text` by any of `grammars`, read in `timeZone`; null when none names a valid day. A day
 * without a time reads as midnight. Pure: the result never depends on the clock or the machine's zone.
 */
export function findDate(text: string, grammars: readonly DateGrammar[], timeZone: string): DateMatch | null {
  let best: { m: RegExpExecArray } | null = null;
  for (const grammar of grammars) {
    const m = grammar.re.exec(text);
    if (!m) continue;
    if (!best || m.index < best.m.index || (m.index === best.m.index && m[0].length > best.m[0].length)) best = { m };
  }
  if (!best) return null;
  const value = toIso(best.m.groups ?? {}, timeZone);
  return value ? { ...value, index: best.m.index, length: best.m[0].length } : null;
}

/** An ISO 8601 date-time with an offset (`article:published_time`, `<time datetime>`), re-expressed in `timeZone`. */
export function fromIsoText(text: string, timeZone: string): string | null {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?\s*$/.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '00', zone] = m;
  if (!validDay(Number(y), Number(mo), Number(d))) return null;
  if (!zone) return formatISO(new TZDate(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), timeZone));
  const offset = zone === 'Z' ? '+00:00' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const instant = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
  if (Number.isNaN(instant.getTime())) return null;
  return formatISO(new TZDate(instant.getTime(), timeZone));
}
