import { Option } from 'commander';
import { parseDateBound } from '../../export/dates.js';
import { type Register, verbosity } from '../context.js';
import { type LogFormat, stderrLogger } from '../logger.js';
import { positiveInt } from '../options.js';
import { createProgress, progressMode } from '../progress.js';

export const registerReextract: Register = (cli, ctx) => {
  cli
    .command('reextract')
    .description('read every stored article page again with the current extractors, without fetching anything')
    .option('--db <path>', 'SQLite archive to update', 'data/archive.sqlite')
    .option('--site <host>', 'only pages of this site (host, e.g. tuachua.dienbien.gov.vn)')
    .option('--since <date>', 'only articles published on or after this day (YYYY-MM-DD, Vietnam time) or instant')
    .option('--extract-timeout <ms>', 'give up reading one page after this long', positiveInt('--extract-timeout'), 10_000)
    .option('-q, --quiet', 'print only the one-line summary: no progress, no warnings')
    .option('-v, --verbose', 'progress lines also when stderr is not a terminal')
    .addOption(new Option('--log-format <format>', 'log lines (and progress events) as text or JSON objects').choices(['text', 'json']).default('text'))
    .addHelpText(
      'after',
      '\nA record that comes out different gets a new version (the old one is kept: see history); one that comes out\n' +
        'the same is left as it is. Safe to stop and run again: it resumes where it stopped.\n' +
        '\nExample:\n  portal-archiver reextract --db data/tuachua.sqlite\n',
    )
    .action(async (opts) => {
      const { reextractCommand, reextractSummaryLine } = await import('../reextract.js');
      const format = opts.logFormat as LogFormat;
      const screen = createProgress(ctx.io.stderr, progressMode(ctx.io.stderr, opts));
      const log = stderrLogger(ctx.io.stderr, verbosity(opts), format, screen);
      const task = screen.task('reextract', { unit: 'pages' });
      try {
        const { code, summary } = await reextractCommand(
          {
            db: opts.db,
            site: opts.site ?? null,
            since: opts.since ? parseDateBound(opts.since, 'since') : null,
            extractTimeout: opts.extractTimeout,
          },
          {
            log,
            signal: ctx.signal,
            interruptedCode: ctx.interruptedCode,
            onProgress: (s, done, total) => task.update({ done, total, failed: s.failures.length }),
          },
        );
        task.end();
        const line = reextractSummaryLine(summary);
        ctx.io.stderr.write(
          format === 'json'
            ? `${JSON.stringify({ type: 'summary', time: new Date().toISOString(), level: 'summary', msg: line, ...summary, failures: summary.failures.length })}\n`
            : `${line}\n`,
        );
        ctx.setCode(code);
      } finally {
        task.end();
        screen.clear();
      }
    });
};
