/**
 * Captures of one portal over its crawl days, and the truth about them. Each normal day renders the portal as it
 * stood then (articles published by then, in the version of that day) with the replica's own handler, and
 * captures the home page, listing pages, some category pages and articles under the spellings crawlers used.
 * The pitfalls are placed on top: revisits, duplicate lines, `:80`/https/`www.` spellings, a same-second http and
 * https pair, an archived http→https redirect, dropped charsets (one page in windows-1258), a soft-404, and on the
 * day after closure redirects to the province portal, a soft-404 and a 404 for articles captured before.
 */
import { createHandler, type SiteHandler } from '../handler.js';
import { parseRoute } from '../routes.js';
import type { Article, Site } from '../site.js';
import { articleUrl, categoryUrl, listingUrl } from '../urls.js';
import { payloadOf, type Capture } from './capture.js';
import { encodeWindows1258 } from './charset.js';
import { closureCaptures } from './closure.js';
import { makeCapture, makeRevisit, type Response, type Warc } from './make.js';
import { movedBody, softNotFoundPage } from './pages.js';
import { portalTruth, type Edit, type Seen } from './portal-truth.js';
import type { Draw } from './random.js';
import { msOf, tsOf } from './timestamp.js';
import { canonicalPath, type CaptureKind, type Pitfalls, type PortalTruth } from './truth.js';
import { versionsOf } from './versions.js';

const newestFirst = (a: Article, b: Article) => (a.published !== b.published ? (a.published < b.published ? 1 : -1) : a.slug < b.slug ? -1 : 1);

