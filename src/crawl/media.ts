import { imagesToFetch, recordFailure, saveImage } from '../store/index.js';
import { reasonOf, type CrawlRun } from './run.js';

/**
 * Queues the images of archived articles whose file is not stored yet (an interrupted run's leftovers too), under
 * the same robots.txt, pacing and retries as pages; only image content types are kept.
 */
export function scheduleMedia(run: CrawlRun, hosts: string[]): void {
  const { db, summary } = run;
  const images = summary.images!;
  for (const host of hosts) {
    for (const url of imagesToFetch(db, { site: host })) {
      run.queued('image');
      run.queue.add(new URL(url).host, async () => {
        if (run.aborted()) return;
        try {
          if (!(await run.deps.robots.allowed(url))) return;
          const image = await run.deps.fetch(url, { expect: 'image' });
          saveImage(db, {
            runId: run.runId,
            url,
            finalUrl: image.finalUrl,
            status: image.status,
            headers: image.headers,
            body: image.body,
            fetchedAt: image.fetchedAt,
            requestHeaders: image.requestHeaders,
          });
          images.stored++;
        } catch (err) {
          if (run.aborted()) return;
          images.failed++;
          const reason = reasonOf(err);
          summary.failures.push({ url, stage: 'fetch', reason });
          recordFailure(db, { runId: run.runId, url, stage: 'fetch', reason, at: run.now() });
          run.deps.log.warn(`failed: ${url}: ${reason}`);
        } finally {
          run.progress(new URL(url).host);
        }
      });
    }
  }
}
