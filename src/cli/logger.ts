import type { Logger } from '../log.js';
import type { verbosity } from './context.js';

export type Verbosity = ReturnType<typeof verbosity>;
export type LogFormat = 'text' | 'json';

/**
 * Logs on stderr. `quiet` keeps nothing but the final summary; `normal` adds warnings (failed URLs); `verbose` adds
 * every listing page. `json` writes one object a line ({time, level, msg}) for log collectors.
 */
export function stderrLogger(stream: NodeJS.WritableStream, verbosity: Verbosity, format: LogFormat = 'text'): Logger {
  const write = (level: 'info' | 'warn', message: string) => {
    if (format === 'json') stream.write(`${JSON.stringify({ time: new Date().toISOString(), level, msg: message })}\n`);
    else stream.write(level === 'warn' ? `warning: ${message}\n` : `${message}\n`);
  };
  return {
    info: (message) => {
      if (verbosity === 'verbose') write('info', message);
    },
    warn: (message) => {
      if (verbosity !== 'quiet') write('warn', message);
    },
  };
}
