import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { ArchiveError } from './errors.js';
import { APPLICATION_ID, LATEST_SCHEMA_VERSION, migrate, schemaVersion } from './migrations.js';

export interface OpenOptions {
  /** Create the file (and its directory) when missing; otherwise a missing file is an error. */
  create: boolean;
  /**
   * Open for reading only. An archive written by an older portal-archiver is first brought up to date (its
   * migrations run once, each in its own transaction), as any command would; after that nothing is written.
   */
  readonly?: boolean;
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Opens (and, when needed, creates and migrates) an archive. Every check that can reject the file
 * runs before anything is written to it, so a foreign or too-new file is left byte for byte as it was.
 */
export function openArchive(file: string, opts: OpenOptions): Database {
  const readonly = opts.readonly ?? false;
  const exists = checkExistingFile(file);
  if (!exists) {
    if (!opts.create || readonly) throw new ArchiveError(`database not found: ${file}`, { path: file });
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  }

  let db: Database;
  try {
    db = new BetterSqlite3(file, { readonly, fileMustExist: exists });
  } catch (err) {
    throw new ArchiveError(`cannot open database ${file}: ${messageOf(err)}`, { cause: err, path: file });
  }

  try {
    // Connection-level settings only: they do not touch the file.
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    checkSchema(db, file, opts.create && !readonly, readonly);
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      migrate(db);
      // Set after the migrations, whose index builds may sort more than memory should hold. Writing commands store
      // articles in savepoints (reextract, recover, and a crawl's batch that failed), and SQLite keeps what a
      // savepoint would roll back in a statement journal, a temp file past 64 KiB: on disk, every batch created one,
      // wrote it page by page and deleted it (52,000 writes for 1,200 articles, more than the WAL's 31,000). In memory
      // it holds at most the pages of one article's savepoint, cleared at each release; temp tables and sorts on this
      // connection stay in memory too, and the writing commands run none large (exports read through connections of
      // their own).
      db.pragma('temp_store = MEMORY');
      // A checkpoint every 10,000 pages of WAL (about 40 MB), not SQLite's 1,000: each one copies the WAL into the
      // file and waits for two fsyncs on the writing thread (8 ms each here), and a crawl rewrites the same index
      // pages many times between checkpoints. A crawl of 3,688 articles wrote 67,000 WAL frames for a file of
      // 14,500 pages: at the default that was 67 checkpoints blocking its main thread, about 1.5 s in fsync alone
      // (strace). Readers are not slowed (they look pages up in the WAL's index); the WAL file is deleted when the
      // archive closes.
      db.pragma('wal_autocheckpoint = 10000');
    }
    return db;
  } catch (err) {
    db.close();
    if (err instanceof OlderArchive) {
      // Brought up to date as a writing command would (each migration in its own transaction), then read.
      openArchive(file, { create: false }).close();
      return openArchive(file, opts);
    }
    if (err instanceof ArchiveError) throw err;
    if (isNotADatabase(err)) throw notOurs(file, err);
    throw new ArchiveError(`cannot open database ${file}: ${messageOf(err)}`, { cause: err, path: file });
  }
}

/** Returns whether the file exists; rejects directories and non-SQLite files before SQLite sees them. */
function checkExistingFile(file: string): boolean {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new ArchiveError(`cannot open database ${file}: ${messageOf(err)}`, { cause: err, path: file });
  }
  if (!stat.isFile()) throw new ArchiveError(`not a file: ${file}`, { path: file });
  // An empty file is a valid empty SQLite database (e.g. made by `touch`).
  if (stat.size === 0) return true;
  const head = Buffer.alloc(SQLITE_MAGIC.length);
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    fs.readSync(fd, head, 0, head.length, 0);
  } catch (err) {
    throw new ArchiveError(`cannot read database ${file}: ${messageOf(err)}`, { cause: err, path: file });
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  if (!head.equals(SQLITE_MAGIC)) throw notOurs(file);
  return true;
}

function checkSchema(db: Database, file: string, mayInitialise: boolean, readonly: boolean): void {
  const version = schemaVersion(db);
  const appId = db.pragma('application_id', { simple: true }) as number;
  const objects = db.prepare('SELECT count(*) FROM sqlite_master').pluck().get() as number;

  if (version === 0 && objects === 0 && appId === 0) {
    if (mayInitialise) return;
    throw notOurs(file);
  }
  if (appId !== APPLICATION_ID) throw notOurs(file);
  if (version > LATEST_SCHEMA_VERSION) {
    throw new ArchiveError(
      `database ${file} has schema version ${version}, newer than this portal-archiver supports (${LATEST_SCHEMA_VERSION})`,
      { path: file },
    );
  }
  if (readonly && version < LATEST_SCHEMA_VERSION) throw new OlderArchive();
}

/** A read-only open found an archive of an older schema version: openArchive upgrades it and opens it again. */
class OlderArchive extends Error {}

function notOurs(file: string, cause?: unknown): ArchiveError {
  return new ArchiveError(`not a portal-archiver database: ${file}`, { cause, path: file });
}

function isNotADatabase(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT';
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
