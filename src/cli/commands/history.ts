import type { Register } from '../context.js';
import { EXIT } from '../exit-codes.js';

export const registerHistory: Register = (cli, ctx) => {
  cli
    .command('history')
    .description('list the archived versions of an article (time, hash, fields changed), diff two, or show one')
    .argument('<url>', 'the article URL, in any form the portal uses')
    .option('--db <path>', 'SQLite archive to read', 'data/archive.sqlite')
    .option('--diff <versions...>', 'print a unified diff between two versions, e.g. --diff 1 2')
    .option('--show <version>', 'print one version as a JSON record')
    .addHelpText(
      'after',
      '\nExample:\n  portal-archiver history https://tuachua.dienbien.gov.vn/TinTuc/View/Tua-Chua-quan-tam --diff 1 2\n',
    )
    .action(async (url: string, opts) => {
      const { historyCommand, historyText } = await import('../history.js');
      const result = historyCommand({
        db: opts.db,
        url,
        ...(opts.diff !== undefined ? { diff: opts.diff as string[] } : {}),
        ...(opts.show !== undefined ? { show: opts.show as string } : {}),
      });
      ctx.io.stdout.write(historyText(result));
      ctx.setCode(EXIT.ok);
    });
};
