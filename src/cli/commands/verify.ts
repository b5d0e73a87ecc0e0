import type { Register } from '../context.js';
import { problemLines, verifyCommand, verifySummary } from '../verify.js';

export const registerVerify: Register = (cli, ctx) => {
  cli
    .command('verify')
    .description('check the archive: SQLite integrity, every stored body against its hash, every record against its content hash')
    .option('--db <path>', 'SQLite archive to check', 'data/archive.sqlite')
    .addHelpText(
      'after',
      '\nPrints one line per problem (with the URLs concerned) and exits 3 if there is any, 0 if all holds.\n' +
        '\nExample:\n  portal-archiver verify --db data/tuachua.sqlite\n',
    )
    .action((opts) => {
      const { code, report } = verifyCommand({ db: opts.db });
      ctx.io.stdout.write(problemLines(report));
      ctx.io.stderr.write(`${verifySummary(report)}\n`);
      ctx.setCode(code);
    });
};
