import type { Database } from 'better-sqlite3';
import { PortalArchiverError } from '../errors.js';
import type { Logger } from '../log.js';
import type { ArchiveClient } from '../source/archive/client.js';
import type { CdxRow } from '../source/archive/cdx.js';
import { BlockedError } from '../source/archive/errors.js';
import { knownTargets } from '../store/archive-captures.js';
import { closeAbandonedRuns, finishRun, runCounts, startRun } from '../store/index.js';
import { scheduleArticles } from './article.js';
import { listed, listQuery, queryStart } from './discover.js';
import { scheduleListings } from './listing.js';
import { linksToLookUp, lookUpLinked } from './lookup.js';
import { type Portal, portalOf } from './portal.js';
import { RecoverRun, reasonOf } from './run.js';
import type { RecoverDeps, RecoverSettings, RecoverSummary, ResolvedPortal } from './types.js';

export type { RecoverDeps, RecoverFailure, RecoverProgress, RecoverSettings, RecoverSummary, ResolvedPortal } from './types.js';

/** For one article's URL, only its own captures count (its query may list its neighbours too). */
function scopeFilter(portal: Portal): Set<string> | null {
  return portal.article ? new Set([portal.article]) : null;
}

export interface Resolution {
  portals: ResolvedPortal[];
  /** One line per URL whose site the web archive refuses to serve. */
  blocked: string[];
  /** One line per URL the web archive holds no capture of. */
  empty: string[];
  /** One line per URL that could not be asked about (the web archive did not answer). */
  problems: string[];
}

/**
 * Asks the web archive for the first page of each URL's captures before anything is written, so that a blocked
 * site, a site never captured, or an archive that does not answer is known (and reported in one line) up front.
 */
export async function resolvePortals(
  seeds: string[],
  client: ArchiveClient,
  db: Database | null,
  range: { from: string | null; to: string | null },
): Promise<Resolution> {
  const out: Resolution = { portals: [], blocked: [], empty: [], problems: [] };
  for (const seed of seeds) {
    const portal = portalOf(seed, db, range);
    const start = queryStart(db, client.base, portal.query);
    let first;
    try {
      first = await client.cdxPage({ ...portal.query, from: start.from }, start.resumeKey);
    } catch (err) {
      if (err instanceof BlockedError) out.blocked.push(`${portal.host} is blocked at ${client.base}: the web archive refuses to serve it (${err.reason})`);
      else if (err instanceof PortalArchiverError && err.policy === 'abort') throw err;
      else out.problems.push(`cannot ask ${client.base} about ${seed}: ${reasonOf(err).replace(/^(GET|CDX query) \S+: /, '')}`);
      continue;
    }
    const known = db !== null && knownTargets(db, client.base, portal.host, 'article').size + knownTargets(db, client.base, portal.host, 'listing').size > 0;
    if (first.resumeKey === null && listed(first.rows, portal, scopeFilter(portal)).length === 0 && !known) {
      out.empty.push(`${client.base} holds no captures of ${seed}`);
      continue;
    }
    out.portals.push({ portal, first, start });
  }
  return out;
}

/**
 * Recovers portals from a web archive into the archive: lists their captures (CDX, paged, kept as it goes), reads
 * the listing pages' captures for the articles they link, looks up the articles seen only in links, then reads
 * every article's captures oldest first (each distinct version a revision, the record the latest). Related blocks
 * can link further articles, looked up in turn. State lives in the archive: a killed recovery resumes, a re-run
 * fetches only what the web archive holds that was not read before.
 */
