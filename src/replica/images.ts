/**
 * Tiny but valid image files, built at start-up, so the replica serves real bytes with the right type for every
 * image an article references (a crawler or test may fetch and sniff them) without shipping binaries.
 * Each is a single mid-grey pixel (an 8x8 block for JPEG).
 */

export interface ImageFile {
  contentType: string;
  body: Buffer;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const x of bytes) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function u32be(n: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(n >>> 0);
  return out;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  return Buffer.concat([u32be(data.length), typed, u32be(crc32(typed))]);
}

/** 1x1 greyscale PNG; the pixel data is one stored (uncompressed) deflate block, so no zlib is needed. */
function png(): Buffer {
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
  const raw = Buffer.from([0, 0x80]); // filter byte "none", then the pixel
  const stored = Buffer.from([0x01, raw.length, 0x00, ~raw.length & 0xff, 0xff]);
  const zlib = Buffer.concat([Buffer.from([0x78, 0x01]), stored, raw, u32be(adler32(raw))]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlib),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** 1x1 24-bit BMP: 14-byte file header, 40-byte info header, one pixel padded to 4 bytes. */
function bmp(): Buffer {
  const out = Buffer.alloc(58);
  out.write('BM', 0, 'latin1');
  out.writeUInt32LE(58, 2);
  out.writeUInt32LE(54, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(1, 18);
  out.writeInt32LE(1, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(24, 28);
  out.writeUInt32LE(4, 34);
  out.writeInt32LE(2835, 38);
  out.writeInt32LE(2835, 42);
  out.fill(0x80, 54, 57);
  return out;
}

function segment(marker: number, payload: number[]): number[] {
  const len = payload.length + 2;
  return [0xff, marker, len >> 8, len & 0xff, ...payload];
}

/**
 * Baseline greyscale JPEG, 1x1: flat quantisation, and Huffman tables holding one one-bit code each (DC
 * difference 0, AC end-of-block), so the whole scan is the two bits `00` padded with ones.
 */
function jpeg(): Buffer {
  const oneCode = [1, ...new Array<number>(15).fill(0), 0];
  return Buffer.from([
    0xff, 0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]),
    ...segment(0xc0, [8, 0, 1, 0, 1, 1, 1, 0x11, 0]),
    ...segment(0xc4, [0x00, ...oneCode]),
    ...segment(0xc4, [0x10, ...oneCode]),
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    0x3f,
    0xff, 0xd9,
  ]);
}

const FILES: Record<string, () => ImageFile> = {
  jpg: () => ({ contentType: 'image/jpeg', body: jpeg() }),
  jpeg: () => ({ contentType: 'image/jpeg', body: jpeg() }),
  png: () => ({ contentType: 'image/png', body: png() }),
  bmp: () => ({ contentType: 'image/bmp', body: bmp() }),
};

const cache = new Map<string, ImageFile>();

/** The image served for a file name, chosen by its extension; null for extensions the replica does not serve. */
export function imageFor(fileName: string): ImageFile | null {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const make = FILES[ext];
  if (!make) return null;
  let file = cache.get(ext);
  if (!file) {
    file = make();
    cache.set(ext, file);
  }
  return file;
}
