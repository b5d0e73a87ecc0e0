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
