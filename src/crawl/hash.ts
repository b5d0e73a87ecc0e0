import { createHash } from 'node:crypto';
import type { ExtractedArticle } from '../extract/record.js';

/**
 * SHA-256 of the normalised record, fields in a fixed order, so the same content always hashes the same and a
 * re-crawl can tell an unchanged article from an edited one. Neither the fetch time nor the related block is
 * content: the block is a paged view of the whole category that shifts whenever anything new is published.
 */
export function contentHash(record: ExtractedArticle): string {
  const canonical = {
    url: record.url,
    site: record.site,
    category: record.category,
    title: record.title,
    published_at: record.published_at,
    summary: record.summary,
    body_text: record.body_text,
    images: record.images.map((i) => ({ url: i.url, alt: i.alt, caption: i.caption })),
    author: record.author,
    organization: record.organization,
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
