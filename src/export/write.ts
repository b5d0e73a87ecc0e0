import { once } from 'node:events';
import type { Writable } from 'node:stream';

/**
 * Writes one chunk and, when the stream's buffer is full, waits for it to drain before returning. A stream that
 * has failed (a full disk) makes this throw its error, rather than wait for a 'drain' that will never come.
 */
export async function writeChunk(out: NodeJS.WritableStream, chunk: string | Uint8Array): Promise<void> {
  const stream = out as Partial<Writable>;
  if (stream.errored) throw stream.errored;
  if (!out.write(chunk)) {
    if (stream.destroyed) throw stream.errored ?? new Error('the output was closed');
    await once(out, 'drain');
  }
}
