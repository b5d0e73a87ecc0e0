import type { Database } from 'better-sqlite3';
import { UsageError } from '../errors.js';
import { orderedRecord } from '../export/fields.js';
import type { ArticleRecord } from '../extract/record.js';
import { kooboo } from '../profiles/kooboo.js';
import { canonicalArticleUrl } from '../profiles/urls.js';
import { ArchiveError, CONTENT_FIELDS, articleVersions, listVersions, openArchive } from '../store/index.js';
import type { VersionSummary, VersionedRecord } from '../store/index.js';
import { unifiedDiff } from '../text/line-diff.js';

export interface HistoryCommandOptions {
  db: string;
  url: string;
  /** Two version numbers: print a unified diff from the first to the second. */
  diff?: string[];
  /** A version number: print that version's record as JSON. */
  show?: string;
}

export type HistoryResult =
  | { kind: 'list'; url: string; versions: VersionSummary[] }
  | { kind: 'diff'; url: string; text: string }
  | { kind: 'show'; url: string; record: VersionedRecord };

/** The article's URL as archived: any form of a Kooboo article URL (PageIndex, `view`, escapes) is canonicalised. */
function archivedUrl(db: Database, given: string): string {
  const canonical = canonicalArticleUrl(given, undefined, kooboo);
  const has = db.prepare('SELECT 1 FROM articles WHERE url = ?').pluck();
  for (const url of [canonical, given.trim()]) if (url !== null && has.get(url) !== undefined) return url;
  throw new ArchiveError(`no archived article at ${canonical ?? given}`);
}

function versionNumber(text: string, versions: readonly VersionedRecord[]): VersionedRecord {
  const n = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
  const found = versions.find((v) => v.version === n);
  if (!found) throw new UsageError(`no version ${text}: this article has versions 1 to ${versions.length}`);
  return found;
}

/** A version as lines of text, one field after another; multi-line text indented, so a diff reads field by field. */
export function versionLines(record: ArticleRecord): string[] {
  const lines: string[] = [];
  for (const field of CONTENT_FIELDS) {
    if (field === 'images') {
      lines.push(`images: ${record.images.length}`);
      record.images.forEach((i, n) => {
        lines.push(`  ${n + 1}. ${i.url}`, `     alt: ${i.alt ?? '(none)'}`, `     caption: ${i.caption ?? '(none)'}`);
      });
    } else if (field === 'summary' || field === 'body_text') {
      const value = record[field];
      lines.push(`${field}:`);
      if (value === null) lines.push('  (none)');
      else for (const line of value.split('\n')) lines.push(line === '' ? '' : `  ${line}`);
    } else {
      lines.push(`${field}: ${record[field] ?? '(none)'}`);
    }
  }
  return lines;
}

/**
 * `history <url>`: the versions of an archived article, oldest first, with the fields each one changed; or, with
 * `diff`, a unified diff between two versions; or, with `show`, one version's full record.
 */
export function historyCommand(options: HistoryCommandOptions): HistoryResult {
  if (options.diff !== undefined && options.diff.length !== 2) {
    throw new UsageError(`--diff takes two version numbers, e.g. --diff 1 2`);
  }
  if (options.diff !== undefined && options.show !== undefined) throw new UsageError('give --diff or --show, not both');
  const db = openArchive(options.db, { create: false, readonly: true });
  try {
    const url = archivedUrl(db, options.url);
    if (options.diff === undefined && options.show === undefined) {
      return { kind: 'list', url, versions: listVersions(db, url) };
    }
    const versions = articleVersions(db, url);
    if (options.show !== undefined) return { kind: 'show', url, record: versionNumber(options.show, versions) };
    const [from, to] = options.diff!.map((v) => versionNumber(v, versions)) as [VersionedRecord, VersionedRecord];
    const text = unifiedDiff(versionLines(from), versionLines(to), {
      from: `version ${from.version} (captured ${from.captured_at}, ${from.content_sha256})`,
      to: `version ${to.version} (captured ${to.captured_at}, ${to.content_sha256})`,
    });
    return { kind: 'diff', url, text };
  } finally {
    db.close();
  }
}

/** What `history` prints on stdout for a result. */
export function historyText(result: HistoryResult): string {
  switch (result.kind) {
    case 'diff':
      return result.text;
    case 'show':
      return `${JSON.stringify(orderedRecord(result.record), null, 2)}\n`;
    case 'list': {
      const rows = result.versions.map((v) => [
        String(v.version),
        v.captured_at,
        v.content_sha256,
        v.version === 1 ? '(first)' : v.changed.length > 0 ? v.changed.join(', ') : '(none)',
      ]);
      const header = ['version', 'captured_at', 'content_sha256', 'changed'];
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
      const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
      return [result.url, line(header), ...rows.map(line)].join('\n') + '\n';
    }
  }
}
