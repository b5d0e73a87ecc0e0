import type { ArticleRecord } from '../extract/record.js';
import { exportRecord } from './fields.js';
import { BatchWriter } from './write.js';

export interface JsonlWriterOptions {
  /** `--fields`: write only these (after schema_version), in this order. */
  fields?: readonly string[];
}

/** One JSON record per line (JSON strings never contain a raw newline). Does not end `out`. */
export async function writeJsonl(
  records: Iterable<ArticleRecord>,
  out: NodeJS.WritableStream,
  opts: JsonlWriterOptions = {},
): Promise<number> {
  const writer = new BatchWriter(out);
  let count = 0;
  for (const record of records) {
    await writer.pushText(JSON.stringify(exportRecord(record, opts.fields)) + '\n');
    count++;
  }
  await writer.flush();
  return count;
}
