import { createHash } from 'node:crypto';
import { stmt } from './statements.js';
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import type { Database } from 'better-sqlite3';
import { ArchiveError } from './errors.js';

/**
 * Content-addressed storage of raw bodies: one row per distinct body, keyed by the SHA-256 (hex) of the raw
 * bytes, so a re-crawl that gets the same bytes again stores nothing new. `data` is always brotli, at a quality
 * chosen for speed (`compressionQuality`); node:zlib reads it without dependencies, and a body written at any
 * quality reads the same. Brotli stores incompressible input (JPEG, PNG, …) in raw meta-blocks, a few bytes larger
 * than the input.
 */

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Above this, take the fastest setting: a few percent is not worth a noticeable pause per body. */
const FAST_QUALITY_MIN_BYTES = 1024 * 1024;

const COMPRESSED_MEDIA = /^(image\/(jpeg|pjpeg|png|gif|webp|avif|heic|heif|jp2|jxl)|video\/|audio\/|application\/(zip|gzip|x-gzip|pdf|x-rar|x-7z|octet-stream))/i;

/**
 * Brotli quality for a body: 2 for text and uncompressed media (BMP, SVG), 1 for what is already compressed or
 * huge. Every page a crawl fetches is compressed once, on the extraction worker, where it was the largest single
 * cost. Measured on 300 generated portal pages (8.6 KB each), ms a page and size against the raw bytes:
 * quality 1 0.13 ms 38 %, 2 0.18 ms 36 %, 4 0.35 ms 33 %, 5 0.42 ms 31 %, 11 about 28 ms; gzip -6 0.22 ms 34 %.
 * Quality 2 keeps pages about as small as gzip's default level in under half the time quality 5 took (the crawl's
 * setting until #12): an archive's pages take about a sixth more disk, for a crawl's CPU 1 s less per 4,000 pages.
 */
export function compressionQuality(size: number, contentType: string | undefined): number {
  if (size > FAST_QUALITY_MIN_BYTES) return 1;
  if (contentType !== undefined && COMPRESSED_MEDIA.test(contentType.trim())) return 1;
  return 2;
}

/**
 * The window fitted to the body (brotli's default is 4 MB): nothing to gain from a window larger than the body,
 * and on portal pages (10 KB) 28 % less time and no larger, since a smaller window means smaller tables to set up.
 */
function windowBits(size: number): number {
  return Math.max(constants.BROTLI_MIN_WINDOW_BITS, Math.min(constants.BROTLI_MAX_WINDOW_BITS, Math.ceil(Math.log2(size + 1))));
}

function brotliOptions(body: Uint8Array, contentType?: string, quality?: number) {
  return {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: quality ?? compressionQuality(body.length, contentType),
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      [constants.BROTLI_PARAM_LGWIN]: windowBits(body.length),
    },
  };
}

/** `quality` overrides the choice by type and size (the v3 upgrade compresses a whole archive at once, faster). */
export function compressBody(body: Uint8Array, contentType?: string, quality?: number): Buffer {
  return brotliCompressSync(body, brotliOptions(body, contentType, quality));
}


export function blobExists(db: Database, sha256: string): boolean {
  return stmt(db, 'SELECT 1 FROM blobs WHERE sha256 = ?').pluck().get(sha256) !== undefined;
}

export interface PreparedBlob {
  sha256: string;
  size: number;
  /** Compressed bytes, or null when the archive already holds this body (nothing to write). */
  data: Buffer | null;
}

/**
 * Hashes a body and compresses it only when the archive does not hold it yet. Meant to run outside the write
 * transaction: compression is the slow part, and the transaction should only insert.
 */
export function prepareBlob(db: Database, body: Uint8Array, contentType?: string): PreparedBlob {
  const sha256 = sha256Hex(body);
  return { sha256, size: body.length, data: blobExists(db, sha256) ? null : compressBody(body, contentType) };
}

/**
 * The first half of `prepareBlob`: the body's hash, and whether the archive still needs its compressed bytes. The
 * crawl has them compressed elsewhere (its extraction workers) and completes the blob with `preparedBlob`.
 */
