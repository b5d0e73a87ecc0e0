import { type ErrorPolicy, PortalArchiverError } from '../errors.js';

/** Statuses worth another try, each for its reason: the portals' old IIS servers shed load with these. */
export const RETRYABLE_STATUS: ReadonlyMap<number, string> = new Map([
  [408, 'request timeout'],
  [429, 'too many requests'],
  [500, 'server error'],
  [502, 'bad gateway'],
  [503, 'service unavailable'],
  [504, 'gateway timeout'],
]);

export class FetchError extends PortalArchiverError {
  override readonly name = 'FetchError';
  readonly status: number | undefined;
  /** How long the server asked us to wait (Retry-After), in milliseconds. */
  readonly retryAfterMs: number | undefined;
  constructor(
    message: string,
    options: { url: string; policy: ErrorPolicy; status?: number; retryAfterMs?: number; cause?: unknown },
  ) {
    super(message, options);
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }
}

export function statusError(url: string, status: number, retryAfterMs?: number | null): FetchError {
  const reason = RETRYABLE_STATUS.get(status);
  return new FetchError(`GET ${url}: HTTP ${status}${reason ? ` (${reason})` : ''}`, {
    url,
    status,
    policy: reason || status >= 500 ? 'retry' : 'skip',
    ...(retryAfterMs != null ? { retryAfterMs } : {}),
  });
}

/** Network-level failures (refused, reset, DNS, timeout) carry the system's code in their message. */
export function networkError(url: string, cause: unknown): FetchError {
  const err = cause as { code?: string; cause?: { code?: string }; name?: string; message?: string };
  const timeout = err?.name === 'TimeoutError' || err?.code === 'UND_ERR_HEADERS_TIMEOUT' || err?.code === 'UND_ERR_BODY_TIMEOUT';
  const code = timeout ? 'timeout' : (err?.code ?? err?.cause?.code);
  const text = code ?? err?.message ?? String(cause);
  return new FetchError(`GET ${url}: ${text}`, { url, policy: 'retry', cause });
}

/** Codes of a host that does not answer at all: no such name, nothing listening, no route, no reply in time. */
const UNREACHABLE = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/** Whether a fetch failed because the host did not answer (as opposed to answering with an error). */
export function isUnreachable(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; e && depth < 8; depth++) {
    if (e instanceof FetchError && e.status !== undefined) return false;
    const { code, name, cause } = e as { code?: unknown; name?: unknown; cause?: unknown };
    if (typeof code === 'string' && UNREACHABLE.has(code)) return true;
    if (name === 'TimeoutError' || name === 'ConnectTimeoutError') return true;
    e = cause;
  }
  return false;
}
