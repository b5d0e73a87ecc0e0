import { EXIT } from '../exit-codes.js';
import type { Register } from '../context.js';

export const registerStats: Register = (cli, ctx) => {
  cli
    .command('stats')
    .description('articles per site, category and month, date range, top authors, and how complete the data is')
    .option('--db <path>', 'SQLite archive to read', 'data/archive.sqlite')
    .option('--format <format>', 'text or json', 'text')
    .addHelpText('after', '\nExample:\n  portal-archiver stats --db data/tuachua.sqlite --format json > stats.json\n')
    .action(async (opts) => {
      const { statsCommand } = await import('../stats.js');
      await statsCommand({ db: opts.db, format: opts.format }, ctx.io.stdout);
      ctx.setCode(EXIT.ok);
    });
};
