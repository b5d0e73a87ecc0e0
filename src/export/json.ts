import type { ArticleRecord } from '../extract/record.js';
import { orderedRecord } from './fields.js';
import { writeChunk } from './write.js';

export type JsonWriterOptions = Record<string, never>;

/** A JSON array with one record per line: valid JSON, yet diffable and greppable. Does not end `out`. */
export async function writeJson(
  records: Iterable<ArticleRecord>,
  out: NodeJS.WritableStream,
  _opts: JsonWriterOptions = {},
): Promise<number> {
  let count = 0;
  for (const record of records) {
    await writeChunk(out, (count === 0 ? '[\n' : ',\n') + JSON.stringify(orderedRecord(record)));
    count++;
  }
  await writeChunk(out, count === 0 ? '[]\n' : '\n]\n');
  return count;
}
