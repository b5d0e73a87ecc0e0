import { contentHash } from '../crawl/hash.js';
import type { ArticleRecord, ExtractedArticle } from '../extract/record.js';
import type { FetchResult } from '../fetch/client.js';

/**
 * The archived record of an extracted page, whichever source the page came from. A live page was fetched and
 * captured at its fetch time; a web archive's capture was made at its Memento-Datetime, which is both when this
 * content was captured and the latest time it was seen, and names the memento it was read from.
 */
export function recordOf(extracted: ExtractedArticle, page: FetchResult): ArticleRecord {
  const archived = page.provenance;
  const at = archived ? archived.capturedAt : page.fetchedAt;
  return {
    ...extracted,
    images: extracted.images.map((i) => ({ ...i, sha256: null, size: null })),
    source: archived ? 'archive' : 'live',
    archive_url: archived ? archived.archiveUrl : null,
    fetched_at: at,
    captured_at: at,
    content_sha256: contentHash(extracted),
  };
}
