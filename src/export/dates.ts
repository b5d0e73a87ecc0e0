import { ArchiveError } from '../store/errors.js';
import { daysInMonth, parseIsoTimestamp, utcMs } from '../store/iso.js';

/** Vietnam (Asia/Ho_Chi_Minh) is UTC+07:00 all year, so plain arithmetic is exact. */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

/**
 * Turns a --since/--until argument into an inclusive bound. Calendar days and months are read in
 * Vietnam time, where the portals date their articles; full timestamps must carry their own offset.
 */
export function parseDateBound(s: string, which: 'since' | 'until'): Date {
  const text = s.trim();
  const ms = dayBound(text, which) ?? monthBound(text, which) ?? parseIsoTimestamp(text);
  if (ms === null) {
    throw new ArchiveError(`invalid --${which} date "${s}": expected YYYY-MM-DD or an ISO 8601 timestamp`);
  }
  return new Date(ms);
}

function dayBound(text: string, which: 'since' | 'until'): number | null {
  const m = DAY.exec(text);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  const start = utcMs(y, mo, d) - VIETNAM_OFFSET_MS;
  return which === 'since' ? start : utcMs(y, mo, d + 1) - VIETNAM_OFFSET_MS - 1;
}

function monthBound(text: string, which: 'since' | 'until'): number | null {
  const m = MONTH.exec(text);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12) return null;
  return which === 'since'
    ? utcMs(y, mo, 1) - VIETNAM_OFFSET_MS
    : utcMs(y, mo + 1, 1) - VIETNAM_OFFSET_MS - 1;
}
