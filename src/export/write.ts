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

/** Output is handed to the stream in pieces of about this size: one write per record would cost a syscall each. */
const BATCH_BYTES = 64 * 1024;

/**
 * Collects small pieces (a JSONL line, a WARC record) and writes them in batches, waiting for the stream to drain
 * as writeChunk does. `offset` counts the bytes pushed so far, where the next piece will start in the output.
 */
export class BatchWriter {
  offset = 0;
  private parts: Uint8Array[] = [];
  private text = '';
  private pending = 0;

  constructor(private readonly out: NodeJS.WritableStream) {
    // A stream can fail while nothing waits on it (the WARC writer awaits its worker threads between writes): the
    // error is kept in `errored` and thrown by the next write, rather than crash the process as an unheard 'error'.
    out.on('error', () => {});
  }

  async push(chunk: Uint8Array): Promise<void> {
    if (this.text.length > 0) this.takeText();
    this.parts.push(chunk);
    this.pending += chunk.length;
    this.offset += chunk.length;
    if (this.pending >= BATCH_BYTES) await this.flush();
  }

  /** Text (UTF-8); `offset` does not count it: text and byte offsets are not mixed in one output. */
  async pushText(text: string): Promise<void> {
    this.text += text;
    if (this.text.length >= BATCH_BYTES) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.text.length > 0 && this.parts.length === 0) {
      const text = this.text;
      this.text = '';
      return writeChunk(this.out, text);
    }
    if (this.text.length > 0) this.takeText();
    if (this.parts.length === 0) return;
    const chunk = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts);
    this.parts = [];
    this.pending = 0;
    await writeChunk(this.out, chunk);
  }

  private takeText(): void {
    const bytes = Buffer.from(this.text, 'utf8');
    this.text = '';
    this.parts.push(bytes);
    this.pending += bytes.length;
  }
}
