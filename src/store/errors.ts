import { PortalArchiverError } from '../errors.js';

/**
 * An error meant for the person running the CLI: the message is one line that says what is wrong
 * and with which file, so the CLI can print it without a stack trace. Nothing can go on without the archive.
 */
export class ArchiveError extends PortalArchiverError {
  override readonly name = 'ArchiveError';
  readonly path?: string;

  constructor(message: string, options?: { cause?: unknown; path?: string }) {
    super(message, { policy: 'abort', cause: options?.cause });
    if (options?.path !== undefined) this.path = options.path;
  }
}
