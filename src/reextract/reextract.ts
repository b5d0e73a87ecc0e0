import type { Database } from 'better-sqlite3';
import type { Extractor, JobOutput } from '../crawl/extract-jobs.js';
import { contentHash } from '../crawl/hash.js';
import { PortalArchiverError } from '../errors.js';
import type { ArticleRecord, ExtractedArticle } from '../extract/record.js';
import type { Clock } from '../fetch/clock.js';
import type { Logger } from '../log.js';
import { readBlob } from '../store/blobs.js';
import { saveArticle } from '../store/index.js';
import { parseIsoTimestamp } from '../store/iso.js';
import {
  articlePagesAfter,
  countArticlePages,
  finishReextract,
  reextractResumePoint,
  saveReextractPoint,
  startReextract,
  type StoredArticlePage,
} from '../store/reextract.js';
import { stmt } from '../store/statements.js';
import { storeWrite } from '../store/write-errors.js';
import { transact } from '../store/transaction.js';

export interface ReextractSettings {
  /** Only pages of this host. */
  site?: string | null;
  /** Only articles published on or after this instant. */
  since?: Date | null;
  /** Pages read, extracted and committed together: a kill loses at most one batch. */
  batchSize?: number;
  signal?: AbortSignal;
}

export interface ReextractDeps {
  db: Database;
  extractor: Extractor;
  clock: Clock;
  log: Logger;
  /** Called after each batch: `done` and `total` count the scope's pages, a killed run's included. */
  onProgress?: (summary: ReextractSummary, done: number, total: number) => void;
}

export interface ReextractSummary {
  /** Pages read this time (a resumed run does not count what the killed one committed). */
  pages: number;
  /** Records whose content changed: each got a new version, the old one kept as a revision. */
  changed: number;
  /** Records that came out the same: left exactly as they were. */
  unchanged: number;
  /** Pages that had no record (their extraction failed before) and now give one. */
  added: number;
  /** Pages the current extractors cannot read: the URL and why. */
  failures: { url: string; reason: string }[];
  /** Pages of articles published before --since. */
  skipped: number;
  /** The page id a killed reextract of the same options had reached, or null for a fresh start. */
  resumedAfter: number | null;
  interrupted: boolean;
  seconds: number;
}

interface Existing {
  id: number;
  url: string;
  content_sha256: string;
  fetched_at: string;
  captured_at: string | null;
  extractor: string;
  source: 'live' | 'archive';
  archive_url: string | null;
  page_id: number | null;
  published_ts: number | null;
  last_run_id: number | null;
}

const EXISTING = `SELECT id, url, content_sha256, fetched_at, captured_at, extractor, source, archive_url, page_id,
  published_ts, last_run_id FROM articles WHERE url = ?`;

function existing(db: Database, url: string): Existing | undefined {
  return stmt(db, EXISTING).get(url) as Existing | undefined;
}

interface Work {
  page: StoredArticlePage;
  /** Null for a page left out by --since. */
  result: Promise<JobOutput<ExtractedArticle>> | null;
}

interface Batch {
  work: Work[];
  /** The last page id of the batch: where a re-run resumes once it is committed; null when nothing is left. */
  reached: number | null;
}

/**
 * Re-reads every stored article page (the latest capture of each URL) with the current extractors, without fetching
 * anything: bodies come from the archive's blobs, decoded as the crawl decodes them. A record whose content comes out
 * different gets a new version (saveArticle keeps the old one as a revision, so nothing is lost); one that comes out
 * the same is left exactly as it is (not even fetched_at moves: nothing was fetched). A page whose earlier
 * extraction failed and that now reads gives a new record.
 *
 * Pages are read in id order, in batches each committed together with the position reached: a reextract killed at
 * any instant resumes from there (the same options resume the same run; a finished run starts over next time).
 * While one batch is written the next is already being extracted (in the worker pool).
 *
 * Which extractor reads a page: the profile that read its record before (a family's pages stay with their family),
 * and `auto` for records the generic extractor read and for pages without a record, so families added since and the
 * generic extractor apply.
 */
