import { EXIT } from '../exit-codes.js';
import type { Register } from '../context.js';

export const registerReindex: Register = (cli, ctx) => {
  cli
    .command('reindex')
    .description('rebuild the search index from the archived articles')
    .option('--db <path>', 'SQLite archive to reindex', 'data/archive.sqlite')
    .addHelpText('after', '\nExample:\n  portal-archiver reindex --db data/tuachua.sqlite\n')
    .action(async (opts) => {
      const { reindexCommand } = await import('../reindex.js');
      const { articles, seconds } = reindexCommand({ db: opts.db });
      ctx.io.stderr.write(`reindexed ${articles} articles in ${seconds.toFixed(1)} s\n`);
      ctx.setCode(EXIT.ok);
    });
};
