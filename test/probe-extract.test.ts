import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../src/export/schema-version.js';
import { articleUrl, type Replica, startReplica } from '../src/replica/index.js';
import { runCli } from './helpers/cli.js';
import { type CustomPortal, startCustomPortal } from './helpers/custom-portal.js';
import { expectedFields } from './helpers/expect-record.js';

/** The site data's fields as a record must print them; images compared by alt and caption (the file is in the URL). */
function expected(site: Parameters<typeof expectedFields>[0], article: Parameters<typeof expectedFields>[1]) {
  const { images, ...rest } = expectedFields(site, article);
  return { ...rest, images: images.map((i) => expect.objectContaining({ alt: i.alt, caption: i.caption, url: expect.stringContaining(encodeURIComponent(i.file)) })) };
}

// probe and extract as a user runs them: the built binary (npm test builds first), pages served on 127.0.0.1.
let replica: Replica;
let custom: CustomPortal;
let dir: string;

const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../schema/article.schema.json'), 'utf8')) as object;
const ajv = new Ajv2020({ strict: true, allErrors: true });
ajv.addFormat('uri', (v: string) => URL.canParse(v));
ajv.addFormat('date-time', (v: string) => !Number.isNaN(Date.parse(v)));
const validate = ajv.compile(schema);

beforeAll(async () => {
  replica = await startReplica({ siteIds: ['tuachua'], robots: 'User-agent: *\nDisallow: /TinTuc/View/Secret\n' });
  custom = await startCustomPortal();
  dir = mkdtempSync(join(tmpdir(), 'pa-probe-'));
});

