import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { request } from 'undici';
import { crawlCommand, type CrawlCommandOptions } from '../../src/cli/crawl.js';
import { silentLogger } from '../../src/log.js';
import type { Replica } from '../../src/replica/index.js';
import { openArchive } from '../../src/store/index.js';

/** Crawls every site of a replica into `db` as the crawl tests do: no delay, no retries. */
export async function crawlReplica(replica: Replica, db: string, extra: Partial<CrawlCommandOptions> = {}) {
  return crawlCommand(
    {
      urls: replica.sites.map((s) => s.listingUrl),
      db,
      concurrency: 4,
      delay: 0,
      maxPages: null,
      userAgent: 'portal-archiver-test',
      timeout: 5000,
      retries: 0,
      ...extra,
    },
    { log: silentLogger },
  );
}

/** Bytes on disk of an archive after a full checkpoint: the file plus what is left of its WAL. */
export function archiveBytes(db: string): number {
  const archive = openArchive(db, { create: false });
  archive.pragma('wal_checkpoint(TRUNCATE)');
  archive.close();
  const wal = `${db}-wal`;
  return statSync(db).size + (existsSync(wal) ? statSync(wal).size : 0);
}

/** The body exactly as the server sends it now (undici does not decode content encodings). */
export async function fetchBytes(url: string): Promise<Buffer> {
  const res = await request(url);
  return Buffer.from(await res.body.arrayBuffer());
}

/**
 * Mounts a tiny tmpfs at `dir` to simulate a full disk. Needs root (or CAP_SYS_ADMIN); returns false where mounting
 * is not permitted, so the caller can skip cleanly.
 */
export function mountTinyDisk(dir: string, size: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function unmount(dir: string): void {
  execFileSync('umount', [dir], { stdio: 'ignore' });
}
