import { FetchError } from '../../fetch/errors.js';
import type { FetchResult } from '../../fetch/client.js';
import type { ArchiveEndpoints } from './endpoints.js';
import { archiveGet, type ArchiveHttpOptions, type ArchiveResponse } from './http.js';
import type { RateGate } from './politeness.js';

/**
 * What replaying one capture gives:
 * - `memento`: the archived response (any status) as a FetchResult whose `url`/`finalUrl` are the original URLs
 *   and whose provenance names the memento and its Memento-Datetime; `timestamp` is the capture served, which after
 *   a nearest-capture or archived redirect is not the one asked for;
 * - `redirect`: an archived redirect the caller chose not to follow (`target` is its original URL);
 * - `not-archived`: the archive has nothing there (its own 404, without Memento-Datetime).
 */
export type ReplayResult =
  | { kind: 'memento'; page: FetchResult; timestamp: string; original: string }
  | { kind: 'redirect'; target: string; timestamp: string; original: string }
  | { kind: 'not-archived' };

const MAX_HOPS = 8;

/** Archive headers that say nothing of the original response. */
const ARCHIVE_HEADERS = new Set([
  'memento-datetime',
  'link',
  'content-location',
  'vary',
  'x-archive-src',
  'x-app-server',
  'x-ts',
  'x-page-cache',
  'server-timing',
  'x-archive-redirect-reason',
  'x-archive-guessed-charset',
  'x-archive-guessed-content-type',
  'x-archive-wayback-runtime-error',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'date',
  'server',
  'cache-control',
]);

/**
 * The original response's headers as the archive reports them: `X-Archive-Orig-*` under their own names, the
 * archived Content-Type, and (pywb passes most headers through) whatever is not the archive's own.
 */
export function originalHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith('x-archive-orig-')) continue;
    if (!ARCHIVE_HEADERS.has(name)) out[name] = value;
  }
  for (const [name, value] of Object.entries(headers)) {
    const m = /^x-archive-orig-(.+)$/.exec(name);
    if (m && m[1] !== 'content-length' && m[1] !== 'transfer-encoding' && m[1] !== 'content-encoding') out[m[1]!] = value;
  }
  return out;
}

export interface ReplayOptions extends ArchiveHttpOptions {
  endpoints: ArchiveEndpoints;
  gate: RateGate;
}

/**
 * Replays raw (`id_`) captures, never the rewritten view (its banner and rewritten links must not reach a record).
 * Nearest-capture redirects (no Memento-Datetime) are followed; an archived redirect is followed inside the archive
 * when `follow(target)` says so. Charset is left to the page: `id_` passes the archived Content-Type, often without
 * one, and the decoder reads the page's own `<meta>` then.
 */
export async function replay(
  original: string,
  timestamp: string,
  opts: ReplayOptions,
  follow: (target: string) => boolean = () => true,
): Promise<ReplayResult> {
  const { endpoints } = opts;
  let url = opts.endpoints.memento(timestamp, original);
  const seen = new Set<string>();
  let attempts = 0;
  for (let hop = 0; hop <= MAX_HOPS; hop++) {
    if (seen.has(url)) throw new FetchError(`GET ${url}: circular redirects in the web archive`, { url, policy: 'skip' });
    seen.add(url);
    const r: ArchiveResponse = await archiveGet(url, opts.gate, opts, 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8');
    attempts += r.attempts;
    const location = r.headers['location'] ? new URL(r.headers['location'], url).href : null;
    const datetime = r.headers['memento-datetime'];
    if (datetime === undefined) {
      if (r.status >= 300 && r.status < 400 && location) {
        url = location;
        continue;
      }
      if (r.status === 404) return { kind: 'not-archived' };
      throw new FetchError(`GET ${url}: HTTP ${r.status} from the web archive`, { url, status: r.status, policy: 'skip' });
    }
    // pywb serves the nearest capture directly and names it in Content-Location.
    const servedUrl = r.headers['content-location'] ? new URL(r.headers['content-location'], url).href : url;
    const served = endpoints.parseMemento(servedUrl) ?? endpoints.parseMemento(url);
    if (!served) throw new FetchError(`GET ${url}: the web archive answered with a capture it does not name`, { url, policy: 'skip' });
    const capturedMs = Date.parse(datetime);
    if (Number.isNaN(capturedMs)) throw new FetchError(`GET ${url}: unreadable Memento-Datetime "${datetime}"`, { url, policy: 'skip' });
    if (r.status >= 300 && r.status < 400 && location) {
      const target = endpoints.parseMemento(location)?.original ?? location;
      // An http→https redirect leads back to itself: both spellings are one URL to the archive, and the redirect is
      // the capture nearest the time asked for. The target's own capture, if any, is listed on its own.
      if (!endpoints.parseMemento(location) || !follow(target) || seen.has(location)) {
        return { kind: 'redirect', target, timestamp: served.timestamp, original: served.original };
      }
      url = location;
      continue;
    }
    const page: FetchResult = {
      url: original,
      finalUrl: served.original,
      status: r.status,
      headers: originalHeaders(r.headers),
      requestHeaders: {},
      body: r.body,
      fetchedAt: new Date(opts.clock.now()).toISOString(),
      attempts,
      provenance: { archiveUrl: servedUrl, capturedAt: new Date(capturedMs).toISOString() },
    };
    return { kind: 'memento', page, timestamp: served.timestamp, original: served.original };
  }
  throw new FetchError(`GET ${url}: more than ${MAX_HOPS} redirects in the web archive`, { url, policy: 'skip' });
}
