import { createHash } from 'node:crypto';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { expect } from 'vitest';

/*
 * An independent WARC reader: gzip members walked by hand (header flags, raw deflate, CRC-32 and length trailer),
 * WARC and HTTP headers parsed by hand. Nothing here comes from the code that wrote the file.
 */

export interface WarcRecord {
  version: string;
  fields: [string, string][];
  block: Buffer;
  header(name: string): string | undefined;
  /** Where the record's gzip member starts in the file, and its length. */
  offset: number;
  length: number;
}

export const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** One gzip member at `pos`: its decompressed bytes and where the next one starts. */
export function gzipMember(file: Buffer, pos: number): { data: Buffer; end: number } {
  expect([file[pos], file[pos + 1], file[pos + 2]], `gzip magic at byte ${pos}`).toEqual([0x1f, 0x8b, 8]);
  const flags = file[pos + 3]!;
  let p = pos + 10;
  if (flags & 4) p += 2 + file.readUInt16LE(p);
  if (flags & 8) while (file[p++] !== 0);
  if (flags & 16) while (file[p++] !== 0);
  if (flags & 2) p += 2;
  const { buffer, engine } = zlib.inflateRawSync(file.subarray(p), { info: true }) as unknown as {
    buffer: Buffer;
    engine: { bytesWritten: number };
  };
  p += engine.bytesWritten;
  expect(file.readUInt32LE(p), `CRC-32 of member at ${pos}`).toBe(zlib.crc32(buffer));
  expect(file.readUInt32LE(p + 4), `ISIZE of member at ${pos}`).toBe(buffer.length % 2 ** 32);
  return { data: buffer, end: p + 8 };
}

/** One WARC record per member, nothing before or after it. */
export function parseRecord(member: Buffer, offset = 0, length = 0): WarcRecord {
  const end = member.indexOf('\r\n\r\n');
  expect(end).toBeGreaterThan(0);
  const [version, ...lines] = member.subarray(0, end).toString('utf8').split('\r\n');
  const fields = lines.map((line): [string, string] => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon), line.slice(colon + 1).trim()];
  });
  const header = (name: string) => fields.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
  const contentLength = Number(header('Content-Length'));
  const block = member.subarray(end + 4, end + 4 + contentLength);
  expect(block.length).toBe(contentLength);
  expect(member.subarray(end + 4 + contentLength).toString('latin1')).toBe('\r\n\r\n');
  return { version: version!, fields, block, header, offset, length };
}

export function readWarcBytes(file: Buffer): WarcRecord[] {
  const records: WarcRecord[] = [];
  for (let pos = 0; pos < file.length; ) {
    const { data, end } = gzipMember(file, pos);
    records.push(parseRecord(data, pos, end - pos));
    pos = end;
  }
  return records;
}

export function readWarc(file: string): WarcRecord[] {
  return readWarcBytes(fs.readFileSync(file));
}

/** The record whose gzip member is exactly `length` bytes at `offset` (as an index says). */
export function recordAt(file: Buffer, offset: number, length: number): WarcRecord {
  const { data, end } = gzipMember(file, offset);
  expect(end - offset, `member at ${offset} is ${length} bytes`).toBe(length);
  return parseRecord(data, offset, length);
}

/** An HTTP message in a block: start line, header fields (lower-cased names), payload. */
export function parseHttp(block: Buffer): { start: string; headers: Map<string, string>; payload: Buffer } {
  const end = block.indexOf('\r\n\r\n');
  const [start, ...lines] = block.subarray(0, end).toString('utf8').split('\r\n');
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return { start: start!, headers, payload: block.subarray(end + 4) };
}
