import { createHash } from 'node:crypto';
import { CONTENT_FIELDS, type ExtractedArticle, type ImageRecord } from '../extract/record.js';

/**
 * SHA-256 of the normalised record's content fields in a fixed order, so the same content always hashes the same and
 * a re-crawl can tell an unchanged article from an edited one. Neither the fetch time nor the related block is
 * content (the block is a paged view of the whole category that shifts whenever anything new is published), nor is
 * what is known of a downloaded image file: only its URL, alt and caption are.
 */
export function contentHash(record: Pick<ExtractedArticle, (typeof CONTENT_FIELDS)[number]>): string {
  const content = Object.fromEntries(
    CONTENT_FIELDS.map((field) => [
      field,
      field === 'images'
        ? record.images.map(({ url, alt, caption }: ImageRecord) => ({ url, alt, caption }))
        : record[field],
    ]),
  );
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}
