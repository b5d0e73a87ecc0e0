import type { FetchResult } from '../../fetch/client.js';
import { FetchError } from '../../fetch/errors.js';
import type { PageSource } from '../index.js';
import { cdxRequestUrl, parseCdx, type CdxPage, type CdxQuery } from './cdx.js';
import { archiveEndpoints, type ArchiveEndpoints } from './endpoints.js';
import { ArchivedRedirectError, NotArchivedError } from './errors.js';
import { foldHost } from './fold.js';
import { archiveGet, type ArchiveHttpOptions } from './http.js';
import { RateGate } from './politeness.js';
import { replay, type ReplayResult } from './replay.js';

/** The retry policy's options (http.ts), and the archive and its rates. */
export interface ArchiveClientOptions extends ArchiveHttpOptions {
  /** `--archive`: a Wayback-compatible base or a pywb collection. */
  base: string;
  /** CDX (and TimeMap) requests per minute at most. */
  cdxPerMinute: number;
  /** Memento requests per second at most. */
  replaysPerSecond: number;
  /** Rows asked for per CDX page (Wayback; pywb answers in one piece). */
  cdxPageSize: number;
}

/**
 * One web archive, politely: CDX queries and replays each under their own rate (the archives count them apart), with
 * the retry policy of http.ts.
 */
export class ArchiveClient {
  readonly endpoints: ArchiveEndpoints;
  private readonly cdxGate: RateGate;
  private readonly replayGate: RateGate;
  private readonly http: ArchiveHttpOptions;

  constructor(readonly options: ArchiveClientOptions) {
    this.endpoints = archiveEndpoints(options.base);
    this.cdxGate = new RateGate(options.clock, options.cdxPerMinute, 60_000);
    this.replayGate = new RateGate(options.clock, options.replaysPerSecond, 1000);
    const { dispatcher, clock, userAgent, timeoutMs, retries, backoffMs, rateLimitWaitMs, signal, onRetry } = options;
    this.http = {
      dispatcher,
      clock,
      userAgent,
      timeoutMs,
      retries,
      backoffMs,
      rateLimitWaitMs,
      ...(signal ? { signal } : {}),
      ...(onRetry ? { onRetry } : {}),
    };
  }

  get base(): string {
    return this.endpoints.base;
  }

  /** One page of a CDX query. */
  async cdxPage(query: CdxQuery, resumeKey: string | null = null): Promise<CdxPage> {
    const url = cdxRequestUrl(this.endpoints, query, { limit: this.options.cdxPageSize, resumeKey });
    const r = await archiveGet(url, this.cdxGate, this.http, 'application/json, text/plain;q=0.9, */*;q=0.5');
    if (r.status !== 200) {
      const why = r.body.toString('utf8').trim().split('\n')[0]?.slice(0, 200) ?? '';
      throw new FetchError(`CDX query ${query.url}: HTTP ${r.status}${why ? ` (${why})` : ''}`, { url, status: r.status, policy: 'skip' });
    }
    try {
      return parseCdx(r.body.toString('utf8'));
    } catch (cause) {
      throw new FetchError(`CDX query ${query.url}: unreadable answer (${(cause as Error).message})`, { url, policy: 'skip', cause });
    }
  }

  replay(original: string, timestamp: string, follow?: (target: string) => boolean): Promise<ReplayResult> {
    return replay(original, timestamp, { ...this.http, endpoints: this.endpoints, gate: this.replayGate }, follow);
  }

  /**
   * The archive behind the source interface: the page at an original URL as captured at `request.at`, following
   * archived redirects that stay on the same site. A capture that is a redirect off the site, or that the archive
   * cannot replay, is an error saying so (policy `skip`).
   */
  source(): PageSource {
    return {
      kind: 'archive',
      fetch: async (url, request = {}) => {
        if (!request.at) throw new FetchError(`GET ${url}: a web archive needs the capture's timestamp`, { url, policy: 'abort' });
        const site = foldHost(new URL(url).host);
        const result = await this.replay(url, request.at, (target) => {
          try {
            return foldHost(new URL(target).host) === site;
          } catch {
            return false;
          }
        });
        if (result.kind === 'memento') return result.page;
        if (result.kind === 'redirect') throw new ArchivedRedirectError(url, result.target);
        throw new NotArchivedError(url, request.at);
      },
    };
  }

  /** The capture a page from `source()` was read from: its timestamp and original URL. */
  servedCapture(page: FetchResult): { timestamp: string; original: string } | null {
    const memento = page.provenance ? this.endpoints.parseMemento(page.provenance.archiveUrl) : null;
    return memento ? { timestamp: memento.timestamp, original: memento.original } : null;
  }
}
