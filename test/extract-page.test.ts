import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
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
