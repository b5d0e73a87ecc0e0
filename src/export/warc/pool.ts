import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { buildMembers, DamagedBody, type MemberTask } from './members.js';

/** Builds capture records off the main thread where it can; the results come back in any order. */
export interface MemberPool {
  /** How many tasks to keep in flight to keep every worker busy. */
  readonly depth: number;
  build(task: MemberTask): Promise<Buffer[]>;
  close(): Promise<void>;
}

interface Reply {
  id: number;
  members?: Uint8Array[];
  error?: string;
  damaged?: boolean;
}

const WORKER = new URL('./member-worker.js', import.meta.url);

/**
 * Decompressing, hashing and gzipping bodies is nearly all of a WARC export's CPU time (profiled: zlib alone is 40%,
 * and SQLite reads, JSON and header building are the rest), so it runs on worker threads, one per core, while the
 * main thread reads SQLite and writes. Where the compiled worker is not there (the tests run the TypeScript sources)
 * or there is one core, the work runs inline: the output is the same bytes either way.
 */
export function memberPool(): MemberPool {
  const cores = availableParallelism();
  if (cores < 2 || !existsSync(fileURLToPath(WORKER))) return inlinePool();
  return workerPool(Math.min(cores, 4));
}

function inlinePool(): MemberPool {
  return {
    depth: 1,
    build: async (task) => buildMembers(task),
    close: async () => {},
  };
}

function workerPool(size: number): MemberPool {
  const waiting = new Map<number, { resolve: (m: Buffer[]) => void; reject: (e: Error) => void }>();
  let next = 0;
  const workers = Array.from({ length: size }, () => {
    const worker = new Worker(WORKER);
    worker.on('message', (reply: Reply) => {
      const pending = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (!pending) return;
      if (reply.members) pending.resolve(reply.members.map((m) => Buffer.from(m.buffer, m.byteOffset, m.byteLength)));
      else pending.reject(reply.damaged ? new DamagedBody(reply.error) : new Error(reply.error));
    });
    worker.on('error', (err) => {
      for (const pending of waiting.values()) pending.reject(err);
      waiting.clear();
    });
    return worker;
  });
  return {
    depth: size * 4,
    build(task) {
      const id = next++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        workers[id % size]!.postMessage({ id, task });
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
