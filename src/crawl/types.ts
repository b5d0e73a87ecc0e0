import type { Spool } from './spool.js';
import type Database from 'better-sqlite3';
import type { Fetcher, FetchResult } from '../fetch/client.js';
import type { Clock } from '../fetch/clock.js';
import type { Logger } from '../log.js';
import type { Extractor } from './extract-jobs.js';
import type { RobotsPolicy } from './robots.js';
import type { SeedKind } from './seed.js';

export interface Seed {
  url: string;
  page: FetchResult;
  kind: SeedKind;
  /**
   * The page's body compressed as the archive stores it, by the job that recognised the page (null for a 304, whose
   * stored copy is current). With the listing recognition read (`kind.listing`), the walk's first page needs no
   * second extraction job: one fewer round trip to the worker before the first article can start.
   */
  compressed?: Uint8Array | null;
}

export interface CrawlSettings {
  seeds: Seed[];
  concurrency: number;
  /** Requests in flight to one host at most. */
  perHost: number;
  /** Listing pages to walk per seed at most; null for all. */
  maxPages: number | null;
  /** Walk every listing page even when the listing was walked before. */
  full: boolean;
  /** Fetch archived articles again (conditionally) to catch edits. */
  refresh: boolean;
  /** Stop walking at articles published before this instant (by the day the listing prints). */
  since: Date | null;
  /** Download the images of archived articles. */
  media?: boolean;
  signal?: AbortSignal;
}

export interface CrawlDeps {
  db: Database.Database;
  fetch: Fetcher;
  clock: Clock;
  log: Logger;
  robots: RobotsPolicy;
  /** Where pages are parsed and extracted: a worker pool in the CLI; the calling thread when absent. */
  extractor?: Extractor;
  /**
   * Where article pages wait, on disk, between their arrival and their commit (crawl/spool.ts): with it an article
   * gives its request slot back once its page is spooled; without it (tests of the crawl alone) it holds the slot
   * until its batch commits. Either way a kill costs at most the requests in flight.
   */
  spool?: Spool;
  onProgress?: (summary: CrawlSummary, progress: CrawlProgress) => void;
}

/** How far a crawl has got beyond the summary's counts: what a progress display needs for a total. */
export interface CrawlProgress {
  /** `images` once the articles are done and --media downloads their images. */
  phase: 'articles' | 'images';
  /** Articles given to the queue this run; grows as listing pages are read. */
  articlesQueued: number;
  /**
   * Articles the pagers announce for this run: each full walk's `<start>-<end> of <total>`, less the articles of
   * that walk an earlier run archived. Null while no full walk has read a pager total (incremental, --since and
   * --max-pages walks stop early, so theirs says nothing about this run).
   */
  articlesExpected: number | null;
  imagesQueued: number;
  /** The host of the page or file just handled. */
  host: string | null;
}

export interface CrawlFailure {
  url: string;
  stage: 'fetch' | 'extract' | 'store';
  reason: string;
}

export interface CrawlSummary {
  runId: number;
  listingPages: number;
  articles: { new: number; updated: number; unchanged: number; failed: number; skipped: number };
  /** With --media: image files stored and images that could not be had. */
  images: { stored: number; failed: number } | null;
  failures: CrawlFailure[];
  interrupted: boolean;
  seconds: number;
}
