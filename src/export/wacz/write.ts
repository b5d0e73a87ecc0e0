import type { Database } from 'better-sqlite3';
import yazl from 'yazl';
import type { CaptureFilter } from '../../store/captures.js';
import { CdxjSpool } from '../cdxj/index.js';
import { writeWarc } from '../warc/write.js';
import { BatchWriter } from '../write.js';
import { packagedBuffer, ZipEntryStream, type PackagedFile } from './entry.js';
import { PageSpool, pagesHeader } from './pages.js';

export interface WaczWriterOptions {
  /** Names the writing program, e.g. `portal-archiver/0.2.0`. */
  software: string;
  /** --site, --since/--until, as for the WARC. */
  filter?: CaptureFilter;
}

export const WACZ_VERSION = '1.1.1';
const WARC_NAME = 'data.warc.gz';

function titleOf(filter: CaptureFilter): string {
  return filter.site ? `Archived news of ${filter.site}` : 'Archived news portals';
}

async function writeLines(entry: ZipEntryStream, lines: Iterable<string>): Promise<PackagedFile> {
  const writer = new BatchWriter(entry.stream);
  for (const line of lines) await writer.pushText(line);
  await writer.flush();
  return entry.end();
}

function* pageLines(db: Database, pages: PageSpool, title: string): IterableIterator<string> {
  yield pagesHeader(title);
  yield* pages.entries(db);
}

/**
 * WACZ 1.1.1 (https://specs.webrecorder.net/wacz/1.1.1/), written in one pass through the archive into a ZIP that
 * streams out as it is made (yazl): `archive/data.warc.gz` (the WARC export), `indexes/index.cdxj` (its index,
 * collected on a temporary disk database while the WARC is written, then sorted), `pages/pages.jsonl` (one entry per
 * article page), `datapackage.json` (each file's SHA-256 and size, computed from the bytes as they went into the
 * ZIP) and `datapackage-digest.json` (the hash of datapackage.json). Every entry is stored, not deflated. Returns
 * the number of captures. Does not end `out`.
 */
export async function writeWacz(db: Database, out: NodeJS.WritableStream, opts: WaczWriterOptions): Promise<number> {
  const filter = opts.filter ?? {};
  const zip = new yazl.ZipFile();
  const created = new Date();
  const index = new CdxjSpool(WARC_NAME);
  const pages = new PageSpool();
  let current: ZipEntryStream | null = null;
  const output = zip.outputStream;
  let failed: (err: Error) => void = () => {};
  const done = new Promise<void>((resolve, reject) => {
    output.on('end', resolve);
    failed = reject;
  });
  done.catch(() => {});
  // A failing output (a full disk) stops the ZIP where it is: the entry being written, and the wait for the ZIP's
  // end, must fail with it, or they would wait for ever.
  const fail = (err: Error) => {
    current?.stream.destroy(err);
    failed(err);
  };
  out.on('error', fail);
  output.on('error', fail);
  output.pipe(out, { end: false });
  try {
    current = new ZipEntryStream(zip, `archive/${WARC_NAME}`, created);
    const count = await writeWarc(db, current.stream, {
      software: opts.software,
      filename: WARC_NAME,
      filter,
      onRecord(record) {
        index.add(record);
        pages.add(record);
      },
    });
    const files = [await current.end()];
    current = new ZipEntryStream(zip, 'indexes/index.cdxj', created);
    files.push(await writeLines(current, index.sorted()));
    current = new ZipEntryStream(zip, 'pages/pages.jsonl', created);
    files.push(await writeLines(current, pageLines(db, pages, titleOf(filter))));
    current = null;
    const datapackage = Buffer.from(
      `${JSON.stringify(
        {
          profile: 'data-package',
          resources: files,
          wacz_version: WACZ_VERSION,
          software: opts.software,
          created: created.toISOString(),
          title: titleOf(filter),
        },
        null,
        2,
      )}\n`,
    );
    const digest = packagedBuffer('datapackage.json', datapackage);
    zip.addBuffer(datapackage, 'datapackage.json', { compress: false, mtime: created });
    const digestJson = `${JSON.stringify({ path: digest.path, hash: digest.hash }, null, 2)}\n`;
    zip.addBuffer(Buffer.from(digestJson), 'datapackage-digest.json', { compress: false, mtime: created });
    zip.end();
    await done;
    return count;
  } finally {
    out.removeListener('error', fail);
    output.unpipe(out);
    index.close();
    pages.close();
  }
}
