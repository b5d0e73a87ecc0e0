import { Option } from 'commander';
import { CAPTURE_FORMATS } from '../../export/format.js';
import { EXIT } from '../exit-codes.js';
import type { Register } from '../context.js';
import { createProgress, progressMode } from '../progress.js';

export const registerExport: Register = (cli, ctx) => {
  cli
    .command('export')
    .description('export archived articles as JSON, JSONL or CSV, or every capture as WARC, CDXJ index or WACZ')
    .option('--db <path>', 'SQLite archive to read', 'data/archive.sqlite')
    .addOption(
      new Option('--format <format>', 'output format: json, jsonl, csv, warc (needs --out), cdxj or wacz (needs --out)').default('jsonl'),
    )
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--site <host>', 'only articles of this site (host, e.g. tuachua.dienbien.gov.vn)')
    .option('--since <date>', 'only articles published on or after this day (YYYY-MM-DD, Vietnam time) or instant')
    .option('--until <date>', 'only articles published on or before this day (YYYY-MM-DD, Vietnam time) or instant')
    .option('--bom', 'CSV only: start with a UTF-8 byte order mark, for spreadsheet programs')
    .option('--excel', 'CSV only: for spreadsheets: byte order mark, formula-like cells (=, +, -, @) made inert')
    .option('--query <query>', 'only articles matching this search query (same syntax as search)')
    .option('--category <name>', 'only articles of this category (case and diacritics ignored)')
    .option('--fields <a,b,c>', 'only these fields (columns for CSV), in this order')
    .option('--revisions', 'every stored version of each article, with version (not for warc, cdxj, wacz)')
    .option('--warc-name <file>', 'cdxj only: the WARC the index points into (default: the --out name as .warc.gz)')
    .option('-q, --quiet', 'no progress bar on a terminal')
    .option('-v, --verbose', 'progress lines also when stderr is not a terminal')
    .addOption(new Option('--log-format <format>', 'progress and the closing line as text or JSON objects').choices(['text', 'json']).default('text'))
    .addHelpText(
      'after',
      '\nWith --format warc, cdxj or wacz, --site selects captures by host and --since/--until by capture time.\n' +
        '\nExample:\n  portal-archiver export --format csv --bom --since 2023-01-01 --out tuachua-2023.csv\n' +
        '  portal-archiver export --format warc --out tuachua.warc.gz\n' +
        '  portal-archiver export --format cdxj --out tuachua.cdxj     # the index of tuachua.warc.gz\n' +
        '  portal-archiver export --format wacz --out tuachua.wacz     # opens in ReplayWeb.page\n',
    )
    .action(async (opts) => {
      const { exportCommand } = await import('../export.js');
      const screen = createProgress(ctx.io.stderr, progressMode(ctx.io.stderr, opts));
      const unit = opts.revisions ? 'versions' : 'articles';
      const result = await exportCommand(opts, ctx.io.stdout, { progress: screen.task('export', { unit }) });
      const what = CAPTURE_FORMATS.includes(result.format) ? 'captures' : opts.revisions ? 'article versions' : 'articles';
      const line = result.out ? `exported ${result.count} ${what} to ${result.out}` : null;
      if (opts.logFormat === 'json') {
        const summary = { type: 'summary', time: new Date().toISOString(), level: 'summary', msg: line ?? `exported ${result.count} ${what}` };
        ctx.io.stderr.write(`${JSON.stringify({ ...summary, count: result.count, format: result.format, out: result.out })}\n`);
      } else if (line) ctx.io.stderr.write(`${line}\n`);
      ctx.setCode(EXIT.ok);
    });
};
