import type { CrawlProgress, CrawlSummary } from '../crawl/types.js';
import type { Progress, ProgressTask } from './progress.js';

export interface CrawlProgressSink {
  onProgress(s: CrawlSummary, p: CrawlProgress): void;
  /** Reports the final counts (the last article is counted after its last progress call) and ends the tasks. */
  end(final?: CrawlSummary): void;
}

/**
 * The crawl's progress as tasks: `crawl` counts articles against the pagers' totals (or, where no pager gives one,
 * against the articles queued so far, a total that grows), then `images` with --media. Failures are every URL
 * given up so far, listing pages included.
 */
export function crawlProgress(progress: Progress): CrawlProgressSink {
  let articles: ProgressTask | null = null;
  let images: ProgressTask | null = null;
  let last: CrawlProgress | null = null;
  const onProgress = (s: CrawlSummary, p: CrawlProgress): void => {
    last = p;
    const failed = s.failures.length;
    if (p.phase === 'images' && s.images) {
      articles?.end();
      images ??= progress.task('images', { unit: 'images' });
      images.update({ done: s.images.stored + s.images.failed, total: p.imagesQueued, failed, host: p.host });
      return;
    }
    const a = s.articles;
    articles ??= progress.task('crawl', { unit: 'articles' });
    articles.update({
      done: a.new + a.updated + a.unchanged + a.failed + a.skipped,
      total: Math.max(p.articlesQueued, p.articlesExpected ?? 0),
      failed,
      host: p.host,
    });
  };
  return {
    onProgress,
    end(final) {
      if (final && last) onProgress(final, last);
      articles?.end();
      images?.end();
    },
  };
}
