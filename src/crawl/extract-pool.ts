import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PortalArchiverError } from '../errors.js';
import { ExtractError } from '../extract/errors.js';
import type { ExtractJob, Extractor, JobResult, WireError } from './extract-jobs.js';

export interface PoolOptions {
  /** Worker threads; default: the cores but one (at least one, at most four). */
  size?: number;
  /** A page whose extraction takes longer than this is given up: its worker is terminated and replaced. */
  budgetMs: number;
  /** Stops every worker at once: what is running is abandoned, what waits is refused. */
  signal?: AbortSignal;
  /** The worker script; the built one beside this module by default. */
  workerUrl?: URL;
  /** Heap a worker may use for one page before it is stopped (a page needing more is a recorded failure). */
  maxHeapMb?: number;
  /** A worker's young generation: small (12 MB), since a page's DOM dies young and more only adds to the RSS. */
  youngGenerationMb?: number;
}

interface Pending {
  id: number;
  job: ExtractJob;
  resolve: (value: never) => void;
  reject: (err: unknown) => void;
}

interface Slot {
  worker: Worker | null;
  /** The worker has loaded its modules: a job's time budget runs from when it could start. */
  ready: boolean;
  busy: Pending | null;
  timer: NodeJS.Timeout | null;
}

/** Per page, parse and extraction together: ordinary pages take a few milliseconds. */
export const DEFAULT_EXTRACT_TIMEOUT_MS = 10_000;

const DEFAULT_WORKER = new URL('./extract-worker.js', import.meta.url);

/**
 * Extraction on the calling thread, its modules loaded on first use: a caller with a worker pool (reextract's main
 * thread) never loads the parsers itself, which took 0.4 s of its start-up.
 */
const lazyInline: Extractor = {
  run: async (job) => (await import('./extract-jobs.js')).inlineExtractor.run(job),
  close: async () => {},
};

export function defaultPoolSize(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

/**
 * The extractor a crawl uses: a pool of worker threads when the built worker script is there (the installed CLI),
 * extraction on the calling thread otherwise (tests running the TypeScript sources). Workers let parsing and
 * extraction use a second core while the main thread fetches and writes, keep the main thread free to answer
 * signals, and let a page that takes too long be abandoned by terminating its thread.
 */
export function createExtractor(options: PoolOptions): Extractor {
  const url = options.workerUrl ?? DEFAULT_WORKER;
  if (!existsSync(fileURLToPath(url))) return lazyInline;
  return new ExtractPool({ ...options, workerUrl: url });
}

/** Rebuilds a worker's error on this side: a skip stays an ExtractError, so the page is recorded as a failure. */
function fromWire(wire: WireError, url: string): Error {
  if (wire.policy === 'skip') return new ExtractError(wire.message, wire.url ?? url);
  if (wire.policy === 'retry' || wire.policy === 'abort') {
    return new PortalArchiverError(wire.message, { policy: wire.policy, url: wire.url ?? url });
  }
  const err = new Error(wire.message);
  err.name = wire.name;
  return err;
}

export class ExtractPool implements Extractor {
  private readonly slots: Slot[];
  private readonly waiting: Pending[] = [];
  private readonly workerUrl: URL;
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: PoolOptions) {
    this.workerUrl = options.workerUrl ?? DEFAULT_WORKER;
    this.slots = Array.from({ length: options.size ?? defaultPoolSize() }, () => ({ worker: null, ready: false, busy: null, timer: null }));
    if (options.signal?.aborted) void this.close();
    options.signal?.addEventListener('abort', () => void this.close(), { once: true });
  }

  run<J extends ExtractJob>(job: J): Promise<JobResult<J>> {
    return new Promise<JobResult<J>>((resolve, reject) => {
      if (this.closed) return reject(stopped());
      this.waiting.push({ id: this.nextId++, job, resolve: resolve as (value: never) => void, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const pending of this.waiting.splice(0)) pending.reject(stopped());
    const exits: Promise<number>[] = [];
    for (const slot of this.slots) {
      const running = this.release(slot);
      running?.reject(stopped());
      if (slot.worker) exits.push(slot.worker.terminate());
      slot.worker = null;
    }
    await Promise.all(exits);
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.waiting.length === 0) return;
      if (slot.busy) continue;
      const pending = this.waiting.shift()!;
      const worker = (slot.worker ??= this.spawn(slot));
      slot.busy = pending;
      // Idle workers do not keep the process alive; a busy one does, or a finished crawl could exit mid-page.
      worker.ref();
      if (slot.ready) this.startClock(slot);
      worker.postMessage({ id: pending.id, job: pending.job });
    }
  }

  private spawn(slot: Slot): Worker {
    const worker = new Worker(this.workerUrl, {
      resourceLimits: {
        maxOldGenerationSizeMb: this.options.maxHeapMb ?? 512,
        maxYoungGenerationSizeMb: this.options.youngGenerationMb ?? 12,
      },
      stdout: false,
      stderr: false,
    });
    slot.ready = false;
    worker.unref();
    worker.on('message', (msg: { ready?: true; id: number; result?: unknown; error?: WireError }) => {
      if (slot.worker !== worker) return;
      if (msg.ready) {
        slot.ready = true;
        if (slot.busy) this.startClock(slot);
        return;
      }
      if (slot.busy?.id !== msg.id) return;
      const pending = this.release(slot)!;
      worker.unref();
      if (msg.error) pending.reject(fromWire(msg.error, pending.job.url));
      else pending.resolve(msg.result as never);
      this.dispatch();
    });
    const lost = (why: string) => {
      if (slot.worker !== worker) return;
      slot.worker = null;
      const pending = this.release(slot);
      if (this.closed) return;
      pending?.reject(new ExtractError(`the extractor stopped on this page: ${why}`, pending.job.url));
      this.dispatch();
    };
    worker.on('error', (err) => lost(err.message));
    worker.on('exit', (code) => lost(`its thread exited with code ${code}`));
    return worker;
  }

  private startClock(slot: Slot): void {
    slot.timer = setTimeout(() => this.overBudget(slot), this.options.budgetMs);
  }

  /** The page took longer than the budget: abandon it, stop its thread (a new one takes the next page). */
  private overBudget(slot: Slot): void {
    const pending = this.release(slot);
    const worker = slot.worker;
    slot.worker = null;
    if (worker) void worker.terminate();
    if (!pending) return;
    const seconds = this.options.budgetMs / 1000;
    pending.reject(
      new ExtractError(
        `gave up reading the page after ${seconds} s (the time budget per page): too large or too deeply nested`,
        pending.job.url,
      ),
    );
    this.dispatch();
  }

  private release(slot: Slot): Pending | null {
    const pending = slot.busy;
    slot.busy = null;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    return pending;
  }
}

function stopped(): PortalArchiverError {
  return new PortalArchiverError('extraction stopped', { policy: 'abort' });
}
