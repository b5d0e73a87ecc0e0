import { Option } from 'commander';
import type { Register } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { positiveInt } from '../options.js';

export const registerStatus: Register = (cli, ctx) => {
  cli
    .command('status')
    .description('show recent crawl runs and every URL that failed (each is retried by the next crawl)')
    .option('--db <path>', 'SQLite archive to read', 'data/archive.sqlite')
    .option('--runs <n>', 'how many recent runs to list', positiveInt('--runs'), 5)
    .addOption(new Option('--format <format>', 'text or json').choices(['text', 'json']).default('text'))
    .addHelpText('after', '\nExample:\n  portal-archiver status --db data/tuachua.sqlite\n')
    .action(async (opts) => {
      const { statusCommand, statusText } = await import('../status.js');
      const result = statusCommand({ db: opts.db, runs: opts.runs });
      ctx.io.stdout.write(opts.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : statusText(result));
      ctx.setCode(EXIT.ok);
    });
};
