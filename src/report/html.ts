import type { ArchiveStats, Completeness } from '../stats/stats.js';
import { FIELD_LABELS, day, percent } from '../stats/text.js';
import { monthlyChart } from './chart.js';
import { esc } from './escape.js';

export interface ReportOptions {
  /** Shown in the header; passed in so the same archive gives the same report. */
  generatedAt: Date;
  /** The archive file, as the user named it. */
  source: string;
}

/**
 * The whole report as one HTML file: styles inline, chart as inline SVG, no script, and a Content-Security-Policy
 * that forbids every fetch, so it opens offline and cannot call anywhere even if a portal's text tried to.
 */
export function renderReport(stats: ArchiveStats, opts: ReportOptions): string {
  const sites = stats.sites.map((s) => s.site);
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Archive report: ${esc(stats.articles)} articles</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>Archive report</h1>
<p class="lede">${lede(stats)}</p>
<p class="meta">${esc(opts.source)} · generated ${esc(opts.generatedAt.toISOString().slice(0, 16).replace('T', ' '))} UTC</p>
</header>
<main>
<section>
<h2>Articles per month</h2>
${monthlyChart(stats)}
</section>
<section>
<h2>Completeness</h2>
<p class="note">Share of articles missing each field (image caption: of the articles with images).</p>
${completenessTable(stats.completeness, sites)}
</section>
<section>
<h2>Sites</h2>
${table(['site', 'articles', 'first', 'last'], stats.sites.map((s) => [s.site, s.articles, day(s.first), day(s.last)]))}
</section>
<section>
<h2>Categories</h2>
${table(['category', 'articles'], stats.categories.map((c) => [c.category ?? '(none)', c.articles]))}
</section>
<section>
<h2>Top authors</h2>
${table(['author', 'articles'], stats.top_authors.map((a) => [a.name, a.articles]))}
</section>
<section>
<h2>Top organisations</h2>
${table(['organisation', 'articles'], stats.top_organizations.map((a) => [a.name, a.articles]))}
</section>
<section>
<h2>Articles per month, by site</h2>
${monthTable(stats, sites)}
</section>
</main>
</body>
</html>
`;
}

function lede(stats: ArchiveStats): string {
  const sites = stats.sites.length;
  const range = `${day(stats.date_range.first)} – ${day(stats.date_range.last)}`;
  const undated = stats.date_range.undated > 0 ? `, ${esc(stats.date_range.undated)} undated` : '';
  return (
    `<strong>${esc(stats.articles)}</strong> articles from <strong>${esc(sites)}</strong> ${sites === 1 ? 'site' : 'sites'}, ` +
    `published ${esc(range)}${undated}.`
  );
}

/** Numbers are right-aligned (class num); every cell is escaped. */
function table(head: string[], rows: (string | number)[][], id?: string): string {
  if (rows.length === 0) return '<p class="empty">None.</p>';
  const th = head.map((h, i) => `<th${i > 0 ? ' class="num"' : ''}>${esc(h)}</th>`).join('');
  const tr = rows
    .map((r) => `<tr>${r.map((c, i) => `<td${typeof c === 'number' || i > 0 ? ' class="num"' : ''}>${esc(c)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<div class="scroll"><table${id ? ` id="${esc(id)}"` : ''}><thead><tr>${th}</tr></thead><tbody>\n${tr}\n</tbody></table></div>`;
}

function completenessTable(rows: Completeness[], sites: string[]): string {
  const cell = (x: { missing: number; of: number; share: number } | undefined) =>
    x === undefined || x.of === 0
      ? '<td class="num">–</td>'
      : `<td class="num${x.share >= 0.5 ? ' bad' : x.share > 0 ? ' warn' : ''}">${esc(percent(x.share))}<br><small>${esc(x.missing)} / ${esc(x.of)}</small></td>`;
  const head = ['field', 'all', ...sites].map((h, i) => `<th${i > 0 ? ' class="num"' : ''}>${esc(h)}</th>`).join('');
  const body = rows
    .map((r) => {
      const cells = [cell(r), ...sites.map((s) => cell(r.by_site[s]))].join('');
      return `<tr data-field="${esc(r.field)}"><td>${esc(FIELD_LABELS[r.field])}</td>${cells}</tr>`;
    })
    .join('\n');
  return `<div class="scroll"><table id="completeness"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

function monthTable(stats: ArchiveStats, sites: string[]): string {
  const byMonth = new Map<string, Map<string, number>>();
  for (const m of stats.months) {
    const row = byMonth.get(m.month) ?? new Map<string, number>();
    row.set(m.site, m.articles);
    byMonth.set(m.month, row);
  }
  const rows = [...byMonth].map(([month, counts]) => {
    const cells = sites.map((s) => counts.get(s) ?? 0);
    return [month, cells.reduce((a, b) => a + b, 0), ...cells];
  });
  return `<details><summary>${esc(byMonth.size)} months</summary>${table(['month', 'all', ...sites], rows, 'months')}</details>`;
}

const STYLE = `
:root { color-scheme: light; --ink: #1b1b1b; --muted: #5a5a5a; --line: #d8d8d8; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 1rem; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); background: #fff; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 1.75rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
.lede { margin: .25rem 0; }
.meta, .note, .empty { color: var(--muted); font-size: .875rem; }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; font-size: .875rem; min-width: 50%; }
th, td { padding: .3rem .5rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: #f4f4f4; font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.warn { background: #fff4d6; }
td.bad { background: #fbd9d3; }
small { color: var(--muted); }
figure.chart { margin: 0; }
svg { display: block; width: 100%; height: auto; max-width: 36rem; }
svg .grid { stroke: #e6e6e6; stroke-width: 1; }
svg .axis { stroke: #888; stroke-width: 1; }
svg .tick { font-size: 13px; fill: var(--muted); font-family: inherit; }
.legend { list-style: none; padding: 0; margin: .5rem 0 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; font-size: .875rem; }
.swatch { display: inline-block; width: .8rem; height: .8rem; margin-right: .35rem; vertical-align: -0.1rem; border-radius: 2px; }
details summary { cursor: pointer; color: var(--muted); }
`;
