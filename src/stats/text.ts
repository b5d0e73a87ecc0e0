import type { ArchiveStats, Completeness, CompletenessField } from './stats.js';

/** How each completeness field is named for people (the README's words). */
export const FIELD_LABELS: Record<CompletenessField, string> = {
  published_at: 'date',
  author: 'author',
  organization: 'organisation',
  category: 'category',
  summary: 'summary',
  body_text: 'body',
  image_caption: 'image caption',
};

export const day = (iso: string | null): string => iso?.slice(0, 10) ?? '-';

export const percent = (share: number): string => `${(share * 100).toFixed(1)} %`;

function table(rows: string[][], rightAligned: (col: number) => boolean): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => [...(r[c] ?? '')].length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, c) => {
          const pad = ' '.repeat((widths[c] ?? 0) - [...cell].length);
          return rightAligned(c) ? pad + cell : cell + pad;
        })
        .join('  ')
        .trimEnd(),
    )
    .map((line) => `  ${line}\n`)
    .join('');
}

function completenessRow(c: Completeness, sites: string[]): string[] {
  const cell = (x: { missing: number; of: number; share: number } | undefined) =>
    x === undefined || x.of === 0 ? '-' : `${percent(x.share)} (${x.missing}/${x.of})`;
  return [FIELD_LABELS[c.field], cell(c), ...sites.map((s) => cell(c.by_site[s]))];
}

/** The stats as aligned plain-text tables for a terminal. */
export function statsText(s: ArchiveStats): string {
  const sites = s.sites.map((x) => x.site);
  const monthTotals = new Map<string, number>();
  for (const m of s.months) monthTotals.set(m.month, (monthTotals.get(m.month) ?? 0) + m.articles);
  const bySiteMonth = (month: string) =>
    s.months
      .filter((m) => m.month === month)
      .map((m) => `${m.site} ${m.articles}`)
      .join(', ');

  const counts = (name: string, rows: [string, number][]) =>
    table([[name, 'articles'], ...rows.map(([k, n]) => [k, String(n)])], (c) => c === 1);
  const range = `published ${day(s.date_range.first)} to ${day(s.date_range.last)}`;
  const undated = s.date_range.undated > 0 ? `, ${s.date_range.undated} undated` : '';
  let out = `${s.articles} articles, ${sites.length} sites, ${range}${undated}\n`;
  out += '\nSites\n';
  out += table(
    [['site', 'articles', 'first', 'last'], ...s.sites.map((x) => [x.site, String(x.articles), day(x.first), day(x.last)])],
    (c) => c === 1,
  );
  out += '\nCategories\n' + counts('category', s.categories.map((c) => [c.category ?? '(none)', c.articles]));
  out += '\nMonths (Vietnam time)\n';
  const months = [...monthTotals].map(([m, n]) => [m, String(n), bySiteMonth(m)]);
  out += table([['month', 'articles', 'by site'], ...months], (c) => c === 1);
  out += '\nTop authors\n' + counts('author', s.top_authors.map((a) => [a.name, a.articles]));
  out += '\nTop organisations\n' + counts('organisation', s.top_organizations.map((a) => [a.name, a.articles]));
  out += '\nMissing (share of articles without the field; image caption: of articles with images)\n';
  out += table([['field', 'all', ...sites], ...s.completeness.map((c) => completenessRow(c, sites))], (c) => c > 0);
  return out;
}
