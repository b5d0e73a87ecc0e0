import type { FetchRequest, FetchResult } from '../fetch/client.js';

/**
 * Where pages come from. The live web (the portal itself) and a web archive (its captures of the portal) answer
 * the same question, "the page at this original URL", with the same FetchResult; an archive's answer also carries
 * its provenance (the memento and its capture time). Extraction, storage and export read only the FetchResult, so
 * they do not care which source a page came from.
 */
export interface SourceRequest extends FetchRequest {
  /** For a web archive: the capture's 14-digit timestamp (UTC). A live source ignores it. */
  at?: string;
}

export interface PageSource {
  readonly kind: 'live' | 'archive';
  /** The page at an original URL; for an archive, as captured at `request.at`. */
  fetch(url: string, request?: SourceRequest): Promise<FetchResult>;
}

export { liveSource } from './live.js';
export { recordOf } from './record.js';
