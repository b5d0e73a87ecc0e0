// A stand-in extraction worker for test/seed-recognition.test.ts, speaking the pool's protocol
// (src/crawl/extract-worker.ts): a seed page never finishes (a page that would stall whatever reads it); no other job
// is expected.
import { parentPort } from 'node:worker_threads';

parentPort.postMessage({ ready: true });
parentPort.on('message', ({ id, job }) => {
  if (job.kind === 'seed') for (;;);
  parentPort.postMessage({ id, error: { name: 'Error', message: `unexpected ${job.kind} job`, policy: null, url: job.url } });
});
