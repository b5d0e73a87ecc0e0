import type { Command } from 'commander';

export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** What a command's registration gets: where to write, how to report its exit code, and the stop signal. */
export interface CliContext {
  io: Io;
  setCode(code: number): void;
  /** Aborted on SIGINT or SIGTERM; long commands stop gracefully. */
  signal: AbortSignal;
  /** The exit code for the signal that stopped the process (130 or 143). */
  interruptedCode(): number;
}

export type Register = (cli: Command, ctx: CliContext) => void;

export function verbosity(opts: { quiet?: boolean; verbose?: boolean }): 'quiet' | 'normal' | 'verbose' {
  return opts.quiet ? 'quiet' : opts.verbose ? 'verbose' : 'normal';
}