export function blobNeeded(db: Database, body: Uint8Array): { sha256: string; needed: boolean } {
  const sha256 = sha256Hex(body);
  return { sha256, needed: !blobExists(db, sha256) };
}

/** A prepared blob from a hash and bytes compressed by `compressBody` elsewhere (null when not needed). */
export function preparedBlob(sha256: string, body: Uint8Array, compressed: Uint8Array | null): PreparedBlob {
  return {
    sha256,
    size: body.length,
    data: compressed === null ? null : Buffer.from(compressed.buffer, compressed.byteOffset, compressed.byteLength),
  };
}

/** Inserts a prepared blob once (blobs are never deleted, so "existed before" still holds inside the transaction). */
export function putBlob(db: Database, blob: PreparedBlob, body: Uint8Array): void {
  const data = blob.data ?? (blobExists(db, blob.sha256) ? null : compressBody(body));
  if (data === null) return;
  stmt(db, 'INSERT OR IGNORE INTO blobs (sha256, size, data) VALUES (?, ?, ?)').run(blob.sha256, blob.size, data);
}

export type BlobProblem =
  | { kind: 'missing' }
  | { kind: 'undecodable'; message: string }
  | { kind: 'size'; expected: number; actual: number }
  | { kind: 'hash'; actual: string };

/** Decompresses a stored row and checks it against its key and size; returns the bytes or what is wrong. */
export function decodeBlob(row: { sha256: string; size: number; data: Buffer }): { body: Buffer } | { problem: BlobProblem } {
  let body: Buffer;
  try {
    body = brotliDecompressSync(row.data);
  } catch (err) {
    return { problem: { kind: 'undecodable', message: err instanceof Error ? err.message : String(err) } };
  }
  if (body.length !== row.size) return { problem: { kind: 'size', expected: row.size, actual: body.length } };
  const actual = sha256Hex(body);
  if (actual !== row.sha256) return { problem: { kind: 'hash', actual } };
  return { body };
}

export function describeBlobProblem(p: BlobProblem): string {
  switch (p.kind) {
    case 'missing':
      return 'body missing from the archive';
    case 'undecodable':
      return `stored bytes do not decompress (${p.message})`;
    case 'size':
      return `stored body is ${p.actual} bytes, not the recorded ${p.expected}`;
    case 'hash':
      return `stored body hashes to ${p.actual}`;
  }
}

/**
 * The raw bytes of a stored body, checked against their hash: a damaged body is reported, never handed on as if
 * it were what the server sent. `what` names the capture in the error (usually its URL).
 */
export function readBlob(db: Database, sha256: string, what: string): Buffer {
  const row = stmt(db, 'SELECT sha256, size, data FROM blobs WHERE sha256 = ?').get(sha256) as
    | { sha256: string; size: number; data: Buffer }
    | undefined;
  const decoded = row ? decodeBlob(row) : { problem: { kind: 'missing' } as const };
  if ('problem' in decoded) {
    throw new ArchiveError(
      `stored body of ${what} is damaged: ${describeBlobProblem(decoded.problem)}; run portal-archiver verify`,
    );
  }
  return decoded.body;
}

export interface StoredBlob {
  sha256: string;
  size: number;
  /** brotli-compressed, as stored; decodeBlob gives the body, checked. */
  data: Buffer;
}

/**
 * Reads stored rows for an export that reads many bodies, the statements prepared once: `row` hands the body on
 * compressed (decodeBlob decompresses and checks it), `size` answers without reading the body.
 */
export function blobRows(db: Database): { row(sha256: string): StoredBlob | null; size(sha256: string): number | null } {
  const rowOf = db.prepare('SELECT sha256, size, data FROM blobs WHERE sha256 = ?');
  const sizeOf = db.prepare('SELECT size FROM blobs WHERE sha256 = ?').pluck();
  return {
    row: (sha256) => (rowOf.get(sha256) as StoredBlob | undefined) ?? null,
    size: (sha256) => (sizeOf.get(sha256) as number | undefined) ?? null,
  };
}
