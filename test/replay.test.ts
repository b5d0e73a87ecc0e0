import fs from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSite, startReplica } from '../src/replica/index.js';
import { openArchive } from '../src/store/index.js';
import { archiveBytes, crawlReplica } from './helpers/archive.js';
import { Browser, evaluateIn, findChromium, frames } from './helpers/chromium.js';
import { runCli } from './helpers/cli.js';
import { decodePng } from './helpers/png.js';

/*
 * The WACZ opened as an archivist would open it: ReplayWeb.page (the `replaywebpage` package: its ui.js, and its
 * service worker sw.js, which reads the WACZ by byte ranges) on a page served from 127.0.0.1, in Debian's headless
 * Chromium. The portal is shut down before the browser starts: whatever the page shows comes out of the WACZ.
 */

const chromium = findChromium();
const RWP = path.join(import.meta.dirname, '..', 'node_modules', 'replaywebpage');

interface Article {
  url: string;
  title: string;
}

let dir: string;
let wacz: string;
let article: Article;
let server: Server;
let origin: string;

/** A static server for the embedding page, ReplayWeb.page's files and the WACZ, with the byte ranges it asks for. */
function serve(req: IncomingMessage, res: ServerResponse, page: string): void {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const files: Record<string, [string, string]> = {
    '/ui.js': [path.join(RWP, 'ui.js'), 'application/javascript'],
    '/replay/ui.js': [path.join(RWP, 'ui.js'), 'application/javascript'],
    '/replay/sw.js': [path.join(RWP, 'sw.js'), 'application/javascript'],
    '/archive.wacz': [wacz, 'application/wacz+zip'],
  };
  if (url.pathname === '/' || url.pathname === '/index.html') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    return;
  }
  const file = files[url.pathname];
  if (!file) {
    res.writeHead(404).end();
    return;
  }
  const size = fs.statSync(file[0]).size;
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
  let start = 0;
  let end = size - 1;
  if (range) {
    start = range[1] === '' ? Math.max(0, size - Number(range[2])) : Number(range[1]);
    end = range[1] !== '' && range[2] !== '' ? Math.min(Number(range[2]), size - 1) : size - 1;
  }
  const headers = { 'content-type': file[1], 'accept-ranges': 'bytes', 'content-length': String(end - start + 1) };
  if (range) res.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${end}/${size}` });
  else res.writeHead(200, headers);
  if (req.method === 'HEAD') res.end();
  else fs.createReadStream(file[0], { start, end }).pipe(res);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pa-replay-'));
  const db = path.join(dir, 'archive.sqlite');
  const replica = await startReplica({ sites: [generateSite({ id: 'replay', articles: 6, template: 'div', seed: 9 })] });
  try {
    expect((await crawlReplica(replica, db, { media: true })).code).toBe(0);
  } finally {
    await replica.close();
  }
  archiveBytes(db);
  const archive = openArchive(db, { create: false, readonly: true });
  article = archive
    .prepare(
      `SELECT p.final_url AS url, a.title FROM articles a JOIN pages p ON p.id = a.page_id
       WHERE EXISTS (SELECT 1 FROM article_images i WHERE i.article_id = a.id) ORDER BY p.final_url LIMIT 1`,
    )
    .get() as Article;
  archive.close();
  expect(article).toBeDefined();
  wacz = path.join(dir, 'archive.wacz');
  const r = await runCli(['export', '--db', db, '--format', 'wacz', '--out', wacz]);
  expect(r.code, r.stderr).toBe(0);

  const page = `<!doctype html>
<html><head><meta charset="utf-8"><title>replay</title><script src="/ui.js"></script></head>
<body style="margin:0">
<replay-web-page source="/archive.wacz" url="${article.url}" embed="replayonly" replaybase="/replay/"
  style="display:block;width:100vw;height:100vh"></replay-web-page>
