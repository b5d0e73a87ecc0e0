import { Option } from 'commander';
import { parseDateBound } from '../../export/dates.js';
import { UsageError } from '../../errors.js';
import { type Register, verbosity } from '../context.js';
import { type LogFormat, stderrLogger } from '../logger.js';
import { positiveInt, seedUrl } from '../options.js';
import { readPortalsFile } from '../portals-file.js';
import { crawlClosing, summaryLine } from '../closing.js';
import { crawlProgress } from '../crawl-progress.js';
import { createProgress, progressMode } from '../progress.js';
import { parseConnectTo, type ConnectRule } from '../../fetch/connect-to.js';
import { defaultUserAgent } from '../version.js';
import { boundHeapGrowth } from '../../crawl/heap.js';

export const registerCrawl: Register = (cli, ctx) => {
  cli
    .command('crawl')
    .description('crawl portal listings (every page of the pager) and archive each article')
    .argument('[url...]', 'listing URLs (or article URLs) of portals: a family profile reads them, else discovery')
    .option('--portals <file>', 'read listing URLs from a file, one a line (# comments)')
    .option('--db <path>', 'SQLite archive to write', 'data/archive.sqlite')
    .option('--concurrency <n>', 'requests in flight at most, over all hosts', positiveInt('--concurrency'), 4)
    .option('--per-host <n>', 'requests in flight to one host at most', positiveInt('--per-host'), 2)
    .option('--delay <ms>', 'pause between requests to one host (robots.txt Crawl-delay wins when longer)', positiveInt('--delay', 0), 1000)
    .option('--max-pages <n>', 'listing pages to walk per URL at most', positiveInt('--max-pages'))
    .option('--full', 'walk every listing page even if the listing was walked before')
    .option('--since <date>', 'stop at articles published before this day (YYYY-MM-DD, Vietnam time)')
    .option('--refresh', 'fetch archived articles again (conditional GET) and keep earlier versions of edited ones')
    .option('--media', 'also download the images of archived articles (image types only, 10 MB at most)')
    .option('--user-agent <s>', 'User-Agent header', defaultUserAgent())
    .option('--ignore-robots', 'do not read robots.txt (only with the site owner\'s permission)')
    .option(
      '--connect-to <HOST1:PORT1:HOST2:PORT2>',
      'for testing and mirrors: connect to HOST2:PORT2 for HOST1:PORT1, URLs and records keep HOST1 (as curl; repeatable)',
      (spec: string, rules: ConnectRule[] = []) => [...rules, parseConnectTo(spec)],
    )
    .option('--timeout <ms>', 'give up on one request after this long', positiveInt('--timeout'), 30_000)
    .option('--extract-timeout <ms>', 'give up reading one page (parse and extraction) after this long', positiveInt('--extract-timeout'), 10_000)
    .option('--retries <n>', 'retries for network errors, timeouts, truncated bodies, 408, 429 and 5xx', positiveInt('--retries', 0), 4)
    .option('-q, --quiet', 'print only the one-line summary: no progress, no warnings')
    .option('-v, --verbose', 'log every listing page and retry; progress lines also when stderr is not a terminal')
    .addOption(
      new Option('--log-format <format>', 'log lines (and progress events) as text or JSON objects').choices(['text', 'json']).default('text'),
    )
    .addHelpText(
      'after',
      '\nExample:\n  portal-archiver crawl https://tuachua.dienbien.gov.vn/TinTuc/ --db data/tuachua.sqlite\n' +
        '  portal-archiver crawl --portals portals.txt --quiet   # from cron\n',
    )
    .action(async (args: string[], opts) => {
      const urls = [...args.map(seedUrl), ...(opts.portals ? readPortalsFile(opts.portals) : [])];
      if (urls.length === 0) throw new UsageError('no URL to crawl: give listing URLs or --portals <file>');
      // This process is a crawl from here on: its heap is kept from growing with the garbage of the pages it passes.
      boundHeapGrowth();
      // The extraction thread first: it loads its modules (~0.2 s) while this thread loads the crawl's, instead of
      // after them, when the first listing page would wait for it.
      const { createExtractor } = await import('../../crawl/extract-pool.js');
      const extractor = createExtractor({ budgetMs: opts.extractTimeout, ...(ctx.signal ? { signal: ctx.signal } : {}) });
      const { crawlCommand } = await import('../crawl.js');
      const format = opts.logFormat as LogFormat;
      const screen = createProgress(ctx.io.stderr, progressMode(ctx.io.stderr, opts));
      const log = stderrLogger(ctx.io.stderr, verbosity(opts), format, screen);
      const progress = crawlProgress(screen);
      try {
        const { code, summary, archive } = await crawlCommand(
          {
            urls,
            db: opts.db,
            concurrency: opts.concurrency,
            perHost: opts.perHost,
            delay: opts.delay,
            maxPages: opts.maxPages ?? null,
            userAgent: opts.userAgent,
            timeout: opts.timeout,
            retries: opts.retries,
            ignoreRobots: opts.ignoreRobots ?? false,
            full: opts.full ?? false,
            refresh: opts.refresh ?? false,
            since: opts.since ? parseDateBound(opts.since, 'since') : null,
            media: opts.media ?? false,
            extractTimeout: opts.extractTimeout,
            connectTo: opts.connectTo ?? [],
          },
          { log, signal: ctx.signal, interruptedCode: ctx.interruptedCode, onProgress: progress.onProgress, extractor },
        );
        progress.end(summary);
        const facts = { db: opts.db as string, ...archive };
        ctx.io.stderr.write(
          format === 'json'
            ? `${JSON.stringify({ type: 'summary', time: new Date().toISOString(), level: 'summary', msg: summaryLine(summary), ...summary, failures: summary.failures.length, archive: facts })}\n`
            : [summaryLine(summary), ...(opts.quiet ? [] : crawlClosing(summary, facts))].map((l) => `${l}\n`).join(''),
        );
        ctx.setCode(code);
      } finally {
        progress.end();
        screen.clear();
      }
    });
};
