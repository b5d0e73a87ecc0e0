import Database from 'better-sqlite3';
import { readPageBody } from './dist/store/index.js';
import { runJob } from './dist/crawl/extract-jobs.js';
const db = new Database('/tmp/perfw/a.sqlite', { readonly: true });
const rows = db.prepare("SELECT id, url, headers, kind FROM pages ORDER BY id LIMIT 1200").all();
const jobs = rows.map(r => ({ kind: r.kind, url: r.url, body: readPageBody(db, r.id), contentType: JSON.parse(r.headers)['content-type'], profile: 'kooboo' }));
for (let k = 0; k < 3; k++) {
  const t0 = process.cpuUsage();
  for (const j of jobs) runJob(j);
  const t = process.cpuUsage(t0);
  console.log('cpu ms/page', ((t.user + t.system) / 1000 / jobs.length).toFixed(3));
}
