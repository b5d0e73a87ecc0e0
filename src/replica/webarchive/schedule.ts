/**
 * When the archive's crawler visited a portal: days spread over the portal's publishing history (so listings shift
 * between captures as new articles push old ones to later pages), one just after its newest article, and a last
 * one after the portal closed on 1 July 2025.
 */
import type { Site } from '../site.js';
import type { Draw } from './random.js';
import { tsOf } from './timestamp.js';

const DAY = 86_400_000;
const CLOSED = Date.UTC(2025, 6, 1);

export function defaultDays(site: Site, d: Draw): string[] {
  const times = site.articles.map((a) => Date.parse(a.published)).sort((x, y) => x - y);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  const wanted = [at(0.35), at(0.55), at(0.7), at(0.85), times.at(-1)! + 12 * DAY];
  const days: number[] = [];
  for (const t of wanted) {
    // Crawls start in the small hours UTC; two crawls are at least two days apart.
    let day = Math.floor(t / DAY) * DAY + DAY + d.int(0, 3) * 3_600_000 + d.int(0, 59) * 60_000;
    if (days.length > 0 && day < days.at(-1)! + 2 * DAY) day = days.at(-1)! + 2 * DAY;
    days.push(day);
  }
  days.push(Math.max(CLOSED + 45 * DAY, days.at(-1)! + 30 * DAY) + d.int(0, 5) * 3_600_000);
  return days.map(tsOf);
}
