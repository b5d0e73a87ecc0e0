import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// What the crawl's main thread loads before its first request is time every crawl waits for (its start-up and the
// extraction worker's gate the seed). Pages are parsed and read in the worker, dates included: this thread needs the
// profiles' data, not the code that reads pages, nor the time-zone library that code uses.
function loadedBy(module: string): string[] {
  const preload = new URL('./helpers/log-loads.mjs', import.meta.url).href;
  const file = fileURLToPath(new URL(`../dist/${module}`, import.meta.url));
  const run = spawnSync(process.execPath, ['--import', preload, '--input-type=module', '-e', `await import(${JSON.stringify(file)});`], {
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  return run.stderr
    .split('\n')
    .filter((line) => line.startsWith('LOAD '))
    .map((line) => line.slice('LOAD '.length));
}

describe('the crawl command start-up (the built modules, in a fresh process)', () => {
  it('loads the profiles but neither the HTML parsers and extractors nor the time-zone library on the main thread', () => {
    const loaded = loadedBy('cli/crawl.js');
    expect(loaded.some((url) => url.endsWith('/dist/profiles/kooboo.js'))).toBe(true);
    expect(loaded.some((url) => url.endsWith('/dist/profiles/date-grammars.js'))).toBe(true);
    const unwanted = loaded.filter((url) =>
      /\/node_modules\/(cheerio|htmlparser2|domhandler|date-fns|@date-fns\/tz|encoding-sniffer)\/|\/dist\/extract\/(article|listing|dom)\.js$|\/dist\/profiles\/dates\.js$/.test(url),
    );
    expect(unwanted).toEqual([]);
  });
});
