import type { Database } from 'better-sqlite3';
import { blobRows, describeBlobProblem } from '../../store/blobs.js';
import { iterateCaptures, type CaptureFilter } from '../../store/captures.js';
import { ArchiveError } from '../../store/errors.js';
import { BatchWriter } from '../write.js';
import { captureRecords, type IndexEntry } from './capture-records.js';
import { BatchDamaged, createMemberBuilder, type MemberBuilder } from './member-pool.js';
import type { MemberTask } from './members.js';
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
  /** Builds the records' gzip members; worker threads by default (member-pool.ts). */
  builder?: MemberBuilder;
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
  const builder = opts.builder ?? createMemberBuilder();
  let count = 0;
  const captures = iterateCaptures(db, filter);
  // Captures are read here, in order, and built in batches elsewhere (member-pool.ts); each batch is written in
  // order once built, while the next ones are being built.
  let batch: Pending[] = [];
  const inFlight: { batch: Pending[]; members: Promise<Uint8Array[][]> }[] = [];
  const send = () => {
    const members = builder.build(batch.map((p) => p.task));
    // Its failure is reported when its turn to be written comes, not as an unhandled rejection before.
    members.catch(() => {});
    inFlight.push({ batch, members });
    batch = [];
  };
  const writeOldest = async () => {
    const { batch: done, members } = inFlight.shift()!;
    let built: Uint8Array[][];
    try {
      built = await members;
    } catch (err) {
      if (err instanceof BatchDamaged) throw damaged(done[err.index]!.url, err.message);
      throw err;
    }
    for (const [k, capture] of done.entries()) {
      const recordMembers = built[k]!;
      for (const [i, member] of recordMembers.entries()) {
        const offset = writer.offset;
        await writer.push(member);
        // The response or revisit is the last record of a capture.
        if (i === recordMembers.length - 1) opts.onRecord?.({ ...capture.index, offset, length: member.length });
      }
      count++;
    }
  };
  try {
    for (const capture of captures) {
      // A revisit needs the body's length, not the body: its original (in this file) was checked when written.
      const blob = capture.original ? null : blobs.row(capture.bodySha256);
      const size = blob?.size ?? blobs.size(capture.bodySha256);
      if (size === null) throw damaged(capture.url, describeBlobProblem({ kind: 'missing' }));
      const { records, index } = captureRecords(capture, size);
      batch.push({ url: capture.url, index, task: { blob, records } });
      if (batch.length === BATCH) {
        send();
        if (inFlight.length > BATCHES_IN_FLIGHT) await writeOldest();
      }
    }
    if (batch.length > 0) send();
    while (inFlight.length > 0) await writeOldest();
    await writer.flush();
  } finally {
    captures.return?.();
    if (!opts.builder) await builder.close();
  }
  return count;
}

interface Pending {
  url: string;
  index: IndexEntry;
  task: MemberTask;
}

/**
 * Captures a batch (one message to a worker and back) and batches under way: a few hundred pages in memory at most,
 * enough to keep the workers busy while this thread reads and writes (measured: 16 and 64 a batch wrote alike).
 */
const BATCH = 32;
const BATCHES_IN_FLIGHT = 4;

function damaged(url: string, why: string): ArchiveError {
  return new ArchiveError(`stored body of ${url} is damaged: ${why}; run portal-archiver verify`);
}
