// A stand-in extraction worker for test/extract-pool.test.ts, speaking the pool's protocol (src/crawl/extract-worker.ts):
// a job whose URL ends in /stall never finishes, one ending in /exit ends its thread, any other answers with its URL
// and the thread that ran it after a few milliseconds of work, so that jobs queue up behind it.
import { parentPort, threadId } from 'node:worker_threads';

parentPort.postMessage({ ready: true });
parentPort.on('message', ({ id, job }) => {
  if (job.url.endsWith('/stall')) for (;;);
  if (job.url.endsWith('/exit')) process.exit(3);
  const until = Date.now() + 20;
  while (Date.now() < until);
  parentPort.postMessage({ id, result: { value: { url: job.url, thread: threadId }, compressed: null } });
});
