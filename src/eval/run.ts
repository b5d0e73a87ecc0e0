import type { ExtractedArticle } from '../extract/record.js';
import { extractGeneric } from '../extract/generic/index.js';
import { fold } from '../extract/generic/title.js';
import { type DevPage, loadDevSet, readPage } from './devset.js';
import { type Counts, type Metrics, type PageScore, addCounts, metrics, quantile, scorePage } from './score.js';

/**
 * `npm run eval -- <dir>`: the generic extractor on every page of a dev set. The body is scored on `body_text`
 * (the record's main text, without title, byline or captions); the time per page is the extractor's whole run on
 * the decoded HTML, parse included. Title, author and date are checked on the pages that state them.
 */
export type Extractor = (html: string, url: string) => ExtractedArticle;

export interface PageResult {
  page: DevPage;
  score: PageScore;
  ms: number;
  /** CPU time of the extraction (user + system): what the page costs whatever else the machine is doing. */
  cpuMs: number;
  error: string | null;
  record: ExtractedArticle | null;
}

export interface FieldScore {
  checked: number;
  correct: number;
}

export interface EvalReport {
  pages: number;
  refused: number;
  counts: Counts;
  body: Metrics;
  medianMs: number;
  p95Ms: number;
  medianCpuMs: number;
  p95CpuMs: number;
  /** Timed passes; each page's time is its fastest. */
  repeat: number;
  title: FieldScore;
  author: FieldScore;
  date: FieldScore;
  /** Dates within a day: published_at is written in Vietnam time, the expected day in the publisher's zone. */
  dateNear: FieldScore;
  results: PageResult[];
}

function field(results: PageResult[], check: (r: PageResult) => boolean | null): FieldScore {
  let checked = 0;
  let correct = 0;
  for (const r of results) {
    const ok = check(r);
    if (ok === null) continue;
    checked++;
    if (ok) correct++;
  }
  return { checked, correct };
}

export interface EvalOptions {
  /** Timed passes over the pages; a page's time is its fastest pass (default 3). */
  repeat?: number;
}

/**
 * Scores the extractor on a dev-set directory. Pages are read and decoded first and extracted once untimed, so the
 * times are the extractor's steady state (compiled code, no decoding garbage left to collect), as in a crawl of
 * thousands of pages. Then every page is extracted `repeat` times, in rounds over the whole set, and its time is the
 * fastest round: the machine's other work (this project's machine is shared) only ever adds time.
 */
export function runEval(dir: string, extract: Extractor = extractGeneric, options: EvalOptions = {}): EvalReport {
  const repeat = Math.max(1, options.repeat ?? 3);
  const pages = loadDevSet(dir);
  const htmls = pages.map((page) => readPage(dir, page));
  const attempt = (i: number) => {
    try {
      return { record: extract(htmls[i]!, pages[i]!.url), error: null };
    } catch (e) {
      return { record: null, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
    }
  };
  pages.forEach((_, i) => attempt(i));
  const wall = pages.map(() => Number.POSITIVE_INFINITY);
  const cpu = pages.map(() => Number.POSITIVE_INFINITY);
  const outcomes: ReturnType<typeof attempt>[] = [];
  for (let round = 0; round < repeat; round++) {
    pages.forEach((_, i) => {
      const cpuStart = process.cpuUsage();
      const started = performance.now();
      const outcome = attempt(i);
      wall[i] = Math.min(wall[i]!, performance.now() - started);
      const used = process.cpuUsage(cpuStart);
      cpu[i] = Math.min(cpu[i]!, (used.user + used.system) / 1000);
      outcomes[i] = outcome;
    });
  }
  const results: PageResult[] = pages.map((page, i) => {
    const { record, error } = outcomes[i]!;
    return { page, score: scorePage(record ? record.body_text : null, page), ms: wall[i]!, cpuMs: cpu[i]!, error, record };
  });
  const counts = results.reduce<Counts>((sum, r) => addCounts(sum, r.score), { tp: 0, fp: 0, fn: 0, tn: 0 });
  const times = results.map((r) => r.ms);
  return {
    pages: results.length,
    refused: results.filter((r) => r.error !== null).length,
    counts,
    body: metrics(counts),
    medianMs: quantile(times, 0.5),
    p95Ms: quantile(times, 0.95),
    medianCpuMs: quantile(results.map((r) => r.cpuMs), 0.5),
    p95CpuMs: quantile(results.map((r) => r.cpuMs), 0.95),
    repeat,
    title: field(results, (r) => (r.page.title ? fold(r.record?.title ?? '') === fold(r.page.title) : null)),
    author: field(results, (r) => (r.page.author ? fold(r.record?.author ?? '') === fold(r.page.author) : null)),
    date: field(results, (r) => (r.page.date ? (r.record?.published_at ?? '').slice(0, 10) === r.page.date : null)),
    dateNear: field(results, (r) => (r.page.date ? withinDay(r.record?.published_at ?? null, r.page.date) : null)),
    results,
  };
}

function withinDay(iso: string | null, day: string): boolean {
  if (!iso) return false;
  const a = Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
  const b = Date.parse(`${day}T00:00:00Z`);
  return Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) <= 86_400_000;
}

/** Pages with the most errors (false negatives plus false positives), worst first. */
export function worstPages(report: EvalReport, n: number): PageResult[] {
  return [...report.results]
    .sort((a, b) => b.score.fn + b.score.fp - (a.score.fn + a.score.fp) || b.score.fp - a.score.fp)
    .slice(0, n);
}

const pct = (x: number) => x.toFixed(3);

export function formatReport(report: EvalReport, worst = 0): string {
  const { counts, body } = report;
  const share = (f: FieldScore) => `${f.correct}/${f.checked} (${pct(f.checked ? f.correct / f.checked : 0)})`;
  const lines = [
    `pages        ${report.pages} (${report.refused} refused)`,
    `body         precision ${pct(body.precision)}  recall ${pct(body.recall)}  F1 ${pct(body.f1)}  accuracy ${pct(body.accuracy)}`,
    `counts       tp ${counts.tp}  fp ${counts.fp}  fn ${counts.fn}  tn ${counts.tn}`,
    `time         median ${report.medianMs.toFixed(2)} ms/page  p95 ${report.p95Ms.toFixed(2)} ms/page (wall clock, parse included, fastest of ${report.repeat} passes)`,
    `cpu          median ${report.medianCpuMs.toFixed(2)} ms/page  p95 ${report.p95CpuMs.toFixed(2)} ms/page (process CPU time, likewise)`,
    `title        ${share(report.title)} equal (case and punctuation ignored)`,
    `author       ${share(report.author)} equal (case and punctuation ignored)`,
    `date         ${share(report.date)} same day, ${share(report.dateNear)} within a day (published_at is Vietnam time)`,
  ];
  if (worst > 0) {
    lines.push('', `worst ${worst} pages (false negatives + false positives):`);
    for (const r of worstPages(report, worst)) {
      lines.push(`- ${r.page.url}  [${r.page.file}]  tp ${r.score.tp} fn ${r.score.fn} fp ${r.score.fp}${r.error ? `  ${r.error}` : ''}`);
      for (const s of r.score.missing) lines.push(`    missing:  ${s.slice(0, 100)}`);
      for (const s of r.score.unwanted) lines.push(`    unwanted: ${s.slice(0, 100)}`);
    }
  }
  return lines.join('\n');
}
