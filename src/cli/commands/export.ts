import { Option } from 'commander';
import { EXIT } from '../exit-codes.js';
import { exportCommand } from '../export.js';
import type { Register } from '../context.js';

export const registerExport: Register = (cli, ctx) => {
  cli
    .command('export')
    .description('export archived articles as JSON, JSONL or CSV')
    .option('--db <path>', 'SQLite archive to read', 'data/archive.sqlite')
    .addOption(new Option('--format <format>', 'output format').default('jsonl'))
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--site <host>', 'only articles of this site (host, e.g. tuachua.dienbien.gov.vn)')
    .option('--since <date>', 'only articles published on or after this day (YYYY-MM-DD, Vietnam time) or instant')
    .option('--until <date>', 'only articles published on or before this day (YYYY-MM-DD, Vietnam time) or instant')
    .option('--bom', 'CSV only: start with a UTF-8 byte order mark, for spreadsheet programs')
    .addHelpText('after', '\nExample:\n  portal-archiver export --format csv --bom --since 2023-01-01 --out tuachua-2023.csv\n')
    .action(async (opts) => {
      const result = await exportCommand(opts, ctx.io.stdout);
      if (result.out) ctx.io.stderr.write(`exported ${result.count} articles to ${result.out}\n`);
      ctx.setCode(EXIT.ok);
    });
};
