import { TZDate, tz, tzOffset } from '@date-fns/tz';
import { formatISO, isValid, parse } from 'date-fns';
import type { PortalProfile } from '../profiles/profile.js';

/**
 * Reads a portal date such as `11/08/2023 02:46:47 PM` in the profile's zone and returns ISO 8601 with the zone's
 * offset (`2023-08-11T14:46:47+07:00`), or null when there is no valid date in the text. The reference date for
 * date-fns is fixed, so the result never depends on the clock or the machine's zone.
 *
 * The text is parsed as a wall-clock time (date-fns in a UTC-based context), then placed in the zone with a few offset
 * look-ups. Parsing in the zone itself asks the zone's offset at every field set, a dozen Intl calls that were a
 * tenth of a page's extraction. Near an offset change (DST, a zone's history) or with an offset that is not whole
 * minutes (local mean time before 1900 or so), the zoned parse decides, as before.
 */
export function parsePublished(text: string, profile: PortalProfile): string | null {
  const match = profile.date.pattern.exec(text);
  if (!match) return null;
  const [, day, time, meridiem] = match;
  const candidate = [day, time, meridiem?.toUpperCase()].filter(Boolean).join(' ');
  const zone = profile.date.timeZone;
  for (const format of profile.date.formats) {
    const wall = parse(candidate, format, new WallClock(Date.UTC(2000, 0, 1)), { in: wallClock });
    if (!isValid(wall)) continue;
    const found = inZone(wall.getTime(), zone) ?? zonedParse(candidate, format, zone);
    if (found !== null) return found;
  }
  return null;
}

/** The zoned parse: what `parsePublished` falls back on near an offset change. */
function zonedParse(candidate: string, format: string, zone: string): string | null {
  const date = parse(candidate, format, new TZDate(2000, 0, 1, zone), { in: tz(zone) });
  return isValid(date) ? formatISO(date) : null;
}

const HOUR = 3_600_000;
const two = (n: number) => String(n).padStart(2, '0');

/**
 * The ISO string of a wall-clock time (its fields read in UTC) in `zone`, when the zone's offset is the same whole
 * number of minutes from three hours before to three hours after it (so the time is neither skipped nor repeated);
 * else null.
 */
function inZone(wall: number, zone: string): string | null {
  const offset = tzOffset(zone, new Date(wall));
  const instant = wall - offset * 60_000;
  for (const at of [instant, instant - 3 * HOUR, instant + 3 * HOUR]) {
    if (tzOffset(zone, new Date(at)) !== offset) return null;
  }
  if (!Number.isInteger(offset)) return null;
  const d = new Date(wall);
  const year = d.getUTCFullYear();
  if (year < 1000 || year > 9999) return null;
  const abs = Math.abs(offset);
  const zoneText = offset === 0 ? 'Z' : `${offset > 0 ? '+' : '-'}${two(Math.trunc(abs / 60))}:${two(abs % 60)}`;
  return (
    `${year}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}` +
    `T${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}${zoneText}`
  );
}

/**
 * A Date whose local fields are its UTC fields: date-fns reads and sets a wall-clock time on it, unaffected by the
 * machine's zone and its DST gaps.
 */
class WallClock extends Date {
  override getFullYear() {
    return this.getUTCFullYear();
  }
  override getMonth() {
    return this.getUTCMonth();
  }
  override getDate() {
    return this.getUTCDate();
  }
  override getDay() {
    return this.getUTCDay();
  }
  override getHours() {
    return this.getUTCHours();
  }
  override getMinutes() {
    return this.getUTCMinutes();
  }
  override getSeconds() {
    return this.getUTCSeconds();
  }
  override getMilliseconds() {
    return this.getUTCMilliseconds();
  }
  override getTimezoneOffset() {
    return 0;
  }
  override setFullYear(...args: [number, number?, number?]) {
    return this.setUTCFullYear(...(args as [number]));
  }
  override setMonth(...args: [number, number?]) {
    return this.setUTCMonth(...(args as [number]));
  }
  override setDate(date: number) {
    return this.setUTCDate(date);
  }
  override setHours(...args: [number, number?, number?, number?]) {
    return this.setUTCHours(...(args as [number]));
  }
  override setMinutes(...args: [number, number?, number?]) {
    return this.setUTCMinutes(...(args as [number]));
  }
  override setSeconds(...args: [number, number?]) {
    return this.setUTCSeconds(...(args as [number]));
  }
  override setMilliseconds(ms: number) {
    return this.setUTCMilliseconds(ms);
  }
}

const wallClock = (value: Date | number | string): WallClock => new WallClock(value instanceof Date ? value.getTime() : value);
