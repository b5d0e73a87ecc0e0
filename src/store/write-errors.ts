import { ArchiveError } from './errors.js';

/** SQLite result codes that mean the file cannot be written, whatever was being stored. */
const UNWRITABLE: Record<string, string> = {
  SQLITE_FULL: 'the disk is full',
  SQLITE_READONLY: 'the database is read-only',
  SQLITE_CANTOPEN: 'a file of the database cannot be opened',
};

/**
 * Runs a write and turns "the disk is full" and its kin into an ArchiveError (one line, exit 1). The transaction
 * has already been rolled back by SQLite, so the archive is as it was before the write.
 */
export function storeWrite<T>(write: () => T): T {
  try {
    return write();
  } catch (err) {
    const code = (err as { code?: unknown } | null)?.code;
    if (typeof code === 'string') {
      const why = UNWRITABLE[code] ?? (code.startsWith('SQLITE_IOERR') ? `a write failed (${code})` : undefined);
      if (why !== undefined) throw new ArchiveError(`cannot write to the archive: ${why}; the write was rolled back`, { cause: err });
    }
    throw err;
  }
}
