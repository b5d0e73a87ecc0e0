import type { ArchiveStats } from '../stats/stats.js';
import { esc } from './escape.js';

/** Distinguishable on white and for the common colour-vision deficiencies (Okabe-Ito, then Tableau). */
export const SITE_COLOURS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#000000', '#8c564b', '#7f7f7f'];

export function siteColour(index: number): string {
  return SITE_COLOURS[index % SITE_COLOURS.length]!;
}

/** Every calendar month from the first to the last, so a gap in publishing shows as a gap. */
export function monthRange(first: string, last: string): string[] {
  const months: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  const [ly, lm] = last.split('-').map(Number) as [number, number];
  while (y < ly || (y === ly && m <= lm)) {
    months.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return months;
}

/** A round axis maximum: 1, 2 or 5 times a power of ten, at least `max`. */
function niceMax(max: number): number {
  if (max <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return ([1, 2, 5, 10].map((f) => f * power).find((v) => v >= max) ?? 10 * power);
}

/**
 * Articles per month as stacked bars, one colour per site, drawn by hand as inline SVG. The drawing is 480 units
 * wide and scales to the page, which keeps its labels legible on a phone; each bar segment carries a tooltip and
 * data attributes with its month, site and count.
 */
export function monthlyChart(stats: ArchiveStats): string {
  const sites = stats.sites.map((s) => s.site);
  if (stats.months.length === 0) return '<p class="empty">No dated articles to chart.</p>';
  const months = monthRange(stats.months[0]!.month, stats.months.at(-1)!.month);
  const counts = new Map(stats.months.map((m) => [`${m.month} ${m.site}`, m.articles]));
  const totals = months.map((month) => sites.reduce((n, site) => n + (counts.get(`${month} ${site}`) ?? 0), 0));
  const top = niceMax(Math.max(...totals));

  const width = 480;
  const height = 260;
  const left = 36;
  const right = 8;
  const topPad = 10;
  const bottom = 26;
  const plotW = width - left - right;
  const plotH = height - topPad - bottom;
  const step = plotW / months.length;
  const barW = Math.max(step * 0.8, 0.5);
  const y = (v: number) => topPad + plotH - (v / top) * plotH;
  const fmt = (n: number) => Number(n.toFixed(2));

  const parts: string[] = [];
  for (const tick of [0, top / 2, top]) {
    parts.push(
      `<line class="grid" x1="${left}" x2="${width - right}" y1="${fmt(y(tick))}" y2="${fmt(y(tick))}"/>`,
      `<text class="tick" x="${left - 4}" y="${fmt(y(tick) + 4)}" text-anchor="end">${esc(Number.isInteger(tick) ? tick : tick.toFixed(1))}</text>`,
    );
  }
  months.forEach((month, i) => {
    const x = left + i * step + (step - barW) / 2;
    let base = 0;
    sites.forEach((site, s) => {
      const n = counts.get(`${month} ${site}`) ?? 0;
      if (n === 0) return;
      const label = `${month} · ${site}: ${n}`;
      parts.push(
        `<rect class="bar" x="${fmt(x)}" y="${fmt(y(base + n))}" width="${fmt(barW)}" height="${fmt(y(base) - y(base + n))}" ` +
          `fill="${siteColour(s)}" data-month="${esc(month)}" data-site="${esc(site)}" data-count="${n}"><title>${esc(label)}</title></rect>`,
      );
      base += n;
    });
  });
  // Year labels under January (and under the first month), thinned so they never overlap.
  const yearEvery = Math.max(1, Math.ceil(34 / (step * 12)));
  months.forEach((month, i) => {
    const [year, mm] = month.split('-');
    if (i === 0 && mm !== '01') {
      // The first month's year, unless next January's label would stand on it.
      if ((13 - Number(mm)) * step < 34) return;
    } else if (mm !== '01' || Number(year) % yearEvery !== 0) return;
    const x = left + i * step;
    parts.push(`<line class="axis" x1="${fmt(x)}" x2="${fmt(x)}" y1="${height - bottom}" y2="${height - bottom + 4}"/>`);
    parts.push(`<text class="tick" x="${fmt(x)}" y="${height - bottom + 16}">${esc(year ?? '')}</text>`);
  });
  parts.push(`<line class="axis" x1="${left}" x2="${width - right}" y1="${height - bottom}" y2="${height - bottom}"/>`);

  const legend = sites
    .map((site, s) => `<li><span class="swatch" style="background:${siteColour(s)}"></span>${esc(site)}</li>`)
    .join('');
  const title = `Articles per month per site, ${months[0]} to ${months.at(-1)}`;
  return (
    `<figure class="chart"><svg id="months-chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(title)}">` +
    `<title>${esc(title)}</title>${parts.join('')}</svg>` +
    `<figcaption><ul class="legend">${legend}</ul></figcaption></figure>`
  );
}
