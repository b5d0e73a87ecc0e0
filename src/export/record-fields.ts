import { UsageError } from '../errors.js';
import { CONTENT_FIELDS } from '../extract/record.js';
import type { ExportFormat } from './format.js';

/**
 * The properties of schema/article.schema.json, in its order (a test holds the two together). `version` is present
 * only in `export --revisions` records.
 */
export const RECORD_FIELDS = [
  'schema_version',
  ...CONTENT_FIELDS,
  'related',
  'extractor',
  'source',
  'archive_url',
  'fetched_at',
  'captured_at',
  'content_sha256',
  'version',
] as const;

export type RecordField = (typeof RECORD_FIELDS)[number];

/** A CSV column that is not a record property: the number of images, so a spreadsheet can filter on it. */
const CSV_ONLY = ['image_count'];

/**
 * Reads `--fields a,b,c`: names of the schema's properties (and, for CSV, its columns), in the order given,
 * each once. `csvColumns` is what the CSV writer can produce.
 */
export function parseFields(value: string, format: ExportFormat | string, csvColumns: readonly string[]): string[] {
  const names = value
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n.length > 0);
  if (names.length === 0) throw new UsageError('--fields needs at least one field name');
  const known: readonly string[] = RECORD_FIELDS;
  for (const name of names) {
    if (format === 'csv') {
      if (!csvColumns.includes(name)) {
        const why = known.includes(name) ? 'is not a CSV column' : 'is not a record field';
        throw new UsageError(`unknown field "${name}": ${name} ${why}; CSV columns: ${csvColumns.join(', ')}`);
      }
    } else if (!known.includes(name)) {
      const why = CSV_ONLY.includes(name) ? `${name} is a CSV column only` : `${name} is not a record field`;
      throw new UsageError(`unknown field "${name}": ${why}; fields: ${RECORD_FIELDS.join(', ')}`);
    }
  }
  const repeated = names.find((n, i) => names.indexOf(n) !== i);
  if (repeated !== undefined) throw new UsageError(`field "${repeated}" is given twice in --fields`);
  return names;
}
