import { once } from 'node:events';
import { WriteStream } from 'node:fs';
import type { Writable } from 'node:stream';

/** A stream's failure (a full disk) as an error to throw, or undefined while it stands. */
function failureOf(out: NodeJS.WritableStream): Error | undefined {
  const stream = out as Partial<Writable>;
  if (stream.errored) return stream.errored;
  if (stream.destroyed) return new Error('the output was closed');
  return undefined;
}

/**
 * Writes one chunk and, when the stream's buffer is full, waits for it to drain before returning. A stream that
 * has failed (a full disk) makes this throw its error, rather than wait for a 'drain' that will never come.
 */
export async function writeChunk(out: NodeJS.WritableStream, chunk: string | Uint8Array): Promise<void> {
  const stream = out as Partial<Writable>;
  if (stream.errored) throw stream.errored;
  if (!out.write(chunk)) {
    const failed = failureOf(out);
    if (failed) throw failed;
    await once(out, 'drain');
  }
}

/**
 * Output is handed to the stream in batches: one write per record would cost a system call each. A file gets
 * batches of 1 MB, copied into two buffers used in turn (a file stream has copied a chunk into the kernel when it
 * calls back, so its buffer can be filled again); any other stream (a PassThrough into a ZIP entry, stdout, a test's
 * collector) may still hold a chunk after calling back, so it gets a fresh buffer of 64 KB each time.
 */
const FILE_BATCH_BYTES = 1024 * 1024;
const STREAM_BATCH_BYTES = 64 * 1024;

/**
 * Collects small pieces (a JSONL line, a WARC record) and writes them in batches, one batch being filled while the
 * stream writes the one before, and waits for the stream to call back for a batch before filling a third. `offset`
 * counts the bytes pushed so far, where the next piece will start in the output.
 *
 * Why reusable buffers for a file: a batch made anew each time (`Buffer.concat`) gave the collector 93 MB of fresh
 * memory to fault in and sweep for a 20,000-record CSV export; with two buffers of 1 MB, the statement and the file
 * took 0.61-0.65 s against 0.69-0.74 (alternating runs, one core).
 */
export class BatchWriter {
  offset = 0;
  private readonly reuse: boolean;
  private readonly size: number;
  private readonly buffers: Buffer[];
  /** The write in progress from each buffer, settled when the stream has called back for it. */
  private readonly writing: (Promise<void> | null)[] = [null, null];
  private current = 0;
  private filled = 0;
  private text = '';
  private failure: Error | undefined;

  constructor(private readonly out: NodeJS.WritableStream) {
    this.reuse = out instanceof WriteStream;
    this.size = this.reuse ? FILE_BATCH_BYTES : STREAM_BATCH_BYTES;
    this.buffers = [Buffer.allocUnsafe(this.size), Buffer.allocUnsafe(this.size)];
    // A stream can fail while nothing waits on it (the WARC writer awaits its worker threads between writes): the
    // error is kept in `errored` and thrown by the next write, rather than crash the process as an unheard 'error'.
    out.on('error', () => {});
  }

  async push(chunk: Uint8Array): Promise<void> {
    if (this.text.length > 0) await this.takeText();
    this.offset += chunk.length;
    await this.append(chunk);
  }

  /** Text (UTF-8); `offset` does not count it: text and byte offsets are not mixed in one output. */
  async pushText(text: string): Promise<void> {
    this.text += text;
    if (this.text.length >= this.size) await this.takeText();
  }

  /** Writes what is collected and waits until the stream has taken every batch. */
  async flush(): Promise<void> {
    if (this.text.length > 0) await this.takeText();
    if (this.filled > 0) await this.send();
    for (let i = 0; i < this.writing.length; i++) await this.settle(i);
  }

  private async takeText(): Promise<void> {
    const bytes = Buffer.from(this.text, 'utf8');
    this.text = '';
    await this.append(bytes);
  }

  private async append(bytes: Uint8Array): Promise<void> {
    let from = 0;
    while (from < bytes.length) {
      const buffer = this.buffers[this.current]!;
      const n = Math.min(bytes.length - from, buffer.length - this.filled);
      buffer.set(n === bytes.length ? bytes : bytes.subarray(from, from + n), this.filled);
      this.filled += n;
      from += n;
      if (this.filled === buffer.length) await this.send();
    }
  }

  /** Hands the current buffer to the stream and waits until the other one is free to fill. */
  private async send(): Promise<void> {
    this.failure ??= failureOf(this.out);
    if (this.failure) throw this.failure;
    const i = this.current;
    const data = this.buffers[i]!.subarray(0, this.filled);
    this.writing[i] = new Promise<void>((resolve) => {
      this.out.write(data, (err?: Error | null) => {
        if (err) this.failure ??= err;
        resolve();
      });
    });
    if (!this.reuse) this.buffers[i] = Buffer.allocUnsafe(this.size);
    this.current = 1 - i;
    this.filled = 0;
    await this.settle(this.current);
  }

  private async settle(i: number): Promise<void> {
    const pending = this.writing[i];
    if (!pending) return;
    this.writing[i] = null;
    await pending;
    if (this.failure) throw this.failure;
  }
}
