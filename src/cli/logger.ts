import type { Logger } from '../log.js';
import type { verbosity } from './context.js';

export type Verbosity = ReturnType<typeof verbosity>;
export type LogFormat = 'text' | 'json';

/**
 * Logs on stderr. `quiet` keeps nothing but the final summary; `normal` adds warnings (failed URLs); `verbose` adds
 * every listing page. `json` writes one object a line ({type: "log", time, level, msg}) for log collectors; progress
 * events (`type: "progress"`) and the summary share the stream. A progress bar on the same terminal is taken off
 * the line before a log line is written (`screen.clear`), so the two never run into each other.
 */
export function stderrLogger(
  stream: NodeJS.WritableStream,
  verbosity: Verbosity,
  format: LogFormat = 'text',
  screen?: { clear(): void },
): Logger {
  const write = (level: 'info' | 'warn', message: string) => {
    screen?.clear();
    if (format === 'json') stream.write(`${JSON.stringify({ type: 'log', time: new Date().toISOString(), level, msg: message })}\n`);
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
