import type { ArticleRecord } from '../extract/record.js';
import { exportRecord } from './fields.js';
import { BatchWriter } from './write.js';

export interface JsonWriterOptions {
  /** `--fields`: write only these (after schema_version), in this order. */
  fields?: readonly string[];
}

/** A JSON array with one record per line: valid JSON, yet diffable and greppable. Does not end `out`. */
export async function writeJson(
  records: Iterable<ArticleRecord>,
  out: NodeJS.WritableStream,
  opts: JsonWriterOptions = {},
): Promise<number> {
  const writer = new BatchWriter(out);
  let count = 0;
  for (const record of records) {
    await writer.pushText((count === 0 ? '[\n' : ',\n') + JSON.stringify(exportRecord(record, opts.fields)));
    count++;
  }
  await writer.pushText(count === 0 ? '[]\n' : '\n]\n');
  await writer.flush();
  return count;
}
