import type { Database } from 'better-sqlite3';
import { type ArticleRecord, CONTENT_FIELDS, type ContentField } from '../extract/record.js';
import { articleVersions, type VersionedRecord } from './revisions.js';

export { CONTENT_FIELDS, type ContentField } from '../extract/record.js';

export interface VersionSummary {
  version: number;
  captured_at: string;
  /** The latest fetch that saw this version. */
  fetched_at: string;
  content_sha256: string;
  /** Content fields that differ from the previous version; empty for the first. */
  changed: ContentField[];
}

/** Images compare by what the content hash covers: a file downloaded later is not an edit. */
function comparable(record: ArticleRecord, field: ContentField): unknown {
  if (field === 'images') return record.images.map((i) => [i.url, i.alt, i.caption]);
  return record[field];
}

export function changedFields(before: ArticleRecord, after: ArticleRecord): ContentField[] {
  return CONTENT_FIELDS.filter(
    (f) => JSON.stringify(comparable(before, f)) !== JSON.stringify(comparable(after, f)),
  );
}

/** The versions of the article at `url` (canonical), oldest first; empty when it is not archived. */
export function listVersions(db: Database, url: string): VersionSummary[] {
  const versions = articleVersions(db, url);
  return versions.map((v, i) => ({
    version: v.version,
    captured_at: v.captured_at,
    fetched_at: v.fetched_at,
    content_sha256: v.content_sha256,
    changed: i === 0 ? [] : changedFields(versions[i - 1]!, v),
  }));
}

/** One version's full record, or null when there is no such article or version. */
export function getVersion(db: Database, url: string, version: number): VersionedRecord | null {
  return articleVersions(db, url).find((v) => v.version === version) ?? null;
}