export async function reextract(settings: ReextractSettings, deps: ReextractDeps): Promise<ReextractSummary> {
  const { db, clock } = deps;
  const started = clock.now();
  const now = () => new Date(clock.now()).toISOString();
  const site = settings.site ?? null;
  const since = settings.since ? settings.since.getTime() : null;
  const batchSize = settings.batchSize ?? 64;
  const aborted = () => settings.signal?.aborted === true;
  const scope = JSON.stringify({ site, since: settings.since?.toISOString() ?? null });
  const resumedAfter = reextractResumePoint(db, scope);
  if (resumedAfter === null) startReextract(db, scope, now());
  const summary: ReextractSummary = {
    pages: 0,
    changed: 0,
    unchanged: 0,
    added: 0,
    failures: [],
    skipped: 0,
    resumedAfter,
    interrupted: false,
    seconds: 0,
  };
  const total = countArticlePages(db, site);
  const doneBefore = resumedAfter === null ? 0 : countArticlePages(db, site, resumedAfter);

  const read = (after: number): Batch => {
    const pages = articlePagesAfter(db, after, batchSize, site);
    const work = pages.map((page): Work => {
      const before = existing(db, page.url);
      // An article published before --since is not read at all.
      if (since !== null && before?.published_ts != null && before.published_ts < since) return { page, result: null };
      const body = readBlob(db, page.bodySha256, page.url);
      const profile = before && before.extractor !== 'generic' ? before.extractor : 'auto';
      const result = deps.extractor.run({ kind: 'article', url: page.url, body, contentType: page.headers['content-type'], profile });
      // Handled here as well, so a batch abandoned on a signal leaves no unhandled rejection behind.
      result.catch(() => {});
      return { page, result };
    });
    return { work, reached: pages.at(-1)?.id ?? null };
  };

  let batch = read(resumedAfter ?? 0);
  while (batch.reached !== null && !aborted()) {
    const reached = batch.reached;
    const next = read(reached);
    const outcomes: { page: StoredArticlePage; value: ExtractedArticle | null; error: unknown }[] = [];
    for (const { page, result } of batch.work) {
      if (!result) {
        outcomes.push({ page, value: null, error: null });
        continue;
      }
      try {
        outcomes.push({ page, value: (await result).value, error: null });
      } catch (error) {
        if (aborted()) break;
        if (error instanceof PortalArchiverError && error.policy !== 'skip') throw error;
        outcomes.push({ page, value: null, error });
      }
    }
    if (aborted()) break;
    storeWrite(() =>
      transact(db, () => {
        for (const o of outcomes) apply(db, o.page, o.value, o.error, since, summary, deps.log);
        saveReextractPoint(db, scope, reached, now());
      }),
    );
    summary.pages += outcomes.length;
    deps.onProgress?.(summary, doneBefore + summary.pages, total);
    batch = next;
  }
  summary.interrupted = aborted();
  if (!summary.interrupted) finishReextract(db, scope, now());
  summary.seconds = (clock.now() - started) / 1000;
  return summary;
}

/** Writes what one page gave, inside the batch's transaction. */
function apply(
  db: Database,
  page: StoredArticlePage,
  value: ExtractedArticle | null,
  error: unknown,
  since: number | null,
  summary: ReextractSummary,
  log: Logger,
): void {
  if (error !== null) {
    const reason = error instanceof Error ? error.message : String(error);
    summary.failures.push({ url: page.url, reason });
    log.warn(`cannot read ${page.url}: ${reason}`);
    return;
  }
  if (value === null) {
    summary.skipped++;
    return;
  }
  const published = value.published_at === null ? null : parseIsoTimestamp(value.published_at);
  const before = existing(db, value.url) ?? existing(db, page.url);
  if (since !== null && (published === null || published < since) && !(before?.published_ts != null && before.published_ts >= since)) {
    summary.skipped++;
    return;
  }
  // The archive's key for this article stays what it was, whatever URL form the extractor gives now.
  const keyed = { ...value, url: before?.url ?? value.url };
  const hash = contentHash(keyed);
  if (before && before.content_sha256 === hash) {
    summary.unchanged++;
    return;
  }
  const record: ArticleRecord = {
    ...keyed,
    images: value.images.map((i) => ({ ...i, sha256: null, size: null })),
    // A page recovered from a web archive stays the archive's; what the record said before stands otherwise.
    source: before?.source ?? (page.archiveUrl ? 'archive' : 'live'),
    archive_url: before?.archive_url ?? page.archiveUrl,
    // Nothing was fetched: the last time the page was seen stays; this version was captured with the page.
    fetched_at: before?.fetched_at ?? page.capturedAt ?? page.fetchedAt,
    captured_at:
      before && before.page_id === page.id ? (before.captured_at ?? page.fetchedAt) : (page.capturedAt ?? page.fetchedAt),
    content_sha256: hash,
  };
  saveArticle(db, record, { runId: before?.last_run_id ?? page.runId, pageId: page.id });
  if (before) summary.changed++;
  else summary.added++;
}
