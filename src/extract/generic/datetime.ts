import { TZDate } from '@date-fns/tz';
import { formatISO } from 'date-fns/formatISO';

/**
 * Date grammar of the pages: ISO timestamps from metadata and the numeric forms Vietnamese portals print
 * (`17 - 05 - 2024`, `06/01/2021`, `08/07/2024  11:38`, `05/12/2013 15:42:27`, `16:23 03/12/2024`,
 * `09/02/2023 07:31:00 AM`). Everything is read as Vietnam time unless the text carries its own offset, and written
 * as ISO 8601 with the Vietnam offset, so published_at values of one archive compare as strings. No clock is read.
 */
export const ZONE = 'Asia/Ho_Chi_Minh';

export interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** The text named a time of day. */
  timed: boolean;
}

function valid(p: DateParts): boolean {
  if (p.year < 1990 || p.year > 2100 || p.month < 1 || p.month > 12 || p.day < 1) return false;
  if (p.hour > 23 || p.minute > 59 || p.second > 59) return false;
  const days = new Date(Date.UTC(p.year, p.month, 0)).getUTCDate();
  return p.day <= days;
}

export function toIso(p: DateParts): string | null {
  if (!valid(p)) return null;
  return formatISO(new TZDate(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, ZONE));
}

const ISO = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?/i;

/** An ISO 8601 date or timestamp (metadata, `datetime` attributes); one with an offset keeps its instant. */
export function parseIsoDate(text: string): string | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const parts: DateParts = {
    year: Number(m[1]), month: Number(m[2]), day: Number(m[3]),
    hour: Number(m[4] ?? 0), minute: Number(m[5] ?? 0), second: Number(m[6] ?? 0), timed: m[4] !== undefined,
  };
  if (!valid(parts)) return null;
  const offset = m[7];
  if (m[4] !== undefined && offset) {
    const instant = Date.parse(
      `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}T${m[4].padStart(2, '0')}:${m[5]}:${m[6] ?? '00'}${offset.toUpperCase() === 'Z' ? 'Z' : offset.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')}`,
    );
    if (Number.isNaN(instant)) return null;
    return formatISO(new TZDate(instant, ZONE));
  }
  return toIso(parts);
}

/** `dd/mm/yyyy` whose separator is capture group `sep` (the second separator must be the same). */
const day = (sep: number) => String.raw`(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*` + `\\${sep}` + String.raw`\s*(\d{4})`;
const TIME = String.raw`(\d{1,2})\s*[:hH]\s*(\d{2})(?:\s*:\s*(\d{2}))?(?:\s*(AM|PM|SA|CH)\b)?`;
/** `dd/mm/yyyy`, optionally followed (or preceded) by a time of day. */
const DAY_TIME = new RegExp(`${day(2)}(?:\\s*[,-]?\\s*(?:lúc\\s*)?${TIME})?`, 'i');
const TIME_DAY = new RegExp(`(?<![\\d/.])${TIME}\\s*[,-]?\\s*(?:ngày\\s*)?${day(6)}`, 'i');
const YMD = new RegExp(String.raw`(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?`);

function hour24(hour: number, meridiem: string | undefined): number {
  const m = meridiem?.toUpperCase();
  if (m === 'PM' || m === 'CH') return hour % 12 + 12;
  if (m === 'AM' || m === 'SA') return hour % 12;
  return hour;
}

export interface FoundDate {
  iso: string;
  timed: boolean;
  /** Where the date text stands in the searched string. */
  index: number;
  length: number;
}

function dayFirst(a: number, b: number): { day: number; month: number } {
  // Vietnamese pages write the day first; only a first number over 12 cannot be a month, a second over 12 can.
  if (b > 12 && a <= 12) return { day: b, month: a };
  return { day: a, month: b };
}

