import { parentPort } from 'node:worker_threads';
import { type ExtractJob, runJob, toWire } from './extract-jobs.js';

/**
 * A worker thread of the extraction pool (extract-pool.ts): one job at a time, answered with its result or its error.
 * The pool enforces the time budget from outside, by terminating the thread.
 */
parentPort!.on('message', ({ id, job }: { id: number; job: ExtractJob }) => {
  try {
    parentPort!.postMessage({ id, result: runJob(job) });
  } catch (err) {
    parentPort!.postMessage({ id, error: toWire(err) });
  }
});
