import { parentPort } from 'node:worker_threads';
import { buildMembers, DamagedBody, type MemberTask } from './members.js';

/** A worker of MemberPool: builds the gzip members of one capture at a time. */
parentPort!.on('message', ({ id, task }: { id: number; task: MemberTask }) => {
  try {
    parentPort!.postMessage({ id, members: buildMembers(task) });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    parentPort!.postMessage({ id, error: message, damaged: err instanceof DamagedBody });
  }
});
