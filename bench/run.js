// `npm run bench`: one run, one table. On a generated full-size portal (3,688 articles, 369 listing pages, as the
// seed's pager shows) served by the replica on 127.0.0.1, measures:
//   - the floor: fetch + htmlparser2 parse of every page the crawl fetches, nothing kept, same concurrency, same
//     server (bench/floor.js), and our crawl's wall time as a multiple of it. Floor and crawl are run in turn, three
//     times (once with --quick), each crawl into a fresh archive and compared with the floor run just before it;
//     the median pair is reported, with all three ratios, and the peak RSS is the highest of the three crawls. A crawl
//     not counted comes first, so that every counted floor, like every counted crawl, runs after a crawl. On a
//     shared machine whose speed drifts within the minute (the floor alone took 2.7-4.9 s, its CPU 0.67-1.07 ms a
//     page, from one run to the next), one floor and one crawl a minute apart measure the drift as much as the crawl;
//   - peak RSS and pages/s of the crawl at 3,688 and at 20,000 articles (is the cost linear in the portal's size?);
//   - the requests of an incremental re-run on the unchanged portal, and after three articles are published;
//   - `reextract` over the archive, in pages/s;
//   - exports (JSONL, CSV, WARC) of the largest archive built, in records or captures per second, with the export's
//     start-up (the same command selecting nothing) and the rate once started; three rounds of each (one with
//     --quick), the median round reported.
// Every program runs in a child process as a user would run it. Figures come from exit codes, the kernel's peak RSS
// (bench/maxrss.js), the replica's request log and the archive, never from what the crawl prints; export counts
// are read from the files written.
//
// Options: --articles N (default 3688, or BENCH_ARTICLES), --large N (default 20000; 0 skips the large portal),
// --quick (400 and 2,000 articles, one floor and crawl pair: a developer's check in about a minute), --concurrency N
// (default 16, also per host), --pairs N (floor and crawl pairs, default 3), --export-rounds N (rounds of each export,
// default 3), --out FILE (default bench/results.json).
import { spawn } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { kooboo } from '../dist/profiles/kooboo.js';
import { canonicalArticleUrl, canonicalListingUrl } from '../dist/profiles/urls.js';
import { articleUrl, generateSite, listingUrl, parseRoute, startReplica } from '../dist/replica/index.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const BIN = join(HERE, '..', 'bin', 'portal-archiver.js');
const FLOOR = join(HERE, 'floor.js');
const PRELOAD = pathToFileURL(join(HERE, 'maxrss.js')).href;
const CHILD_TIMEOUT_MS = 30 * 60_000;

/** The targets, checked in the table's last column. */
const TARGET = { floorRatio: 3, rssMB: 200, rssGrowth: 1.1, reextract: 500, jsonl: 20_000, csv: 20_000, warc: 2_000 };

function parseArgs(argv) {
  const opts = {
    articles: Number(process.env.BENCH_ARTICLES ?? 3688),
    large: 20_000,
    concurrency: 16,
    pairs: 3,
    exportRounds: 3,
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
    else if (arg === '--large') opts.large = Number(value());
    else if (arg === '--quick') Object.assign(opts, { articles: 400, large: 2000, pairs: 1, exportRounds: 1 });
    else if (arg === '--concurrency') opts.concurrency = Number(value());
    else if (arg === '--pairs') opts.pairs = Math.max(1, Number(value()));
    else if (arg === '--export-rounds') opts.exportRounds = Math.max(1, Number(value()));
    else if (arg === '--out') opts.out = value();
    else throw new Error(`unknown option ${arg} (have: --articles N, --large N, --quick, --concurrency N, --pairs N, --export-rounds N, --out FILE)`);
  }
  if (!Number.isInteger(opts.articles) || opts.articles < 4) throw new Error('--articles must be an integer of 4 or more');
  if (!Number.isInteger(opts.large) || opts.large < 0) throw new Error('--large must be 0 or a positive integer');
  if (!Number.isInteger(opts.concurrency) || opts.concurrency < 1) throw new Error('--concurrency must be a positive integer');
  return opts;
}

