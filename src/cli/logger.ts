import type { Logger } from '../log.js';

import type { verbosity } from './context.js';

export type Verbosity = ReturnType<typeof verbosity>;

/** Text lines on stderr. `quiet` keeps only warnings; `normal` adds what a cron mail should show; `verbose` all. */
export function stderrLogger(stream: NodeJS.WritableStream, verbosity: Verbosity): Logger {
  return {
    info: (message) => {
      if (verbosity === 'verbose') stream.write(`${message}\n`);
    },
    warn: (message) => {
      if (verbosity !== 'quiet') stream.write(`warning: ${message}\n`);
    },
  };
}
