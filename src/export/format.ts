import { ArchiveError } from '../store/errors.js';

export type ExportFormat = 'json' | 'jsonl' | 'csv' | 'warc' | 'cdxj' | 'wacz';

const FORMATS: readonly ExportFormat[] = ['json', 'jsonl', 'csv', 'warc', 'cdxj', 'wacz'];

/** The formats that hold captures (every fetched response) rather than article records. */
export const CAPTURE_FORMATS: readonly ExportFormat[] = ['warc', 'cdxj', 'wacz'];

export function parseFormat(s: string): ExportFormat {
  const format = FORMATS.find((f) => f === s.trim().toLowerCase());
  if (format === undefined) {
    throw new ArchiveError(`unknown format "${s}": expected json, jsonl, csv, warc, cdxj or wacz`);
  }
  return format;
}
