import { gunzipSync } from 'node:zlib';
import { type Dispatcher, request } from 'undici';
import type { Clock } from '../../fetch/clock.js';
import { FetchError, networkError } from '../../fetch/errors.js';
import { retryAfterMs } from '../../fetch/retry-after.js';
import { BlockedError } from './errors.js';
import type { RateGate } from './politeness.js';

export interface ArchiveHttpOptions {
  dispatcher: Dispatcher;
  clock: Clock;
  userAgent: string;
  timeoutMs: number;
  /** Further tries after a 429, a 5xx, a network error or a truncated body. */
  retries: number;
  /** First wait before retrying a 5xx or a network error; doubled each time. */
  backoffMs: number;
  /** How long a 429 without Retry-After holds back every request of its kind. */
  rateLimitWaitMs: number;
  signal?: AbortSignal;
  onRetry?: (url: string, attempt: number, waitMs: number, reason: string) => void;
}

export interface ArchiveResponse {
  url: string;
  status: number;
  /** Names lower-cased; a repeated header joined with `, `. */
  headers: Record<string, string>;
  body: Buffer;
  attempts: number;
}

/** Statuses EDGI's client retries: the archive's own trouble, not the capture's. */
const RETRY = new Set([408, 413, 421, 500, 502, 503, 504, 599]);
const MAX_BYTES = 64 * 1024 * 1024;

function flat(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value !== undefined) out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

interface Once {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

async function once(url: string, opts: ArchiveHttpOptions, accept: string): Promise<Once> {
  const signal = opts.signal
    ? AbortSignal.any([opts.signal, AbortSignal.timeout(opts.timeoutMs)])
    : AbortSignal.timeout(opts.timeoutMs);
  let response: Dispatcher.ResponseData;
  const chunks: Buffer[] = [];
  try {
    response = await request(url, {
      dispatcher: opts.dispatcher,
      method: 'GET',
      headers: { 'user-agent': opts.userAgent, accept, 'accept-encoding': 'gzip' },
      signal,
    });
    let size = 0;
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size > MAX_BYTES) {
        response.body.destroy();
        throw new FetchError(`GET ${url}: answer larger than ${MAX_BYTES} bytes`, { url, policy: 'skip' });
      }
      chunks.push(chunk as Buffer);
    }
  } catch (cause) {
    if (cause instanceof FetchError) throw cause;
    if (opts.signal?.aborted) throw new FetchError(`GET ${url}: interrupted`, { url, policy: 'abort', cause });
    throw networkError(url, cause);
  }
  const headers = flat(response.headers);
  let body = Buffer.concat(chunks);
  const declared = headers['content-length'];
  if (declared !== undefined && /^\d+$/.test(declared) && Number(declared) !== body.length) {
    throw new FetchError(`GET ${url}: truncated answer (${body.length} of ${declared} bytes)`, { url, policy: 'retry' });
  }
  // Wayback may repeat Content-Encoding with an empty value beside `gzip`: decompress whenever gzip is named and the
  // bytes are gzip, so the capture is its original bytes.
  if (/\bgzip\b/i.test(headers['content-encoding'] ?? '') && body[0] === 0x1f && body[1] === 0x8b) {
    try {
      body = gunzipSync(body);
    } catch (cause) {
      throw new FetchError(`GET ${url}: damaged gzip answer`, { url, policy: 'retry', cause });
    }
    delete headers['content-encoding'];
    delete headers['content-length'];
  }
  return { status: response.statusCode, headers, body };
}

/**
 * One GET to a web archive, taking its turn at `gate` for every try. A response that carries Memento-Datetime is
 * content (an archived 503 is a capture of a 503), returned whatever its status. Otherwise a 429 holds back every
 * request of its kind for Retry-After, or `rateLimitWaitMs` when the archive does not say; 5xx, network errors and
 * truncated answers are retried with exponential backoff; a 403 naming an access-control exception is the archive
 * refusing the site (BlockedError). Other answers (3xx, 404, ...) go back to the caller.
 */
export async function archiveGet(url: string, gate: RateGate, opts: ArchiveHttpOptions, accept = '*/*'): Promise<ArchiveResponse> {
  for (let attempt = 1; ; attempt++) {
    let wait: number;
    let error: FetchError;
    await gate.take(opts.signal);
    if (opts.signal?.aborted) throw new FetchError(`GET ${url}: interrupted`, { url, policy: 'abort' });
    try {
      const r = await once(url, opts, accept);
      if (r.headers['memento-datetime'] !== undefined) return { url, ...r, attempts: attempt };
      if (r.status === 403 && blockedReason(r) !== null) throw new BlockedError(url, blockedReason(r)!);
      if (r.status === 429) {
        wait = retryAfterMs(r.headers['retry-after'], opts.clock.now()) ?? opts.rateLimitWaitMs;
        gate.pause(wait);
        error = new FetchError(`GET ${url}: HTTP 429 (too many requests)`, { url, status: 429, policy: 'retry' });
      } else if (RETRY.has(r.status)) {
        wait = opts.backoffMs * 2 ** (attempt - 1);
        error = new FetchError(`GET ${url}: HTTP ${r.status}`, { url, status: r.status, policy: 'retry' });
      } else {
        return { url, ...r, attempts: attempt };
      }
    } catch (err) {
      if (!(err instanceof FetchError) || err.policy !== 'retry') throw err;
      error = err;
      wait = opts.backoffMs * 2 ** (attempt - 1);
    }
    if (opts.signal?.aborted) throw new FetchError(`GET ${url}: interrupted`, { url, policy: 'abort' });
    if (attempt > opts.retries) {
      throw new FetchError(`${error.message} (after ${attempt} attempt${attempt === 1 ? '' : 's'})`, {
        url,
        policy: 'skip',
        ...(error.status !== undefined ? { status: error.status } : {}),
        cause: error,
      });
    }
    opts.onRetry?.(url, attempt, wait, error.message.replace(/^GET \S+: /, ''));
    await opts.clock.sleep(wait, opts.signal);
  }
}

/** Why the archive refuses a site, from its runtime-error header or its block page; null when it does not say. */
function blockedReason(r: Once): string | null {
  for (const text of [r.headers['x-archive-wayback-runtime-error'] ?? '', r.body.subarray(0, 4096).toString('utf8')]) {
    const m = /(\w+AccessControlException)(?::[ \t]*([^\n<]+))?/.exec(text);
    if (m) return m[2]?.trim() || m[1]!;
    if (/Blocked Site Error|has been excluded from the Wayback Machine/i.test(text)) return 'Blocked Site Error';
  }
  return null;
}
