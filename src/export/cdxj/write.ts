import { Writable } from 'node:stream';
import type { Database } from 'better-sqlite3';
import type { CaptureFilter } from '../../store/captures.js';
import { writeWarc } from '../warc/write.js';
import { BatchWriter } from '../write.js';
import { CdxjSpool } from './index.js';

export interface CdxjWriterOptions {
  software: string;
  /** The WARC the index points into, as `export --format warc --out <warcName>` writes it with the same selection. */
  warcName: string;
  filter?: CaptureFilter;
}

/**
 * The CDXJ index of the WARC that `--format warc` writes with the same selection and file name: that WARC is
 * produced byte for byte (it is deterministic) and thrown away, only the offsets and lengths of its records kept.
 * Returns the number of captures (one index line each). Does not end `out`.
 */
export async function writeCdxj(db: Database, out: NodeJS.WritableStream, opts: CdxjWriterOptions): Promise<number> {
  const spool = new CdxjSpool(opts.warcName);
  try {
    const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
    const count = await writeWarc(db, discard, {
      software: opts.software,
      filename: opts.warcName,
      filter: opts.filter ?? {},
      onRecord: (record) => spool.add(record),
    });
    const writer = new BatchWriter(out);
    for (const line of spool.sorted()) await writer.pushText(line);
    await writer.flush();
    return count;
  } finally {
    spool.close();
  }
}
