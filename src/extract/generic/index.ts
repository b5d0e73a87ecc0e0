import { ExtractError } from '../errors.js';
import type { ExtractOptions } from '../article.js';
import type { ExtractedArticle } from '../record.js';

/**
 * Reads an article page that no portal profile claims, by structure and text density. Pure: no I/O, no clock.
 * Placeholder until the generic extractor lands: every page is refused as unreadable.
 */
export function extractGeneric(_html: string, url: string, _options: ExtractOptions = {}): ExtractedArticle {
  throw new ExtractError('no portal profile claims this page and the generic extractor is not available', url);
}
