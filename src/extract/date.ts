import { TZDate, tz } from '@date-fns/tz';
import { formatISO, isValid, parse } from 'date-fns';
import type { PortalProfile } from '../profiles/profile.js';

/**
 * Reads a portal date such as `11/08/2023 02:46:47 PM` in the profile's zone and returns ISO 8601 with the zone's
 * offset (`2023-08-11T14:46:47+07:00`), or null when there is no valid date in the text. The reference date for
 * date-fns is fixed, so the result never depends on the clock or the machine's zone.
 */
export function parsePublished(text: string, profile: PortalProfile): string | null {
  const match = profile.date.pattern.exec(text);
  if (!match) return null;
  const [, day, time, meridiem] = match;
  const candidate = [day, time, meridiem?.toUpperCase()].filter(Boolean).join(' ');
  const zone = tz(profile.date.timeZone);
  const reference = new TZDate(2000, 0, 1, profile.date.timeZone);
  for (const format of profile.date.formats) {
    const date = parse(candidate, format, reference, { in: zone });
    if (isValid(date)) return formatISO(date);
  }
  return null;
}
