// A stand-in extraction worker for test/extract-pool.test.ts: the real extraction (the build's runJob), answering
// each job with the number of full (mark-compact) collections its thread has made so far.
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { runJob } from '../../dist/crawl/extract-jobs.js';

let majors = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) majors++;
}).observe({ entryTypes: ['gc'] });

parentPort.postMessage({ ready: true });
parentPort.on('message', ({ id, job }) => {
  const { value } = runJob(job);
  parentPort.postMessage({ id, result: { value: { title: value.title, majors }, compressed: null } });
});
