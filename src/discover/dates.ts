/**
 * The day a listing prints beside an article, as `yyyy-MM-dd`: `11/08/2023`, `16:23 03/12/2024`, `17 - 05 - 2024`,
 * `2023-08-11`, `3 tháng 12, 2025`. Day first, as Vietnamese pages write it. Only the day: the walk uses it to stop
 * a `--since` crawl, never as a record's time.
 */
export function listingDay(text: string): string | null {
  const iso = /(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/.exec(text);
  if (iso) return day(iso[1]!, iso[2]!, iso[3]!);
  const dmy = /(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)/.exec(text);
  if (dmy) return day(dmy[3]!, dmy[2]!, dmy[1]!);
  const words = /(?<!\d)(\d{1,2})\s+tháng\s+(\d{1,2}),?\s+(?:năm\s+)?(\d{4})(?!\d)/i.exec(text);
  if (words) return day(words[3]!, words[2]!, words[1]!);
  return null;
}

function day(y: string, m: string, d: string): string | null {
  const month = Number(m);
  const date = Number(d);
  if (month < 1 || month > 12 || date < 1 || date > 31) return null;
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}
