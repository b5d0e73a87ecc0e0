import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';

/**
 * The thread of a background checkpointer (checkpointer.ts): its own connection to the archive, copying the WAL into
 * the database file every `intervalMs` with a PASSIVE checkpoint, which neither waits for the writer nor makes it
 * wait. Asked to stop, it closes its connection (SQLite's locks are the process's, so a thread ended with its
 * connection open would leave them held) and ends.
 */
const { file, intervalMs } = workerData as { file: string; intervalMs: number };
const db = new BetterSqlite3(file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
// It writes nothing, so it never checkpoints on commit; it is closed before the writer, which then removes the WAL.
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');

let timer: NodeJS.Timeout | null = null;

function tick(): void {
  checkpoint.run();
  timer = setTimeout(tick, intervalMs);
}

parentPort!.on('message', (msg: { stop?: true }) => {
  if (!msg.stop) return;
  if (timer) clearTimeout(timer);
  db.close();
  parentPort!.close();
});

timer = setTimeout(tick, intervalMs);
