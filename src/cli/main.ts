import { Command, CommanderError } from 'commander';
import { PortalArchiverError } from '../errors.js';
import { registerCrawl } from './commands/crawl.js';
import { registerDemo } from './commands/demo.js';
import { registerExport } from './commands/export.js';
import type { Io, Register } from './context.js';
import { EXIT } from './exit-codes.js';
import { packageVersion } from './version.js';

export type { Io } from './context.js';

/** Every command, in the order `--help` lists them; each file under commands/ wires one. */
const COMMANDS: Register[] = [registerCrawl, registerExport, registerDemo];

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
  for (const register of COMMANDS) register(cli, { io, setCode });
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