/** Runs a child process; resolves with its exit code, wall time, peak RSS (when preloaded) and the end of its output. */
function runChild(args, { rssFile = null } = {}) {
  const argv = rssFile ? ['--import', PRELOAD, ...args] : args;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, argv, {
      env: rssFile ? { ...process.env, BENCH_RSS_FILE: rssFile } : process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout = (stdout + d).slice(-4000)));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr = (stderr + d).slice(-4000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      let usage = { maxRssKb: null, cpuMicros: null };
      if (rssFile) {
        try {
          usage = JSON.parse(readFileSync(rssFile, 'utf8'));
        } catch {
          // Killed before exit handlers ran: no figure rather than a wrong one.
        }
      }
      const cpuSeconds = usage.cpuMicros === null ? null : usage.cpuMicros / 1e6;
      resolve({ code: code ?? signal, seconds: (performance.now() - started) / 1000, maxRssKb: usage.maxRssKb, cpuSeconds, stdout, stderr: stderr.trim() });
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

function query(db, sql) {
  const sqlite = new Database(db, { readonly: true });
  try {
    return sqlite.prepare(sql).pluck().get();
  } finally {
    sqlite.close();
  }
}

const round = (n, digits) => Math.round(n * 10 ** digits) / 10 ** digits;
const mb = (kb) => (kb === null ? null : round(kb / 1024, 1));
const tail = (text) => text.split('\n').slice(-5).join('\n');

/**
 * The child's CPU time, all its threads, and per page: what sizing a machine for many hosts at once depends on
 * (the arithmetic: ~700 pages a second across every host; at 10 ms of CPU a page, seven cores).
 */
function cpuOf(run, pages) {
  if (run.cpuSeconds === null) return { cpuSeconds: null, cpuMsPerPage: null };
  return { cpuSeconds: round(run.cpuSeconds, 2), cpuMsPerPage: pages > 0 ? round((run.cpuSeconds * 1000) / pages, 2) : null };
}

/** Every page a full crawl of the site fetches: its listing pages and its articles, in canonical form. */
function pageUrls(origin, site) {
  const listings = Array.from({ length: Math.ceil(site.articles.length / site.pageSize) }, (_, i) =>
    canonicalListingUrl(origin + listingUrl(site, i + 1), undefined, kooboo).url,
  );
  const articles = site.articles.map((a) => canonicalArticleUrl(origin + articleUrl(site, a, 1), undefined, kooboo));
  return [...listings, ...articles];
}

async function floor(replica, work, opts) {
  const file = join(work, 'floor-urls.json');
  writeFileSync(file, JSON.stringify(pageUrls(replica.sites[0].origin, replica.sites[0].site)));
  const run = await runChild([FLOOR, file, String(opts.concurrency)], { rssFile: join(work, 'rss-floor.txt') });
  if (run.code !== 0) throw new Error(`floor exited ${run.code}: ${tail(run.stderr)}`);
  const { pages, failed } = JSON.parse(run.stdout);
  return { seconds: round(run.seconds, 2), pages, failed, pagesPerSecond: round(pages / run.seconds, 1), ...cpuOf(run, pages) };
}

/** One crawl against a running replica, measured. */
async function crawl(replica, db, opts, rssFile, label) {
  const from = replica.requests.length;
  const c = String(opts.concurrency);
  const args = [BIN, 'crawl', replica.sites[0].listingUrl, '--db', db, '--delay', '0', '--concurrency', c, '--per-host', c, '--quiet'];
  const run = await runChild(args, { rssFile });
  const seen = tally(replica.sites[0].site, replica.requests.slice(from));
  const pages = seen.listing + seen.article;
  const result = {
    label,
    exit: run.code,
    seconds: round(run.seconds, 2),
    ...seen,
    pagesPerSecond: round(pages / run.seconds, 1),
    peakRssMB: mb(run.maxRssKb),
    ...cpuOf(run, pages),
    archived: query(db, 'SELECT count(*) FROM articles'),
  };
  if (run.code !== 0) result.stderr = tail(run.stderr);
  return result;
}

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

async function reextract(db, work) {
  const pages = query(db, 'SELECT count(*) FROM articles WHERE page_id IS NOT NULL');
  const run = await runChild([BIN, 'reextract', '--db', db], { rssFile: join(work, 'rss-reextract.txt') });
  return { exit: run.code, seconds: round(run.seconds, 2), pages, pagesPerSecond: round(pages / run.seconds, 1), peakRssMB: mb(run.maxRssKb), ...(run.code === 0 ? {} : { stderr: tail(run.stderr) }) };
}

async function countLines(file, gzip = false) {
  let input = createReadStream(file);
  if (gzip) input = input.pipe(createGunzip());
  let n = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    if (gzip ? line.startsWith('WARC-Type: ') && !line.startsWith('WARC-Type: warcinfo') && !line.startsWith('WARC-Type: request') : line.length > 0) n++;
  }
  return n;
}

