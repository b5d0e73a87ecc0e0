import { Command, CommanderError } from 'commander';
import { PortalArchiverError } from '../errors.js';
import { registerCrawl } from './commands/crawl.js';
import { registerDemo } from './commands/demo.js';
import { registerExport } from './commands/export.js';
import { registerExtract } from './commands/extract.js';
import { registerHistory } from './commands/history.js';
import { registerProbe } from './commands/probe.js';
import { registerReextract } from './commands/reextract.js';
import { registerRecover } from './commands/recover.js';
import { registerReindex } from './commands/reindex.js';
import { registerReport } from './commands/report.js';
import { registerSearch } from './commands/search.js';
import { registerStats } from './commands/stats.js';
import { registerStatus } from './commands/status.js';
import { registerVerify } from './commands/verify.js';
import type { CliContext, Io, Register } from './context.js';
import { LockedError } from '../store/lock.js';
import { EXIT } from './exit-codes.js';
import { packageVersion } from './version.js';

export type { Io } from './context.js';

/** Every command, in the order `--help` lists them; each file under commands/ wires one. */
const COMMANDS: Register[] = [
  registerCrawl,
  registerRecover,
  registerStatus,
  registerExport,
  registerProbe,
  registerExtract,
  registerSearch,
  registerStats,
  registerReport,
  registerReindex,
  registerReextract,
  registerHistory,
  registerVerify,
  registerDemo,
];

/** Commander wiring only: each action calls a command function and records its exit code. */
function program(ctx: CliContext): Command {
  const { io } = ctx;
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
  for (const register of COMMANDS) register(cli, ctx);
  return cli;
}

const heard = new WeakSet<NodeJS.WritableStream>();

/**
 * A write to a pipe whose reader has gone fails later, as an 'error' event, which unheard would crash the process
 * with a stack trace. Heard (once per stream, and for good: a write still under way may fail after main returns),
 * the stream keeps the error, the next write throws it (export/write.ts), and main ends quietly (EXIT.brokenPipe).
 */
function hearWriteErrors(stdout: NodeJS.WritableStream): void {
  if (heard.has(stdout)) return;
  heard.add(stdout);
  stdout.on('error', () => {});
}

/** Runs the CLI and returns the exit code; never exits the process itself, never prints a stack trace for user errors. */
export async function main(argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let code: number = EXIT.ok;
  hearWriteErrors(io.stdout);
  // The only signal handlers in the program: they ask long commands to stop; in-flight writes finish and the crawl's
  // state stays in the archive. A second signal gets Node's default behaviour (immediate exit).
  const controller = new AbortController();
  let stoppedBy: number = EXIT.interrupted;
  const onSignal = (signal: NodeJS.Signals) => {
    stoppedBy = signal === 'SIGTERM' ? EXIT.terminated : EXIT.interrupted;
    io.stderr.write(`portal-archiver: ${signal} received, stopping after in-flight requests (again to quit at once)\n`);
    controller.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const cli = program({ io, setCode: (c) => (code = c), signal: controller.signal, interruptedCode: () => stoppedBy });
  try {
    if (argv.length <= 2) {
      cli.outputHelp({ error: true });
      return EXIT.usage;
    }
    await cli.parseAsync(argv);
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT.ok;
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    // The reader of stdout went away (`export ... | head`): nothing is wrong with the archive or the command, and
    // nothing is left to say; a file written with --out is not affected (its errors are the command's).
    if ((err as NodeJS.ErrnoException | null)?.code === 'EPIPE') return EXIT.brokenPipe;
    if (err instanceof LockedError) {
      io.stderr.write(`portal-archiver: ${err.message}\n`);
      return EXIT.locked;
    }
    if (err instanceof PortalArchiverError && err.policy !== 'retry') {
      io.stderr.write(`portal-archiver: ${err.message}\n`);
      return EXIT.usage;
    }
    throw err;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}
