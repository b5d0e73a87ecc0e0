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

/** The web archive holds nothing to replay for the URL at that time (its own 404, without Memento-Datetime). */
export class NotArchivedError extends PortalArchiverError {
  override readonly name = 'NotArchivedError';
  constructor(url: string, at: string) {
    super(`${url} at ${at}: not in the web archive`, { policy: 'skip', url });
  }
}

/** The capture is an archived redirect that leaves the site (a portal sending its visitors to the province's). */
export class ArchivedRedirectError extends PortalArchiverError {
  override readonly name = 'ArchivedRedirectError';
  constructor(
    url: string,
    readonly target: string,
  ) {
    super(`${url}: an archived redirect to ${target}`, { policy: 'skip', url });
  }
}
