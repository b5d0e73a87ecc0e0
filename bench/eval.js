// `npm run eval -- <dir> [--worst N] [--repeat N] [--show <url part>] [--json FILE]`: scores the generic extractor on a directory
// in the shape of the trafilatura evaluation set (evaldata.json + html/*.html.gz), as its README says: precision,
// recall and F1 of the body over all pages, median and p95 ms/page (parse included), and title/author/date checks.
// Run it by hand on ../shared/devsets/trafilatura-eval; tests never read that directory.
import { writeFileSync } from 'node:fs';
import { formatReport, runEval } from '../dist/eval/run.js';

function parseArgs(argv) {
  const opts = { dir: null, worst: 0, show: null, json: null, repeat: 3 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--worst') opts.worst = Number(value());
    else if (arg === '--show') opts.show = value();
    else if (arg === '--json') opts.json = value();
    else if (arg === '--repeat') opts.repeat = Number(value());
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg} (have: --worst N, --repeat N, --show URL-PART, --json FILE)`);
    else if (opts.dir === null) opts.dir = arg;
    else throw new Error(`one directory only (got ${opts.dir} and ${arg})`);
  }
  if (!opts.dir) throw new Error('usage: npm run eval -- <dir> [--worst N] [--repeat N] [--show URL-PART] [--json FILE]');
  if (!Number.isInteger(opts.worst) || opts.worst < 0) throw new Error('--worst must be a whole number');
  if (!Number.isInteger(opts.repeat) || opts.repeat < 1) throw new Error('--repeat must be a whole number of 1 or more');
  return opts;
}

try {
  const opts = parseArgs(process.argv.slice(2));
  const report = runEval(opts.dir, undefined, { repeat: opts.repeat });
  console.log(formatReport(report, opts.worst));
  if (opts.show) {
    for (const r of report.results.filter((x) => x.page.url.includes(opts.show))) {
      console.log(`\n=== ${r.page.url} [${r.page.file}] ${r.error ?? ''}`);
      console.log(JSON.stringify(r.record, null, 2));
    }
  }
  if (opts.json) {
    const { results, ...summary } = report;
    const pages = results.map((r) => ({ url: r.page.url, file: r.page.file, ms: r.ms, error: r.error, ...r.score }));
    writeFileSync(opts.json, `${JSON.stringify({ ...summary, pages }, null, 2)}\n`);
  }
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
}
