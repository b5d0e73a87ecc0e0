// `npm run bench`: crawl a generated full-size portal (3,688 articles, 369 listing pages, as the seed's pager
// shows) served by the replica, in a child process as a user would run it, and report:
//   - throughput: listing + article pages fetched per second of wall time at --delay 0;
//   - the crawl process's peak RSS, at 1/4, 1/2 and full size, to show whether memory grows with the archive;
//   - the requests of an incremental re-run on the unchanged portal, and after three articles are published.
// Every figure comes from the child's exit code, its peak RSS and the replica's request log: nothing depends on
// what the crawl prints, which changes as the crawler does.
//
// Options: --articles N (default 3688, or BENCH_ARTICLES), --concurrency N (default 8), --per-host N (passed to
// crawl only when given), --no-scaling (full size only), --out FILE (default bench/results.json).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { generateSite, parseRoute, startReplica } from '../dist/replica/index.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const BIN = join(HERE, '..', 'bin', 'portal-archiver.js');
const PRELOAD = pathToFileURL(join(HERE, 'maxrss.js')).href;
const CHILD_TIMEOUT_MS = 10 * 60_000;

function parseArgs(argv) {
  const opts = {
    articles: Number(process.env.BENCH_ARTICLES ?? 3688),
    concurrency: 8,
    perHost: null,
    scaling: true,
    out: join(HERE, 'results.json'),
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--articles') opts.articles = Number(value());
    else if (arg === '--concurrency') opts.concurrency = Number(value());
    else if (arg === '--per-host') opts.perHost = Number(value());
    else if (arg === '--no-scaling') opts.scaling = false;
    else if (arg === '--out') opts.out = value();
    else throw new Error(`unknown option ${arg} (have: --articles N, --concurrency N, --per-host N, --no-scaling, --out FILE)`);
  }
  if (!Number.isInteger(opts.articles) || opts.articles < 4) throw new Error('--articles must be an integer of 4 or more');
  return opts;
}

/** Runs one crawl in a child process; resolves with its exit code, wall time, peak RSS and the end of its stderr. */
function runCrawl(seed, db, opts, rssFile) {
  const args = ['--import', PRELOAD, BIN, 'crawl', seed, '--db', db, '--delay', '0', '--concurrency', String(opts.concurrency), '--quiet'];
  if (opts.perHost !== null) args.push('--per-host', String(opts.perHost));
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, {
      env: { ...process.env, BENCH_RSS_FILE: rssFile },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d) => {
      stderr = (stderr + d).slice(-4000);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      let maxRssKb = null;
      try {
        maxRssKb = Number(readFileSync(rssFile, 'utf8'));
      } catch {
        // Killed before exit handlers ran: no figure rather than a wrong one.
      }
      resolve({ code: code ?? signal, seconds: (performance.now() - started) / 1000, maxRssKb, stderr: stderr.trim() });
    });
  });
}

/** What the server saw: requests by route kind, conditional requests, and answers by status. */
function tally(site, entries) {
  const out = { requests: entries.length, listing: 0, article: 0, robots: 0, other: 0, conditional: 0, statuses: {} };
  for (const e of entries) {
    const kind = parseRoute(site, e.url).kind;
    if (kind === 'listing' || kind === 'category') out.listing++;
    else if (kind === 'article') out.article++;
    else if (kind === 'robots') out.robots++;
    else out.other++;
    if (e.ifNoneMatch !== undefined || e.ifModifiedSince !== undefined) out.conditional++;
    const status = String(e.status ?? 'none');
    out.statuses[status] = (out.statuses[status] ?? 0) + 1;
  }
  return out;
}

function archivedArticles(db) {
  try {
    const sqlite = new Database(db, { readonly: true });
    try {
      return sqlite.prepare('SELECT count(*) AS n FROM articles').get().n;
    } finally {
      sqlite.close();
    }
  } catch {
    return null;
  }
}

/** One crawl against a running replica, measured. */
async function measure(replica, db, opts, rssFile, label) {
  const from = replica.requests.length;
  const run = await runCrawl(replica.sites[0].listingUrl, db, opts, rssFile);
  const seen = tally(replica.sites[0].site, replica.requests.slice(from));
  const pages = seen.listing + seen.article;
  const result = {
    label,
    exit: run.code,
    seconds: round(run.seconds, 2),
    ...seen,
    pagesPerSecond: round(pages / run.seconds, 1),
    peakRssMB: run.maxRssKb === null ? null : round(run.maxRssKb / 1024, 1),
    archived: archivedArticles(db),
  };
  if (run.code !== 0) result.stderr = run.stderr.split('\n').slice(-5).join('\n');
  return result;
}

