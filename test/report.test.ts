import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlCommand } from '../src/cli/crawl.js';
import { reportCommand } from '../src/cli/report.js';
import { silentLogger } from '../src/log.js';
import { SITE_COLOURS } from '../src/report/chart.js';
import { renderReport } from '../src/report/html.js';
import { type Replica, startReplica } from '../src/replica/index.js';
import { computeStats, type ArchiveStats } from '../src/stats/stats.js';
import { openArchive } from '../src/store/index.js';
import { decodePng, type Image } from './helpers/png.js';

/** Debian's package is `chromium`; other systems name the binary otherwise. `.ci/run` installs it. */
function findChromium(): string | null {
  for (const name of [process.env.CHROMIUM, 'chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    if (!name) continue;
    const r = spawnSync(name, ['--version'], { encoding: 'utf8', timeout: 30_000 });
    if (r.status === 0) return name;
  }
  return null;
}

const chromium = findChromium();

/** Headless, offline, no profile: nothing but the file is loaded, and nothing is left behind. */
function runChromium(args: string[], profile: string): Promise<string> {
  const flags = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--hide-scrollbars',
    '--host-resolver-rules=MAP * ~NOTFOUND',
    `--user-data-dir=${profile}`,
  ];
  return new Promise((resolve, reject) => {
    execFile(chromium!, [...flags, ...args], { encoding: 'utf8', timeout: 90_000, maxBuffer: 32 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`chromium failed: ${err.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/** Pixels within a small distance of `hex` (colour management may shift a channel by a few units). */
function findColour(img: Image, hex: string): { count: number; columns: Set<number>; minY: number; maxY: number } {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  let count = 0;
  const columns = new Set<number>();
  let minY = Infinity;
  let maxY = -1;
  for (let i = 0; i < img.width * img.height; i++) {
    const p = img.pixels;
    if (Math.abs(p[i * 4]! - r) <= 8 && Math.abs(p[i * 4 + 1]! - g) <= 8 && Math.abs(p[i * 4 + 2]! - b) <= 8) {
      count++;
      columns.add(i % img.width);
      const y = Math.floor(i / img.width);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  }
  return { count, columns, minY, maxY };
}

function emptyStats(overrides: Partial<ArchiveStats>): ArchiveStats {
  return {
    articles: 0,
    date_range: { first: null, last: null, undated: 0 },
    sites: [],
    categories: [],
    months: [],
    top_authors: [],
    top_organizations: [],
    completeness: [],
    ...overrides,
  };
}

describe('the HTML report', () => {
  it('escapes everything that comes from the portals and loads nothing', () => {
    const evil = `<script>alert("x")</script>`;
    const stats = emptyStats({
      articles: 2,
      date_range: { first: '2023-08-11T14:46:47+07:00', last: '2024-01-02T08:00:00+07:00', undated: 0 },
      sites: [{ site: `a.gov.vn"><img src=x onerror=alert(1)>`, articles: 2, first: null, last: null }],
      categories: [{ category: evil, articles: 2 }],
      months: [
        { month: '2023-08', site: `a.gov.vn"><img src=x onerror=alert(1)>`, articles: 1 },
        { month: '2024-01', site: `a.gov.vn"><img src=x onerror=alert(1)>`, articles: 1 },
      ],
      top_authors: [{ name: `Tác giả & 'cộng sự'`, articles: 2 }],
      completeness: [{ field: 'author', missing: 0, of: 2, share: 0, by_site: {} }],
    });
    const html = renderReport(stats, { generatedAt: new Date('2026-11-26T23:00:00Z'), source: 'a<b>.sqlite' });
    // Attribute values blanked first: an escaped value may well read ` src=` as text.
    expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/<script|<img|<link|<iframe|<[^>]*\s(?:src|href)=|url\(|@import/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('a.gov.vn&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Tác giả &amp; &#39;cộng sự&#39;');
    expect(html).toContain('a&lt;b&gt;.sqlite');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    // Every month from the first to the last is on the axis, the empty ones as gaps: two bars over six months.
    expect(html.match(/<rect class="bar"/g)).toHaveLength(2);
    expect(html).toContain('aria-label="Articles per month per site, 2023-08 to 2024-01"');
  });

  it('says so when there is nothing to chart', () => {
    const html = renderReport(emptyStats({}), { generatedAt: new Date(0), source: 'empty.sqlite' });
    expect(html).toContain('No dated articles to chart.');
    expect(html).not.toContain('<svg');
  });
});

