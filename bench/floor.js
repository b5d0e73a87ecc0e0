// The floor of `npm run bench`: what fetching and parsing every page costs with nothing kept. Run in a child process
// like the crawl, against the same replica, at the same concurrency: GET each URL of the list with undici `request`
// (one connection per slot), parse the body with htmlparser2, drop both. Writes `{ pages, bytes, failed }` as JSON
// on stdout; the parent times the process.
//
// Usage: node bench/floor.js <urls.json> <concurrency>
import { readFileSync } from 'node:fs';
import { parseDocument } from 'htmlparser2';
import { Agent, request } from 'undici';

const [file, concurrencyArg] = process.argv.slice(2);
const urls = JSON.parse(readFileSync(file, 'utf8'));
const concurrency = Number(concurrencyArg);
const dispatcher = new Agent({ connections: concurrency, keepAliveTimeout: 10_000 });

let next = 0;
let pages = 0;
let bytes = 0;
let failed = 0;

async function slot() {
  while (next < urls.length) {
    const url = urls[next++];
    try {
      const { statusCode, body } = await request(url, { dispatcher, headers: { accept: 'text/html' } });
      const html = await body.text();
      parseDocument(html);
      if (statusCode === 200) pages++;
      else failed++;
      bytes += html.length;
    } catch {
      failed++;
    }
  }
}

await Promise.all(Array.from({ length: concurrency }, slot));
await dispatcher.close();
process.stdout.write(`${JSON.stringify({ pages, bytes, failed })}\n`);
