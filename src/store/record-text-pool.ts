import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import { countRecords, type RecordFilter } from './records.js';
import { iterateRecordText, recordTextOf, selectedIds, type RecordTextFormat } from './record-text.js';

const WORKER = new URL('./record-text-worker.js', import.meta.url);

/** Below this many records one thread is quicker than starting a second reader. */
const PARALLEL_FROM = 2000;
/** Records a chunk: the unit the two readers take turns on; a few MB of lines at most. */
const CHUNK = 256;

export interface ParallelOptions {
  /** The worker script; the built one beside this module by default (none under the TypeScript sources). */
  workerUrl?: URL;
  /** Records from which a second reader is used. */
  parallelFrom?: number;
  /** Records a chunk. */
  chunkSize?: number;
  /** The selection's size, when the caller has counted it already. */
  count?: number;
}

/**
 * iterateRecordText on two threads: building the lines is nearly all of a JSONL or CSV export's time, and SQLite
 * does it on the calling thread. A worker thread opens a second read-only connection; both read the same snapshot,
 * checked with `PRAGMA data_version` (the main thread reads it, the worker and then the main thread begin their read
 * transactions, and the main thread reads it again inside its own: unchanged means no commit came in between, so
 * both snapshots are the one of the first reading; otherwise it tries again, and after three tries it reads alone).
 * The selected ids are split into chunks of 256 in export order; even chunks are built in the worker (asked for two
 * ahead), odd ones here, and the lines come out in order. Every other chunk was measured quicker than two of three or
 * three of five on the worker. Small selections, in-memory archives and the TypeScript
 * sources (no built worker) use one thread. (Two workers with this thread only writing were measured no faster
 * on two cores, for 55 MB more.)
 */
export async function* iterateRecordTextParallel(
  db: Database,
  filter: RecordFilter,
  format: RecordTextFormat,
  options: ParallelOptions = {},
): AsyncGenerator<Buffer> {
  const url = options.workerUrl ?? WORKER;
  const parallelFrom = options.parallelFrom ?? PARALLEL_FROM;
  // Counted first, so a small export does not start a thread it will not use.
  if (db.memory || !existsSync(fileURLToPath(url)) || (options.count ?? countRecords(db, filter)) < parallelFrom) {
    yield* iterateRecordText(db, filter, format);
    return;
  }
  const worker = new Worker(url, { workerData: { file: db.name } });
  const replies = new Replies(worker);
  let ownTransaction = false;
  try {
    let ids: number[] | null = null;
    for (let attempt = 0; attempt < 3 && ids === null; attempt++) {
      const before = dataVersion(db);
      await replies.ask({ type: 'begin' }, 'begun');
      db.exec('BEGIN');
      ownTransaction = true;
      const selected = selectedIds(db, filter);
      if (dataVersion(db) === before) ids = selected;
      else {
        db.exec('ROLLBACK');
        ownTransaction = false;
        await replies.ask({ type: 'rollback' }, 'rolledBack');
      }
    }
    if (ids === null || ids.length < parallelFrom) {
      // Alone (on the snapshot held, when there is one): a crawl kept committing, or too little to share.
      yield* ids === null ? iterateRecordText(db, filter, format) : chunked(db, ids, format);
      return;
    }
    const size = options.chunkSize ?? CHUNK;
    const chunks: number[][] = [];
    for (let i = 0; i < ids.length; i += size) chunks.push(ids.slice(i, i + size));
    const requested = new Map<number, Promise<Buffer[]>>();
    const request = (i: number) => {
      if (i >= chunks.length || requested.has(i)) return;
      const lines = replies.chunk(i, chunks[i]!, format);
      lines.catch(() => {});
      requested.set(i, lines);
    };
    // The worker is asked for its next two chunks before this thread builds one or waits for one, so it never
    // idles between chunks.
    const onWorker = (i: number) => i % 2 === 0;
    for (let i = 0; i < chunks.length; i++) {
      const next = onWorker(i) ? i : i + 1;
      request(next);
      request(next + 2);
      if (onWorker(i)) {
        const lines = await requested.get(i)!;
        requested.delete(i);
        yield* lines;
      } else {
        yield* recordTextOf(db, chunks[i]!, format);
      }
    }
  } finally {
    if (ownTransaction && db.inTransaction) db.exec('ROLLBACK');
    await worker.terminate();
  }
}

function* chunked(db: Database, ids: number[], format: RecordTextFormat): Generator<Buffer> {
  for (let i = 0; i < ids.length; i += CHUNK) yield* recordTextOf(db, ids.slice(i, i + CHUNK), format);
}

function dataVersion(db: Database): number {
  return db.prepare('PRAGMA data_version').pluck().get() as number;
}

type Reply =
  | { type: 'begun' | 'rolledBack' }
  | { type: 'chunk'; id: number; data: Uint8Array; lengths: Uint32Array }
  | { type: 'error'; id: number | null; message: string };

/** The worker's answers, matched to what was asked. */
class Replies {
  private readonly chunks = new Map<number, { resolve: (lines: Buffer[]) => void; reject: (err: Error) => void }>();
  private control: { type: string; resolve: () => void; reject: (err: Error) => void } | null = null;
  private failure: Error | null = null;

  constructor(private readonly worker: Worker) {
    worker.on('message', (reply: Reply) => {
      if (reply.type === 'chunk') {
        const lines: Buffer[] = [];
        let at = 0;
        for (const length of reply.lengths) {
          lines.push(Buffer.from(reply.data.buffer, reply.data.byteOffset + at, length));
          at += length;
        }
        this.chunks.get(reply.id)?.resolve(lines);
        this.chunks.delete(reply.id);
      } else if (reply.type === 'error') this.fail(new Error(reply.message));
      else if (this.control?.type === reply.type) {
        this.control.resolve();
        this.control = null;
      }
    });
    worker.on('error', (err) => this.fail(err));
    worker.on('exit', (code) => this.fail(new Error(`the export's second reader exited with code ${code}`)));
  }

  async ask(message: { type: 'begin' | 'rollback' }, answer: 'begun' | 'rolledBack'): Promise<void> {
    if (this.failure) throw this.failure;
    const done = new Promise<void>((resolve, reject) => (this.control = { type: answer, resolve, reject }));
    this.worker.postMessage(message);
    await done;
  }

  chunk(id: number, ids: number[], format: RecordTextFormat): Promise<Buffer[]> {
    if (this.failure) return Promise.reject(this.failure);
    const lines = new Promise<Buffer[]>((resolve, reject) => this.chunks.set(id, { resolve, reject }));
    this.worker.postMessage({ type: 'chunk', id, ids, format });
    return lines;
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const c of this.chunks.values()) c.reject(this.failure);
    this.chunks.clear();
    this.control?.reject(this.failure);
    this.control = null;
  }
}

