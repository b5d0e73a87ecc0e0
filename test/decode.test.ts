import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../src/fetch/decode.js';

// Windows-1258 as the older portals served it: "Thời gian đăng:" with the tone marks as combining characters
// (0xCC grave, 0xD2 hook above), the way that code page spells most Vietnamese letters.
const WINDOWS_1258 = Buffer.from([
  0x54, 0x68, 0xf5, 0xcc, 0x69, 0x20, 0x67, 0x69, 0x61, 0x6e, 0x20, 0xf0, 0xe3, 0x6e, 0x67, 0x3a,
]);

describe('decodeHtml', () => {
  it('decodes the charset a page declares in a <meta>, and UTF-8 as declared by its headers', () => {
    const page = Buffer.concat([Buffer.from('<html><head><meta charset="windows-1258"></head><body><p>'), WINDOWS_1258, Buffer.from('</p></body></html>')]);
    expect(decodeHtml(page, 'text/html').normalize('NFC')).toContain('Thời gian đăng:');
    expect(decodeHtml(Buffer.from('<p>Thời gian đăng:</p>'), 'text/html; charset=UTF-8')).toBe('<p>Thời gian đăng:</p>');
  });

  it('loads the charset sniffer only for a page that needs it (the built module, in a fresh process)', () => {
    // The extraction worker's start-up gates a crawl's first page; UTF-8 portals never need the sniffer's modules.
    const decode = fileURLToPath(new URL('../dist/fetch/decode.js', import.meta.url));
    const script = `
      import { createRequire } from 'node:module';
      const { decodeHtml } = await import(${JSON.stringify(decode)});
      // iconv-lite is CommonJS however the sniffer is imported, so it shows in the require cache once loaded.
      const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((f) => f.includes('/iconv-lite/'));
      const utf8 = decodeHtml(Buffer.from('<p>Thời gian đăng:</p>'), 'text/html; charset=utf-8');
      const before = loaded();
      const legacy = decodeHtml(Buffer.from([${[...WINDOWS_1258].join(',')}]), 'text/html; charset=windows-1258').normalize('NFC');
      console.log(JSON.stringify({ utf8, before, legacy, after: loaded() }));
    `;
    const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as Record<string, unknown>;
    expect(out).toEqual({ utf8: '<p>Thời gian đăng:</p>', before: false, legacy: 'Thời gian đăng:', after: true });
  });
});
