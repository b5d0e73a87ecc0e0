import { TZDate, tzOffset } from '@date-fns/tz';
import { formatISO } from 'date-fns/formatISO';
import { describe, expect, it } from 'vitest';
import { DAY_TIME } from '../src/profiles/date-grammars.js';
import { findDate, STEADY_ZONES } from '../src/profiles/dates.js';

// Dates are placed in their zone without Intl where the zone's offset is known not to change (STEADY_ZONES); the
// reference is date-fns' TZDate, which asks Intl, i.e. this Node's copy of the tz database.
const reference = (y: number, mo: number, d: number, h: number, mi: number, zone: string) =>
  formatISO(new TZDate(y, mo - 1, d, h, mi, 0, zone));
const read = (y: number, mo: number, d: number, h: number, mi: number, zone: string) =>
  findDate(`${d}/${mo}/${y} ${h}:${String(mi).padStart(2, '0')}`, [DAY_TIME], zone)?.iso;

describe('dates in a zone', () => {
  it('the steady zones have one offset from their date on, by this Node’s tz data', () => {
    for (const [zone, { since, offsetMinutes }] of Object.entries(STEADY_ZONES)) {
      for (let at = since; at < Date.UTC(2041, 0, 1); at += 7 * 86_400_000 + 3_600_000) {
        expect(tzOffset(zone, new Date(at)), `${zone} at ${new Date(at).toISOString()}`).toBe(offsetMinutes);
      }
    }
  });

  it('reads Vietnamese times as TZDate does, before and after the 1975 change of offset', () => {
    const zone = 'Asia/Ho_Chi_Minh';
    // Until 13 June 1975 the South was at UTC+8: those times take Intl's way and keep their offset.
    expect(read(1975, 6, 12, 20, 0, zone)).toBe('1975-06-12T20:00:00+08:00');
    expect(read(1975, 6, 13, 0, 30, zone)).toBe(reference(1975, 6, 13, 0, 30, zone));
    for (let y = 1975; y <= 2035; y += 3) {
      for (const [mo, d, h, mi] of [[1, 1, 0, 0], [6, 13, 7, 5], [12, 31, 23, 59], [2, 29 - (y % 4 ? 1 : 0), 12, 30]]) {
        expect(read(y, mo!, d!, h!, mi!, zone), `${d}/${mo}/${y} ${h}:${mi}`).toBe(reference(y, mo!, d!, h!, mi!, zone));
      }
    }
  });

  it('reads other zones through Intl, summer time included', () => {
    expect(read(2024, 7, 1, 9, 0, 'Europe/Paris')).toBe('2024-07-01T09:00:00+02:00');
    expect(read(2024, 1, 15, 9, 0, 'Europe/Paris')).toBe('2024-01-15T09:00:00+01:00');
    expect(read(2024, 3, 31, 2, 30, 'Europe/Paris')).toBe(reference(2024, 3, 31, 2, 30, 'Europe/Paris'));
  });
});
