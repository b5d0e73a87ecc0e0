import { crawlCommand, summaryLine } from '../crawl.js';
import { type Register, verbosity } from '../context.js';
import { stderrLogger } from '../logger.js';
import { positiveInt, seedUrl } from '../options.js';
import { defaultUserAgent } from '../version.js';

export const registerCrawl: Register = (cli, ctx) => {
  cli
    .command('crawl')
    .description('crawl portal listings (every page of the pager) and archive each article')
    .argument('<url...>', 'listing URLs (or article URLs) of Kooboo-style portals')
    .option('--db <path>', 'SQLite archive to write', 'data/archive.sqlite')
    .option('--concurrency <n>', 'requests in flight at most', positiveInt('--concurrency'), 4)
    .option('--delay <ms>', 'pause between requests to one host', positiveInt('--delay', 0), 1000)
    .option('--max-pages <n>', 'listing pages to walk per URL at most', positiveInt('--max-pages'))
    .option('--user-agent <s>', 'User-Agent header', defaultUserAgent())
    .option('--timeout <ms>', 'give up on a request after this long', positiveInt('--timeout'), 30_000)
    .option('--retries <n>', 'retries for transient failures (network, 5xx, 429)', positiveInt('--retries', 0), 2)
    .option('-q, --quiet', 'print only the final summary')
    .option('-v, --verbose', 'log every listing page')
    .addHelpText('after', '\nExample:\n  portal-archiver crawl https://tuachua.dienbien.gov.vn/TinTuc/ --db data/tuachua.sqlite\n')
    .action(async (urls: string[], opts) => {
      const log = stderrLogger(ctx.io.stderr, verbosity(opts));
      const { code, summary } = await crawlCommand(
        {
          urls: urls.map(seedUrl),
          db: opts.db,
          concurrency: opts.concurrency,
          delay: opts.delay,
          maxPages: opts.maxPages ?? null,
          userAgent: opts.userAgent,
          timeout: opts.timeout,
          retries: opts.retries,
        },
        { log },
      );
      ctx.io.stderr.write(`${summaryLine(summary)}\n`);
      ctx.setCode(code);
    });
};