/**
 * Exports the archive in each format to a file; counts what the file holds (records, or WARC response/revisit
 * records). Each export is also run with a selection that matches nothing (`--site` of a host the archive lacks):
 * the same process start, module loading, archive opening and query, no rows. Its time is the export's start-up,
 * and count / (seconds − start-up) the rate at which rows stream once it runs.
 *
 * Each format is exported `rounds` times (start-up run, then the export), and the round with the median rate once
 * started is reported, with every round's rate: a CSV export of 20,000 records takes about 0.75 s once started, and
 * on this shared machine the same statement took 510 ms on one core and 750 ms on the other from one minute to the
 * next, so a single run measured which core and minute it got as much as the export (as the crawl's pairs do).
 */
async function exports(db, work, rounds) {
  const out = {};
  for (const format of ['jsonl', 'csv', 'warc']) {
    const file = join(work, `export.${format === 'warc' ? 'warc.gz' : format}`);
    const runs = [];
    for (let i = 0; i < rounds; i++) {
      const empty = await runChild([BIN, 'export', '--db', db, '--format', format, '--site', 'nothing.invalid', '--out', file]);
      rmSync(file, { force: true });
      const run = await runChild([BIN, 'export', '--db', db, '--format', format, '--out', file]);
      let count = null;
      if (run.code === 0) {
        if (format === 'jsonl') count = await countLines(file);
        // CSV fields hold line breaks: the archive's article count is what the export holds.
        else if (format === 'csv') count = query(db, 'SELECT count(*) FROM articles');
        else count = await countLines(file, true);
      }
      const startup = empty.code === 0 ? empty.seconds : null;
      runs.push({
        exit: run.code,
        seconds: round(run.seconds, 2),
        startupSeconds: startup === null ? null : round(startup, 2),
        count,
        perSecond: count === null ? null : round(count / run.seconds, 0),
        streamingPerSecond: count === null || startup === null || run.seconds <= startup ? null : round(count / (run.seconds - startup), 0),
        bytes: run.code === 0 ? statSync(file).size : null,
        ...(run.code === 0 ? {} : { stderr: tail(run.stderr) }),
      });
      rmSync(file, { force: true });
    }
    // A failed round is what is reported; otherwise the median by rate once started.
    const rate = (r) => r.streamingPerSecond ?? -1;
    const median = runs.find((r) => r.exit !== 0) ?? [...runs].sort((a, b) => rate(a) - rate(b))[Math.floor(runs.length / 2)];
    out[format] = { ...median, rounds: runs.map(({ seconds, startupSeconds, streamingPerSecond }) => ({ seconds, startupSeconds, streamingPerSecond })) };
  }
  return out;
}