describe('the report of a crawl of the replica portals', () => {
  let replica: Replica;
  let dir: string;
  let db: string;
  let out: string;
  let stats: ArchiveStats;
  let html: string;

  beforeAll(async () => {
    replica = await startReplica();
    dir = mkdtempSync(join(tmpdir(), 'pa-report-'));
    db = join(dir, 'archive.sqlite');
    const { code } = await crawlCommand(
      {
        urls: replica.sites.map((s) => s.listingUrl),
        db,
        concurrency: 4,
        delay: 0,
        maxPages: null,
        userAgent: 'portal-archiver-test',
        timeout: 5000,
        retries: 0,
      },
      { log: silentLogger },
    );
    expect(code).toBe(0);
    const archive = openArchive(db, { create: false, readonly: true });
    stats = computeStats(archive);
    archive.close();
    out = join(dir, 'report.html');
    const result = await reportCommand({ db, out }, process.stdout, { now: () => new Date('2026-11-26T23:00:00Z') });
    expect(result).toEqual({ out, articles: stats.articles, bytes: statSync(out).size });
    html = readFileSync(out, 'utf8');
  });

  afterAll(async () => {
    await replica.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is one self-contained file with the stats, the chart and the completeness table', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/<script|<link|<[^>]*\s(?:src|href)=|url\(/i);
    const bars = [...html.matchAll(/<rect class="bar"[^>]*data-month="([^"]+)" data-site="([^"]+)" data-count="(\d+)"/g)];
    expect(bars.map((b) => [b[1], b[2], Number(b[3])])).toEqual(
      [...stats.months].sort((a, b) => a.month.localeCompare(b.month) || stats.sites.findIndex((s) => s.site === a.site) - stats.sites.findIndex((s) => s.site === b.site))
        .map((m) => [m.month, m.site, m.articles]),
    );
    expect(bars.reduce((n, b) => n + Number(b[3]), 0)).toBe(stats.articles - stats.date_range.undated);
    for (const c of stats.completeness) expect(html).toContain(`<tr data-field="${c.field}">`);
    for (const s of stats.sites) expect(html).toContain(s.site);
    expect(html).toContain(`<strong>${stats.articles}</strong> articles`);
  });

  it.skipIf(!chromium)(
    `renders in headless Chromium on a phone-sized screen with the chart visible (${chromium ?? 'skipped: no chromium binary; .ci/run installs Debian\'s chromium'})`,
    async () => {
      const profile = mkdtempSync(join(tmpdir(), 'pa-chromium-'));
      try {
        const dom = await runChromium(['--dump-dom', `file://${out}`], profile);
        // The browser parsed the chart as SVG: the serialised DOM still has it with every bar.
        expect(dom).toMatch(/<svg id="months-chart" viewBox="0 0 480 \d+" role="img"/);
        expect(dom.match(/<rect class="bar"/g)).toHaveLength(stats.months.length);
        expect(dom).toContain('<table id="completeness">');

        const png = join(dir, 'report.png');
        await runChromium([`--screenshot=${png}`, '--window-size=412,2000', `file://${out}`], profile);
        const img = decodePng(readFileSync(png));
        expect([img.width, img.height]).toEqual([412, 2000]);
        // Each site's bars are on screen near the top of the page: its colour stands in at least two pixel columns
        // per month it published in (bars are about 3.7 px wide here), spread across the chart, besides the legend
        // swatch, a square of at most 14 columns.
        for (const [i, site] of stats.sites.entries()) {
          const { count, columns, minY, maxY } = findColour(img, SITE_COLOURS[i]!);
          const months = stats.months.filter((m) => m.site === site.site).length;
          expect(months, site.site).toBeGreaterThanOrEqual(5);
          expect(columns.size, site.site).toBeGreaterThanOrEqual(2 * months + 14);
          expect(Math.max(...columns) - Math.min(...columns), site.site).toBeGreaterThan(150);
          expect(count, site.site).toBeGreaterThan(200);
          expect([minY > 80, maxY < 700], site.site).toEqual([true, true]);
        }
      } finally {
        rmSync(profile, { recursive: true, force: true });
      }
    },
    // Two browser starts; a loaded CI machine can take a while over each.
    180_000,
  );
});
