import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverListing } from '../src/discover/listing.js';
import { pagerUrl } from '../src/discover/pager.js';

// Listing pages of templates no profile knows, one folder each: source.html, case.json (URL and provenance),
// expected.json (the pager, the article-URL pattern and the main list's URLs, as the page was built).
interface Expected {
  pager: { form: string; current: number; last: number | null; page: [number, string]; first?: string; total?: number; perPage?: number } | null;
  postback?: boolean;
  pattern: string;
  scope: string[];
  articles: string[];
  firstDate: string;
  feeds: string[];
}

const root = join(import.meta.dirname, 'discover-listing');
const cases = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

describe('listing discovery on pages of unknown templates', () => {
  it('has the cases', () => expect(cases.length).toBeGreaterThanOrEqual(9));
  for (const name of cases) {
    it(name, () => {
      const { url } = JSON.parse(readFileSync(join(root, name, 'case.json'), 'utf8')) as { url: string };
      const html = readFileSync(join(root, name, 'source.html'), 'utf8');
      const expected = JSON.parse(readFileSync(join(root, name, 'expected.json'), 'utf8')) as Expected;
      const found = discoverListing(html, url);

      if (expected.pager === null) {
        expect(found.pager).toBeNull();
      } else {
        const pager = found.pager!;
        expect(pager, 'pager').not.toBeNull();
        expect(pager.form).toBe(expected.pager.form);
        expect(pager.current).toBe(expected.pager.current);
        expect(pager.last).toBe(expected.pager.last);
        const [n, pageUrl] = expected.pager.page;
        expect(pagerUrl(pager, n)).toBe(pageUrl);
        if (expected.pager.first) expect(pagerUrl(pager, 1)).toBe(expected.pager.first);
        if (expected.pager.total) expect(pager.total).toBe(expected.pager.total);
        if (expected.pager.perPage) expect(pager.perPage).toBe(expected.pager.perPage);
      }
      expect(found.postback !== null).toBe(expected.postback ?? false);
      expect(found.list?.pattern.describe).toBe(expected.pattern);
      expect(found.scope.prefix).toEqual(expected.scope);
      expect(found.list?.articles.map((a) => a.url)).toEqual(expected.articles);
      expect(found.list?.articles[0]?.date).toBe(expected.firstDate);
      expect(found.feeds).toEqual(expected.feeds);
    });
  }
});
