import { contentHash } from '../crawl/hash.js';
import type { ExtractedArticle } from '../extract/record.js';
import { type ExportedRecord, orderedRecord } from './fields.js';

/**
 * The record of a page read outside the archive (`extract`, `probe`), in exactly the shape `export` writes: no image
 * file stored, the page taken as the portal served it, captured and fetched at `at`.
 */
export function standaloneRecord(extracted: ExtractedArticle, at: string): ExportedRecord {
  return orderedRecord({
    ...extracted,
    images: extracted.images.map((i) => ({ ...i, sha256: null, size: null })),
    source: 'live',
    archive_url: null,
    fetched_at: at,
    captured_at: at,
    content_sha256: contentHash(extracted),
  });
}
