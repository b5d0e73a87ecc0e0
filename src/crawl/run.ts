import type { ListingPage } from '../extract/listing.js';
import type { FetchResult } from '../fetch/client.js';
import { FetchError } from '../fetch/errors.js';
import { articlesDoneBefore, type FrontierItem, markFailed, markSkipped, queuedArticles } from '../store/frontier.js';
import { getValidators } from '../store/http-cache.js';
import { recordFailure } from '../store/index.js';
import type { PortalProfile } from '../profiles/profile.js';
import type { Extractor } from './extract-jobs.js';
import { lazyInline } from './extract-pool.js';
import { ArticleFeeder } from './feeder.js';
import { TaskQueue } from './queue.js';
import { Slots } from './slots.js';
import type { Spool } from './spool.js';
import { BatchWriter } from './writer.js';
import type { CrawlDeps, CrawlFailure, CrawlProgress, CrawlSettings, CrawlSummary } from './types.js';
import { transact } from '../store/transaction.js';

export function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function attemptsOf(err: unknown): number {
  const match = /\(after (\d+) attempts?\)$/.exec(reasonOf(err));
  return match ? Number(match[1]) : 1;
}

/** The Vietnam calendar day of an instant, as the listings print days. */
function vietnamDay(date: Date): string {
  return new Date(date.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/**
 * What the parts of one crawl run share: its settings and dependencies, the task queue, the running summary, and the
 * few things every part does the same way (fail a URL, fetch through robots.txt, store a fetched page).
 */
export class CrawlRun {
  readonly queue: TaskQueue;
  /** Listing pages given to the queue this run, so a page the pager links many times is fetched once. */
  readonly scheduled = new Set<string>();
  readonly extractor: Extractor;
  readonly writer: BatchWriter;
  readonly feeder: ArticleFeeder;
  /** With a spool: it, and the article pages spooled and not stored yet, at most as many as the request slots. */
  readonly spooling: { spool: Spool; storing: Slots } | null;
  private readonly sinceDay: string | null;
  /** For progress displays: what this run has taken on, and what the pagers announce (see CrawlProgress). */
  private readonly counts: Omit<CrawlProgress, 'articlesExpected' | 'host'> = { phase: 'articles', articlesQueued: 0, imagesQueued: 0 };
  private readonly expected = new Map<string, number>();
  private readonly hosts: string[];
  /** When the articles taken on were last counted (they wait in the frontier, not in memory). */
  private countedAt = -Infinity;
  private lastHost: string | null = null;

  constructor(
    readonly settings: CrawlSettings,
    readonly deps: CrawlDeps,
    readonly runId: number,
    readonly summary: CrawlSummary,
  ) {
    this.queue = new TaskQueue(settings.concurrency, settings.perHost);
    this.sinceDay = settings.since ? vietnamDay(settings.since) : null;
    this.extractor = deps.extractor ?? lazyInline;
    // A batch is full when every request slot waits on it.
    this.writer = new BatchWriter(deps.db, Math.max(1, Math.min(settings.concurrency, 32)));
    // A seed no profile claims (discovery) has its articles read by `auto`.
    const profiles = new Map<string, PortalProfile | 'auto'>();
    for (const seed of settings.seeds) {
      const host = new URL(seed.page.finalUrl).host;
      if (!profiles.has(host)) profiles.set(host, 'profile' in seed.kind ? seed.kind.profile : 'auto');
    }
    this.hosts = [...profiles.keys()];
    this.spooling = deps.spool ? { spool: deps.spool, storing: new Slots(Math.max(1, settings.concurrency)) } : null;
    // Twice the host's request slots: the next articles are ready whenever a slot frees up; with a spool, twice that,
    // since as many again may be waiting to be stored.
    const slots = Math.min(settings.perHost, settings.concurrency);
    this.feeder = new ArticleFeeder(this, Math.max(4, (this.spooling ? 4 : 2) * slots), (host) => profiles.get(host));
  }

  get db() {
    return this.deps.db;
  }

  now(): string {
    return new Date(this.deps.clock.now()).toISOString();
  }

  aborted(): boolean {
    return this.settings.signal?.aborted === true;
  }

  /**
   * Reports progress. Articles taken on are those handled this run plus those waiting in the frontier, counted at
   * most four times a second (a count, not a walk of memory) and afresh when `final`.
   */
  progress(host: string | null = null, final = false): void {
    if (!this.deps.onProgress) return;
    if (host !== null) this.lastHost = host;
    const now = this.deps.clock.now();
    if (final || now - this.countedAt >= 250) {
      this.countedAt = now;
      const a = this.summary.articles;
      this.counts.articlesQueued = a.new + a.updated + a.unchanged + a.failed + a.skipped + queuedArticles(this.db, this.hosts);
    }
    const expected = this.expected.size > 0 ? [...this.expected.values()].reduce((a, b) => a + b, 0) : null;
    this.deps.onProgress(this.summary, { ...this.counts, articlesExpected: expected, host: final ? this.lastHost : host });
  }

  /** Counts images taken on, for progress (articles are counted from the frontier). */
  queued(what: 'article' | 'image'): void {
    if (what === 'image') {
      this.counts.phase = 'images';
      this.counts.imagesQueued++;
    }
  }

  /** A full walk's pager total (`911-920 of 3688`): the articles this run will fetch for that walk, once per walk. */
  expect(walk: string, total: number): void {
    if (this.expected.has(walk) || this.settings.maxPages !== null) return;
    const before = this.settings.refresh ? 0 : articlesDoneBefore(this.db, walk, this.runId);
    this.expected.set(walk, Math.max(0, total - before));
  }

  /**
   * With --since, a listing that prints days keeps only articles dated on or after it; its undated links are
   * sidebars ("Tin mới") whose articles the listing itself dates elsewhere. A listing with no days keeps all.
   */
  recentEnough(article: ListingPage['articles'][number], page: ListingPage): boolean {
    const since = this.sinceDay;
    return !since || (article.date ? article.date >= since : !page.articles.some((x) => x.date));
  }

  /** Every dated article of the page is older than --since: a newest-first walk can stop here. */
  allOlder(page: ListingPage): boolean {
    const since = this.sinceDay;
    return since !== null && page.articles.some((a) => a.date) && page.articles.every((a) => !a.date || a.date < since);
  }

  /** Records a URL that could not be archived: in the frontier (retried next run), the failures table and the log. */
  fail(item: FrontierItem, stage: CrawlFailure['stage'], err: unknown): void {
    const { db } = this;
    const reason = reasonOf(err);
    const status = err instanceof FetchError ? (err.status ?? null) : null;
    this.summary.failures.push({ url: item.url, stage, reason });
    transact(db, () => {
      markFailed(db, item.url, { runId: this.runId, reason, status, attempts: attemptsOf(err), now: this.now() });
      recordFailure(db, { runId: this.runId, url: item.url, stage, reason, at: this.now() });
    });
    this.deps.log.warn(`failed: ${item.url}: ${reason}`);
  }

  /** Fetches a page through robots.txt; null when robots.txt forbids it (recorded as skipped). */
  async politeFetch(item: FrontierItem, conditional = false): Promise<FetchResult | null> {
    if (!(await this.deps.robots.allowed(item.url))) {
      markSkipped(this.db, item.url, 'disallowed by robots.txt', this.runId, this.now());
      this.deps.log.info(`skipped (robots.txt): ${item.url}`);
      return null;
    }
    const stored = conditional ? getValidators(this.db, item.url) : null;
    return this.deps.fetch(item.url, {
      expect: 'html',
      ...(stored ? { etag: stored.etag, lastModified: stored.lastModified } : {}),
    });
  }

  /** A fetched response as the store keeps it. */
  pageRow(page: FetchResult, kind: 'listing' | 'article') {
    return {
      runId: this.runId,
      url: page.url,
      finalUrl: page.finalUrl,
      kind,
      status: page.status,
      headers: page.headers,
      requestHeaders: page.requestHeaders,
      body: page.body,
      fetchedAt: page.fetchedAt,
      provenance: page.provenance ?? null,
    };
  }
}
