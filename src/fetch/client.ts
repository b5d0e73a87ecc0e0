import { type Dispatcher, request } from 'undici';
import type { Clock } from './clock.js';
import { FetchError, networkError, statusError } from './errors.js';
import type { HostGate } from './politeness.js';

export interface FetchResult {
  /** The URL asked for. */
  url: string;
  /** Where the body came from, after redirects. */
  finalUrl: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** ISO 8601, UTC. */
  fetchedAt: string;
  attempts: number;
}

export interface FetcherOptions {
  dispatcher: Dispatcher;
  gate: HostGate;
  clock: Clock;
  userAgent: string;
  timeoutMs: number;
  retries: number;
  maxBytes: number;
  signal?: AbortSignal;
}

export type Fetcher = (url: string) => Promise<FetchResult>;

const MAX_REDIRECTS = 5;

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

/** One GET, following redirects, each hop waiting its turn at the host gate. */
async function getOnce(url: string, opts: FetcherOptions): Promise<Omit<FetchResult, 'attempts'>> {
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const host = new URL(current).host;
    await opts.gate.wait(host, opts.signal);
    if (opts.signal?.aborted) throw new FetchError(`GET ${current}: aborted`, { url: current, policy: 'abort' });
    const signal = opts.signal
      ? AbortSignal.any([opts.signal, AbortSignal.timeout(opts.timeoutMs)])
      : AbortSignal.timeout(opts.timeoutMs);
    let response: Dispatcher.ResponseData;
    try {
      response = await request(current, {
        dispatcher: opts.dispatcher,
        method: 'GET',
        headers: { 'user-agent': opts.userAgent, accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8' },
        signal,
      });
    } catch (cause) {
      throw networkError(current, cause);
    }
    const headers = flatHeaders(response.headers);
    const location = headers['location'];
    if (response.statusCode >= 300 && response.statusCode < 400 && location) {
      await response.body.dump();
      current = new URL(location, current).href;
      continue;
    }
    let body: Buffer;
    try {
      body = await readBody(response.body, current, opts.maxBytes);
    } catch (cause) {
      throw cause instanceof FetchError ? cause : networkError(current, cause);
    }
    if (response.statusCode >= 400) throw statusError(current, response.statusCode);
    const expected = Number(headers['content-length']);
    if (Number.isFinite(expected) && headers['content-length'] !== undefined && expected !== body.length) {
      throw new FetchError(`GET ${current}: truncated body (${body.length} of ${expected} bytes)`, {
        url: current,
        policy: 'retry',
      });
    }
    return {
      url,
      finalUrl: current,
      status: response.statusCode,
      headers,
      body,
      fetchedAt: new Date(opts.clock.now()).toISOString(),
    };
  }
  throw new FetchError(`GET ${url}: more than ${MAX_REDIRECTS} redirects`, { url, policy: 'skip' });
}

/**
 * A fetcher with retries for transient failures: exponential backoff with full jitter, as the portals' servers
 * fall over under load and come back.
 */
export function createFetcher(opts: FetcherOptions): Fetcher {
  return async (url) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return { ...(await getOnce(url, opts)), attempts: attempt };
      } catch (err) {
        const retry = err instanceof FetchError && err.policy === 'retry' && attempt <= opts.retries;
        if (!retry || opts.signal?.aborted) throw err;
        const backoff = Math.min(30_000, 500 * 2 ** (attempt - 1));
        await opts.clock.sleep(Math.random() * backoff, opts.signal);
      }
    }
  };
}
