import { type Dispatcher, request } from 'undici';
import type { Clock } from './clock.js';
import { decodeContent } from './content-encoding.js';
import { FetchError, networkError, statusError } from './errors.js';
import type { HostGate } from './politeness.js';
import { retryAfterMs } from './retry-after.js';

export interface FetchResult {
  /** The URL asked for. */
  url: string;
  /** Where the body came from, after redirects. */
  finalUrl: string;
  /** 304 when a conditional request found the stored copy current (the body is then empty). */
  status: number;
  /**
   * As received, except for a body sent with a Content-Encoding: the body is then the decoded bytes, and
   * `content-encoding` and `content-length` (which describe the encoded bytes) are left out.
   */
  headers: Record<string, string>;
  /** The request as sent, for WARC request records. */
  requestHeaders: Record<string, string>;
  body: Buffer;
  /** ISO 8601, UTC. */
  fetchedAt: string;
  attempts: number;
  /**
   * Set when the page is a web archive's capture rather than the site's own answer (`url` and `finalUrl` are then
   * the page's original URLs): the memento it was read from and when the archive captured it.
   */
  provenance?: PageProvenance;
}

export interface PageProvenance {
  /** The memento's URL at the web archive (its URI-M). */
  archiveUrl: string;
  /** The capture's Memento-Datetime, ISO 8601 UTC. */
  capturedAt: string;
}

/** What a caller expects back: pages must be HTML, images must be images, robots.txt is taken as it comes. */
export type Expect = 'html' | 'image' | 'any';

export interface FetchRequest {
  expect?: Expect;
  /** Validators of the stored copy, for a conditional GET. */
  etag?: string | null;
  lastModified?: string | null;
}

export interface FetcherOptions {
  dispatcher: Dispatcher;
  gate: HostGate;
  clock: Clock;
  userAgent: string;
  timeoutMs: number;
  retries: number;
  maxBytes: number;
  /** A Retry-After longer than this gives up on the URL for this run instead of stalling the crawl. */
  maxRetryAfterMs?: number;
  signal?: AbortSignal;
  /** Called before each retry, for logs. */
  onRetry?: (url: string, attempt: number, waitMs: number, error: FetchError) => void;
}

export type Fetcher = (url: string, request?: FetchRequest) => Promise<FetchResult>;

const MAX_REDIRECTS = 5;
const CONTENT_TYPES: Record<Exclude<Expect, 'any'>, RegExp> = {
  html: /^(text\/html|application\/xhtml\+xml|text\/plain)\b/i,
  image: /^image\//i,
};

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value !== undefined) out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

