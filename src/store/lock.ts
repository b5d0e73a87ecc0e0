import fs from 'node:fs';
import path from 'node:path';
import { PortalArchiverError } from '../errors.js';

/** Another crawl holds the archive. Cron jobs that overlap get this at once, with exit code 75 (EX_TEMPFAIL). */
export class LockedError extends PortalArchiverError {
  override readonly name = 'LockedError';
  constructor(message: string) {
    super(message, { policy: 'abort' });
  }
}

export interface Lock {
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * An exclusive lock beside the database (`<db>.lock`, holding the owner's pid). A lock whose process is gone
 * (a crawl killed with kill -9) is stale and taken over, so a crash never blocks the next cron run.
 */
export function acquireLock(dbPath: string): Lock {
  const file = `${path.resolve(dbPath)}.lock`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
      fs.closeSync(fd);
      return {
        release: () => {
          try {
            const owner = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid: number };
            if (owner.pid === process.pid) fs.unlinkSync(file);
          } catch {
            // Already gone: nothing to release.
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let pid = 0;
      try {
        pid = (JSON.parse(fs.readFileSync(file, 'utf8')) as { pid: number }).pid;
      } catch {
        // A lock file cut short by a crash: treat as stale.
      }
      if (pid && pid !== process.pid && alive(pid)) {
        throw new LockedError(`${dbPath} is in use by another crawl (pid ${pid}); try again when it has finished`);
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new LockedError(`${dbPath} is in use by another crawl; try again when it has finished`);
}
