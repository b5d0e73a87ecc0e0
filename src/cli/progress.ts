import { RateMeter, secondsLeft } from './progress-rate.js';
import { barLine, jsonEvent, plainLine, type ProgressView } from './progress-render.js';

/**
 * Progress of a long command on stderr, answering "how long?": done / total where a total is known, the rate, the
 * time left (from a rate smoothed over the last half minute), the host being worked on and the failures so far.
 *
 * How it shows, decided once per command by {@link progressMode} from stderr and the command's options:
 * - `bar`   stderr is a terminal: one self-rewriting line with a bar, redrawn at most ten times a second;
 * - `lines` `--verbose` and stderr is a file or pipe: a plain `progress: ...` line every 15 seconds;
 * - `json`  `--log-format json`: `{"type":"progress","task","done","total","rate","eta_s","failed","host",...}`
 *           one object a line, at most once a second and once at the end, so a wrapper can draw its own;
 * - `off`   `--quiet`, or a non-terminal without `--verbose`: nothing at all (cron mail stays short).
 *
 * Plugging a command in (`recover`: total = the CDX count; `reextract`: total = the stored pages):
 *
 * ```ts
 * // src/cli/commands/recover.ts: the wiring picks the mode and hands a task to the command function
 * const progress = createProgress(ctx.io.stderr, progressMode(ctx.io.stderr, opts));
 * const log = stderrLogger(ctx.io.stderr, verbosity(opts), opts.logFormat, progress); // logs clear the bar first
 * const result = await recoverCommand(options, { log, progress: progress.task('recover', { unit: 'captures' }) });
 *
 * // src/cli/recover.ts: the command function reports, and never decides how it is shown
 * deps.progress?.update({ total: cdxCount });              // when known; may grow later (a pager reveals more)
 * deps.progress?.update({ done, failed, host });           // absolute values, as work finishes; cheap to call often
 * deps.progress?.end();                                    // before the closing summary is printed
 * ```
 *
 * Every field of an update is optional and absolute (not an increment), so a caller can pass whatever it has on
 * each call. A total below `done` is read as "at least `done`".
 */
export interface ProgressTask {
  update(change: ProgressUpdate): void;
  /** The final report (JSON), and the bar taken off the line. Later updates are ignored. */
  end(): void;
}

export interface ProgressUpdate {
  done?: number;
  /** null: not known (no bar, no time left). */
  total?: number | null;
  failed?: number;
  host?: string | null;
}

export type ProgressMode = 'bar' | 'lines' | 'json' | 'off';

export interface Progress {
  /** A task: `name` leads the line (`crawl`), `unit` names what is counted (`articles`, `rows`). */
  task(name: string, options?: { unit?: string; total?: number | null }): ProgressTask;
  /** Takes the bar off the line so that a log line can be written; the next update draws it again. */
  clear(): void;
}

export const noProgress: ProgressTask = { update: () => {}, end: () => {} };

export function progressMode(
  stream: NodeJS.WritableStream,
  opts: { quiet?: boolean; verbose?: boolean; logFormat?: string },
): ProgressMode {
  if (opts.quiet) return 'off';
  if (opts.logFormat === 'json') return 'json';
  if ((stream as NodeJS.WriteStream).isTTY === true) return 'bar';
  return opts.verbose ? 'lines' : 'off';
}

export interface ProgressOptions {
  /** Milliseconds, for rate and throttling; `Date.now` by default. */
  now?: () => number;
  /** Least time between two drawings of the bar, between two JSON events, between two plain lines. */
  barEveryMs?: number;
  jsonEveryMs?: number;
  linesEveryMs?: number;
}

export function createProgress(stream: NodeJS.WritableStream, mode: ProgressMode, options: ProgressOptions = {}): Progress {
  const now = options.now ?? Date.now;
  const every = { bar: options.barEveryMs ?? 100, json: options.jsonEveryMs ?? 1000, lines: options.linesEveryMs ?? 15_000, off: 0 }[mode];
  let shown = false;
  const clear = () => {
    if (shown) stream.write('\r\x1b[K');
    shown = false;
  };
  return {
    clear,
    task(name, taskOptions = {}) {
      if (mode === 'off') return noProgress;
      const state = { done: 0, total: taskOptions.total ?? null, failed: 0, host: null as string | null };
      const meter = new RateMeter();
      const started = now();
      meter.sample(started, 0);
      let last = Number.NEGATIVE_INFINITY;
      let ended = false;
      const view = (at: number): ProgressView => {
        const rate = meter.rate(at);
        const total = state.total === null ? null : Math.max(state.total, state.done);
        return { task: name, unit: taskOptions.unit ?? 'items', ...state, total, rate, etaS: secondsLeft(state.done, total, rate) };
      };
      const report = (at: number, final: boolean) => {
        const v = view(at);
        if (mode === 'bar') {
          if (final) return clear();
          const columns = (stream as NodeJS.WriteStream).columns || 80;
          stream.write(`\r\x1b[K${barLine(v, columns)}`);
          shown = true;
        } else if (mode === 'json') {
          stream.write(`${jsonEvent(v, new Date(at).toISOString())}\n`);
        } else if (!final) {
          stream.write(`${plainLine(v)}\n`);
        }
      };
      return {
        update(change) {
          if (ended) return;
          if (change.done !== undefined) state.done = change.done;
          if (change.total !== undefined) state.total = change.total;
          if (change.failed !== undefined) state.failed = change.failed;
          if (change.host !== undefined) state.host = change.host;
          const at = now();
          meter.sample(at, state.done);
          // A bar another writer cleared is drawn again at once; plain lines wait a full interval for the first.
          const due = mode === 'bar' && !shown ? true : at - last >= every && (mode !== 'lines' || at - started >= every);
          if (!due) return;
          last = at;
          report(at, false);
        },
        end() {
          if (ended) return;
          ended = true;
          report(now(), true);
        },
      };
    },
  };
}