export async function recover(settings: RecoverSettings, deps: RecoverDeps): Promise<RecoverSummary> {
  const { db, clock } = deps;
  const started = clock.now();
  // Only a command holding the archive's lock gets here, so a run still marked `running` was killed.
  closeAbandonedRuns(db, new Date(started));
  const runId = startRun(db, { seeds: settings.portals.map((p) => p.portal.seed), now: new Date(started) });
  const summary: RecoverSummary = {
    runId,
    listed: 0,
    replayed: 0,
    listingPages: 0,
    articles: { new: 0, updated: 0, unchanged: 0, failed: 0 },
    notArticles: 0,
    missing: 0,
    failures: [],
    interrupted: false,
    seconds: 0,
  };
  const run = new RecoverRun(settings, deps, runId, summary);
  const portals = settings.portals.map((p) => p.portal);
  let status: 'done' | 'failed' | 'interrupted' = 'done';
  try {
    for (const { portal, first, start } of settings.portals) {
      if (run.aborted()) break;
      try {
        const wanted = scopeFilter(portal);
        const added = await listQuery(run, portal, portal.query, { first: { page: first, start }, ...(wanted ? { wanted } : {}) });
        deps.log.info(`${portal.host}: ${added} new captures listed`);
      } catch (err) {
        if (run.aborted()) break;
        // What was listed before (by this query's earlier pages, or an earlier run) is still read.
        run.failQuery(portal.query, err);
      }
    }
    const hosts = [...new Set(portals.map((p) => p.host))];
    for (let round = 0; !run.aborted(); round++) {
      run.countLeft(hosts);
      for (const portal of portals) scheduleListings(run, portal);
      await run.queue.idle();
      for (const portal of portals) if (!run.aborted()) await lookUpLinked(run, portal);
      run.countLeft(hosts);
      for (const portal of portals) scheduleArticles(run, portal);
      await run.queue.idle();
      // Related blocks may have linked articles no query has listed yet.
      if (!portals.some((p) => linksToLookUp(run, p)) || round >= 50) break;
    }
    if (run.aborted()) status = 'interrupted';
  } catch (err) {
    status = 'failed';
    throw err;
  } finally {
    summary.interrupted = status === 'interrupted';
    summary.seconds = (clock.now() - started) / 1000;
    finishRun(db, runId, { status, counts: runCounts(summary), now: new Date(clock.now()) });
  }
  return summary;
}

/** What a web archive holds of one URL's scope, from its CDX index alone (`--dry-run`). */
export interface Survey {
  seed: string;
  host: string;
  captures: number;
  articles: number;
  listingPages: number;
  /** 14-digit timestamps of the oldest and newest capture. */
  first: string | null;
  last: string | null;
}

/** Lists the captures of each resolved portal without fetching a page or writing anything. */
export async function survey(portals: ResolvedPortal[], client: ArchiveClient, log: Logger, signal?: AbortSignal): Promise<Survey[]> {
  const out: Survey[] = [];
  for (const { portal, first } of portals) {
    const captures = new Map<string, { kind: string; target: string; timestamp: string }>();
    let page = first;
    const asked = { ...portal.query };
    for (;;) {
      const rows: CdxRow[] = [...page.rows];
      if (page.resumeKey !== null && rows.length > 0) {
        const last = rows.at(-1)!;
        rows.push(...(await client.cdxPage({ url: last.original, matchType: 'exact', from: last.timestamp, to: last.timestamp })).rows);
      }
      for (const c of listed(rows, portal, scopeFilter(portal))) captures.set(`${c.timestamp} ${c.original}`, c);
      if (page.resumeKey === null || signal?.aborted) break;
      page = await client.cdxPage(asked, page.resumeKey);
      log.info(`${portal.host}: ${captures.size} captures listed so far`);
    }
    const all = [...captures.values()];
    const times = all.map((c) => c.timestamp).sort();
    out.push({
      seed: portal.seed,
      host: portal.host,
      captures: all.length,
      articles: new Set(all.filter((c) => c.kind === 'article').map((c) => c.target)).size,
      listingPages: new Set(all.filter((c) => c.kind === 'listing').map((c) => c.target)).size,
      first: times[0] ?? null,
      last: times.at(-1) ?? null,
    });
  }
  return out;
}
