import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExtractError } from '../src/extract/errors.js';
import { extractGeneric } from '../src/extract/generic/index.js';

// Pages of templates no profile knows, read by the generic extractor. One folder per case: source.html, case.json
// (URL and provenance), expected.json written by hand from reading the page: the record, or for a page that holds
// no article `{ "throws": "ExtractError", "message": <part of the reason> }`. This loop is the only test code.
const root = join(import.meta.dirname, 'golden-generic');
const cases = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory());

describe('golden pages read by the generic extractor', () => {
  for (const c of cases) {
    it(c.name, () => {
      const dir = join(root, c.name);
      const { url } = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as { url: string };
      const html = readFileSync(join(dir, 'source.html'), 'utf8');
      const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, unknown>;
      if ('throws' in expected) {
        let thrown: unknown = null;
        try {
          extractGeneric(html, url);
        } catch (e) {
          thrown = e;
        }
        expect(thrown).toBeInstanceOf(ExtractError);
        const error = thrown as ExtractError;
        expect(error.message).toContain(expected['message']);
        expect(error.url).toBe(url);
        return;
      }
      expect(extractGeneric(html, url)).toEqual(expected);
    });
  }
});
