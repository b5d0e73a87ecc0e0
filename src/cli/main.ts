import { Command, CommanderError, Option } from 'commander';
import { PortalArchiverError } from '../errors.js';
import { crawlCommand, summaryLine } from './crawl.js';
import { demoCommand } from './demo.js';
import { EXIT } from './exit-codes.js';
import { exportCommand } from './export.js';
import { stderrLogger, type Verbosity } from './logger.js';
import { positiveInt, seedUrl } from './options.js';
import { defaultUserAgent, packageVersion } from './version.js';

export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

function verbosity(opts: { quiet?: boolean; verbose?: boolean }): Verbosity {
  return opts.quiet ? 'quiet' : opts.verbose ? 'verbose' : 'normal';
}

/** Commander wiring only: each action calls a command function and records its exit code. */
function program(io: Io, setCode: (code: number) => void): Command {
  const cli = new Command('portal-archiver')
    .description('Archive Vietnamese district government news portals: crawl, extract, store in SQLite, export.')
    .version(packageVersion(), '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(`portal-archiver: ${s.replace(/^error: /, '').trim()}\n`),
    });

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
      const log = stderrLogger(io.stderr, verbosity(opts));
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
      io.stderr.write(`${summaryLine(summary)}\n`);
      setCode(code);
    });

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
      const result = await exportCommand(opts, io.stdout);
      if (result.out) io.stderr.write(`exported ${result.count} articles to ${result.out}\n`);
      setCode(EXIT.ok);
    });

  cli
    .command('demo')
    .description('serve the bundled replica portals on 127.0.0.1, crawl them into data/demo.sqlite, export JSONL and CSV')
    .option('--data-dir <dir>', 'where to write the demo archive and exports', 'data')
    .option('-v, --verbose', 'log every listing page')
    .addHelpText('after', '\nExample:\n  portal-archiver demo && head -c 600 data/demo.jsonl\n')
    .action(async (opts) => {
      const log = stderrLogger(io.stderr, verbosity(opts));
      const result = await demoCommand({ dataDir: opts.dataDir, userAgent: defaultUserAgent() }, { log });
      io.stdout.write(
        `archive: ${result.db}\n${result.exports.map((e) => `export: ${e.path} (${e.count} articles)`).join('\n')}\n`,
      );
      setCode(result.code);
    });

  return cli;
}

/** Runs the CLI and returns the exit code; never exits the process itself, never prints a stack trace for user errors. */
export async function main(argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let code: number = EXIT.ok;
  const cli = program(io, (c) => (code = c));
  if (argv.length <= 2) {
    cli.outputHelp({ error: true });
    return EXIT.usage;
  }
  try {
    await cli.parseAsync(argv);
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT.ok;
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof PortalArchiverError && err.policy !== 'retry') {
      io.stderr.write(`portal-archiver: ${err.message}\n`);
      return EXIT.usage;
    }
    throw err;
  }
}
