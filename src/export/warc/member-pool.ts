import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { buildMembers, DamagedBody, type MemberTask } from './members.js';

/** A body in a batch did not check out: which task, and what is wrong with it. */
export class BatchDamaged extends Error {
  constructor(
    readonly index: number,
    message: string,
  ) {
    super(message);
  }
}

/** Builds the gzip members of batches of captures, in the order the batches are given. */
export interface MemberBuilder {
  /** The members of each task, in task order; rejects with BatchDamaged for a damaged body. */
  build(tasks: MemberTask[]): Promise<Uint8Array[][]>;
  close(): Promise<void>;
}

/** On the calling thread: for the TypeScript sources under test, where no built worker script exists. */
export const inlineBuilder: MemberBuilder = {
  async build(tasks) {
    return tasks.map((task, index) => {
      try {
        return buildMembers(task);
      } catch (err) {
        if (err instanceof DamagedBody) throw new BatchDamaged(index, err.message);
        throw err;
      }
    });
  },
  async close() {},
};

const WORKER = new URL('./member-worker.js', import.meta.url);

/**
 * The builder a WARC export uses: worker threads (the cores but one, at least one) when the built worker script is
 * there, the calling thread otherwise. Decompressing, hashing and gzipping every body is three quarters of a WARC
 * export's CPU (profiled); on worker threads it runs beside the main thread's reading and writing.
 */
export function createMemberBuilder(options: { size?: number; workerUrl?: URL } = {}): MemberBuilder {
  const url = options.workerUrl ?? WORKER;
  if (!existsSync(fileURLToPath(url))) return inlineBuilder;
  return new MemberPool(url, options.size ?? Math.max(1, availableParallelism()));
}

interface Waiting {
  resolve: (members: Uint8Array[][]) => void;
  reject: (err: unknown) => void;
}

type Reply = { id: number; members: Uint8Array[][] } | { id: number; damaged: { index: number; message: string } } | { id: number; error: string };

class MemberPool implements MemberBuilder {
  private readonly workers: { worker: Worker; waiting: Map<number, Waiting> }[] = [];
  private next = 0;
  private nextId = 1;
  private failure: Error | null = null;

  constructor(url: URL, size: number) {
    for (let i = 0; i < size; i++) {
      // A batch's pages die young: the default young generation would only add to the RSS.
      const worker = new Worker(url, { resourceLimits: { maxYoungGenerationSizeMb: 16 }, stdout: false, stderr: false });
      const waiting = new Map<number, Waiting>();
      worker.on('message', (reply: Reply) => {
        const w = waiting.get(reply.id);
        if (!w) return;
        waiting.delete(reply.id);
        if ('members' in reply) w.resolve(reply.members);
        else if ('damaged' in reply) w.reject(new BatchDamaged(reply.damaged.index, reply.damaged.message));
        else w.reject(new Error(reply.error));
      });
      const lost = (why: string) => {
        this.failure ??= new Error(`a WARC worker stopped: ${why}`);
        for (const w of waiting.values()) w.reject(this.failure);
        waiting.clear();
      };
      worker.on('error', (err) => lost(err.message));
      worker.on('exit', (code) => lost(`its thread exited with code ${code}`));
      this.workers.push({ worker, waiting });
    }
  }

  build(tasks: MemberTask[]): Promise<Uint8Array[][]> {
    if (this.failure) return Promise.reject(this.failure);
    const slot = this.workers[this.next]!;
    this.next = (this.next + 1) % this.workers.length;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      slot.waiting.set(id, { resolve, reject });
      slot.worker.postMessage({ id, tasks });
    });
  }

  async close(): Promise<void> {
    this.failure ??= new Error('the WARC workers were closed');
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }
}
