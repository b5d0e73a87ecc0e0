import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlCommand } from '../src/cli/crawl.js';
import { silentLogger } from '../src/log.js';

// A small portal whose listing links one good article, one dead link and one page that is not an article.
const article = readFileSync(join(import.meta.dirname, 'golden/seed-tuachua-list/source.html'));
const listing = `<html><body><ul>
  <li><a href='/TinTuc/View/Good?PageIndex=1'>Good</a></li>
  <li><a href='/TinTuc/View/Gone?PageIndex=1'>Gone</a></li>
  <li><a href='/TinTuc/View/Broken?PageIndex=1'>Broken</a></li>
</ul><div><strong>1-3</strong> of <strong>3</strong><span class="active">1</span></div></body></html>`;

let server: Server;
let origin: string;
let dir: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const send = (status: number, body: string | Buffer) =>
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    if (path === '/TinTuc/') return send(200, listing);
    if (path === '/TinTuc/View/Good') return send(200, article);
    if (path === '/TinTuc/View/Broken') return send(200, '<html><body><p>Trang đang bảo trì</p></body></html>');
    return send(404, '<h1>404</h1>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = mkdtempSync(join(tmpdir(), 'pa-fail-'));
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe('a page that cannot be fetched or read', () => {
  it('is recorded with its URL and reason, and the crawl goes on', async () => {
    const db = join(dir, 'a.sqlite');
    const warnings: string[] = [];
    const { code, summary } = await crawlCommand(
      { urls: [`${origin}/TinTuc/`], db, concurrency: 2, delay: 0, maxPages: null, userAgent: 't', timeout: 5000, retries: 0 },
      { log: { info: () => {}, warn: (m) => warnings.push(m) } },
    );
    expect(code).toBe(2);
    expect(summary.articles).toEqual({ new: 1, updated: 0, unchanged: 0, failed: 2, skipped: 0 });
    const sqlite = new Database(db, { readonly: true });
    const failures = sqlite.prepare('SELECT url, stage, reason FROM failures ORDER BY url').all();
    expect(failures).toEqual([
      { url: `${origin}/TinTuc/View/Broken`, stage: 'extract', reason: 'no "Thời gian đăng" line: not an article page' },
      { url: `${origin}/TinTuc/View/Gone`, stage: 'fetch', reason: `GET ${origin}/TinTuc/View/Gone: HTTP 404` },
    ]);
    const titles = sqlite.prepare('SELECT title FROM articles').pluck().all();
    expect(titles).toEqual(['Tủa Chùa quan tâm phát triển đảng viên']);
    expect(warnings).toHaveLength(2);
    sqlite.close();
  });
});