async function readBody(body: Dispatcher.ResponseData['body'], url: string, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      body.destroy();
      throw new FetchError(`GET ${url}: body larger than ${maxBytes} bytes`, { url, policy: 'skip' });
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function requestHeaders(opts: FetcherOptions, req: FetchRequest): Record<string, string> {
  const accept = req.expect === 'image' ? 'image/*;q=0.9,*/*;q=0.5' : 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8';
  const headers: Record<string, string> = { 'user-agent': opts.userAgent, accept };
  if (req.etag) headers['if-none-match'] = req.etag;
  if (req.lastModified) headers['if-modified-since'] = req.lastModified;
  return headers;
}

/**
 * The abort signals of a fetcher's requests: each request's own controller, aborted by its timeout or, through the
 * one listener this keeps on the crawl's signal, by a stop. A timer cleared when the request is done, rather than
 * `AbortSignal.timeout`, whose timer and signal live out the whole timeout however fast the answer came (thousands
 * at a time in a fast crawl); one listener on the crawl's signal, not one per request in flight.
 */
class RequestSignals {
  private readonly active = new Set<AbortController>();

  constructor(private readonly parent: AbortSignal | undefined) {
    parent?.addEventListener(
      'abort',
      () => {
        for (const controller of this.active) controller.abort(parent.reason);
      },
      { once: true },
    );
  }

  open(timeoutMs: number): { signal: AbortSignal; done: () => void } {
    const controller = new AbortController();
    if (this.parent?.aborted) controller.abort(this.parent.reason);
    const timer = setTimeout(
      () => controller.abort(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError')),
      timeoutMs,
    );
    this.active.add(controller);
    return {
      signal: controller.signal,
      done: () => {
        clearTimeout(timer);
        this.active.delete(controller);
      },
    };
  }
}

/**
 * One GET, following redirects, each hop waiting its turn at the host gate. A redirect back to a URL of the same
 * chain is a loop and fails at once, as does a chain longer than MAX_REDIRECTS.
 */
async function getOnce(
  url: string,
  req: FetchRequest,
  opts: FetcherOptions,
  signals: RequestSignals,
): Promise<Omit<FetchResult, 'attempts'>> {
  let current = url;
  const chain = [url];
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const host = new URL(current).host;
    await opts.gate.wait(host, opts.signal);
    if (opts.signal?.aborted) throw new FetchError(`GET ${current}: interrupted`, { url: current, policy: 'abort' });
    const { signal, done } = signals.open(opts.timeoutMs);
    const sent = requestHeaders(opts, hop === 0 ? req : { expect: req.expect });
    let response: Dispatcher.ResponseData;
    let body: Buffer;
    try {
      response = await request(current, { dispatcher: opts.dispatcher, method: 'GET', headers: sent, signal });
      const location = response.headers['location'];
      if (response.statusCode >= 300 && response.statusCode < 400 && response.statusCode !== 304 && location) {
        await response.body.dump();
        const next = new URL(String(location), current).href;
        if (chain.includes(next)) {
          throw new FetchError(`GET ${url}: redirect loop (${[...chain, next].join(' -> ')})`, { url, policy: 'skip' });
        }
        chain.push(next);
        current = next;
        continue;
      }
      body = await readBody(response.body, current, opts.maxBytes);
    } catch (cause) {
      if (cause instanceof FetchError) throw cause;
      if (opts.signal?.aborted) throw new FetchError(`GET ${current}: interrupted`, { url: current, policy: 'abort', cause });
      throw networkError(current, cause);
    } finally {
      done();
    }
    let headers = flatHeaders(response.headers);
    if (response.statusCode >= 400) {
      throw statusError(current, response.statusCode, retryAfterMs(headers['retry-after'], opts.clock.now()));
    }
    const declared = headers['content-length'];
    if (declared !== undefined && /^\d+$/.test(declared) && Number(declared) !== body.length) {
      throw new FetchError(`GET ${current}: truncated body (${body.length} of ${declared} bytes)`, {
        url: current,
        policy: 'retry',
      });
    }
    const decoded = await decodeContent(body, headers['content-encoding'], current, opts.maxBytes);
    if (decoded) {
      body = decoded;
      const { 'content-encoding': _encoding, 'content-length': _length, ...rest } = headers;
      headers = rest;
    }
    const type = headers['content-type'];
    const wanted = req.expect && req.expect !== 'any' ? CONTENT_TYPES[req.expect] : null;
    if (wanted && response.statusCode !== 304 && type && !wanted.test(type)) {
      throw new FetchError(`GET ${current}: unexpected content type ${type.split(';')[0]}`, { url: current, policy: 'skip' });
    }
    return {
      url,
      finalUrl: current,
      status: response.statusCode,
      headers,
      requestHeaders: sent,
      body,
      fetchedAt: new Date(opts.clock.now()).toISOString(),
    };
  }
  throw new FetchError(`GET ${url}: more than ${MAX_REDIRECTS} redirects`, { url, policy: 'skip' });
}

/**
 * A fetcher that retries what is transient (network errors, timeouts, truncated bodies, 408, 429, 5xx) with
 * exponential backoff and full jitter, and honours `Retry-After` for the whole host. What is final (other 4xx, a
 * wrong content type, an oversized body) fails at once.
 */
export function createFetcher(opts: FetcherOptions): Fetcher {
  const maxRetryAfter = opts.maxRetryAfterMs ?? 10 * 60_000;
  const signals = new RequestSignals(opts.signal);
  return async (url, req = {}) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return { ...(await getOnce(url, req, opts, signals)), attempts: attempt };
      } catch (err) {
        if (!(err instanceof FetchError) || err.policy !== 'retry' || opts.signal?.aborted) throw err;
        if (attempt > opts.retries) throw withAttempts(err, attempt);
        const asked = err.retryAfterMs;
        if (asked !== undefined && asked > maxRetryAfter) throw withAttempts(err, attempt);
        const backoff = Math.random() * Math.min(30_000, 500 * 2 ** (attempt - 1));
        const wait = Math.max(asked ?? 0, backoff);
        if (asked !== undefined) opts.gate.defer(new URL(url).host, asked);
        opts.onRetry?.(url, attempt, wait, err);
        await opts.clock.sleep(wait, opts.signal);
      }
    }
  };
}

function withAttempts(err: FetchError, attempts: number): FetchError {
  return new FetchError(`${err.message} (after ${attempts} attempt${attempts === 1 ? '' : 's'})`, {
    url: err.url ?? '',
    policy: 'skip',
    ...(err.status !== undefined ? { status: err.status } : {}),
    cause: err,
  });
}
