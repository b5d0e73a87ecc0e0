import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { openArchive, readPageBody, saveArticle, savePage, startRun } from './dist/store/index.js';
import { iterateRecords } from './dist/store/records.js';
import { markDone, enqueue } from './dist/store/frontier.js';
import { saveValidators } from './dist/store/http-cache.js';
import { prepareBlob } from './dist/store/blobs.js';
const src = openArchive('/tmp/perfw/a.sqlite', { create: false, readonly: true });
const N = 1500;
const recs = [...iterateRecords(src)].slice(0, N);
const pages = src.prepare("select id, url, final_url, headers, request_headers, fetched_at from pages where kind='article' limit ?").all(N);
const bodies = pages.map((p) => readPageBody(src, p.id));
for (const batch of [1, 1, 4, 16, 64]) {
  rmSync('/tmp/perfw/b.sqlite', { force: true }); rmSync('/tmp/perfw/b.sqlite-wal', { force: true }); rmSync('/tmp/perfw/b.sqlite-shm', { force: true });
  const db = openArchive('/tmp/perfw/b.sqlite', { create: true });
  if (process.env.NOCK) db.pragma('wal_autocheckpoint = 0'); if (process.env.SYNCOFF) db.pragma('synchronous = OFF');
  const runId = startRun(db, { seeds: ['x'], now: new Date() });
  enqueue(db, recs.map((r) => ({ url: r.url, kind: 'article', host: 'h', walk: null, page: null })), runId, 'now');
  const blobs = bodies.map((b) => prepareBlob(db, b, 'text/html'));
  const t0 = process.cpuUsage(); const w0 = performance.now();
  for (let i = 0; i < N; i += batch) {
    db.transaction(() => {
      for (let j = i; j < Math.min(N, i + batch); j++) {
        const r = recs[j], p = pages[j];
        db.transaction(() => {
          const pageId = savePage(db, { runId, url: r.url, finalUrl: p.final_url, kind: 'article', status: 200, headers: JSON.parse(p.headers), requestHeaders: JSON.parse(p.request_headers), body: bodies[j], fetchedAt: p.fetched_at }, blobs[j]);
          saveArticle(db, r, { runId, pageId });
          markDone(db, r.url, runId, 200, 'now');
          saveValidators(db, r.url, JSON.parse(p.headers), 'now');
        })();
      }
    })();
  }
  const t = process.cpuUsage(t0);
  console.log('batch', batch, 'cpu ms/article', ((t.user + t.system) / 1000 / N).toFixed(3), 'user', (t.user/1000/N).toFixed(3), 'sys', (t.system/1000/N).toFixed(3), 'wall', ((performance.now() - w0) / N).toFixed(3));
  db.close();
}
