import BetterSqlite3 from 'better-sqlite3';
import type { WrittenRecord } from '../warc/write.js';
import { cdxTimestamp, surtKey } from './surt.js';

/**
 * One CDXJ line as pywb reads it (and warcio.js writes it): `<surt> <14-digit timestamp> <json>`, the JSON with
 * `url, mime, status, digest, length, offset, filename` (status, length and offset as strings, as pywb writes them)
 * and, for a capture recovered from a web archive, the memento it came from in `archive_url`.
 */
export function cdxjLine(record: WrittenRecord, filename: string): string {
  const json: Record<string, string> = { url: record.url };
  if (record.mime !== null) json.mime = record.mime;
  json.status = String(record.status);
  json.digest = record.digest;
  json.length = String(record.length);
  json.offset = String(record.offset);
  json.filename = filename;
  if (record.archiveUrl !== null) json.archive_url = record.archiveUrl;
  return `${surtKey(record.url)} ${cdxTimestamp(record.date)} ${JSON.stringify(json)}\n`;
}

/** Lines are inserted in transactions of this many. */
const BATCH = 1000;

/**
 * Collects index lines while the WARC is written and gives them back sorted, as a CDXJ index must be (byte order of
 * the whole line, which is what `LC_ALL=C sort` and SQLite's BINARY collation both give). The lines go to a private
 * temporary SQLite database on disk, which sorts in its bounded cache and spills to temporary files: an index of
 * millions of captures takes no more memory than one of ten.
 */
export class CdxjSpool {
  private readonly db = new BetterSqlite3('');
  private readonly insert;
  private batch: string[] = [];
  count = 0;

  constructor(private readonly filename: string) {
    this.db.exec('CREATE TABLE lines (line TEXT NOT NULL)');
    const insert = this.db.prepare('INSERT INTO lines (line) VALUES (?)');
    this.insert = this.db.transaction((lines: string[]) => {
      for (const line of lines) insert.run(line);
    });
  }

  add(record: WrittenRecord): void {
    this.batch.push(cdxjLine(record, this.filename));
    this.count++;
    if (this.batch.length >= BATCH) this.drain();
  }

  /** Every line in order; the spool is closed (and its file removed) when the iteration ends. */
  *sorted(): IterableIterator<string> {
    this.drain();
    try {
      yield* this.db.prepare('SELECT line FROM lines ORDER BY line').pluck().iterate() as IterableIterator<string>;
    } finally {
      this.close();
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private drain(): void {
    if (this.batch.length === 0) return;
    this.insert(this.batch);
    this.batch = [];
  }
}
