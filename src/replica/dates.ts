/**
 * Kooboo prints `dd/MM/yyyy hh:mm:ss AM|PM` in the server's local time (Vietnam). The data already stores that
 * local time with `+07:00`, so the fields are re-arranged as they are: going through `Date` would depend on the
 * zone of the machine running the replica.
 */

interface Parts {
  y: string;
  mo: string;
  d: string;
  h: number;
  mi: string;
  s: string;
}

function parts(iso: string): Parts {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\+07:00$/.exec(iso);
  if (!m) throw new Error(`not a Vietnam-time ISO date: ${iso}`);
  const [, y = '', mo = '', d = '', h = '', mi = '', s = ''] = m;
  return { y, mo, d, h: Number(h), mi, s };
}

/** `11/08/2023 02:46:47 PM`; hour 0 prints as `12 AM`, hour 12 as `12 PM`. */
export function formatPosted(iso: string): string {
  const p = parts(iso);
  const h12 = p.h % 12 === 0 ? 12 : p.h % 12;
  const ampm = p.h < 12 ? 'AM' : 'PM';
  return `${p.d}/${p.mo}/${p.y} ${String(h12).padStart(2, '0')}:${p.mi}:${p.s} ${ampm}`;
}

/** `11/08/2023`, as listing items show it. */
export function formatDay(iso: string): string {
  const p = parts(iso);
  return `${p.d}/${p.mo}/${p.y}`;
}