const round = (n, digits) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Three articles newer than any other, in the site's first category, as an editor would post them. */
function newArticles(site) {
  return [1, 2, 3].map((n) => ({
    slug: `Bai-moi-sau-lan-thu-thap-${n}`,
    category: site.categories[0].key,
    title: `Bài mới đăng sau lần thu thập trước số ${n}`,
    published: `2025-07-0${n}T08:00:00+07:00`,
    lead: `Bài viết số ${n} được đăng sau lần thu thập trước.`,
    blocks: [{ p: 'Nội dung của bài viết mới, để đo một lần thu thập gia tăng.' }],
    author: 'Thu Trang - Trung tâm VH - TT - TH huyện',
  }));
}

async function benchSize(articles, opts, work, withIncremental) {
  const site = generateSite({ id: 'bench', articles });
  const replica = await startReplica({ sites: [site] });
  const db = join(work, `archive-${articles}.sqlite`);
  const rss = (name) => join(work, `rss-${articles}-${name}.txt`);
  try {
    const pageCount = Math.ceil(articles / site.pageSize);
    const full = { ...(await measure(replica, db, opts, rss('full'), 'full crawl')), articles, listingPages: pageCount };
    if (!withIncremental) return { full };
    const rerun = await measure(replica, db, opts, rss('rerun'), 're-run, unchanged');
    const added = newArticles(replica.sites[0].site);
    for (const a of added) replica.publish('bench', a);
    const from = replica.requests.length;
    const afterPublish = await measure(replica, db, opts, rss('publish'), 're-run, 3 new articles');
    const fetchedNew = added.filter((a) =>
      replica.requests.slice(from).some((e) => parseRoute(replica.sites[0].site, e.url).kind === 'article' && e.status === 200 && decodeURIComponent(e.url).includes(a.slug)),
    ).length;
    return { full, rerun, afterPublish: { ...afterPublish, newArticlesFetched: fetchedNew } };
  } finally {
    await replica.close();
  }
}

function table(rows) {
  const head = ['articles', 'listing pages', 'requests', 'seconds', 'pages/s', 'peak RSS MB', 'archived', 'exit'];
  const body = rows.map((r) => [r.articles, r.listingPages, r.requests, r.seconds, r.pagesPerSecond, r.peakRssMB ?? '?', r.archived ?? '?', r.exit].map(String));
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  return [line(head), ...body.map(line)].join('\n');
}

function describeRerun(r) {
  const statuses = Object.entries(r.statuses).map(([s, n]) => `${n}x${s}`).join(' ');
  return `${r.requests} requests (${r.listing} listing, ${r.article} article, ${r.robots} robots.txt, ${r.other} other; ${r.conditional} conditional; ${statuses || 'none'}), ${r.seconds} s, exit ${r.exit}`;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const sizes = opts.scaling ? [Math.round(opts.articles / 4), Math.round(opts.articles / 2), opts.articles] : [opts.articles];
  const work = mkdtempSync(join(tmpdir(), 'pa-bench-'));
  const started = Date.now();
  try {
    const runs = [];
    let incremental = null;
    for (const size of sizes) {
      process.stderr.write(`bench: crawling a generated portal of ${size} articles...\n`);
      const res = await benchSize(size, opts, work, size === opts.articles);
      runs.push(res.full);
      if (res.rerun) incremental = { rerun: res.rerun, afterPublish: res.afterPublish };
    }
    const results = {
      date: new Date().toISOString(),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      cpus: `${cpus().length} x ${cpus()[0]?.model ?? '?'}`,
      memoryGB: round(totalmem() / 2 ** 30, 1),
      command: `portal-archiver crawl <listing> --db <tmp> --delay 0 --concurrency ${opts.concurrency} --quiet${opts.perHost === null ? '' : ` --per-host ${opts.perHost}`}`,
      peakRss: 'getrusage maxRSS of the crawl process, written at exit by bench/maxrss.js (node --import)',
      pagesPerSecond: 'listing + article requests the replica received, over the child process wall time (start-up included)',
      runs,
      ...incremental,
      benchSeconds: round((Date.now() - started) / 1000, 1),
    };
    writeFileSync(opts.out, JSON.stringify(results, null, 2) + '\n');
    process.stdout.write(`\n${table(runs)}\n\n`);
    if (incremental) {
      process.stdout.write(`re-run, unchanged portal:  ${describeRerun(incremental.rerun)}\n`);
      process.stdout.write(
        `re-run, 3 new articles:    ${describeRerun(incremental.afterPublish)}; new articles fetched ${incremental.afterPublish.newArticlesFetched} of 3\n`,
      );
    }
    for (const r of [...runs, ...(incremental ? [incremental.rerun, incremental.afterPublish] : [])]) {
      if (r.exit !== 0) process.stdout.write(`\n${r.label} (${r.articles ?? opts.articles} articles) exited ${r.exit}:\n${r.stderr ?? ''}\n`);
    }
    process.stdout.write(`\nwritten to ${opts.out} (${results.benchSeconds} s)\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`bench: ${err?.stack ?? err}\n`);
  process.exitCode = 1;
});
