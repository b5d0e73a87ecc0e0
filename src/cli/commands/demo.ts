import { type Register, verbosity } from '../context.js';
import { demoCommand } from '../demo.js';
import { stderrLogger } from '../logger.js';
import { defaultUserAgent } from '../version.js';

export const registerDemo: Register = (cli, ctx) => {
  cli
    .command('demo')
    .description('serve the bundled replica portals on 127.0.0.1, crawl them into data/demo.sqlite, export JSONL and CSV')
    .option('--data-dir <dir>', 'where to write the demo archive and exports', 'data')
    .option('-v, --verbose', 'log every listing page')
    .addHelpText('after', '\nExample:\n  portal-archiver demo && head -c 600 data/demo.jsonl\n')
    .action(async (opts) => {
      const log = stderrLogger(ctx.io.stderr, verbosity(opts));
      const result = await demoCommand({ dataDir: opts.dataDir, userAgent: defaultUserAgent() }, { log, signal: ctx.signal, interruptedCode: ctx.interruptedCode });
      ctx.io.stdout.write(
        `archive: ${result.db}\n${result.exports.map((e) => `export: ${e.path} (${e.count} articles)`).join('\n')}\n`,
      );
      ctx.setCode(result.code);
    });
};