</body></html>`;
  server = createServer((req, res) => serve(req, res, page));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
});

/** What the replayed page shows where (in its frame's view, which fills the screen): its text, title and images. */
const LOOK = `(() => {
  const title = [...document.querySelectorAll('body *')].find((e) => e.children.length === 0 && e.textContent.trim() === TITLE);
  return {
    text: document.body ? document.body.innerText : '',
    titleTop: title ? title.getBoundingClientRect().top : null,
    images: [...document.images].filter((i) => i.src.includes('/Media/')).map((i) => {
      const box = i.getBoundingClientRect();
      return { src: i.src, complete: i.complete, width: i.naturalWidth, height: i.naturalHeight, top: box.top };
    }),
  };
})()`;

interface Replayed {
  text: string;
  /** Where the title's element is in the replay frame's view. */
  titleTop: number | null;
  images: { src: string; complete: boolean; width: number; height: number; top: number }[];
}

describe('the WACZ in ReplayWeb.page', () => {
  it.skipIf(!chromium)(
    `replays an archived article with its title and its image (${chromium ?? "skipped: no chromium binary; .ci/run installs Debian's chromium"})`,
    async () => {
      const browser = new Browser(chromium!);
      try {
        const session = await browser.open(`${origin}/index.html`);
        // The replayed page is a frame whose URL is the service worker's replay path for the article URL.
        let found: { frameId: string; content: Replayed } | null = null;
        const deadline = Date.now() + 120_000;
        while (!found && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 500));
          for (const frame of await frames(browser, session)) {
            if (!frame.url.startsWith(`${origin}/replay/w/`) || !frame.url.endsWith(`mp_/${article.url}`)) continue;
            const content = await evaluateIn<Replayed>(
              browser,
              session,
              frame.id,
              LOOK.replace('TITLE', JSON.stringify(article.title)),
            ).catch(() => null);
            if (content && content.text.includes(article.title) && content.images.some((i) => i.complete && i.width > 0)) {
              found = { frameId: frame.id, content };
            }
          }
        }
        expect(found, `the replay frame of ${article.url} with its title and a loaded image`).not.toBeNull();
        // Where things are now (the layout has settled), and what the screen shows there.
        await new Promise((r) => setTimeout(r, 1000));
        const shown = await evaluateIn<Replayed>(browser, session, found!.frameId, LOOK.replace('TITLE', JSON.stringify(article.title)));
        const { data } = await browser.send<{ data: string }>('Page.captureScreenshot', { format: 'png' }, session);
        const png = Buffer.from(data, 'base64');
        fs.writeFileSync(path.join(dir, 'replay.png'), png);
        const img = decodePng(png);

        // Title and picture on screen together, as a reader opening the article sees it: the title in view, the
        // article's first picture (the first loaded image below the title) under it, 250 px of it at least in view.
        const titleTop = shown.titleTop;
        expect(titleTop).not.toBeNull();
        expect(titleTop!).toBeGreaterThanOrEqual(0);
        const image = shown.images.find((i) => i.complete && i.width > 0 && i.top > titleTop!)!;
        expect(image).toBeDefined();
        expect(image.top).toBeLessThan(img.height - 250);
        // Served from the archive through the service worker: the portal is gone.
        expect(image.src.startsWith(`${origin}/replay/w/`)).toBe(true);

        // The picture is mid-grey, shown at 600 x 400: rows of the screen crossed by a run of at least 590 pixels of
        // (128, 128, 128) (anti-aliased text has grey pixels too, never in such runs), starting where the page says.
        const grey = (x: number, y: number) => [0, 1, 2].every((k) => Math.abs(img.pixels[(y * img.width + x) * 4 + k]! - 128) <= 4);
        const ink = (x: number, y: number) => [0, 1, 2].every((k) => img.pixels[(y * img.width + x) * 4 + k]! < 80);
        const rows: number[] = [];
        for (let y = 0; y < img.height; y++) {
          let run = 0;
          let longest = 0;
          for (let x = 0; x < img.width; x++) longest = Math.max(longest, (run = grey(x, y) ? run + 1 : 0));
          if (longest >= 590) rows.push(y);
        }
        expect(rows.length).toBeGreaterThanOrEqual(250);
        expect(Math.abs(rows[0]! - image.top)).toBeLessThanOrEqual(3);
        // The title: dark bold text in the band where the page has it.
        let dark = 0;
        for (let y = Math.round(titleTop!); y < Math.round(titleTop!) + 30; y++) for (let x = 0; x < img.width; x++) if (ink(x, y)) dark++;
        expect(dark).toBeGreaterThan(1000);
      } finally {
        await browser.close();
      }
    },
    240_000,
  );
});
