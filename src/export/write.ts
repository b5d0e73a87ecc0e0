import { once } from 'node:events';

/** Writes one chunk and, when the stream's buffer is full, waits for it to drain before returning. */
export async function writeChunk(out: NodeJS.WritableStream, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}
