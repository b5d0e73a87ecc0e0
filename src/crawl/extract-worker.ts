import { parentPort } from 'node:worker_threads';
import { type ExtractJob, runJob, toWire } from './extract-jobs.js';

/**
 * A worker thread of the extraction pool (extract-pool.ts): one job at a time, answered with its result or its error.
 * The pool enforces the time budget from outside, by terminating the thread; it starts the clock once this thread
 * says it is ready (its modules loaded), so a slow start-up is not counted against the first page.
 */
parentPort!.postMessage({ ready: true });
parentPort!.on('message', ({ id, job }: { id: number; job: ExtractJob }) => {
  try {
    parentPort!.postMessage({ id, result: runJob(job) });
  } catch (err) {
    parentPort!.postMessage({ id, error: toWire(err) });
  }
});
