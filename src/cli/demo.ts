import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { CrawlSummary } from '../crawl/types.js';
import { parseConnectTo } from '../fetch/connect-to.js';
import { startReplica } from '../replica/index.js';
import { crawlCommand, type CrawlCommandDeps } from './crawl.js';
import { exportCommand } from './export.js';
import { reportCommand } from './report.js';

export interface DemoSite {
  /** The real portal's host name, under which the replica is crawled and archived. */
  host: string;
  /** The portal's own title (`Cổng thông tin điện tử huyện Tủa Chùa`). */
  name: string;
  /** Where the replica really listens: `http://127.0.0.1:<port>`. */
  origin: string;
  /** The listing the demo crawls, under the real name. */
  listingUrl: string;
}

export interface DemoResult {
  code: number;
  db: string;
  sites: DemoSite[];
  summary: CrawlSummary;
  exports: { format: 'jsonl' | 'csv'; path: string; count: number }[];
  report: string;
  articles: number;
}

export interface DemoDeps extends CrawlCommandDeps {
  /** Told which replicas are served before the crawl starts, so the user reads what is happening first. */
  onServing?: (sites: DemoSite[]) => void;
}

/**
 * Serves the bundled replica portals on 127.0.0.1 and crawls them under their real names: the crawl connects to
 * 127.0.0.1 (`--connect-to`) while URLs, records, exports and the report say `tuachua.dienbien.gov.vn`. Then
 * exports JSONL and CSV and writes the HTML report, all in `dataDir`.
 */
export async function demoCommand(options: { dataDir: string; userAgent: string }, deps: DemoDeps): Promise<DemoResult> {
  const dir = path.resolve(options.dataDir);
  mkdirSync(dir, { recursive: true });
  const db = path.join(dir, 'demo.sqlite');
  // The replica listens on new free ports each run and the demo shows one clean crawl: a fresh archive every time.
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
  const replica = await startReplica();
  try {
    const sites: DemoSite[] = replica.sites.map((s) => {
      if (!s.host || !s.namedListingUrl) throw new Error(`replica site ${s.id} has no host name`);
      return { host: s.host, name: s.site.name, origin: s.origin, listingUrl: s.namedListingUrl };
    });
    deps.onServing?.(sites);
    const { code, summary } = await crawlCommand(
      {
        urls: sites.map((s) => s.listingUrl),
        db,
        concurrency: 4,
        delay: 20,
        maxPages: null,
        userAgent: options.userAgent,
        timeout: 10_000,
        retries: 2,
        connectTo: replica.sites.map((s) => parseConnectTo(s.connectTo!)),
      },
      deps,
    );
    const exports: DemoResult['exports'] = [];
    for (const format of ['jsonl', 'csv'] as const) {
      const out = path.join(dir, `demo.${format}`);
      const result = await exportCommand({ db, format, out }, new PassThrough());
      exports.push({ format, path: out, count: result.count });
    }
    const report = await reportCommand({ db, out: path.join(dir, 'demo-report.html') }, new PassThrough());
    return { code, db, sites, summary, exports, report: report.out!, articles: exports[0]?.count ?? 0 };
  } finally {
    await replica.close();
  }
}
