import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openArchive } from '../src/store/db.js';
// The built module: its worker script exists only beside the built code (without it the checkpointer is a no-op).
import { startCheckpointer } from '../dist/store/checkpointer.js';

const dir = mkdtempSync(join(tmpdir(), 'pa-checkpointer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Writes `n` incompressible rows of 3 KB through the connection, one short transaction each, as a crawl's batches do. */
function write(db: ReturnType<typeof openArchive>, n: number, from: number): void {
  const insert = db.prepare('INSERT INTO blobs (sha256, size, data) VALUES (?, ?, ?)');
  for (let i = 0; i < n; i++) {
    const data = randomBytes(3000);
    db.transaction(() => insert.run(`t${from + i}`, data.length, data))();
  }
}

describe('background checkpointer', () => {
  // The writer is told never to checkpoint by itself here, so any page that reaches the database file got there
  // through the checkpointer's own connection, on its thread.
  it('copies what a connection writes into the database file while it goes on writing', { timeout: 30_000 }, async () => {
    const file = join(dir, 'a.sqlite');
    const db = openArchive(file, { create: true });
    db.pragma('wal_autocheckpoint = 0');
    const before = statSync(file).size;
    const checkpointer = startCheckpointer(file);
    let written = 0;
    try {
      for (let round = 0; round < 20 && statSync(file).size <= before + 1_000_000; round++) {
        write(db, 100, written);
        written += 100;
        await sleep(150);
      }
      expect(statSync(file).size).toBeGreaterThan(before + 1_000_000);
    } finally {
      await checkpointer.stop();
      db.close();
    }
    // Its connection was closed first: the writer's, the last, checkpointed the rest and removed the WAL.
    expect(existsSync(`${file}-wal`)).toBe(false);
    const reopened = openArchive(file, { create: false, readonly: true });
    expect(reopened.prepare("SELECT count(*) FROM blobs WHERE sha256 LIKE 't%'").pluck().get()).toBe(written);
    reopened.close();
  });

  it('leaves the file alone without it', { timeout: 30_000 }, async () => {
    const file = join(dir, 'b.sqlite');
    const db = openArchive(file, { create: true });
    db.pragma('wal_autocheckpoint = 0');
    const before = statSync(file).size;
    write(db, 300, 0);
    await sleep(300);
    expect(statSync(file).size).toBe(before);
    db.close();
  });
});