export function buildPortal(site: Site, host: string, days: string[], d: Draw, pitfalls: Pitfalls): { captures: Capture[]; truth: PortalTruth } {
  const normal = days.slice(0, -1);
  const closure = days.at(-1)!;
  const live = (a: Article, i: number) => Date.parse(a.published) < msOf(normal[i]!);
  const firstLive = (a: Article) => normal.findIndex((_, i) => live(a, i));
  const captures: Capture[] = [];
  const seen: Seen[] = [];
  const lastPage = new Map<string, Seen>();
  const spell = (scheme: string, www: boolean, port: boolean, path: string) => `${scheme}://${www ? 'www.' : ''}${host}${port ? ':80' : ''}${path}`;
  const ref = (c: Capture, note: string) => ({ original: c.original, timestamp: c.timestamp, note });

  // Edited articles: about one in five that are live before the second-last normal day; one has three versions.
  const edits = new Map<string, Edit>();
  const n = normal.length;
  const eligible = site.articles.filter((a) => firstLive(a) >= 0 && firstLive(a) <= n - 2);
  for (const [k, a] of eligible.entries()) {
    if (k > 0 && d.pick() >= 0.2) continue;
    const start = firstLive(a);
    const three = k === 0 && start <= n - 3;
    if (three) {
      const k1 = d.int(start, n - 3);
      const k2 = d.int(k1 + 1, n - 2);
      edits.set(a.slug, { versions: versionsOf(a, 3), from: [start, k1 + 1, k2 + 1] });
    } else {
      edits.set(a.slug, { versions: versionsOf(a, 2), from: [start, d.int(start, n - 2) + 1] });
    }
  }
  const versionAt = (a: Article, i: number): number => {
    const e = edits.get(a.slug);
    if (!e) return 0;
    let v = 0;
    for (let k = 0; k < e.from.length; k++) if (e.from[k]! <= i) v = k;
    return v;
  };
  const articleAt = (a: Article, i: number) => edits.get(a.slug)?.versions[versionAt(a, i)] ?? a;
  const lastDayOf = (a: Article, v: number) => {
    const e = edits.get(a.slug);
    return e && v < e.from.length - 1 ? e.from[v + 1]! - 1 : n - 1;
  };

  // One article the listings print but the crawler never fetched.
  const lastState = site.articles.filter((a) => live(a, n - 1)).sort(newestFirst);
  const linkedOnly = lastState.find((a, i) => i >= 1 && !edits.has(a.slug));
  if (linkedOnly) pitfalls.linkedOnly.push(`http://${host}${canonicalPath(site, linkedOnly.slug)}`);

  let sameSecondDone = false;
  let redirectDone = false;
  let win1258Done = false;
  let revisits = 0;

  for (let i = 0; i < n; i++) {
    const day = normal[i]!;
    const articles = site.articles.filter((a) => live(a, i)).map((a) => articleAt(a, i));
    const state: Site = { ...site, articles };
    const handler: SiteHandler = createHandler(state);
    const warc: Warc = { file: `replica-crawl-${day.slice(0, 8)}/REPLICA-${site.id.toUpperCase()}-${day}-00000.warc.gz`, offset: 0 };
    let clock = msOf(day);
    const tick = () => tsOf((clock += d.int(2, 25) * 1000));
    const render = (path: string): Response => {
      const r = handler.respond(parseRoute(state, path), path);
      return { status: r.status, contentType: r.contentType, body: r.body };
    };
    const add = (c: Capture, dup = d.pick() < 0.05) => {
      captures.push(c);
      if (dup) {
        captures.push(c);
        pitfalls.duplicates.push(ref(c, 'identical CDX line twice'));
      }
      return c;
    };
    /** Most pages are archived with the charset IIS sent; some crawls kept only `text/html`. */
    const page = (original: string, ts: string, r: Response) => {
      if (/charset=utf-8/i.test(r.contentType) && d.pick() < 0.15) {
        const c = add(makeCapture(original, ts, { ...r, contentType: 'text/html' }, warc));
        pitfalls.charsetDropped.push(ref(c, 'utf-8, named only by the page’s meta'));
        return c;
      }
      return add(makeCapture(original, ts, r, warc));
    };

    page(spell('http', false, i === 0, '/'), tick(), render('/'));
    const pages = Math.max(1, Math.ceil(articles.length / site.pageSize));
    const listed = i % 2 === 0 || i === n - 1 ? pages : Math.min(2, pages);
    for (let p = 1; p <= listed; p++) {
      const path = p === 1 && i === 1 ? `/${site.listingKey}/` : listingUrl(site, p);
      page(spell('http', false, false, path), tick(), render(path));
    }
    for (const cat of site.categories) if (d.pick() < 0.35) page(spell('http', false, false, categoryUrl(site, cat.key, 1)), tick(), render(categoryUrl(site, cat.key, 1)));

    // Articles, newest first as a crawler following the listing would reach them.
    const newest = [...articles].sort(newestFirst);
    for (const [k, a] of newest.entries()) {
      if (a.slug === linkedOnly?.slug) continue;
      const final = site.articles.find((x) => x.slug === a.slug)!;
      const v = versionAt(final, i);
      const versionSeen = seen.some((s) => s.slug === a.slug && s.version === v);
      const forced = !versionSeen && lastDayOf(final, v) === i;
      if (!forced && d.pick() >= (seen.some((s) => s.slug === a.slug) ? 0.3 : 0.75)) continue;
      const path = articleUrl(state, a, Math.floor(k / site.pageSize) + 1, 'listing');
      const r = d.pick();
      const variant = r < 0.55 ? ['http', false, false] : r < 0.65 ? ['http', false, true] : r < 0.8 ? ['https', false, false] : r < 0.92 ? ['http', true, false] : ['https', true, false];
      let original = spell(variant[0] as string, variant[1] as boolean, variant[2] as boolean, path);
      const track = (c: Capture, kind: CaptureKind) => {
        const s: Seen = { c, slug: a.slug, kind, version: kind === 'page' || kind === 'revisit' ? v : null };
        seen.push(s);
        if (kind === 'page' || kind === 'revisit') lastPage.set(c.urlkey, s);
        if (!original.startsWith(spell('http', false, false, '/'))) pitfalls.variants.push(ref(c, 'spelled with :80, https or www.'));
      };
      // A crawler that comes back to a URL it knows finds the same bytes: a revisit. At least one per portal.
      const known = [...lastPage.values()].filter((s) => s.slug === a.slug && s.version === v);
      const prior = known.at(-1);
      if (prior && (d.pick() < 0.4 || (revisits === 0 && i === n - 1))) {
        original = prior.c.original;
        const c = add(makeRevisit(original, tick(), prior.c, warc));
        pitfalls.revisits.push(ref(c, `revisit of ${payloadOf(prior.c).timestamp}`));
        revisits++;
        track(c, 'revisit');
        continue;
      }
      let ts = tick();
      if (!redirectDone && i === n - 1) {
        // The portal moved to https: the http URL answered 301, the crawler followed two seconds later.
        redirectDone = true;
        const from = spell('http', false, false, path);
        const to = spell('https', false, false, path);
        const c = add(makeCapture(from, ts, { status: 301, contentType: 'text/html; charset=utf-8', body: movedBody(to), location: to }, warc), false);
        pitfalls.redirects.push(ref(c, `301 to ${to}`));
        original = from;
        track(c, 'redirect');
        original = to;
        ts = tsOf(msOf(ts) + 2000);
      }
      let response = render(path);
      if (!win1258Done && i === Math.min(1, n - 1)) {
        win1258Done = true;
        const html = response.body.toString('utf8').replace(/charset=utf-8/i, 'charset=windows-1258');
        response = { ...response, contentType: 'text/html', body: encodeWindows1258(html) };
        const c = add(makeCapture(original, ts, response, warc), false);
        pitfalls.charsetDropped.push(ref(c, 'windows-1258, named only by the page’s meta'));
        track(c, 'page');
        continue;
      }
      const c = page(original, ts, response);
      track(c, 'page');
      if (!sameSecondDone && i === Math.floor(n / 2)) {
        sameSecondDone = true;
        const other = original.startsWith('https:') ? original.replace(/^https:/, 'http:') : original.replace(/^http:/, 'https:');
        const twin = add(makeCapture(other, c.timestamp, response, warc), false);
        pitfalls.sameSecond.push(ref(c, 'same urlkey and second as the next line'), ref(twin, 'same urlkey and second as the line before'));
        const keep = original;
        original = other;
        track(twin, 'page');
        original = keep;
      }
    }
    // A URL nobody published: the portal answered 200 with its "page not found" text.
    if (i === n - 1) {
      const path = articleUrl(state, { ...site.articles[0]!, slug: `Trang-khong-ton-tai-${d.int(100, 999)}` }, 1);
      const c = add(makeCapture(spell('http', false, false, path), tick(), { status: 200, contentType: 'text/html; charset=utf-8', body: softNotFoundPage(site) }, warc), false);
      pitfalls.soft404.push(ref(c, 'never an article: 200 with “Không tìm thấy trang”'));
    }
  }

  captures.push(...closureCaptures(site, host, closure, d, seen, edits, pitfalls));

  for (const [slug, e] of edits) pitfalls.edited.push({ url: `http://${host}${canonicalPath(site, slug)}`, versions: e.versions.length });
  return { captures, truth: portalTruth(site, host, days, seen, edits) };
}
