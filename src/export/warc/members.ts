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
 * The CPU-heavy part of a capture's records, as plain data so it can run on a worker thread: decompress and check
 * the stored body (when a record carries it), digest and serialise each record, gzip each into its own member.
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
    // A worker receives the row as plain bytes: make it a Buffer again.
    const blob = { ...task.blob, data: Buffer.from(task.blob.data.buffer, task.blob.data.byteOffset, task.blob.data.byteLength) };
    const decoded = decodeBlob(blob);
    if ('problem' in decoded) throw new DamagedBody(describeBlobProblem(decoded.problem));
    body = decoded.body;
  }
  return task.records.map((r) => {
    if (r.payload && body === null) throw new Error('a record with a payload needs the body');
    const block = r.payload && body!.length > 0 ? [r.head, body!] : [r.head];
    return gzipMember(recordBytes(r.fields, block), r.level);
  });
}
