/**
 * One way to fail per layer: a typed error that says what the caller should do about it.
 * - `retry`: transient (network, 5xx, 429); try again later.
 * - `skip`: this URL cannot be archived (404, not an article); record it and go on.
 * - `abort`: nothing sensible can continue (bad input, unusable database).
 */
export type ErrorPolicy = 'retry' | 'skip' | 'abort';

export class PortalArchiverError extends Error {
  override readonly name: string = 'PortalArchiverError';
  readonly policy: ErrorPolicy;
  readonly url: string | undefined;

  constructor(message: string, options: { policy: ErrorPolicy; url?: string; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.policy = options.policy;
    this.url = options.url;
  }
}

/** Bad command-line input: the user can fix it. Exit code 1. */
export class UsageError extends PortalArchiverError {
  override readonly name = 'UsageError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { policy: 'abort', cause: options?.cause });
  }
}
