import { EXIT } from '../exit-codes.js';
import type { Register } from '../context.js';

export const registerReport: Register = (cli, ctx) => {
  cli
    .command('report')
    .description('write the stats as one self-contained HTML page with a chart, readable offline and on a phone')
    .option('--db <path>', 'SQLite archive to read', 'data/archive.sqlite')
    .option('--out <file>', 'write to this file instead of stdout')
    .addHelpText('after', '\nExample:\n  portal-archiver report --db data/tuachua.sqlite --out report.html\n')
    .action(async (opts) => {
      const { reportCommand } = await import('../report.js');
      const result = await reportCommand({ db: opts.db, ...(opts.out ? { out: opts.out } : {}) }, ctx.io.stdout);
      if (result.out) ctx.io.stderr.write(`wrote report of ${result.articles} articles to ${result.out}\n`);
      ctx.setCode(EXIT.ok);
    });
};
