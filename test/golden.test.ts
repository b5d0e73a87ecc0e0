import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../src/extract/article.js';
import { extractListing } from '../src/extract/listing.js';

// One folder per case: source.html as a server sent it, case.json (URL and provenance), expected.json written by
// hand from reading the page. A new case is a new folder; this loop is the only test code.
function cases(dir: string): { name: string; path: string }[] {
  const root = join(import.meta.dirname, dir);
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => ({ name: d.name, path: join(root, d.name) }));
}

function load(path: string) {
  const meta = JSON.parse(readFileSync(join(path, 'case.json'), 'utf8')) as { url: string };
  return {
    url: meta.url,
    html: readFileSync(join(path, 'source.html'), 'utf8'),
    expected: JSON.parse(readFileSync(join(path, 'expected.json'), 'utf8')) as unknown,
  };
}

describe('golden article pages', () => {
  for (const c of cases('golden')) {
    it(c.name, () => {
      const { url, html, expected } = load(c.path);
      expect(extractArticle(html, url)).toEqual(expected);
    });
  }
});

describe('golden listing pages', () => {
  for (const c of cases('golden-listing')) {
    it(c.name, () => {
      const { url, html, expected } = load(c.path);
      const listing = extractListing(html, url);
      expect({
        articles: listing.articles.map(({ url: articleUrl, title }) => ({ url: articleUrl, title })),
        pages: listing.pages.map((p) => p.url),
        total: listing.total,
      }).toEqual(expected);
    });
  }
});
