import path from 'node:path';
import { crawlProgress } from '../crawl-progress.js';
import { type Register, verbosity } from '../context.js';
import { demoClosing, demoIntro } from '../demo-text.js';
import { stderrLogger } from '../logger.js';
import { createProgress, progressMode } from '../progress.js';
import { defaultUserAgent } from '../version.js';

/** A path as the user would type it: relative when below the working directory, else absolute. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

export const registerDemo: Register = (cli, ctx) => {
  cli
    .command('demo')
    .description(
      'crawl the bundled replica portals (served on 127.0.0.1, archived under their real names) into data/demo.sqlite; ' +
        'write JSONL, CSV and the HTML report',
    )
    .option('--data-dir <dir>', 'where to write the demo archive, exports and report', 'data')
    .option('-v, --verbose', 'log every listing page')
    .addHelpText('after', '\nExample:\n  portal-archiver demo && head -c 600 data/demo.jsonl\n')
    .action(async (opts) => {
      const { demoCommand } = await import('../demo.js');
      const screen = createProgress(ctx.io.stderr, progressMode(ctx.io.stderr, opts));
      const log = stderrLogger(ctx.io.stderr, verbosity(opts), 'text', screen);
      const progress = crawlProgress(screen);
      try {
        const result = await demoCommand(
          { dataDir: opts.dataDir, userAgent: defaultUserAgent() },
          {
            log,
            signal: ctx.signal,
            interruptedCode: ctx.interruptedCode,
            onProgress: progress.onProgress,
            onServing: (sites) => ctx.io.stdout.write(demoIntro(sites)),
          },
        );
        progress.end(result.summary);
        ctx.io.stdout.write(demoClosing(result, shown));
        ctx.setCode(result.code);
      } finally {
        progress.end();
        screen.clear();
      }
    });
};
