import type { Command } from 'commander';

export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** What a command's registration gets: where to write, and how to report its exit code to main(). */
export interface CliContext {
  io: Io;
  setCode(code: number): void;
}

export type Register = (cli: Command, ctx: CliContext) => void;

export function verbosity(opts: { quiet?: boolean; verbose?: boolean }): 'quiet' | 'normal' | 'verbose' {
  return opts.quiet ? 'quiet' : opts.verbose ? 'verbose' : 'normal';
}
