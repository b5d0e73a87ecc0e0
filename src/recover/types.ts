import type { Database } from 'better-sqlite3';
import type { Clock } from '../fetch/clock.js';
import type { Logger } from '../log.js';
import type { ArchiveClient } from '../source/archive/client.js';
import type { CdxPage } from '../source/archive/cdx.js';
import type { QueryStart } from './discover.js';
import type { Portal } from './portal.js';

/** A portal whose first CDX page is in hand (so a blocked or empty one is known before the archive is written). */
export interface ResolvedPortal {
  portal: Portal;
  first: CdxPage;
  /** Where the first page was asked from: a killed run's resume key, or (re-run) the newest capture known. */
  start: QueryStart;
}

export interface RecoverSettings {
  portals: ResolvedPortal[];
  /** Portals (tasks) worked on side by side; replays stay under the archive's rate whatever this is. */
  concurrency: number;
  signal?: AbortSignal;
}

export interface RecoverDeps {
  db: Database;
  client: ArchiveClient;
  clock: Clock;
  log: Logger;
  onProgress?: (summary: RecoverSummary, progress: RecoverProgress) => void;
}

/** How far a recovery is: captures finished this run against those to read (known once the index is listed). */
export interface RecoverProgress {
  done: number;
  /** Null while the index is being listed. */
  total: number | null;
  host: string | null;
}

export interface RecoverFailure {
  url: string;
  stage: 'fetch' | 'extract' | 'store';
  reason: string;
}

export interface RecoverSummary {
  runId: number;
  /** Captures CDX queries listed this run that were not known before. */
  listed: number;
  /** Captures replayed from the archive this run (redirect hops not counted). */
  replayed: number;
  listingPages: number;
  articles: { new: number; updated: number; unchanged: number; failed: number };
  /** Captures that turned out not to be articles: soft-404s, archived errors, pages no extractor reads. */
  notArticles: number;
  /** Articles linked from listings or related blocks that the web archive holds no capture of. */
  missing: number;
  failures: RecoverFailure[];
  interrupted: boolean;
  seconds: number;
}
