import { parentPort } from 'node:worker_threads';
import { buildMembers, DamagedBody, type MemberTask } from './members.js';

/** A worker of member-pool.ts: builds a batch of captures' members and sends them back, or says what failed. */
parentPort!.on('message', ({ id, tasks }: { id: number; tasks: MemberTask[] }) => {
  const members: Buffer[][] = [];
  for (const [index, task] of tasks.entries()) {
    try {
      members.push(buildMembers(task));
    } catch (err) {
      if (err instanceof DamagedBody) return parentPort!.postMessage({ id, damaged: { index, message: err.message } });
      return parentPort!.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
    }
  }
  parentPort!.postMessage({ id, members });
});
