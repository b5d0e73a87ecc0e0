import { Option } from 'commander';
import { UsageError } from '../../errors.js';
import { FetchError } from '../../fetch/errors.js';
import { type Register, verbosity } from '../context.js';
import { stderrLogger } from '../logger.js';
import { positiveInt, seedUrl } from '../options.js';
import { defaultUserAgent } from '../version.js';

export const registerProbe: Register = (cli, ctx) => {
  cli
    .command('probe')
    .description('fetch a listing page and one article, and say how the site would be archived (writes nothing)')
    .argument('<url>', 'a listing page (or an article) of the portal')
    .addOption(new Option('--format <format>', 'text for people, json for scripts').choices(['text', 'json']).default('text'))
    .option('--delay <ms>', 'pause between requests to the host (robots.txt Crawl-delay wins when longer)', positiveInt('--delay', 0), 1000)
    .option('--user-agent <s>', 'User-Agent header', defaultUserAgent())
    .option('--ignore-robots', "do not read robots.txt (only with the site owner's permission)")
    .option('--timeout <ms>', 'give up on one request after this long', positiveInt('--timeout'), 30_000)
    .option('--retries <n>', 'retries for network errors, timeouts, 408, 429 and 5xx', positiveInt('--retries', 0), 2)
    .option('-v, --verbose', 'log retries')
    .addHelpText(
      'after',
      '\nExample:\n  portal-archiver probe https://anlao.binhdinh.gov.vn/vi/news/an-ninh-quoc-phong/\n' +
        '  portal-archiver probe https://tuachua.dienbien.gov.vn/TinTuc/ --format json\n',
    )
    .action(async (arg: string, opts) => {
      const { probeCommand } = await import('../probe.js');
      const log = stderrLogger(ctx.io.stderr, verbosity(opts), 'text');
      try {
        const result = await probeCommand(
          {
            url: seedUrl(arg),
            format: opts.format,
            userAgent: opts.userAgent,
            delay: opts.delay,
            timeout: opts.timeout,
            retries: opts.retries,
            ignoreRobots: opts.ignoreRobots ?? false,
          },
          { log, signal: ctx.signal },
        );
        ctx.io.stdout.write(result.output);
        ctx.setCode(result.code);
      } catch (err) {
        // The page itself could not be had: a one-line input error, like crawl's for a bad seed.
        if (err instanceof FetchError) throw new UsageError(`cannot fetch ${arg}: ${err.message.replace(/^GET \S+: /, '')}`);
        throw err;
      }
    });
};
