import { Option } from 'commander';
import type { Register } from '../context.js';
import { createProgress, progressMode } from '../progress.js';

export const registerVerify: Register = (cli, ctx) => {
  cli
    .command('verify')
    .description('check the archive: SQLite integrity, every stored body against its hash, every record against its content hash')
    .option('--db <path>', 'SQLite archive to check', 'data/archive.sqlite')
    .option('-q, --quiet', 'no progress bar on a terminal')
    .option('-v, --verbose', 'progress lines also when stderr is not a terminal')
    .addOption(new Option('--log-format <format>', 'progress and the summary as text or JSON objects').choices(['text', 'json']).default('text'))
    .addHelpText(
      'after',
      '\nPrints one line per problem (with the URLs concerned) and exits 3 if there is any, 0 if all holds.\n' +
        '\nExample:\n  portal-archiver verify --db data/tuachua.sqlite\n',
    )
    .action(async (opts) => {
      const { problemLines, verifyCommand, verifySummary } = await import('../verify.js');
      const screen = createProgress(ctx.io.stderr, progressMode(ctx.io.stderr, opts));
      const { code, report } = verifyCommand({ db: opts.db }, { progress: screen.task('verify', { unit: 'items' }) });
      ctx.io.stdout.write(problemLines(report));
      const line = verifySummary(report);
      ctx.io.stderr.write(
        opts.logFormat === 'json'
          ? `${JSON.stringify({ type: 'summary', time: new Date().toISOString(), level: 'summary', msg: line, checked: report.checked, problems: report.problems.length })}\n`
          : `${line}\n`,
      );
      ctx.setCode(code);
    });
};
