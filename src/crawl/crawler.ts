import { canonicalListingUrl } from '../profiles/urls.js';
import { enqueue, getWalk, requeueFailed, startWalk } from '../store/frontier.js';
import { closeAbandonedRuns, finishRun, runCounts, startRun } from '../store/index.js';
import { storeLeftovers } from './article.js';
import { scheduleMedia } from './media.js';
import { CrawlRun } from './run.js';
import type { CrawlDeps, CrawlSettings, CrawlSummary } from './types.js';
import { fullWalk, sequentialWalk } from './walk.js';

export type { CrawlDeps, CrawlFailure, CrawlSettings, CrawlSummary, Seed } from './types.js';

/**
 * Walks every seed's listing through its pager, fetches each article once, extracts and stores it. State lives in
 * the archive's frontier, so a killed crawl resumes; a listing walked to its end once is re-walked newest first and
 * only as far as the first page with nothing new. A URL that cannot be fetched or read is recorded as a failure
 * and the crawl goes on. Database writes are synchronous and never span an await.
 */
export async function crawl(settings: CrawlSettings, deps: CrawlDeps): Promise<CrawlSummary> {
  const { db, clock } = deps;
  // Discovery's modules (full cheerio, parse5 among them: 55 ms) load only for a crawl with a seed no profile claims.
  const discovery = settings.seeds.some((s) => s.kind.kind === 'discovered' || s.kind.kind === 'generic-article')
    ? await import('../discover/walk.js')
    : null;
  const started = clock.now();
  // Only a crawl holding the archive's lock gets here, so a run still marked `running` was killed.
  closeAbandonedRuns(db, new Date(started));
  const runId = startRun(db, { seeds: settings.seeds.map((s) => s.url), now: new Date(started) });
  const summary: CrawlSummary = {
    runId,
    listingPages: 0,
    articles: { new: 0, updated: 0, unchanged: 0, failed: 0, skipped: 0 },
    images: settings.media ? { stored: 0, failed: 0 } : null,
    failures: [],
    interrupted: false,
    seconds: 0,
  };
  const run = new CrawlRun(settings, deps, runId, summary);

  const hosts = [...new Set(settings.seeds.map((s) => new URL(s.page.finalUrl).host))];
  requeueFailed(db, hosts);
  // Before anything is fetched: pages a killed crawl had received are stored, not fetched again.
  await storeLeftovers(run);
  const walks: Promise<void>[] = [];
  for (const seed of settings.seeds) {
    // A seed no profile claims: its listing was discovered from the page itself (src/discover).
    if (seed.kind.kind === 'discovered' || seed.kind.kind === 'generic-article') {
      walks.push(discovery!.crawlDiscovered(run, seed, seed.kind));
      continue;
    }
    const profile = seed.kind.profile;
    if (seed.kind.kind === 'article') {
      const item = { url: seed.kind.url, kind: 'article' as const, host: new URL(seed.kind.url).host, walk: null, page: null };
      enqueue(db, [item], runId, run.now());
      run.feeder.schedule(item, profile, true);
      continue;
    }
    const walk = canonicalListingUrl(seed.page.finalUrl, undefined, profile)!;
    const previous = getWalk(db, walk.key);
    startWalk(db, walk.key, seed.url);
    const incremental = Boolean(previous?.completed_at) && !settings.full && !settings.refresh;
    if (incremental || settings.since) walks.push(sequentialWalk(run, walk, seed, profile, incremental));
    else fullWalk(run, walk, seed, profile, previous !== null && !previous.completed_at);
  }
  // Articles an interrupted or failed run left queued, and those failed before: the feeder pulls them first.
  for (const host of hosts) run.feeder.fill(host);

  let status: 'done' | 'failed' | 'interrupted' = 'done';
  try {
    await Promise.all(walks);
    await run.queue.idle();
    run.progress(null, true);
    if (settings.media && !run.aborted()) {
      scheduleMedia(run, hosts);
      await run.queue.idle();
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
