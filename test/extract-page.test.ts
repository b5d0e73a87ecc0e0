import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { loadHtml } from '../src/extract/dom.js';
import { detectProfile, extractPage } from '../src/extract/page.js';

const dir = join(import.meta.dirname, 'golden', 'seed-tuachua-list');
const html = readFileSync(join(dir, 'source.html'), 'utf8');
const { url } = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as { url: string };

describe('extractPage: one entry point for every caller', () => {
  it('auto: the Kooboo profile claims a Kooboo article by its URL grammar and label, and says why', () => {
    const detection = detectProfile(html, url);
    expect(detection.profile?.id).toBe('kooboo');
    expect(detection.why.join(' ')).toMatch(/Thời gian đăng/);
    expect(extractPage(html, url).extractor).toBe('kooboo');
  });

  it('a page under a URL no profile knows is not claimed', () => {
    const elsewhere = 'https://example.gov.vn/tin-tuc/bai-viet-123.html';
    expect(detectProfile(html, elsewhere).profile).toBeNull();
  });

  it('a named profile reads the page with that profile; an unknown name is a usage error', () => {
    expect(extractPage(html, url, { profile: 'kooboo' }).title).toBe(extractPage(html, url).title);
    expect(() => extractPage(html, url, { profile: 'joomla' })).toThrow(UsageError);
  });
});

describe('loadHtml: one cheerio for every page', () => {
  it('each page searches only itself, however the pages are interleaved', () => {
    const a = loadHtml('<html><head><title>Trang A</title></head><body><p id="x"><a href="/a">Liên kết A</a></p></body></html>');
    const b = loadHtml('<html><head><title>Trang B</title></head><body><p id="x"><a href="/b">Liên kết B</a></p><a href="/b2">B2</a></body></html>');
    expect(a.$('title').text()).toBe('Trang A');
    expect(b.$('title').text()).toBe('Trang B');
    expect(a.$('a[href]').toArray().map((el) => el.attribs['href'])).toEqual(['/a']);
    expect(b.$('a[href]').toArray().map((el) => el.attribs['href'])).toEqual(['/b', '/b2']);
    // A node of one page, wrapped by that page's `$`, is searched within that node.
    const p = b.$('#x').toArray()[0]!;
    expect(b.$(p).find('a').text()).toBe('Liên kết B');
    expect(b.$('a', p).length).toBe(1);
    expect(a.$(a.document).find('p').length).toBe(1);
    expect(a.document.children.length).toBeGreaterThan(0);
  });
});