async function fullSize(opts, work) {
  const site = generateSite({ id: 'bench', articles: opts.articles });
  const replica = await startReplica({ sites: [site] });
  const db = join(work, 'archive.sqlite');
  try {
    // A crawl not counted first, so that every counted floor runs after a crawl as every counted crawl does: a floor
    // run before any crawl took 10-25 % longer than the floors after one, so the first pair's ratio read low in every
    // run; a floor run as the warm-up left the first counted floor the slowest in three runs of five.
    process.stderr.write(`bench: warm-up, a crawl of ${opts.articles} articles (not counted)...\n`);
    const warmUpFile = join(work, 'archive-warm-up.sqlite');
    const warmUp = await crawl(replica, warmUpFile, opts, join(work, 'rss-warm-up.txt'), 'warm-up crawl');
    rmSync(warmUpFile, { force: true });
    const pairs = [];
    for (let i = 0; i < opts.pairs; i++) {
      process.stderr.write(`bench: floor (fetch + parse of every page) on ${opts.articles} articles, then a crawl of them (${i + 1} of ${opts.pairs})...\n`);
      const floorRun = await floor(replica, work, opts);
      // The last crawl's archive is the one the re-runs, reextract and (without --large) the exports use.
      const file = i === opts.pairs - 1 ? db : join(work, `archive-${i}.sqlite`);
      const crawled = await crawl(replica, file, opts, join(work, `rss-full-${i}.txt`), 'full crawl');
      if (file !== db) rmSync(file, { force: true });
      pairs.push({ floor: floorRun, crawl: crawled, ratio: round(crawled.seconds / floorRun.seconds, 2) });
    }
    // A crawl that failed is reported, whatever its time.
    const median = pairs.find((p) => p.crawl.exit !== 0) ?? [...pairs].sort((a, b) => a.ratio - b.ratio)[Math.floor(pairs.length / 2)];
    const floorRun = median.floor;
    const peaks = pairs.map((p) => p.crawl.peakRssMB).filter((m) => m !== null);
    const full = { ...median.crawl, peakRssMB: peaks.length === pairs.length ? Math.max(...peaks) : null, pairs: pairs.map((p) => ({ floorSeconds: p.floor.seconds, crawlSeconds: p.crawl.seconds, ratio: p.ratio, peakRssMB: p.crawl.peakRssMB, exit: p.crawl.exit })), warmUpCrawlSeconds: warmUp.seconds };
    process.stderr.write('bench: incremental re-runs...\n');
    const rerun = await crawl(replica, db, opts, join(work, 'rss-rerun.txt'), 're-run, unchanged');
    const added = newArticles(replica.sites[0].site);
    for (const a of added) replica.publish('bench', a);
    const from = replica.requests.length;
    const afterPublish = await crawl(replica, db, opts, join(work, 'rss-publish.txt'), 're-run, 3 new articles');
    afterPublish.newArticlesFetched = added.filter((a) =>
      replica.requests
        .slice(from)
        .some((e) => parseRoute(replica.sites[0].site, e.url).kind === 'article' && e.status === 200 && decodeURIComponent(e.url).includes(a.slug)),
    ).length;
    process.stderr.write('bench: reextract...\n');
    const re = await reextract(db, work);
    // Exports are timed on the largest archive the bench builds.
    const ex = opts.large > 0 ? null : await exports(db, work, opts.exportRounds);
    return { floor: floorRun, full: { ...full, articles: opts.articles }, rerun, afterPublish, reextract: re, exports: ex };
  } finally {
    await replica.close();
    rmSync(db, { force: true });
  }
}

async function large(opts, work) {
  const site = generateSite({ id: 'bench', articles: opts.large });
  const replica = await startReplica({ sites: [site] });
  const db = join(work, 'large.sqlite');
  try {
    process.stderr.write(`bench: crawl of ${opts.large} articles...\n`);
    const run = { ...(await crawl(replica, db, opts, join(work, 'rss-large.txt'), 'full crawl, large')), articles: opts.large };
    process.stderr.write(`bench: exports of ${opts.large} articles...\n`);
    return { ...run, exports: await exports(db, work, opts.exportRounds) };
  } finally {
    await replica.close();
    rmSync(db, { force: true });
  }
}

