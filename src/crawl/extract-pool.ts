import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PortalArchiverError } from '../errors.js';
import { ExtractError } from '../extract/errors.js';
import type { ExtractJob, Extractor, JobResult, WireError } from './extract-jobs.js';
import { enlargeWorkerOldSpace } from './heap.js';

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
  /**
   * Jobs posted to a worker ahead of its answers (default 16): the next pages are already in the worker's message
   * queue when it finishes one, so it never waits for the calling thread. That thread is unavailable for the length
   * of a batch commit (5 ms on average on the full-size portal, 7 ms at the 90th percentile, up to ~100 ms with a
   * WAL checkpoint), and a warm worker reads a portal page in about 1 ms: four jobs ahead (the setting until
   * December 2026, when a page took ~3 ms) left it idle through most commits.
   */
  depth?: number;
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
  /** Jobs posted to the worker, in order: the first is running, the others wait in its message queue. */
  posted: Pending[];
  /** The time budget of the running job. */
  timer: NodeJS.Timeout | null;
}

/** Per page, parse and extraction together: ordinary pages take a few milliseconds. */
export const DEFAULT_EXTRACT_TIMEOUT_MS = 10_000;

/** See `PoolOptions.depth`. */
const DEFAULT_DEPTH = 16;

const DEFAULT_WORKER = new URL('./extract-worker.js', import.meta.url);

/**
 * Extraction on the calling thread, its modules loaded on first use: the fallback where no worker script is built, and
 * a crawl's when it is given no extractor. A thread that hands its pages to a worker pool (the main thread of the
 * crawl and of reextract) then never loads the parsers itself, which took 0.4 s of reextract's start-up.
 */
export const lazyInline: Extractor = {
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
  private readonly depth: number;
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: PoolOptions) {
    this.workerUrl = options.workerUrl ?? DEFAULT_WORKER;
    this.slots = Array.from({ length: options.size ?? defaultPoolSize() }, () => ({ worker: null, ready: false, posted: [], timer: null }));
    this.depth = Math.max(1, options.depth ?? DEFAULT_DEPTH);
    // The first thread is started now, not at the first page: loading its modules takes ~0.45 s, which the caller's
    // own start (opening the archive, fetching the seeds) then covers; the crawl otherwise waited for it, idle.
    const first = this.slots[0];
    if (first) first.worker = this.spawn(first);
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
      this.stopClock(slot);
      for (const pending of slot.posted.splice(0)) pending.reject(stopped());
      if (slot.worker) exits.push(slot.worker.terminate());
      slot.worker = null;
    }
    await Promise.all(exits);
  }

  /**
   * Gives waiting jobs to workers one at a time round the pool, the shortest queues first, up to `depth` each: an
   * idle worker gets the next job, and no worker is handed a deep queue while another has none.
   */
  private dispatch(): void {
    for (let ahead = 1; ahead <= this.depth && this.waiting.length > 0; ahead++) {
      for (const slot of this.slots) {
        if (this.waiting.length > 0 && slot.posted.length < ahead) this.post(slot, this.waiting.shift()!);
      }
    }
  }

  private post(slot: Slot, pending: Pending): void {
    const worker = (slot.worker ??= this.spawn(slot));
    slot.posted.push(pending);
    // Idle workers do not keep the process alive; a busy one does, or a finished crawl could exit mid-page.
    worker.ref();
    if (slot.posted.length === 1 && slot.ready) this.startClock(slot);
    worker.postMessage({ id: pending.id, job: pending.job });
  }

  private spawn(slot: Slot): Worker {
    enlargeWorkerOldSpace();
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
        if (slot.posted.length > 0) this.startClock(slot);
        return;
      }
      if (slot.posted[0]?.id !== msg.id) return;
      const pending = slot.posted.shift()!;
      this.stopClock(slot);
      // The next job, already in the worker's queue, started when this one ended.
      if (slot.posted.length > 0) this.startClock(slot);
      else worker.unref();
      if (msg.error) pending.reject(fromWire(msg.error, pending.job.url));
      else pending.resolve(msg.result as never);
      this.dispatch();
    });
    const lost = (why: string) => {
      if (slot.worker !== worker) return;
      slot.worker = null;
      if (this.closed) return;
      const [running, ...queued] = this.abandon(slot);
      running?.reject(new ExtractError(`the extractor stopped on this page: ${why}`, running.job.url));
      this.waiting.unshift(...queued);
      this.dispatch();
    };
    worker.on('error', (err) => lost(err.message));
    worker.on('exit', (code) => lost(`its thread exited with code ${code}`));
    return worker;
  }

  private startClock(slot: Slot): void {
    slot.timer = setTimeout(() => this.overBudget(slot), this.options.budgetMs);
  }

  private stopClock(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
  }

  /**
   * The running page took longer than the budget: abandon it and stop its thread. The pages queued behind it were
   * never started; a new thread takes them.
   */
  private overBudget(slot: Slot): void {
    const worker = slot.worker;
    slot.worker = null;
    if (worker) void worker.terminate();
    const [running, ...queued] = this.abandon(slot);
    this.waiting.unshift(...queued);
    if (running) {
      const seconds = this.options.budgetMs / 1000;
      running.reject(
        new ExtractError(
          `gave up reading the page after ${seconds} s (the time budget per page): too large or too deeply nested`,
          running.job.url,
        ),
      );
    }
    this.dispatch();
  }

  /** Takes every job posted to the slot's worker back, the running one first. */
  private abandon(slot: Slot): Pending[] {
    this.stopClock(slot);
    return slot.posted.splice(0);
  }
}

function stopped(): PortalArchiverError {
  return new PortalArchiverError('extraction stopped', { policy: 'abort' });
}
