import type { Database } from 'better-sqlite3';
import { blobRows, describeBlobProblem } from '../../store/blobs.js';
import { iterateCaptures, type CaptureFilter } from '../../store/captures.js';
import { ArchiveError } from '../../store/errors.js';
import { BatchWriter } from '../write.js';
import { captureRecords, type IndexEntry } from './capture-records.js';
import { DamagedBody } from './members.js';
import { memberPool } from './pool.js';
import { gzipMember } from './record.js';
import { warcinfoRecord } from './warcinfo.js';

/** A response or revisit record as written: its index entry and where its gzip member lies in the file. */
export interface WrittenRecord extends IndexEntry {
  offset: number;
  length: number;
}

export interface WarcWriterOptions {
  /** Names the writing program in the warcinfo record, e.g. `portal-archiver/0.2.0`. */
  software: string;
  /** The file name, for the warcinfo record's WARC-Filename. */
  filename: string;
  /** --site (host of the requested or final URL), --since/--until on the capture time. */
  filter?: CaptureFilter;
  /** Called for every response and revisit record once it is written (an index is built from these). */
  onRecord?: (record: WrittenRecord) => void;
}

/**
 * WARC 1.1 (ISO 28500): a `warcinfo` record, then for every selected capture (pages, images, robots.txt, repeat
 * fetches) its records in fetch order (see captureRecords): a `request` and a `response`, or a `revisit` when an
 * earlier record of the file holds the same payload for the same URI. Every body is checked against its hash before
 * it is written: a damaged archive fails the export instead of yielding a WARC that looks sound. The same archive
 * and options give the same bytes. Returns the number of captures written. Does not end `out`.
 */
export async function writeWarc(db: Database, out: NodeJS.WritableStream, opts: WarcWriterOptions): Promise<number> {
  const filter = opts.filter ?? {};
  const writer = new BatchWriter(out);
  await writer.push(gzipMember(warcinfoRecord(db, opts.software, opts.filename, filter), 6));
  const blobOf = blobRows(db);
  const pool = memberPool();

  // Captures whose members are being built, oldest first: a small window, so memory stays a few bodies.
  const inFlight: { members: Promise<Buffer[]>; index: IndexEntry; url: string }[] = [];
  const writeOldest = async () => {
    const { members, index, url } = inFlight.shift()!;
    let built: Buffer[];
    try {
      built = await members;
    } catch (err) {
      if (err instanceof DamagedBody) {
        throw new ArchiveError(`stored body of ${url} is damaged: ${err.message}; run portal-archiver verify`, { cause: err });
      }
      throw err;
    }
    for (const [i, member] of built.entries()) {
      const offset = writer.offset;
      await writer.push(member);
      // The response or revisit is the last record of a capture.
      if (i === built.length - 1) opts.onRecord?.({ ...index, offset, length: member.length });
    }
  };

  let count = 0;
  const captures = iterateCaptures(db, filter);
  try {
    for (const capture of captures) {
      const blob = blobOf(capture.bodySha256);
      if (blob === null) {
        throw new ArchiveError(`stored body of ${capture.url} is damaged: ${describeBlobProblem({ kind: 'missing' })}; run portal-archiver verify`);
      }
      const { records, index } = captureRecords(capture, blob.size);
      const members = pool.build({ blob: capture.original ? null : blob, records });
      // Awaited in order below; until then a failure must not count as unhandled.
      members.catch(() => {});
      inFlight.push({ members, index, url: capture.url });
      count++;
      if (inFlight.length >= pool.depth) await writeOldest();
    }
    while (inFlight.length > 0) await writeOldest();
    await writer.flush();
  } finally {
    captures.return?.();
    await pool.close();
  }
  return count;
}