/** The first numeric date in the text, with its time of day when one stands next to it. */
export function findNumericDate(text: string): FoundDate | null {
  const timeFirst = TIME_DAY.exec(text);
  const dateFirst = DAY_TIME.exec(text);
  const candidates: FoundDate[] = [];
  if (timeFirst) {
    const { day, month } = dayFirst(Number(timeFirst[5]), Number(timeFirst[7]));
    const iso = toIso({
      year: Number(timeFirst[8]), month, day, hour: hour24(Number(timeFirst[1]), timeFirst[4]),
      minute: Number(timeFirst[2]), second: Number(timeFirst[3] ?? 0), timed: true,
    });
    if (iso) candidates.push({ iso, timed: true, index: timeFirst.index, length: timeFirst[0].length });
  }
  if (dateFirst) {
    const { day, month } = dayFirst(Number(dateFirst[1]), Number(dateFirst[3]));
    const timed = dateFirst[5] !== undefined;
    const iso = toIso({
      year: Number(dateFirst[4]), month, day, hour: timed ? hour24(Number(dateFirst[5]), dateFirst[8]) : 0,
      minute: Number(dateFirst[6] ?? 0), second: Number(dateFirst[7] ?? 0), timed,
    });
    if (iso) candidates.push({ iso, timed, index: dateFirst.index, length: dateFirst[0].length });
  }
  const ymd = YMD.exec(text);
  if (ymd) {
    const timed = ymd[4] !== undefined;
    const iso = toIso({
      year: Number(ymd[1]), month: Number(ymd[2]), day: Number(ymd[3]), hour: Number(ymd[4] ?? 0),
      minute: Number(ymd[5] ?? 0), second: Number(ymd[6] ?? 0), timed,
    });
    if (iso) candidates.push({ iso, timed, index: ymd.index, length: ymd[0].length });
  }
  candidates.sort((a, b) => a.index - b.index || Number(b.timed) - Number(a.timed));
  return candidates[0] ?? null;
}

/** Month names of the languages the generic extractor meets besides Vietnamese (whose `tháng` form is left alone:
 * prose and print headers write `ngày 21 tháng 01 năm 2020` for dates that are not the publication's). */
const MONTHS: Record<string, number> = {};
[
  ['january jan januar janvier enero gennaio', 1], ['february feb februar février fevrier febrero febbraio', 2],
  ['march mar märz maerz mars marzo', 3], ['april apr avril abril aprile', 4], ['may mai mayo maggio', 5],
  ['june jun juni juin junio giugno', 6], ['july jul juli juillet julio luglio', 7], ['august aug août aout agosto', 8],
  ['september sep sept septembre septiembre settembre', 9], ['october oct oktober octobre octubre ottobre', 10],
  ['november nov novembre noviembre', 11], ['december dec dezember décembre decembre diciembre dicembre', 12],
].forEach(([names, n]) => {
  for (const name of (names as string).split(' ')) MONTHS[name] = n as number;
});
const MONTH = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|');
/** `September 28, 2020`, `Sep. 28 2020`. */
const MONTH_FIRST = new RegExp(`(?<![\\p{L}])(${MONTH})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})`, 'iu');
/** `28 September 2020`, `28. September 2020`, `28 de septiembre de 2020`. */
const DAY_FIRST = new RegExp(`(?<!\\d)(\\d{1,2})\\.?\\s+(?:de\\s+)?(${MONTH})\\.?,?\\s+(?:de\\s+)?(\\d{4})`, 'iu');

/** The first date written with a month name, as midnight in Vietnam time. */
export function findWordDate(text: string): FoundDate | null {
  const a = MONTH_FIRST.exec(text);
  const b = DAY_FIRST.exec(text);
  const found: FoundDate[] = [];
  if (a) {
    const iso = toIso({ year: Number(a[3]), month: MONTHS[a[1]!.toLowerCase()]!, day: Number(a[2]), hour: 0, minute: 0, second: 0, timed: false });
    if (iso) found.push({ iso, timed: false, index: a.index, length: a[0].length });
  }
  if (b) {
    const iso = toIso({ year: Number(b[3]), month: MONTHS[b[2]!.toLowerCase()]!, day: Number(b[1]), hour: 0, minute: 0, second: 0, timed: false });
    if (iso) found.push({ iso, timed: false, index: b.index, length: b[0].length });
  }
  return found.sort((x, y) => x.index - y.index)[0] ?? null;
}
