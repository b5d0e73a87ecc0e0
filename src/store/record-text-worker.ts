import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { recordTextOf, type RecordTextFormat } from './record-text.js';

/**
 * The second reader of a parallel export (record-text-pool.ts): its own read-only connection to the archive, held
 * in one read transaction that the main thread checks is on the same snapshot as its own, then chunks of lines.
 */
type Request =
  | { type: 'begin' }
  | { type: 'rollback' }
  | { type: 'chunk'; id: number; ids: number[]; format: RecordTextFormat };

const db = new BetterSqlite3((workerData as { file: string }).file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');

parentPort!.on('message', (req: Request) => {
  try {
    if (req.type === 'begin') {
      db.exec('BEGIN');
      // A read transaction takes its snapshot at its first read.
      db.prepare('SELECT count(*) FROM articles').pluck().get();
      parentPort!.postMessage({ type: 'begun' });
    } else if (req.type === 'rollback') {
      if (db.inTransaction) db.exec('ROLLBACK');
      parentPort!.postMessage({ type: 'rolledBack' });
    } else {
      const lines = recordTextOf(db, req.ids, req.format);
      // Its own ArrayBuffer, to transfer: Buffer.concat may take a small result from Node's shared pool.
      const data = Buffer.allocUnsafeSlow(lines.reduce((n, l) => n + l.length, 0));
      let at = 0;
      for (const line of lines) at += line.copy(data, at);
      const lengths = Uint32Array.from(lines, (l) => l.length);
      parentPort!.postMessage({ type: 'chunk', id: req.id, data, lengths }, [data.buffer as ArrayBuffer, lengths.buffer]);
    }
  } catch (err) {
    parentPort!.postMessage({ type: 'error', id: 'id' in req ? req.id : null, message: err instanceof Error ? err.message : String(err) });
  }
});
