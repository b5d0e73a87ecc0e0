import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlCommand } from '../src/cli/crawl.js';
import { UsageError } from '../src/errors.js';
import { connectTarget, parseConnectTo } from '../src/fetch/connect-to.js';
import { silentLogger } from '../src/log.js';
import { type Replica, startReplica } from '../src/replica/index.js';
import { runCli } from './helpers/cli.js';

let replica: Replica;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pa-connect-'));
  replica = await startReplica({
    siteIds: ['tuachua', 'huyendienbien'],
    robots: { tuachua: 'User-agent: *\nDisallow: /TinTuc/View/Tang-cuong-cong-tac-quan-ly-va-bao-ve-rung\n' },
  });
});

afterAll(async () => {
  await replica.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A GET to 127.0.0.1:port naming `host` in the Host header; resolves with the status and body. */
function getWithHost(port: number, host: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject).end();
  });
}

describe('--connect-to rules', () => {
  it('reads HOST1:PORT1:HOST2:PORT2 as curl does, empty parts meaning any or unchanged', () => {
    expect(parseConnectTo('tuachua.dienbien.gov.vn:80:127.0.0.1:8080')).toEqual({
      fromHost: 'tuachua.dienbien.gov.vn',
      fromPort: 80,
      toHost: '127.0.0.1',
      toPort: 8080,
    });
    expect(parseConnectTo('::127.0.0.1:')).toEqual({ fromHost: null, fromPort: null, toHost: '127.0.0.1', toPort: null });
    expect(parseConnectTo('Example.org:443:[::1]:8443')).toEqual({ fromHost: 'example.org', fromPort: 443, toHost: '::1', toPort: 8443 });
    for (const bad of ['example.org', 'example.org:80:127.0.0.1', 'a:99999:b:1', 'a:80:b:x', 'a:80:b:1:2']) {
      expect(() => parseConnectTo(bad), bad).toThrow(UsageError);
    }
    const rules = ['a.gov.vn:80:127.0.0.1:1001', ':443:127.0.0.1:1002'].map(parseConnectTo);
    expect(connectTarget(rules, 'a.gov.vn', 80)).toEqual({ hostname: '127.0.0.1', port: 1001 });
    expect(connectTarget(rules, 'A.GOV.VN', 80)).toEqual({ hostname: '127.0.0.1', port: 1001 });
    expect(connectTarget(rules, 'b.gov.vn', 443)).toEqual({ hostname: '127.0.0.1', port: 1002 });
    expect(connectTarget(rules, 'b.gov.vn', 80)).toEqual({ hostname: 'b.gov.vn', port: 80 });
  });

  it('the replica answers by Host header: another site\'s name on this port gets that site', async () => {
    const [tuachua, huyendienbien] = [replica.site('tuachua'), replica.site('huyendienbien')];
    const port = Number(new URL(tuachua.origin).port);
    const own = await getWithHost(port, `127.0.0.1:${port}`, new URL(tuachua.listingUrl).pathname);
    const named = await getWithHost(port, huyendienbien.host!, new URL(huyendienbien.namedListingUrl!).pathname + '?PageIndex=1');
    expect(own.status).toBe(200);
    expect(named.status).toBe(200);
    expect(own.body).toContain(tuachua.site.name);
    expect(named.body).toContain(huyendienbien.site.name);
    expect(named.body).not.toContain(tuachua.site.name);
  });

  it('crawls replicas under their real names: records say the names, every request reached 127.0.0.1, robots.txt too', async () => {
    const db = join(dir, 'named.sqlite');
    const sites = replica.sites;
    const before = replica.requests.length;
    const { code, summary } = await crawlCommand(
      {
        urls: sites.map((s) => s.namedListingUrl!),
        db,
        concurrency: 4,
        delay: 0,
        maxPages: null,
        userAgent: 'portal-archiver-test',
        timeout: 5000,
        retries: 0,
        connectTo: sites.map((s) => parseConnectTo(s.connectTo!)),
      },
      { log: silentLogger },
    );
    expect(code).toBe(0);
    const expected = sites.reduce((n, s) => n + s.site.articles.length, 0);
    // The one article robots.txt disallows on tuachua is skipped: the rules were read through the mapping.
    expect(summary.articles).toMatchObject({ new: expected - 1, skipped: 1, failed: 0 });
    const requests = replica.requests.slice(before);
    expect(requests.some((r) => r.siteId === 'tuachua' && r.url === '/robots.txt')).toBe(true);
    const archive = new Database(db, { readonly: true });
    try {
      const rows = archive.prepare('SELECT url, site FROM articles').all() as { url: string; site: string }[];
      expect(new Set(rows.map((r) => r.site))).toEqual(new Set(sites.map((s) => s.host)));
      expect(rows.every((r) => r.url.startsWith(`http://${r.site}/`))).toBe(true);
      const pages = archive.prepare("SELECT count(*) FROM pages WHERE url LIKE '%127.0.0.1%' OR final_url LIKE '%127.0.0.1%'").pluck().get();
      expect(pages).toBe(0);
    } finally {
      archive.close();
    }
  });

  it('is a crawl option of the CLI; a malformed rule is a one-line usage error', async () => {
    const site = replica.site('huyendienbien');
    const db = join(dir, 'cli.sqlite');
    const ok = await runCli(['crawl', site.namedListingUrl!, '--connect-to', site.connectTo!, '--db', db, '--delay', '0', '--quiet']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toMatch(new RegExp(`^crawl finished: \\d+ listing pages; articles ${site.site.articles.length} new`));
    const bad = await runCli(['crawl', site.namedListingUrl!, '--connect-to', 'huyendienbien.gov.vn:80', '--db', join(dir, 'bad.sqlite')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^portal-archiver: --connect-to huyendienbien\.gov\.vn:80: give HOST1:PORT1:HOST2:PORT2/);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});
