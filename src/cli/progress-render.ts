/** What one progress report shows; `rate` and `etaS` come from the smoothed rate (progress-rate.ts). */
export interface ProgressView {
  task: string;
  unit: string;
  done: number;
  total: number | null;
  failed: number;
  host: string | null;
  /** Items per second; null until there is a pace. */
  rate: number | null;
  /** Seconds left; null when the total or the rate is unknown. */
  etaS: number | null;
}

const count = (n: number) => n.toLocaleString('en-US');

export function formatRate(rate: number): string {
  return rate >= 10 ? rate.toFixed(0) : rate.toFixed(1);
}

/** `45s`, `12m 05s`, `3h 07m`: minutes and seconds while it matters, hours and minutes past an hour. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

function percent(v: ProgressView): string | null {
  return v.total !== null && v.total > 0 ? `${Math.min(100, Math.floor((v.done * 100) / v.total))}%` : null;
}

/** The parts after the counts, in the order they are given up when the terminal is narrow (host first). */
function details(v: ProgressView): string[] {
  return [
    v.rate !== null ? `${formatRate(v.rate)}/s` : null,
    v.etaS !== null ? `${formatDuration(v.etaS)} left` : null,
    v.failed > 0 ? `${count(v.failed)} failed` : null,
    v.host,
  ].filter((p): p is string => p !== null);
}

function amount(v: ProgressView): string {
  return v.total !== null ? `${count(v.done)}/${count(v.total)} ${v.unit}` : `${count(v.done)} ${v.unit}`;
}

/**
 * The terminal line: `crawl ██████░░░░ 120/3,688 articles 3% · 1.0/s · 59m 28s left · 2 failed · host`, fitted to
 * `columns` (the host goes first, then the bar shrinks, then the line is cut). No bar while the total is unknown.
 */
export function barLine(v: ProgressView, columns: number): string {
  const width = Math.max(20, columns - 1);
  const head = [amount(v), percent(v)].filter(Boolean).join(' ');
  let parts = details(v);
  const text = () => [head, ...parts].join(' · ');
  if (v.host !== null && `${v.task} ${text()}`.length + 12 > width) parts = parts.slice(0, -1);
  const room = width - `${v.task}  ${text()}`.length;
  const barWidth = v.total !== null && v.total > 0 ? Math.min(30, room) : 0;
  if (barWidth < 8) return `${v.task} ${text()}`.slice(0, width);
  const filled = Math.min(barWidth, Math.floor((barWidth * v.done) / v.total!));
  return `${v.task} ${'█'.repeat(filled)}${'░'.repeat(barWidth - filled)} ${text()}`;
}

/** The occasional plain line for a log file (`--verbose` on a non-terminal). */
export function plainLine(v: ProgressView): string {
  const pct = percent(v);
  return [
    `progress: ${v.task} ${amount(v)}${pct ? ` (${pct})` : ''}`,
    v.rate !== null ? `${formatRate(v.rate)} ${v.unit}/s` : null,
    v.etaS !== null ? `about ${formatDuration(v.etaS)} left` : null,
    `${count(v.failed)} failed`,
    v.host,
  ]
    .filter((p): p is string => p !== null)
    .join(', ');
}

/** The JSON progress event, one a line, for a wrapper that draws its own progress. */
export function jsonEvent(v: ProgressView, time: string): string {
  return JSON.stringify({
    type: 'progress',
    task: v.task,
    done: v.done,
    total: v.total,
    rate: v.rate === null ? null : Math.round(v.rate * 100) / 100,
    eta_s: v.etaS,
    failed: v.failed,
    host: v.host,
    unit: v.unit,
    time,
  });
}
