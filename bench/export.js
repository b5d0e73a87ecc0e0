// Export speed: `npm run build && node bench/export.js [--articles N]` (default 2000).
// 1. crawls a generated portal of N articles with --media, then again with --full --refresh (so the archive holds
//    repeat captures, written as revisits), and the same at N/4, for the capture formats (warc, cdxj, wacz);
// 2. for the record formats (jsonl, csv, json) copies the N-article archive with each article repeated under other
//    URLs (images and related links too) to 5,000 and 20,000 records, rather than crawl 20,000 pages;
// 3. runs each export in a child process as a user would (`portal-archiver export --format F --out <tmp>`), and
//    reports records (or captures) per second of the child's wall time, Node start-up included (about 0.3 s), its
//    CPU time, and its peak RSS (bench/maxrss.js).
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { crawlCommand } from '../dist/cli/crawl.js';
import { silentLogger } from '../dist/log.js';
import { generateSite, startReplica } from '../dist/replica/index.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const BIN = join(HERE, '..', 'bin', 'portal-archiver.js');
const PRELOAD = pathToFileURL(join(HERE, 'maxrss.js')).href;
const arg = process.argv.indexOf('--articles');
const ARTICLES = arg >= 0 ? Number(process.argv[arg + 1]) : 2000;

async function crawl(dir, articles) {
  const db = join(dir, `crawl-${articles}.sqlite`);
  const replica = await startReplica({ sites: [generateSite({ id: 'bench', articles })] });
  const base = { urls: replica.sites.map((s) => s.listingUrl), db, concurrency: 8, delay: 0, maxPages: null, userAgent: 'bench', timeout: 30000, retries: 2 };
  try {
    await crawlCommand({ ...base, media: true }, { log: silentLogger });
    await crawlCommand({ ...base, full: true, refresh: true }, { log: silentLogger });
  } finally {
    await replica.close();
  }
  return db;
}

/** A copy of `db` with every article repeated `times` times in all under other URLs, with its images and links. */
function multiply(db, dir, times) {
  const out = join(dir, `records-${times}.sqlite`);
  const src = new Database(db);
  src.pragma('wal_checkpoint(TRUNCATE)');
  src.close();
  copyFileSync(db, out);
  const copy = new Database(out);
  copy.pragma('foreign_keys = OFF');
  copy.transaction(() => {
    const step = 1 + copy.prepare('SELECT max(id) FROM articles').pluck().get();
    for (let k = 1; k < times; k++) {
      const shift = k * step;
      copy.exec(`
        INSERT INTO articles (id, url, site, category, title, published_at, published_ts, summary, body_text, author,
          organization, fetched_at, content_sha256, first_run_id, last_run_id, page_id, version, captured_at, extractor,
          source, archive_url)
        SELECT id + ${shift}, url || '~copy${k}', site, category, title, published_at, published_ts, summary, body_text, author,
          organization, fetched_at, content_sha256, first_run_id, last_run_id, page_id, version, captured_at, extractor,
          source, archive_url
        FROM articles WHERE id < ${step};
        INSERT INTO article_images SELECT article_id + ${shift}, position, url, alt, caption, sha256, size FROM article_images WHERE article_id < ${step};
        INSERT INTO article_related SELECT article_id + ${shift}, position, title, url FROM article_related WHERE article_id < ${step};`);
    }
  })();
  copy.close();
  return out;
}

function count(db, sql) {
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare(sql).pluck().get();
  } finally {
    d.close();
  }
}

function run(db, format, out) {
  const rss = `${out}.rss`;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', PRELOAD, BIN, 'export', '--db', db, '--format', format, '--out', out], {
      env: { ...process.env, BENCH_RSS_FILE: rss },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`export --format ${format} exited ${code}: ${stderr}`));
      const seconds = (performance.now() - started) / 1000;
      resolve({ seconds, rssMb: Math.round(Number(readFileSync(rss, 'utf8')) / 1024), bytes: statSync(out).size });
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'pa-bench-export-'));
try {
  const small = await crawl(dir, Math.max(4, Math.round(ARTICLES / 4)));
  const large = await crawl(dir, ARTICLES);
  const rows = [];
  const perRecord = (articles) => Math.ceil(articles / count(large, 'SELECT count(*) FROM articles'));
  for (const target of [5000, 20000]) {
    const db = multiply(large, dir, perRecord(target));
    const records = count(db, 'SELECT count(*) FROM articles');
    for (const format of ['jsonl', 'csv', 'json']) rows.push({ format, items: records, what: 'records', ...(await run(db, format, join(dir, `out.${format}`))) });
  }
  for (const db of [small, large]) {
    const captures = count(db, 'SELECT (SELECT count(*) FROM pages) + (SELECT count(*) FROM recaptures)');
    for (const format of ['warc', 'cdxj', 'wacz']) rows.push({ format, items: captures, what: 'captures', ...(await run(db, format, join(dir, `out.${format}`))) });
  }
  console.log('| format | items | seconds | items/s | peak RSS | output |\n|---|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(`| ${r.format} | ${r.items.toLocaleString('en')} ${r.what} | ${r.seconds.toFixed(2)} | ${Math.round(r.items / r.seconds).toLocaleString('en')} | ${r.rssMb} MB | ${(r.bytes / 1e6).toFixed(1)} MB |`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