const fmt = (n, digits = 0) => (n === null || n === undefined ? '?' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const check = (ok) => (ok === null ? '' : ok ? 'ok' : 'MISSED');

function rows(r, opts) {
  const n = fmt(opts.articles);
  const out = [];
  const f = r.floor;
  const c = r.full;
  const ratio = round(c.seconds / f.seconds, 2);
  const ok0 = (run) => run.exit === 0;
  out.push([`floor: fetch + parse, ${fmt(f.pages)} pages`, `${fmt(f.seconds, 2)} s`, `${fmt(f.pagesPerSecond, 1)} pages/s`, '', '']);
  out.push([`crawl, ${n} articles (exit ${c.exit}, ${fmt(c.archived)} archived)`, `${fmt(c.seconds, 2)} s`, `${fmt(c.pagesPerSecond, 1)} pages/s`, `≤ ${TARGET.floorRatio}× floor: ${ratio}×`, check(ok0(c) && ratio <= TARGET.floorRatio)]);
  out.push([`  CPU, all threads (floor: ${fmt(f.cpuSeconds, 2)} s, ${fmt(f.cpuMsPerPage, 2)} ms/page)`, `${fmt(c.cpuSeconds, 2)} s`, `${fmt(c.cpuMsPerPage, 2)} ms/page`, '', '']);
  if (c.pairs.length > 1) {
    out.push([`  ${c.pairs.length} pairs in turn, crawl / floor`, c.pairs.map((p) => `${fmt(p.ratio, 2)}×`).join(' '), '', 'median above', '']);
  }
  out.push([`peak RSS, ${n} articles`, `${fmt(c.peakRssMB, 1)} MB`, '', `≤ ${TARGET.rssMB} MB`, check(c.peakRssMB !== null && c.peakRssMB <= TARGET.rssMB)]);
  if (r.large) {
    const l = r.large;
    const growth = l.peakRssMB !== null && c.peakRssMB !== null ? round(l.peakRssMB / c.peakRssMB, 3) : null;
    out.push([`crawl, ${fmt(l.articles)} articles (exit ${l.exit}, ${fmt(l.archived)} archived)`, `${fmt(l.seconds, 2)} s`, `${fmt(l.pagesPerSecond, 1)} pages/s`, `≥ ${fmt(c.pagesPerSecond, 1)} pages/s`, check(ok0(l) && l.pagesPerSecond >= c.pagesPerSecond)]);
    out.push([`peak RSS, ${fmt(l.articles)} articles`, `${fmt(l.peakRssMB, 1)} MB`, growth === null ? '' : `${fmt((growth - 1) * 100, 1)} % above`, `≤ ${fmt(c.peakRssMB * TARGET.rssGrowth, 1)} MB`, check(growth !== null && growth <= TARGET.rssGrowth)]);
  }
  out.push(['re-run, portal unchanged', `${fmt(r.rerun.requests)} requests`, `${fmt(r.rerun.seconds, 2)} s`, `${r.rerun.conditional} conditional`, check(ok0(r.rerun))]);
  out.push(['re-run, 3 articles published', `${fmt(r.afterPublish.requests)} requests`, `${fmt(r.afterPublish.seconds, 2)} s`, `${r.afterPublish.newArticlesFetched} of 3 fetched`, check(ok0(r.afterPublish) && r.afterPublish.newArticlesFetched === 3)]);
  const re = r.reextract;
  out.push([`reextract, ${fmt(re.pages)} pages (exit ${re.exit})`, `${fmt(re.seconds, 2)} s`, `${fmt(re.pagesPerSecond, 1)} pages/s`, `≥ ${TARGET.reextract} pages/s`, check(ok0(re) && re.pagesPerSecond >= TARGET.reextract)]);
  const exported = r.large?.exports ?? r.exports;
  for (const [format, unit] of [['jsonl', 'records'], ['csv', 'records'], ['warc', 'captures']]) {
    const e = exported[format];
    out.push([`export ${format.toUpperCase()}, ${fmt(e.count)} ${unit} (exit ${e.exit})`, `${fmt(e.seconds, 2)} s`, `${fmt(e.perSecond)} ${unit}/s`, '', '']);
    const each = e.rounds.length > 1 ? `, rounds ${e.rounds.map((x) => fmt(x.streamingPerSecond)).join(' ')}` : '';
    out.push([`  once started (start-up ${fmt(e.startupSeconds, 2)} s${each})`, '', `${fmt(e.streamingPerSecond)} ${unit}/s`, `≥ ${fmt(TARGET[format])} ${unit}/s`, check(ok0(e) && e.streamingPerSecond !== null && e.streamingPerSecond >= TARGET[format])]);
  }
  return out;
}

function table(body) {
  const head = ['what', 'measured', 'rate', 'target', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const work = mkdtempSync(join(tmpdir(), 'pa-bench-'));
  const started = Date.now();
  try {
    const results = {
      date: new Date().toISOString(),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      cpus: `${cpus().length} x ${cpus()[0]?.model ?? '?'}`,
      memoryGB: round(totalmem() / 2 ** 30, 1),
      command: `portal-archiver crawl <listing> --db <tmp> --delay 0 --concurrency ${opts.concurrency} --per-host ${opts.concurrency} --quiet`,
      floor: `bench/floor.js: undici request + htmlparser2 parseDocument of the same pages, ${opts.concurrency} in flight`,
      peakRss: 'getrusage maxRSS of the process, written at exit by bench/maxrss.js (node --import)',
      pagesPerSecond: 'listing + article requests the replica received, over the child process wall time (start-up included)',
      ...(await fullSize(opts, work)),
    };
    if (opts.large > 0) results.large = await large(opts, work);
    results.benchSeconds = round((Date.now() - started) / 1000, 1);
    writeFileSync(opts.out, JSON.stringify(results, null, 2) + '\n');
    process.stdout.write(`\n${table(rows(results, opts))}\n`);
    const failed = [results.full, results.rerun, results.afterPublish, results.large, results.reextract, ...Object.values(results.large?.exports ?? results.exports)]
      .filter((r) => r && r.exit !== 0);
    for (const r of failed) process.stdout.write(`\n${r.label ?? 'run'} exited ${r.exit}:\n${r.stderr ?? ''}\n`);
    process.stdout.write(`\nwritten to ${opts.out} (${results.benchSeconds} s)\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`bench: ${err?.stack ?? err}\n`);
  process.exitCode = 1;
});
