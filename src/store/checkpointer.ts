import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** Copies an archive's WAL into its database file from another thread, while a connection writes. */
export interface Checkpointer {
  /** Resolves once the thread has closed its connection, so that the writer's is the last one open. */
  stop(): Promise<void>;
}

const WORKER = new URL('./checkpoint-worker.js', import.meta.url);

/** How often the thread checkpoints: every few batch commits of a fast crawl, several hundred WAL pages. */
const INTERVAL_MS = 100;

const none: Checkpointer = { stop: async () => {} };

/**
 * Starts a thread that runs a PASSIVE checkpoint of the archive every 100 ms on a connection of its own, for the
 * duration of a long write (a crawl).
 *
 * Why: the writing connection checkpoints by itself every 10,000 WAL pages (db.ts), and a crawl's main thread made
 * such a checkpoint five times per full-size portal, inside a batch commit: 85-115 ms each, half a second in which
 * the thread neither read responses nor committed, so every request slot waited. A PASSIVE checkpoint neither waits
 * for the writer nor makes it wait; with this thread copying the WAL as it grows, the writer's own checkpoint, when it
 * comes due, finds nearly every page copied already (20-35 ms measured) and restarts the WAL as before, so the WAL
 * stays within its 10,000 pages. The pages are copied more than once (a page rewritten between two checkpoints), on a
 * thread with nothing else to do. Nothing about durability changes: checkpoints are SQLite's own, as is recovery.
 *
 * Where no built worker script exists (tests run the sources), nothing is started: the writer checkpoints alone.
 */
export function startCheckpointer(file: string): Checkpointer {
  if (!existsSync(fileURLToPath(WORKER))) return none;
  const worker = new Worker(WORKER, {
    workerData: { file, intervalMs: INTERVAL_MS },
    resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 },
    stdout: false,
    stderr: false,
  });
  // A thread that cannot open the archive or checkpoint it ends; the writer's own checkpoints go on as without it.
  worker.on('error', () => {});
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      worker.postMessage({ stop: true });
      await exited;
    },
  };
}
