import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { startReplica } from '../replica/index.js';
import { crawlCommand, type CrawlCommandDeps, summaryLine } from './crawl.js';
import { exportCommand } from './export.js';

export interface DemoResult {
  code: number;
  db: string;
  exports: { path: string; count: number }[];
  articles: number;
}

/** Serves the bundled replica portals on 127.0.0.1, crawls them into data/demo.sqlite and exports the archive. */
export async function demoCommand(options: { dataDir: string; userAgent: string }, deps: CrawlCommandDeps): Promise<DemoResult> {
  const dir = path.resolve(options.dataDir);
  mkdirSync(dir, { recursive: true });
  const db = path.join(dir, 'demo.sqlite');
  // The replica listens on new free ports each time, so its URLs change: a demo always starts a fresh archive.
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
  const replica = await startReplica();
  try {
    deps.log.info(`serving ${replica.sites.length} replica portals: ${replica.sites.map((s) => s.origin).join(', ')}`);
    const { code, summary } = await crawlCommand(
      {
        urls: replica.sites.map((s) => s.listingUrl),
        db,
        concurrency: 4,
        delay: 20,
        maxPages: null,
        userAgent: options.userAgent,
        timeout: 10_000,
        retries: 2,
      },
      deps,
    );
    deps.log.info(summaryLine(summary));
    const exports = [];
    for (const format of ['jsonl', 'csv'] as const) {
      const out = path.join(dir, `demo.${format}`);
      const result = await exportCommand({ db, format, out }, new PassThrough());
      exports.push({ path: out, count: result.count });
    }
    return { code, db, exports, articles: exports[0]?.count ?? 0 };
  } finally {
    await replica.close();
  }
}
