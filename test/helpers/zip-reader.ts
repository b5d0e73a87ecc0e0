import zlib from 'node:zlib';
import { expect } from 'vitest';

/*
 * An independent ZIP reader (APPNOTE 6.3): the end of central directory record, the central directory, each local
 * header, and the stored bytes, CRC-32 checked. Enough for a WACZ, which stores its files (method 0) and is small
 * in the tests (no ZIP64).
 */

export interface ZipEntry {
  name: string;
  method: number;
  data: Buffer;
  /** Where the entry's bytes start in the ZIP, as a replay tool reading by byte range finds them. */
  dataOffset: number;
}

export function readZip(zip: Buffer): Map<string, ZipEntry> {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(eocd, 'end of central directory record').toBeGreaterThanOrEqual(0);
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries = new Map<string, ZipEntry>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at), 'central directory header').toBe(0x02014b50);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    expect(zip.readUInt32LE(local), `local header of ${name}`).toBe(0x04034b50);
    expect(zip.toString('utf8', local + 30, local + 30 + zip.readUInt16LE(local + 26))).toBe(name);
    const dataOffset = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(dataOffset, dataOffset + compressed);
    const data = method === 0 ? raw : zlib.inflateRawSync(raw);
    expect(data.length, `size of ${name}`).toBe(size);
    expect(zlib.crc32(data), `CRC-32 of ${name}`).toBe(crc);
    entries.set(name, { name, method, data, dataOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
