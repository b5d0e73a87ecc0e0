import { ArchiveError } from '../store/errors.js';

export type ExportFormat = 'json' | 'jsonl' | 'csv' | 'warc';

const FORMATS: readonly ExportFormat[] = ['json', 'jsonl', 'csv', 'warc'];

export function parseFormat(s: string): ExportFormat {
  const format = FORMATS.find((f) => f === s.trim().toLowerCase());
  if (format === undefined) throw new ArchiveError(`unknown format "${s}": expected json, jsonl, csv or warc`);
  return format;
}
