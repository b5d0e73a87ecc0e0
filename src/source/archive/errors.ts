import { PortalArchiverError } from '../../errors.js';

/**
 * The web archive refuses to serve a site at all (the Internet Archive's "Blocked Site Error", a robots exclusion):
 * nothing of that site can be recovered from it, whatever is retried.
 */
export class BlockedError extends PortalArchiverError {
  override readonly name = 'BlockedError';
  constructor(
    url: string,
    readonly reason: string,
  ) {
    super(`the web archive refuses to serve this site (${reason})`, { policy: 'abort', url });
  }
}
