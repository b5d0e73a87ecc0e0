/**
 * The crawl after the portal closed (1 July 2025): the home page and the listing redirect to the province portal
 * (which the archive never captured), one article captured before now gives a soft-404 (200, "Không tìm thấy
 * trang") and another a 404.
 */
import type { Site } from '../site.js';
import { articleUrl, listingUrl } from '../urls.js';
import type { Capture } from './capture.js';
import { makeCapture, type Response, type Warc } from './make.js';
import { movedBody, notFoundPage, softNotFoundPage } from './pages.js';
import type { Edit, Seen } from './portal-truth.js';
import type { Draw } from './random.js';
import { msOf, tsOf } from './timestamp.js';
import type { Pitfalls } from './truth.js';

export const PROVINCE_PORTAL = 'https://dienbien.gov.vn/';

export function closureCaptures(site: Site, host: string, closure: string, d: Draw, seen: Seen[], edits: Map<string, Edit>, pitfalls: Pitfalls): Capture[] {
  const captures: Capture[] = [];
  const spell = (scheme: string, path: string) => `${scheme}://${host}${path}`;
  const ref = (c: Capture, note: string) => ({ original: c.original, timestamp: c.timestamp, note });
  const warc: Warc = { file: `replica-crawl-${closure.slice(0, 8)}/REPLICA-${site.id.toUpperCase()}-${closure}-00000.warc.gz`, offset: 0 };
  let clock = msOf(closure);
  const tick = () => tsOf((clock += d.int(2, 25) * 1000));
  for (const path of ['/', listingUrl(site, 1)]) {
    const c = makeCapture(spell('https', path), tick(), { status: 301, contentType: 'text/html; charset=utf-8', body: movedBody(PROVINCE_PORTAL), location: PROVINCE_PORTAL }, warc);
    captures.push(c);
    pitfalls.redirects.push(ref(c, `301 to ${PROVINCE_PORTAL} (not archived)`));
  }
  const held = [...new Set(seen.filter((s) => s.kind === 'page' && !edits.has(s.slug)).map((s) => s.slug))];
  for (const [k, slug] of held.slice(0, 2).entries()) {
    const a = site.articles.find((x) => x.slug === slug)!;
    const original = spell('http', articleUrl(site, a, 1, 'listing'));
    const r: Response = k === 0 ? { status: 200, contentType: 'text/html; charset=utf-8', body: softNotFoundPage(site) } : { status: 404, contentType: 'text/html; charset=utf-8', body: notFoundPage(original) };
    const c = makeCapture(original, tick(), r, warc);
    captures.push(c);
    (k === 0 ? pitfalls.soft404 : pitfalls.notFound).push(ref(c, k === 0 ? 'article captured before; 200 “Không tìm thấy trang” after closure' : 'article captured before; 404 after closure'));
    seen.push({ c, slug, kind: k === 0 ? 'soft404' : 'notFound', version: null });
  }

  return captures;
}
