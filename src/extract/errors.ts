import { PortalArchiverError } from '../errors.js';

/** The page is not an article this extractor can read. The crawl records it and goes on. */
export class ExtractError extends PortalArchiverError {
  override readonly name = 'ExtractError';
  constructor(message: string, url: string, options?: { cause?: unknown }) {
    super(message, { url, policy: 'skip', cause: options?.cause });
  }
}
