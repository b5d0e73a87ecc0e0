import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { ZipFile } from 'yazl';

/** A file of the package as datapackage.json lists it. */
export interface PackagedFile {
  name: string;
  path: string;
  hash: string;
  bytes: number;
}

/**
 * A file of the ZIP written as a stream: what is written to `stream` goes into the entry, and is hashed (SHA-256)
 * and counted on the way, so datapackage.json can list it without reading it back. Stored, not deflated: the WARC
 * is gzip already, and replay tools read stored entries by byte range.
 */
export class ZipEntryStream {
  readonly stream: Transform;
  private readonly hash = createHash('sha256');
  private bytes = 0;

  constructor(
    zip: ZipFile,
    private readonly path: string,
    mtime: Date,
  ) {
    const self = this;
    this.stream = new Transform({
      // Enough to keep the disk busy while the next batch is prepared; small next to any archive.
      highWaterMark: 1024 * 1024,
      transform(chunk: Buffer, _encoding, done) {
        self.hash.update(chunk);
        self.bytes += chunk.length;
        done(null, chunk);
      },
    });
    zip.addReadStream(this.stream, path, { compress: false, mtime });
  }

  /** Ends the entry and waits until every byte is hashed; returns how datapackage.json lists it. */
  async end(): Promise<PackagedFile> {
    this.stream.end();
    await finished(this.stream, { readable: false });
    return { name: this.path.split('/').at(-1)!, path: this.path, hash: `sha256:${this.hash.digest('hex')}`, bytes: this.bytes };
  }
}

export function packagedBuffer(path: string, data: Buffer): PackagedFile {
  return {
    name: path.split('/').at(-1)!,
    path,
    hash: `sha256:${createHash('sha256').update(data).digest('hex')}`,
    bytes: data.length,
  };
}
