import type { Database } from 'better-sqlite3';
import { blobRows, describeBlobProblem } from '../../store/blobs.js';
import { iterateCaptures, type CaptureFilter } from '../../store/captures.js';
import { ArchiveError } from '../../store/errors.js';
import { BatchWriter } from '../write.js';
import { captureRecords, type IndexEntry } from './capture-records.js';
import { buildMembers, DamagedBody } from './members.js';
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
  const blobs = blobRows(db);
  let count = 0;
  const captures = iterateCaptures(db, filter);
  try {
    for (const capture of captures) {
      const damaged = (why: string) =>
        new ArchiveError(`stored body of ${capture.url} is damaged: ${why}; run portal-archiver verify`);
      // A revisit needs the body's length, not the body: its original (in this file) was checked when written.
      const blob = capture.original ? null : blobs.row(capture.bodySha256);
      const size = blob?.size ?? blobs.size(capture.bodySha256);
      if (size === null) throw damaged(describeBlobProblem({ kind: 'missing' }));
      const { records, index } = captureRecords(capture, size);
      let members: Buffer[];
      try {
        members = buildMembers({ blob, records });
      } catch (err) {
        if (err instanceof DamagedBody) throw damaged(err.message);
        throw err;
      }
      for (const [i, member] of members.entries()) {
        const offset = writer.offset;
        await writer.push(member);
        // The response or revisit is the last record of a capture.
        if (i === members.length - 1) opts.onRecord?.({ ...index, offset, length: member.length });
      }
      count++;
    }
    await writer.flush();
  } finally {
    captures.return?.();
  }
  return count;
}
