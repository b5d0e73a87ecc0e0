import { decodeBlob, describeBlobProblem, type StoredBlob } from '../../store/blobs.js';
import { gzipMember, recordBytes, type WarcFields } from './record.js';

/** A record to build: its fields, its HTTP head, whether the capture's body follows as payload, the gzip level. */
export interface RecordSpec {
  fields: WarcFields;
  head: Uint8Array;
  payload: boolean;
  level: number;
}

/**
 * The CPU-heavy part of a capture's records (profiled: zlib is 40% of an export), kept apart from the archive reads
 * as plain data: decompress and check the stored body (when a record carries it), digest and serialise each record,
 * gzip each into its own member. (Run on worker threads it was slower on this shared 2-core machine, not faster.)
 */
export interface MemberTask {
  /** The stored body, compressed; null when no record carries a payload (a revisit). */
  blob: StoredBlob | null;
  records: RecordSpec[];
}

/** Thrown for a stored body that does not decode to what its key and size say. */
export class DamagedBody extends Error {}

export function buildMembers(task: MemberTask): Buffer[] {
  let body: Buffer | null = null;
  if (task.blob !== null) {
    const decoded = decodeBlob(task.blob);
    if ('problem' in decoded) throw new DamagedBody(describeBlobProblem(decoded.problem));
    body = decoded.body;
  }
  return task.records.map((r) => {
    if (r.payload && body === null) throw new Error('a record with a payload needs the body');
    const block = r.payload && body!.length > 0 ? [r.head, body!] : [r.head];
    return gzipMember(recordBytes(r.fields, block), r.level);
  });
}
