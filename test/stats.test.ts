import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlCommand } from '../src/cli/crawl.js';
import { exportCommand } from '../src/cli/export.js';
import { statsCommand } from '../src/cli/stats.js';
import type { ArticleRecord } from '../src/extract/record.js';
import { silentLogger } from '../src/log.js';
import { type Replica, startReplica } from '../src/replica/index.js';
import type { ArchiveStats } from '../src/stats/stats.js';
import { openArchive, saveArticle, startRun } from '../src/store/index.js';
import { runCli } from './helpers/cli.js';

function sink(): { out: PassThrough; text: () => string } {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  return { out, text: () => Buffer.concat(chunks).toString('utf8') };
}

async function exported(db: string, options: Record<string, string> = {}): Promise<ArticleRecord[]> {
  const { out, text } = sink();
  await exportCommand({ db, format: 'jsonl', ...options }, out);
  return text().split('\n').filter(Boolean).map((l) => JSON.parse(l) as ArticleRecord);
}

function tally<T>(items: T[], key: (t: T) => string | null): Map<string | null, number> {
  const m = new Map<string | null, number>();
  for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
  return m;
}

describe('stats of a crawl of the replica portals', () => {
  let replica: Replica;
  let dir: string;
  let db: string;
  let records: ArticleRecord[];
  let stats: ArchiveStats;

  beforeAll(async () => {
    replica = await startReplica();
    dir = mkdtempSync(join(tmpdir(), 'pa-stats-'));
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
    records = await exported(db);
    // Through the built CLI, as a researcher would run it.
    const cli = await runCli(['stats', '--db', db, '--format', 'json']);
    expect(cli.code).toBe(0);
    expect(cli.stderr).toBe('');
    stats = JSON.parse(cli.stdout) as ArchiveStats;
  });

  afterAll(async () => {
    await replica.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts per site, category and month agree with what export writes for the same filter', async () => {
    expect(stats.articles).toBe(records.length);
    expect(stats.articles).toBe(replica.sites.reduce((n, s) => n + s.site.articles.length, 0));
    expect(stats.sites.map((s) => s.site).sort()).toEqual([...new Set(records.map((r) => r.site))].sort());
    for (const s of stats.sites) expect(s.articles, s.site).toBe((await exported(db, { site: s.site })).length);
    expect(stats.sites.reduce((n, s) => n + s.articles, 0)).toBe(records.length);

    expect(stats.categories.reduce((n, c) => n + c.articles, 0)).toBe(records.length);
    for (const c of stats.categories) {
      if (c.category === null) continue;
      const viaExport = await exported(db, { category: c.category });
      // --category ignores case and diacritics, so it may also select another spelling of the same name.
      const sameName = stats.categories.filter((o) => o.category !== null && o.category.localeCompare(c.category!, 'vi', { sensitivity: 'base' }) === 0);
      expect(viaExport.length, c.category).toBe(sameName.reduce((n, o) => n + o.articles, 0));
      expect(c.articles).toBe(records.filter((r) => r.category === c.category).length);
    }

    const months = [...new Set(stats.months.map((m) => m.month))];
    expect(months).toEqual([...months].sort());
    for (const month of months) {
      const viaExport = await exported(db, { since: month, until: month });
      expect(stats.months.filter((m) => m.month === month).reduce((n, m) => n + m.articles, 0), month).toBe(viaExport.length);
      for (const m of stats.months.filter((x) => x.month === month)) {
        expect(m.articles).toBe(viaExport.filter((r) => r.site === m.site).length);
      }
    }
    expect(stats.months.reduce((n, m) => n + m.articles, 0)).toBe(records.filter((r) => r.published_at !== null).length);
  });

  it('date range, per-site bounds and top authors and organisations match the records', () => {
    const dated = records.filter((r) => r.published_at !== null).sort((a, b) => Date.parse(a.published_at!) - Date.parse(b.published_at!));
    expect(stats.date_range).toEqual({
      first: dated[0]!.published_at,
      last: dated.at(-1)!.published_at,
      undated: records.length - dated.length,
    });
    for (const s of stats.sites) {
      const own = dated.filter((r) => r.site === s.site);
      expect([s.first, s.last]).toEqual([own[0]!.published_at, own.at(-1)!.published_at]);
    }
    for (const [key, list] of [['author', stats.top_authors], ['organization', stats.top_organizations]] as const) {
      const counts = tally(records.filter((r) => r[key] !== null), (r) => r[key]);
      const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0]! < b[0]! ? -1 : 1)).slice(0, 10);
      expect(list.map((x) => [x.name, x.articles])).toEqual(ranked);
      expect(list.length).toBeGreaterThan(3);
    }
  });

  it('completeness is the share of records missing each field, overall and per site', () => {
    const missing: Record<string, (r: ArticleRecord) => boolean | null> = {
      published_at: (r) => r.published_at === null,
      author: (r) => r.author === null,
      organization: (r) => r.organization === null,
      category: (r) => r.category === null,
      summary: (r) => r.summary === null || r.summary.trim() === '',
      body_text: (r) => r.body_text.trim() === '',
      // null: the article has no image, so no caption can be missing.
      image_caption: (r) => (r.images.length === 0 ? null : r.images.some((i) => i.caption === null)),
    };
    expect(stats.completeness.map((c) => c.field)).toEqual(Object.keys(missing));
    const measure = (rs: ArticleRecord[], test: (r: ArticleRecord) => boolean | null) => {
      const applicable = rs.filter((r) => test(r) !== null);
      const n = applicable.filter((r) => test(r)).length;
      return { missing: n, of: applicable.length, share: applicable.length === 0 ? 0 : Math.round((n / applicable.length) * 10_000) / 10_000 };
    };
    for (const c of stats.completeness) {
      const test = missing[c.field]!;
      expect({ missing: c.missing, of: c.of, share: c.share }, c.field).toEqual(measure(records, test));
      for (const s of stats.sites) expect(c.by_site[s.site], `${c.field} ${s.site}`).toEqual(measure(records.filter((r) => r.site === s.site), test));
    }
    // The replica has articles without author and images without caption: the measure is not trivially zero.
    expect(stats.completeness.find((c) => c.field === 'author')!.missing).toBeGreaterThan(0);
    expect(stats.completeness.find((c) => c.field === 'image_caption')!.missing).toBeGreaterThan(0);
  });

  it('text format shows the same numbers as tables', async () => {
    const { out, text } = sink();
    await statsCommand({ db, format: 'text' }, out);
    const t = text();
    expect(t.split('\n')[0]).toBe(
      `${records.length} articles, ${stats.sites.length} sites, published ${stats.date_range.first!.slice(0, 10)} to ${stats.date_range.last!.slice(0, 10)}`,
    );
    for (const s of stats.sites) expect(t).toMatch(new RegExp(`^  ${s.site.replace(/\./g, '\\.')} +${s.articles}  `, 'm'));
    const author = stats.completeness.find((c) => c.field === 'author')!;
    expect(t).toMatch(new RegExp(`^  author +${(author.share * 100).toFixed(1)} % \\(${author.missing}/${author.of}\\)`, 'm'));
    await expect(statsCommand({ db, format: 'xml' }, out)).rejects.toThrowError('unknown format "xml": expected text or json');
  });
});

