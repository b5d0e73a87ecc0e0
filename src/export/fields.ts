import type { ArticleRecord } from '../extract/record.js';

/**
 * A copy with keys in the order of the ArticleRecord type and nothing else, so every export has
 * the same shape whatever object the caller built.
 */
export function orderedRecord(r: ArticleRecord): ArticleRecord {
  return {
    url: r.url,
    site: r.site,
    category: r.category,
    title: r.title,
    published_at: r.published_at,
    summary: r.summary,
    body_text: r.body_text,
    images: r.images.map((i) => ({ url: i.url, alt: i.alt, caption: i.caption, sha256: i.sha256, size: i.size })),
    author: r.author,
    organization: r.organization,
    related: r.related.map((l) => ({ title: l.title, url: l.url })),
    fetched_at: r.fetched_at,
    content_sha256: r.content_sha256,
  };
}
