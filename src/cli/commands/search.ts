import { EXIT } from '../exit-codes.js';
import type { Register } from '../context.js';
import { positiveInt } from '../options.js';

export const registerSearch: Register = (cli, ctx) => {
  cli
    .command('search')
    .description('full-text search over titles, summaries and bodies, ranked, with highlighted snippets')
    .argument('<query>', 'words (case and diacritics ignored), "a phrase", prefix*, AND/OR/NOT, (groups), title:word')
    .option('--db <path>', 'SQLite archive to read', 'data/archive.sqlite')
    .option('--site <host>', 'only articles of this site (host, e.g. tuachua.dienbien.gov.vn)')
    .option('--since <date>', 'only articles published on or after this day (YYYY-MM-DD, Vietnam time) or instant')
    .option('--until <date>', 'only articles published on or before this day (YYYY-MM-DD, Vietnam time) or instant')
    .option('--limit <n>', 'show at most this many articles', positiveInt('--limit'), 20)
    .option('--format <format>', 'text, json or jsonl', 'text')
    .addHelpText(
      'after',
      `\nExamples:\n  portal-archiver search "dang vien" --since 2023-01-01 --until 2023-12-31\n` +
        `  portal-archiver search '"phát triển đảng viên"' --format jsonl > hits.jsonl\n`,
    )
    .action(async (query: string, opts) => {
      const { searchCommand } = await import('../search.js');
      const { total, shown } = await searchCommand({ ...opts, query }, ctx.io.stdout);
      ctx.io.stderr.write(total === 0 ? 'no article matches\n' : `${shown} of ${total} matching articles\n`);
      ctx.setCode(EXIT.ok);
    });
};
