import type { ArticleRecord } from '../extract/record.js';
import { orderedRecord } from './fields.js';
import { writeChunk } from './write.js';

export type JsonlWriterOptions = Record<string, never>;

/** One JSON record per line (JSON strings never contain a raw newline). Does not end `out`. */
export async function writeJsonl(
  records: Iterable<ArticleRecord>,
  out: NodeJS.WritableStream,
  _opts: JsonlWriterOptions = {},
): Promise<number> {
  let count = 0;
  for (const record of records) {
    await writeChunk(out, JSON.stringify(orderedRecord(record)) + '\n');
    count++;
  }
  return count;
}
