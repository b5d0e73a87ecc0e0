import { type FrontierRow, failedItems, frontierCounts } from '../store/frontier.js';
import { type CrawlRun, openArchive, recentRuns } from '../store/index.js';

export interface StatusResult {
  articles: number;
  frontier: ReturnType<typeof frontierCounts>;
  runs: CrawlRun[];
  failed: Pick<FrontierRow, 'url' | 'kind' | 'state' | 'attempts' | 'last_status' | 'last_error' | 'updated_at'>[];
}

/** What an archive holds and what is still to do: recent runs, the frontier, every URL that failed or was skipped. */
export function statusCommand(options: { db: string; runs: number }): StatusResult {
  const db = openArchive(options.db, { create: false, readonly: true });
  try {
    return {
      articles: db.prepare('SELECT count(*) FROM articles').pluck().get() as number,
      frontier: frontierCounts(db),
      runs: recentRuns(db, options.runs),
      failed: failedItems(db).map(({ url, kind, state, attempts, last_status, last_error, updated_at }) => ({
        url,
        kind,
        state,
        attempts,
        last_status,
        last_error,
        updated_at,
      })),
    };
  } finally {
    db.close();
  }
}

export function statusText(s: StatusResult): string {
  const lines = [
    `articles archived: ${s.articles}`,
    `frontier: ${s.frontier.done} done, ${s.frontier.queued} queued, ${s.frontier.failed} failed, ${s.frontier.skipped} skipped`,
    '',
    'recent runs:',
    ...s.runs.map(
      (r) =>
        `  #${r.id} ${r.startedAt} ${r.status}: ${r.listingPages} listing pages; articles ${r.articlesNew} new, ` +
        `${r.articlesUpdated} updated, ${r.articlesUnchanged} unchanged, ${r.articlesFailed} failed`,
    ),
  ];
  if (s.failed.length > 0) {
    lines.push('', 'failed or skipped (retried by the next crawl; skipped = robots.txt):');
    for (const f of s.failed) {
      lines.push(`  ${f.state} ${f.url}`, `    ${f.last_error ?? ''} (attempts: ${f.attempts}, at ${f.updated_at})`);
    }
  }
  return `${lines.join('\n')}\n`;
}
