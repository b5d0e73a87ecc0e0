import type { CrawlSummary } from '../crawl/crawler.js';

/**
 * One self-rewriting status line on a terminal; nothing at all when stderr is a file or a pipe (cron mails stay
 * short). Throttled, so a fast crawl does not spend its time drawing.
 */
export function progressLine(stream: NodeJS.WriteStream | NodeJS.WritableStream, enabled: boolean) {
  let last = 0;
  let shown = false;
  return {
    update(s: CrawlSummary): void {
      if (!enabled) return;
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      shown = true;
      const a = s.articles;
      stream.write(
        `\r\x1b[K${s.listingPages} listing pages · articles ${a.new} new, ${a.updated} updated, ${a.unchanged} unchanged, ${a.failed} failed`,
      );
    },
    clear(): void {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}
