import type { ExportFormat } from './format.js';
import { BatchWriter } from './write.js';

const NEWLINE = Buffer.from('\n');
const OPEN = Buffer.from('[\n');
const BETWEEN = Buffer.from(',\n');
const CLOSE = Buffer.from('\n]\n');
const EMPTY = Buffer.from('[]\n');

/**
 * Writes lines SQLite built (store/record-text.ts) as JSONL (one per line), a JSON array (one record per line, as
 * writeJson does) or CSV rows after `header`. Returns the number of lines. Does not end `out`.
 */
export async function writeLines(
  lines: Iterable<Buffer>,
  out: NodeJS.WritableStream,
  format: ExportFormat,
  header: string,
): Promise<number> {
  const writer = new BatchWriter(out);
  if (header.length > 0) await writer.push(Buffer.from(header, 'utf8'));
  let count = 0;
  for (const line of lines) {
    if (format === 'json') await writer.push(count === 0 ? OPEN : BETWEEN);
    await writer.push(line);
    if (format === 'jsonl') await writer.push(NEWLINE);
    count++;
  }
  if (format === 'json') await writer.push(count === 0 ? EMPTY : CLOSE);
  await writer.flush();
  return count;
}
