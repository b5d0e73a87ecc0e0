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
  constructor(message: string, options: { url: string; policy: ErrorPolicy; status?: number; cause?: unknown }) {
    super(message, options);
    this.status = options.status;
  }
}

export function statusError(url: string, status: number): FetchError {
  const reason = RETRYABLE_STATUS.get(status);
  return new FetchError(`GET ${url}: HTTP ${status}${reason ? ` (${reason})` : ''}`, {
    url,
    status,
    policy: reason || status >= 500 ? 'retry' : 'skip',
  });
}

/** Network-level failures (refused, reset, DNS, timeout) carry the system's code in their message. */
export function networkError(url: string, cause: unknown): FetchError {
  const err = cause as { code?: string; cause?: { code?: string }; name?: string; message?: string };
  const code = err?.code ?? err?.cause?.code ?? (err?.name === 'TimeoutError' ? 'timeout' : undefined);
  const text = code ?? err?.message ?? String(cause);
  return new FetchError(`GET ${url}: ${text}`, { url, policy: 'retry', cause });
}
