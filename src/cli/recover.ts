import { existsSync } from 'node:fs';
import { Agent, type Dispatcher } from 'undici';
import { UsageError } from '../errors.js';
import { type Clock, systemClock } from '../fetch/clock.js';
import type { Logger } from '../log.js';
import { recover, resolvePortals, survey, type RecoverProgress, type RecoverSummary, type Survey } from '../recover/recover.js';
import { articlesPerSite } from '../store/records.js';
import { ArchiveClient } from '../source/archive/client.js';
import { openArchive } from '../store/index.js';
import { acquireLock } from '../store/lock.js';
import { EXIT } from './exit-codes.js';

export interface RecoverCommandOptions {
  urls: string[];
  db: string;
  /** Base of a Wayback-compatible service, or of a pywb collection. */
  archive: string;
  /** Inclusive capture-time bounds as CDX timestamp prefixes (UTC digits), or null. */
  from: string | null;
  to: string | null;
  dryRun: boolean;
  cdxPerMinute: number;
  replaysPerSecond: number;
  concurrency: number;
  rateLimitWaitMs: number;
  backoffMs: number;
  retries: number;
  timeout: number;
  cdxPageSize: number;
  userAgent: string;
}

export interface RecoverCommandResult {
  code: number;
  /** Set for a recovery that ran. */
  summary: RecoverSummary | null;
  /** Set for `--dry-run`. */
  survey: Survey[] | null;
  /** Lines for the user: URLs blocked at, unknown to, or not answered about by the web archive. */
  notes: string[];
  /** What the archive holds after a recovery (for the closing lines); null when nothing was written. */
  archive: { articles: number; sites: string[] } | null;
}

export interface RecoverCommandDeps {
  log: Logger;
  clock?: Clock;
  signal?: AbortSignal;
  interruptedCode?: () => number;
  onProgress?: (summary: RecoverSummary, progress: RecoverProgress) => void;
  /** How requests reach the web archive (tests pass one that records every connection). */
  dispatcher?: Dispatcher;
}

/**
 * `--from`/`--to` as the CDX server reads them: a 1-14 digit timestamp prefix (UTC). Accepts `YYYY`, `YYYY-MM`,
 * `YYYY-MM-DD`, or the digits themselves (`20230504`, `20230504120000`).
 */
export function captureBound(value: string, name: string): string {
  const text = value.trim();
  const dashed = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
  const digits = dashed ? dashed.slice(1).filter(Boolean).join('') : /^\d{4,14}$/.test(text) ? text : null;
  const month = digits && digits.length >= 6 ? Number(digits.slice(4, 6)) : 1;
  const day = digits && digits.length >= 8 ? Number(digits.slice(6, 8)) : 1;
  if (!digits || month < 1 || month > 12 || day < 1 || day > 31) {
    throw new UsageError(`invalid ${name} "${value}": expected YYYY, YYYY-MM, YYYY-MM-DD or a timestamp such as 20230504120000 (UTC)`);
  }
  return digits;
}

export function summaryLine(s: RecoverSummary): string {
  const a = s.articles;
  return (
    `recover ${s.interrupted ? 'interrupted' : 'finished'}: ${s.listed} captures listed, ${s.replayed} replayed; ` +
    `${s.listingPages} listing captures; articles ${a.new} new, ${a.updated} updated, ${a.unchanged} unchanged, ` +
    `${a.failed} failed; ${s.notArticles} not articles, ${s.missing} linked but not archived; ${s.seconds.toFixed(1)} s`
  );
}

function isoOf(ts: string): string {
  return `${ts.slice(0, 4)}-${ts.slice(4, 6)}-${ts.slice(6, 8)}T${ts.slice(8, 10)}:${ts.slice(10, 12)}:${ts.slice(12, 14)}Z`;
}

export function surveyLine(s: Survey, archive: string): string {
  const range = s.first && s.last ? `, captured ${isoOf(s.first)} to ${isoOf(s.last)}` : '';
  return `${s.seed}: ${s.captures} captures at ${archive}: ${s.articles} distinct articles, ${s.listingPages} listing pages${range}`;
}

/**
 * The recover command: lock the archive, ask the web archive about every URL (a blocked or never-captured site is
 * known before anything is written), then recover into the archive, or with `--dry-run` only count what the web
 * archive holds. The original site is never contacted: every request goes to the web archive.
 */
export async function recoverCommand(options: RecoverCommandOptions, deps: RecoverCommandDeps): Promise<RecoverCommandResult> {
  const clock = deps.clock ?? systemClock;
  const lock = options.dryRun ? null : acquireLock(options.db);
  const dispatcher = deps.dispatcher ?? new Agent({ connections: options.concurrency + 1, keepAliveTimeout: 10_000 });
  const client = new ArchiveClient({
    base: options.archive,
    dispatcher,
    clock,
    userAgent: options.userAgent,
    timeoutMs: options.timeout,
    retries: options.retries,
    backoffMs: options.backoffMs,
    rateLimitWaitMs: options.rateLimitWaitMs,
    cdxPerMinute: options.cdxPerMinute,
    replaysPerSecond: options.replaysPerSecond,
    cdxPageSize: options.cdxPageSize,
    ...(deps.signal ? { signal: deps.signal } : {}),
    onRetry: (url, attempt, wait, reason) => deps.log.info(`retry ${attempt} of ${url} in ${Math.round(wait)} ms: ${reason}`),
  });
  // As crawl does: an existing file (a blank one included: a first run killed before its schema was committed) is
  // opened now for what it knows; a new archive is made only once there is something to recover.
  let db = !options.dryRun && existsSync(options.db) ? openArchive(options.db, { create: true }) : null;
  try {
    const range = { from: options.from, to: options.to };
    const resolution = await resolvePortals(options.urls, client, db, range);
    const failedSeeds = [...resolution.blocked, ...resolution.problems];
    const notes = [...failedSeeds, ...resolution.empty];
    if (resolution.portals.length === 0) {
      // Nothing to recover: a blocked site or a silent archive is an error; an archive that never captured is not.
      if (failedSeeds.length > 0) throw new UsageError(failedSeeds[0]!);
      return { code: EXIT.ok, summary: null, survey: options.dryRun ? [] : null, notes, archive: null };
    }
    const partial = failedSeeds.length > 0 ? EXIT.partial : EXIT.ok;
    if (options.dryRun) {
      const found = await survey(resolution.portals, client, deps.log, deps.signal);
      if (deps.signal?.aborted) return { code: deps.interruptedCode?.() ?? EXIT.interrupted, summary: null, survey: found, notes, archive: null };
      return { code: partial, summary: null, survey: found, notes, archive: null };
    }
    db ??= openArchive(options.db, { create: true });
    const summary = await recover(
      { portals: resolution.portals, concurrency: options.concurrency, ...(deps.signal ? { signal: deps.signal } : {}) },
      { db, client, clock, log: deps.log, ...(deps.onProgress ? { onProgress: deps.onProgress } : {}) },
    );
    const perSite = articlesPerSite(db);
    const archive = { articles: perSite.reduce((n, s) => n + s.articles, 0), sites: perSite.map((s) => s.site) };
    if (summary.interrupted) return { code: deps.interruptedCode?.() ?? EXIT.interrupted, summary, survey: null, notes, archive };
    return { code: summary.failures.length > 0 ? EXIT.partial : partial, summary, survey: null, notes, archive };
  } finally {
    db?.close();
    if (!deps.dispatcher) await dispatcher.destroy();
    lock?.release();
  }
}
