import type { Database } from 'better-sqlite3';
import { queryKey, wantedRow, type CdxPage, type CdxQuery, type CdxRow } from '../source/archive/cdx.js';
import type { ArchiveClient } from '../source/archive/client.js';
import { type ListedCapture, queryState, saveCdxPage } from '../store/archive-captures.js';
import { type Portal, targetOf } from './portal.js';
import type { RecoverRun } from './run.js';

/** Where a query starts this run: from a killed run's resume key, or (re-run) from the newest capture it listed. */
export interface QueryStart {
  from: string | null;
  resumeKey: string | null;
}

export function queryStart(db: Database | null, archive: string, query: CdxQuery): QueryStart {
  const state = db ? queryState(db, archive, queryKey(query)) : null;
  if (state && state.completedAt === null && state.resumeKey !== null) return { from: query.from ?? null, resumeKey: state.resumeKey };
  // A query that ran to its end before is asked again only from the newest capture it returned (inclusive).
  const latest = state?.completedAt ? state.latest : null;
  const from = [query.from ?? null, latest].filter((x): x is string => x !== null).sort().at(-1) ?? null;
  return { from, resumeKey: null };
}

/** The rows of a CDX page that belong to the portal (and, for a lookup, to the articles looked for). */
export function listed(rows: CdxRow[], portal: Portal, wanted: Set<string> | null): ListedCapture[] {
  const out: ListedCapture[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    if (!wantedRow(row)) continue;
    // Duplicate CDX lines are common; the same URL at the same second is one capture.
    const id = `${row.timestamp} ${row.original}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const target = targetOf(row.original, portal);
    if (!target || (wanted && !(target.kind === 'article' && wanted.has(target.url)))) continue;
    out.push({ ...row, kind: target.kind, target: target.url, host: portal.host });
  }
  return out;
}

/**
 * The rows a resume key may have skipped: a server that resumes after "the last row's urlkey and timestamp" drops the
 * other captures of that URL in that same second (an http and an https capture at once). One exact query for that
 * second gets them back.
 */
async function sameSecond(client: ArchiveClient, last: CdxRow): Promise<CdxRow[]> {
  const page = await client.cdxPage({ url: last.original, matchType: 'exact', from: last.timestamp, to: last.timestamp });
  return page.rows;
}

/**
 * Lists every capture of a query into the recovery state, page by page (each page and the query's progress in one
 * transaction, so a killed recovery goes on from the last page kept). `first` is a page already asked for; `wanted`
 * keeps only the captures of those articles; `fresh` asks from the start whatever an earlier run listed.
 */
export async function listQuery(
  run: RecoverRun,
  portal: Portal,
  query: CdxQuery,
  options: { wanted?: Set<string>; first?: { page: CdxPage; start: QueryStart }; fresh?: boolean } = {},
): Promise<number> {
  const { db, archive } = run;
  const { client } = run.deps;
  const key = queryKey(query);
  // A lookup looks for other articles each run: what an earlier run of the same query listed says nothing of them.
  const start = options.first?.start ?? (options.fresh ? { from: query.from ?? null, resumeKey: null } : queryStart(db, archive, query));
  const asked: CdxQuery = { ...query, from: start.from };
  let page = options.first?.page ?? (await client.cdxPage(asked, start.resumeKey));
  let added = 0;
  for (;;) {
    const rows = [...page.rows];
    if (page.resumeKey !== null && rows.length > 0) rows.push(...(await sameSecond(client, rows.at(-1)!)));
    added += saveCdxPage(db, {
      archive,
      query: key,
      captures: listed(rows, portal, options.wanted ?? null),
      resumeKey: page.resumeKey,
      runId: run.runId,
      now: run.now(),
    });
    if (page.resumeKey === null || run.aborted()) break;
    page = await client.cdxPage(asked, page.resumeKey);
  }
  if (page.resumeKey === null) run.complete.push(query);
  run.summary.listed += added;
  return added;
}
