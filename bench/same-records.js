// Do two builds archive the same records from the same pages? Crawls the bundled replica portals and a generated one
// with this build and with another (`--before <checkout>`, a built copy of the repository, e.g. main before a change),
// exports JSONL with each build's own CLI, and compares the records by URL, ignoring when they were fetched
// (fetched_at, captured_at). Prints the differences and exits 1 if there is any.
//
// Usage: node bench/same-records.js --before /tmp/pa-base [--articles 400]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSite, startReplica } from '../dist/replica/index.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const AFTER = resolve(HERE, '..');

function parseArgs(argv) {
  const opts = { before: null, articles: 400 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--before') opts.before = resolve(argv[++i]);
    else if (argv[i] === '--articles') opts.articles = Number(argv[++i]);
    else throw new Error(`unknown option ${argv[i]} (have: --before DIR, --articles N)`);
  }
  if (!opts.before) throw new Error('--before <built checkout> is required');
  return opts;
}

function run(root, args) {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [join(root, 'bin', 'portal-archiver.js'), ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => ok({ code, stderr }));
  });
}

const IGNORED = new Set(['fetched_at', 'captured_at']);

function records(file) {
  const out = new Map();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    const record = JSON.parse(line);
    for (const key of IGNORED) delete record[key];
    out.set(record.url, record);
  }
  return out;
}

/** Crawls `urls` with the build at `root` into a fresh archive and exports it as JSONL with the same build. */
async function archive(root, urls, work, name) {
  const db = join(work, `${name}.sqlite`);
  const out = join(work, `${name}.jsonl`);
  const crawl = await run(root, ['crawl', ...urls, '--db', db, '--delay', '0', '--concurrency', '8', '--per-host', '8', '--quiet']);
  if (crawl.code !== 0 && crawl.code !== 2) throw new Error(`${name}: crawl exited ${crawl.code}: ${crawl.stderr}`);
  const exported = await run(root, ['export', '--db', db, '--format', 'jsonl', '--out', out]);
  if (exported.code !== 0) throw new Error(`${name}: export exited ${exported.code}: ${exported.stderr}`);
  return { records: records(out), crawlExit: crawl.code };
}

function differences(before, after) {
  const out = [];
  for (const url of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(url);
    const b = after.get(url);
    if (!a || !b) {
      out.push(`${url}: only in ${a ? 'before' : 'after'}`);
      continue;
    }
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const x = JSON.stringify(a[key]);
      const y = JSON.stringify(b[key]);
      if (x !== y) out.push(`${url}: ${key}: ${x?.slice(0, 200)} -> ${y?.slice(0, 200)}`);
    }
  }
  return out;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const work = mkdtempSync(join(tmpdir(), 'pa-same-'));
  const bundled = await startReplica();
  const generated = await startReplica({ sites: [generateSite({ id: 'same', articles: opts.articles })] });
  try {
    const urls = [...bundled.sites, ...generated.sites].map((s) => s.listingUrl);
    const before = await archive(opts.before, urls, work, 'before');
    const after = await archive(AFTER, urls, work, 'after');
    const diff = differences(before.records, after.records);
    process.stdout.write(
      `before: ${before.records.size} records (crawl exit ${before.crawlExit}); after: ${after.records.size} records (crawl exit ${after.crawlExit}); ` +
        `${diff.length === 0 ? 'identical' : `${diff.length} differences`} (fetched_at and captured_at ignored)\n`,
    );
    for (const line of diff.slice(0, 50)) process.stdout.write(`${line}\n`);
    process.exitCode = diff.length === 0 && before.records.size > 0 ? 0 : 1;
  } finally {
    await bundled.close();
    await generated.close();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`same-records: ${err?.stack ?? err}\n`);
  process.exitCode = 1;
});