afterAll(async () => {
  await replica.close();
  await custom.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Report {
  url: string;
  page: string;
  family: string;
  why: string[];
  listing: { pager: { form: string; current: number; last: number | null } | null; pattern: string; articlesOnPage: number; estimate: { articles: number } | null; feeds: string[] } | null;
  sample: { url: string; record: Record<string, unknown> | null; error: string | null } | null;
}

describe('probe', () => {
  it('names the Kooboo family on a Kooboo replica, with its pager, pattern, size and a sample record', async () => {
    const site = replica.site('tuachua');
    const before = replica.requests.length;
    const { code, stdout, stderr } = await runCli(['probe', site.listingUrl, '--format', 'json', '--delay', '0']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Report;
    expect(report.family).toBe('kooboo');
    expect(report.page).toBe('listing');
    expect(report.why.join(' ')).toContain('Thời gian đăng');
    const count = site.site.articles.length;
    expect(report.listing!.pager).toMatchObject({ form: '?PageIndex=N', current: 1, last: Math.ceil(count / site.site.pageSize) });
    expect(report.listing!.pattern).toBe('/TinTuc/View/<slug>');
    expect(report.listing!.estimate!.articles).toBe(count);
    const newest = [...site.site.articles].sort((a, b) => b.published.localeCompare(a.published))[0]!;
    expect(report.sample!.url).toBe(`${site.origin}${articleUrl(site.site, newest, 1).replace(/\?.*$/, '')}`);
    const record = report.sample!.record!;
    expect(validate(record), JSON.stringify(validate.errors)).toBe(true);
    expect(record).toMatchObject({ schema_version: SCHEMA_VERSION, extractor: 'kooboo', ...expected(site.site, newest) });
    // robots.txt, the listing, one article: nothing else, nothing written.
    expect(replica.requests.slice(before).map((r) => r.url)).toEqual([
      '/robots.txt',
      new URL(site.listingUrl).pathname + new URL(site.listingUrl).search,
      articleUrl(site.site, newest, 1).replace(/\?.*$/, ''),
    ]);
  });

  it('says generic for a template no profile knows, with the pager and pattern it learnt', async () => {
    const { code, stdout } = await runCli(['probe', custom.listingUrl, '--format', 'json', '--delay', '0']);
    const report = JSON.parse(stdout) as Report;
    expect(report.family).toBe('generic');
    expect(report.listing!.pager).toMatchObject({ form: '?page=N', current: 1, last: 5 });
    expect(report.listing!.pattern).toBe('/index.php?com=…&id_cat=…&id_news=…');
    expect(report.listing!.articlesOnPage).toBe(5);
    expect(report.listing!.estimate!.articles).toBe(25);
    expect(report.listing!.feeds).toEqual([`${custom.origin}/rss.xml`]);
    expect(report.sample!.url).toBe(custom.articleUrl(custom.articles[0]!.id));
    // The sample record is the generic extractor's; where it cannot read the page, probe says why and exits 2.
    if (report.sample!.record) {
      expect(code).toBe(0);
      expect(report.sample!.record).toMatchObject({ extractor: 'generic', title: custom.articles[0]!.title });
    } else {
      expect(code).toBe(2);
      expect(report.sample!.error).toMatch(/generic extractor|no article|not an article/i);
    }
  });

  it('prints the same facts as text by default', async () => {
    const { stdout } = await runCli(['probe', custom.listingUrl, '--delay', '0']);
    expect(stdout).toMatch(/^family: +generic$/m);
    expect(stdout).toMatch(/^pager: +\?page=N, page 1 of 5 /m);
    expect(stdout).toMatch(/^articles: +\/index\.php\?com=…&id_cat=…&id_news=… \(5 on this page\)$/m);
    expect(stdout).toMatch(/^estimate: +25 articles /m);
  });

  it('says in one line that a page is no portal, and exits 1', async () => {
    const { code, stdout, stderr } = await runCli(['probe', `${custom.origin}/welcome.html`, '--delay', '0']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^portal-archiver: .*welcome\.html is not a news portal page/);
  });

  it('obeys robots.txt: a disallowed page is one line and exit 1', async () => {
    const url = `${replica.site('tuachua').origin}/TinTuc/View/Secret-page`;
    const { code, stderr } = await runCli(['probe', url, '--delay', '0']);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('disallowed by the site');
    expect(replica.requests.some((r) => r.url.startsWith('/TinTuc/View/Secret'))).toBe(false);
  });
});

describe('extract', () => {
  const saved = async (url: string) => Buffer.from(await (await fetch(url)).arrayBuffer());

  it('reads saved files into JSONL records in export shape, fetched_at from the file time', async () => {
    const site = replica.site('tuachua');
    const [a, b] = site.site.articles;
    const urls = [a!, b!].map((x) => `${site.origin}${articleUrl(site.site, x, 1).replace(/\?.*$/, '')}`);
    const files = urls.map((_, i) => join(dir, `page-${i}.html`));
    for (const [i, url] of urls.entries()) writeFileSync(files[i]!, await saved(url));
    const when = new Date('2024-07-18T03:04:05.000Z');
    utimesSync(files[0]!, when, when);
    const { code, stdout, stderr } = await runCli(['extract', ...files, '--url', urls[0]!, '--url', urls[1]!]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(Object.keys(lines[0]!)[0]).toBe('schema_version');
    for (const line of lines) expect(validate(line), JSON.stringify(validate.errors)).toBe(true);
    expect(lines[0]).toMatchObject({ url: urls[0], extractor: 'kooboo', source: 'live', archive_url: null, ...expected(site.site, a!) });
    expect(lines[1]).toMatchObject({ url: urls[1], ...expected(site.site, b!) });
    expect(lines[0]!.fetched_at).toBe('2024-07-18T03:04:05.000Z');
    expect(lines[0]!.captured_at).toBe('2024-07-18T03:04:05.000Z');
  });

  it('reads a page from stdin, and sniffs its charset as the crawl does (windows-1258 in <meta>)', async () => {
    const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258"></head><body>
      <h1>Tủa Chùa quan tâm phát triển đảng viên</h1><p>Thời gian đăng: 11/08/2023 02:46:47 PM</p>
      <p>Đảng bộ huyện Tủa Chùa hiện có 48 tổ chức cơ sở đảng.</p><p>Thu Trang - Trung tâm VH - TT - TH huyện</p></body></html>`;
    const composed = html.normalize('NFD').replace(/(\p{L})(\p{M}+)/gu, (_, base: string, marks: string) => {
      const shape = [...marks].filter((m) => /[\u0302\u0306\u031b]/.test(m)).join('');
      const tone = [...marks].filter((m) => !/[\u0302\u0306\u031b]/.test(m)).join('');
      return (base + shape).normalize('NFC') + tone;
    });
    const body = iconv.encode(composed, 'windows-1258');
    const url = `${replica.site('tuachua').origin}/TinTuc/View/Tua-Chua`;
    const { code, stdout } = await runCli(['extract', '-', '--url', url, '--profile', 'kooboo'], { input: body });
    expect(code).toBe(0);
    const record = JSON.parse(stdout) as Record<string, unknown>;
    expect(record).toMatchObject({
      title: 'Tủa Chùa quan tâm phát triển đảng viên',
      published_at: '2023-08-11T14:46:47+07:00',
      body_text: 'Đảng bộ huyện Tủa Chùa hiện có 48 tổ chức cơ sở đảng.',
      author: 'Thu Trang',
    });
  });

  it('names the page with no article on stderr, prints the others, and exits 2', async () => {
    const site = replica.site('tuachua');
    const article = site.site.articles[2]!;
    const good = join(dir, 'good.html');
    const listing = join(dir, 'listing.html');
    const articleAt = `${site.origin}${articleUrl(site.site, article, 1).replace(/\?.*$/, '')}`;
    writeFileSync(good, await saved(articleAt));
    writeFileSync(listing, await saved(site.listingUrl));
    const { code, stdout, stderr } = await runCli(['extract', listing, good, '--url', `${site.origin}/TinTuc/View/Not-an-article`, '--url', articleAt]);
    expect(code).toBe(2);
    expect(stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(JSON.parse(stdout)).toMatchObject({ url: articleAt, title: expectedFields(site.site, article).title });
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`${listing}: no article`);
  });

  it('takes the URL a saved page declares when no --url is given', async () => {
    const site = replica.site('tuachua');
    const article = site.site.articles[1]!;
    const at = `${site.origin}${articleUrl(site.site, article, 1).replace(/\?.*$/, '')}`;
    const file = join(dir, 'declared.html');
    writeFileSync(file, Buffer.concat([Buffer.from(`<!-- saved from url=(${String(at.length).padStart(4, '0')})${at} -->\n`), await saved(at)]));
    const { code, stdout } = await runCli(['extract', file]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ url: at, title: expectedFields(site.site, article).title });
  });

  it('refuses bad input in one line with exit 1: a missing file, a --url count that does not match, an unknown profile', async () => {
    const file = join(dir, 'plain.html');
    writeFileSync(file, '<html><body><p>Không có URL</p></body></html>');
    for (const args of [
      ['extract', join(dir, 'missing.html'), '--url', 'http://127.0.0.1/x'],
      ['extract', file, file, '--url', 'http://127.0.0.1/x'],
      ['extract', file, '--url', 'http://127.0.0.1/x', '--profile', 'joomla'],
      ['extract', file],
    ]) {
      const { code, stdout, stderr } = await runCli(args);
      expect(code, args.join(' ')).toBe(1);
      expect(stdout).toBe('');
      expect(stderr.trim().split('\n'), stderr).toHaveLength(1);
    }
  });
});
