import type { ArticleRecord } from '../extract/record.js';
import { SCHEMA_VERSION } from './schema-version.js';

/** `export --revisions`: which stored version a record is (1 for the first). */
export interface VersionFields {
  version?: number;
}

/** A record as JSON and JSONL carry it: the schema version first (schema/article.schema.json). */
export type ExportedRecord = { schema_version: typeof SCHEMA_VERSION } & ArticleRecord & VersionFields;

/**
 * A copy with keys in the order of the ArticleRecord type and nothing else, so every export has
 * the same shape whatever object the caller built.
 */
export function orderedRecord(r: ArticleRecord & VersionFields): ExportedRecord {
  return {
    schema_version: SCHEMA_VERSION,
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
    extractor: r.extractor,
    source: r.source,
    archive_url: r.archive_url,
    fetched_at: r.fetched_at,
    captured_at: r.captured_at,
    content_sha256: r.content_sha256,
    ...(r.version !== undefined ? { version: r.version } : {}),
  };
}

/**
 * `--fields`: the schema version and the chosen fields, in the order given. A field the record does not carry
 * (`version` outside `--revisions`) is left out rather than written as null, which would claim a value.
 */
export function projectRecord(r: ExportedRecord, fields: readonly string[]): Record<string, unknown> {
  const full = r as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = { schema_version: r.schema_version };
  for (const f of fields) if (full[f] !== undefined) out[f] = full[f];
  return out;
}

/** What the JSON and JSONL writers serialise: the ordered record, or its projection with `--fields`. */
export function exportRecord(r: ArticleRecord, fields?: readonly string[]): ExportedRecord | Record<string, unknown> {
  return fields ? projectRecord(orderedRecord(r), fields) : orderedRecord(r);
}