describe('stats of edge cases', () => {
  it('counts undated articles apart, reads months in Vietnam time, and leaves image-less articles out of captions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pa-stats-edge-'));
    try {
      const file = join(dir, 'a.sqlite');
      const archive = openArchive(file, { create: true });
      const runId = startRun(archive, { seeds: [], now: new Date() });
      const base: ArticleRecord = {
        url: 'https://a.gov.vn/1',
        site: 'a.gov.vn',
        category: null,
        title: 'Một',
        published_at: '2023-08-31T22:30:00+07:00',
        summary: null,
        body_text: '',
        images: [],
        author: null,
        organization: null,
        related: [],
        extractor: 'kooboo',
        source: 'live' as const,
        archive_url: null,
        fetched_at: '2026-01-01T00:00:00.000Z',
        captured_at: '2026-01-01T00:00:00.000Z',
        content_sha256: '1'.repeat(64),
      };
      saveArticle(archive, base, { runId });
      // 17:30 UTC on 31 August is already 1 September in Vietnam.
      saveArticle(archive, { ...base, url: 'https://a.gov.vn/2', published_at: '2023-08-31T17:30:00Z', body_text: 'Nội dung', images: [{ url: 'https://a.gov.vn/i.jpg', alt: null, caption: 'Chú thích', sha256: null, size: null }] }, { runId });
      saveArticle(archive, { ...base, url: 'https://a.gov.vn/3', published_at: null, author: 'Thu Trang' }, { runId });
      archive.close();

      const { out, text } = sink();
      const stats = await statsCommand({ db: file, format: 'json' }, out);
      expect(JSON.parse(text())).toEqual(stats);
      expect(stats.date_range).toEqual({ first: '2023-08-31T22:30:00+07:00', last: '2023-08-31T17:30:00Z', undated: 1 });
      expect(stats.months).toEqual([
        { month: '2023-08', site: 'a.gov.vn', articles: 1 },
        { month: '2023-09', site: 'a.gov.vn', articles: 1 },
      ]);
      const field = (f: string) => stats.completeness.find((c) => c.field === f)!;
      expect([field('published_at').missing, field('published_at').of, field('published_at').share]).toEqual([1, 3, 0.3333]);
      expect([field('body_text').missing, field('body_text').of]).toEqual([2, 3]);
      expect([field('image_caption').missing, field('image_caption').of, field('image_caption').share]).toEqual([0, 1, 0]);
      expect(stats.categories).toEqual([{ category: null, articles: 3 }]);
      expect(stats.top_authors).toEqual([{ name: 'Thu Trang', articles: 1 }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
