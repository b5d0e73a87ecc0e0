import { Option } from 'commander';
import { UsageError } from '../../errors.js';
import { DEFAULT_BACKOFF_MS, DEFAULT_CDX_PER_MINUTE, DEFAULT_RATE_LIMIT_WAIT_MS, DEFAULT_REPLAYS_PER_SECOND } from '../../source/archive/politeness.js';
import { type Register, verbosity } from '../context.js';
import { type LogFormat, stderrLogger } from '../logger.js';
import { positiveInt, positiveNumber, seedUrl } from '../options.js';
import { readPortalsFile } from '../portals-file.js';
import { crawlClosing } from '../closing.js';
import { createProgress, progressMode, type ProgressTask } from '../progress.js';
import { defaultUserAgent } from '../version.js';

export const registerRecover: Register = (cli, ctx) => {
  cli
    .command('recover')
    .description('recover a portal that is gone from a web archive\'s captures (never contacting the portal itself)')
    .argument('[url...]', 'the portal (its home page URL), a listing URL or an article URL, as the portal spelled them')
    .option('--portals <file>', 'read URLs from a file, one a line (# comments)')
    .option('--archive <base>', 'a Wayback-compatible web archive, or a pywb collection (<base>/<coll>)', 'https://web.archive.org')
    .option('--from <date>', 'only captures made on or after this day (YYYY, YYYY-MM, YYYY-MM-DD or a timestamp; UTC)')
    .option('--to <date>', 'only captures made on or before this day (same forms)')
    .option('--db <path>', 'SQLite archive to write', 'data/archive.sqlite')
    .option('--dry-run', 'list what the web archive holds (captures, distinct articles, time range) without fetching pages')
    .option('--cdx-rate <n>', 'CDX (index) requests per minute at most', positiveNumber('--cdx-rate'), DEFAULT_CDX_PER_MINUTE)
    .option('--replay-rate <n>', 'captures fetched per second at most', positiveNumber('--replay-rate'), DEFAULT_REPLAYS_PER_SECOND)
    .option('--concurrency <n>', 'pages (listing or article) worked on side by side', positiveInt('--concurrency'), 4)
    .option('--rate-limit-wait <s>', 'wait after a 429 that gives no Retry-After', positiveNumber('--rate-limit-wait'), DEFAULT_RATE_LIMIT_WAIT_MS / 1000)
    .option('--backoff <ms>', 'first wait before retrying a 5xx or network error (doubles each time)', positiveInt('--backoff', 0), DEFAULT_BACKOFF_MS)
    .option('--retries <n>', 'retries for 429, 5xx, network errors and truncated answers', positiveInt('--retries', 0), 5)
    .option('--timeout <ms>', 'give up on one request after this long', positiveInt('--timeout'), 60_000)
    .option('--cdx-page-size <n>', 'captures asked for per CDX page (resumeKey paging)', positiveInt('--cdx-page-size'), 5000)
    .option('--user-agent <s>', 'User-Agent header', defaultUserAgent())
    .option('-q, --quiet', 'print only the one-line summary (and what the web archive does not hold): no progress, no warnings')
    .option('-v, --verbose', 'log lookups and retries; progress lines also when stderr is not a terminal')
    .addOption(new Option('--log-format <format>', 'log lines (and progress events) as text or JSON objects').choices(['text', 'json']).default('text'))
    .addHelpText(
      'after',
      '\nExample:\n  portal-archiver recover http://muongnhe.dienbien.gov.vn/ --db data/muongnhe.sqlite\n' +
        '  portal-archiver recover http://muongnhe.dienbien.gov.vn/TinTuc/ --dry-run   # what the Wayback Machine holds\n' +
        '  portal-archiver recover https://huyendienbien.gov.vn/ --archive https://arquivo.pt/wayback --from 2023\n',
    )
    .action(async (args: string[], opts) => {
      const { captureBound, recoverCommand, summaryLine, surveyLine } = await import('../recover.js');
      const urls = [...args.map(seedUrl), ...(opts.portals ? readPortalsFile(opts.portals) : [])];
      if (urls.length === 0) throw new UsageError('no URL to recover: give the portal\'s URL or --portals <file>');
      const format = opts.logFormat as LogFormat;
      const screen = createProgress(ctx.io.stderr, progressMode(ctx.io.stderr, opts));
      const log = stderrLogger(ctx.io.stderr, verbosity(opts), format, screen);
      const shown: { task: ProgressTask | null } = { task: null };
      const from = opts.from ? captureBound(opts.from, '--from') : null;
      const to = opts.to ? captureBound(opts.to, '--to') : null;
      try {
        const result = await recoverCommand(
          {
            urls,
            db: opts.db,
            archive: opts.archive,
            from,
            to,
            dryRun: opts.dryRun ?? false,
            cdxPerMinute: opts.cdxRate,
            replaysPerSecond: opts.replayRate,
            concurrency: opts.concurrency,
            rateLimitWaitMs: Math.round(opts.rateLimitWait * 1000),
            backoffMs: opts.backoff,
            retries: opts.retries,
            timeout: opts.timeout,
            cdxPageSize: opts.cdxPageSize,
            userAgent: opts.userAgent,
          },
          {
            log,
            signal: ctx.signal,
            interruptedCode: ctx.interruptedCode,
            onProgress: (s, p) => {
              // Counted against the captures to read, known once the index is listed.
              if (p.total === null) return;
              shown.task ??= screen.task('recover', { unit: 'captures' });
              shown.task.update({ done: p.done, total: p.total, failed: s.failures.length, host: p.host });
            },
          },
        );
        shown.task?.end();
        screen.clear();
        // What the web archive does not hold is said even with --quiet: it is the answer.
        for (const note of result.notes) ctx.io.stderr.write(`${note}\n`);
        for (const s of result.survey ?? []) ctx.io.stdout.write(`${surveyLine(s, opts.archive)}\n`);
        if (result.summary) {
          const line = summaryLine(result.summary);
          const facts = result.archive ? { db: opts.db as string, ...result.archive } : null;
          ctx.io.stderr.write(
            format === 'json'
              ? `${JSON.stringify({ type: 'summary', time: new Date().toISOString(), level: 'summary', msg: line, ...result.summary, failures: result.summary.failures.length, ...(facts ? { archive: facts } : {}) })}\n`
              : [line, ...(opts.quiet || !facts ? [] : crawlClosing(result.summary, facts, 'recover'))].map((l) => `${l}\n`).join(''),
          );
        }
        ctx.setCode(result.code);
      } finally {
        shown.task?.end();
        screen.clear();
      }
    });
};
