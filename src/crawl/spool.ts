import fs from 'node:fs';
import path from 'node:path';
import { ArchiveError } from '../store/errors.js';
import { sha256Hex } from '../store/blobs.js';
import type { FetchResult } from '../fetch/client.js';
import type { FrontierItem } from '../store/frontier.js';

/**
 * Article pages as they arrive, kept on disk until they are stored: `<db>.spool.<n>` beside the archive, appended
 * to with one `writev` a page. A page is durable once appended (a killed process's writes stay in the page cache), so
 * the crawl frees the page's request slot then, not when its batch commits, and a crawl killed at any instant is
 * resumed from the pages it had received: it fetches again only the requests that were still in flight.
 *
 * Why: holding the request slot until the commit kept only about 4.6 of 16 requests on the wire on the full-size
 * portal (the others waited for extraction or for their batch), and left the machine 14-15 % idle.
 *
 * An entry is `PAS1`, the header's and the body's lengths (u32 each), the header (JSON) and the body; the header
 * carries the body's SHA-256, so an entry cut short by a kill, or damaged, is recognised and left out.
 */

const MAGIC = Buffer.from('PAS1', 'latin1');
const PREFIX = 12;
/** A file is left for the next once it holds this much; a file is deleted once every page in it is stored. */
const FILE_BYTES = 8 * 1024 * 1024;

export interface SpooledPage {
  item: FrontierItem;
  /** The extraction profile the page was fetched for (`auto`, or a profile id). */
  profile: string;
  page: FetchResult;
  sha256: string;
}

/** An entry's header: the page as fetched but its body, the frontier item and profile it was fetched for, the body's hash. */
type Header = Omit<FetchResult, 'body'> & { item: FrontierItem; profile: string; sha256: string };

/** A spooled page: `stored()` once it is in the archive (or recorded as failed), so that its file can go. */
export interface SpoolEntry {
  stored(): void;
}

export class Spool {
  private fd: number | null = null;
  private current = -1;
  private size = 0;
  /** Pages appended and not stored yet, per file number. */
  private readonly outstanding = new Map<number, number>();
  private next: number;

  private constructor(
    private readonly base: string,
    /** This run's first file: those before it are an earlier crawl's. */
    private readonly first: number,
  ) {
    this.next = first;
  }

  /** The spool of an archive; nothing is written until the first page. */
  static of(dbPath: string): Spool {
    const base = `${path.resolve(dbPath)}.spool`;
    const numbers = spoolFiles(base).map((f) => f.n);
    return new Spool(base, numbers.length ? Math.max(...numbers) + 1 : 0);
  }

  /**
   * The pages an earlier crawl appended and may not have stored, oldest first, each checked against its hash. A file
   * is read up to its first incomplete or damaged entry: appends only ever leave the last one short.
   */
  leftovers(): SpooledPage[] {
    return this.earlier().flatMap(({ file }) => readSpoolFile(file));
  }

  /** Deletes the files `leftovers` read: called once their pages are stored. */
  dropLeftovers(): void {
    for (const { file } of this.earlier()) fs.rmSync(file, { force: true });
  }

  append(item: FrontierItem, profile: string, page: FetchResult, sha256: string): SpoolEntry {
    const { body, ...fetched } = page;
    const header: Header = { ...fetched, item, profile, sha256 };
    const json = Buffer.from(JSON.stringify(header), 'utf8');
    const prefix = Buffer.allocUnsafe(PREFIX);
    MAGIC.copy(prefix, 0);
    prefix.writeUInt32LE(json.length, 4);
    prefix.writeUInt32LE(body.length, 8);
    const bytes = PREFIX + json.length + body.length;
    const n = this.fileFor(bytes);
    let written: number;
    try {
      written = fs.writevSync(this.fd!, [prefix, json, body]);
    } catch (err) {
      throw new ArchiveError(`cannot write the crawl's spool ${this.base}.${n}: ${(err as Error).message}`, { cause: err });
    }
    // A regular file takes the whole write unless the disk is full; a short one would hide every later entry.
    if (written !== bytes) throw new ArchiveError(`cannot write the crawl's spool ${this.base}.${n}: the disk is full`);
    this.size += bytes;
    this.outstanding.set(n, (this.outstanding.get(n) ?? 0) + 1);
    let done = false;
    return {
      stored: () => {
        if (done) return;
        done = true;
        const left = this.outstanding.get(n)! - 1;
        if (left > 0) return void this.outstanding.set(n, left);
        this.outstanding.delete(n);
        if (n !== this.current) fs.rmSync(`${this.base}.${n}`, { force: true });
      },
    };
  }

  /**
   * Closes the file and deletes this run's files whose pages are all stored: every one after a whole crawl; after an
   * interrupted one, the files holding pages it had not stored stay for the next.
   */
  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
    for (let n = this.first; n < this.next; n++) if (!this.outstanding.has(n)) fs.rmSync(`${this.base}.${n}`, { force: true });
  }

  private earlier(): { file: string; n: number }[] {
    return spoolFiles(this.base).filter(({ n }) => n < this.first);
  }

  /** The file the next entry goes to: a new one when the current is full (the old one goes once its pages are stored). */
  private fileFor(bytes: number): number {
    if (this.fd !== null && this.size + bytes <= FILE_BYTES) return this.current;
    if (this.fd !== null) {
      fs.closeSync(this.fd);
      this.fd = null;
      if (!this.outstanding.has(this.current)) fs.rmSync(`${this.base}.${this.current}`, { force: true });
    }
    this.current = this.next++;
    this.size = 0;
    try {
      this.fd = fs.openSync(`${this.base}.${this.current}`, 'w');
    } catch (err) {
      throw new ArchiveError(`cannot create the crawl's spool ${this.base}.${this.current}: ${(err as Error).message}`, { cause: err });
    }
    return this.current;
  }
}

function spoolFiles(base: string): { file: string; n: number }[] {
  const dir = path.dirname(base);
  const name = path.basename(base);
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const prefix = `${name}.`;
  return entries
    .filter((e) => e.startsWith(prefix) && /^\d+$/.test(e.slice(prefix.length)))
    .map((e) => ({ file: path.join(dir, e), n: Number(e.slice(prefix.length)) }))
    .sort((a, b) => a.n - b.n);
}

/** The complete, intact entries of one spool file, in order. */
function readSpoolFile(file: string): SpooledPage[] {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return [];
  }
  const pages: SpooledPage[] = [];
  let at = 0;
  while (at + PREFIX <= bytes.length && bytes.subarray(at, at + 4).equals(MAGIC)) {
    const headerLength = bytes.readUInt32LE(at + 4);
    const bodyLength = bytes.readUInt32LE(at + 8);
    const end = at + PREFIX + headerLength + bodyLength;
    if (end > bytes.length) break;
    let header: Header;
    try {
      header = JSON.parse(bytes.toString('utf8', at + PREFIX, at + PREFIX + headerLength)) as Header;
    } catch {
      break;
    }
    const body = Buffer.from(bytes.subarray(at + PREFIX + headerLength, end));
    if (sha256Hex(body) !== header.sha256) break;
    const { item, profile, sha256, ...page } = header;
    pages.push({ item, profile, sha256, page: { ...page, body } });
    at = end;
  }
  return pages;
}
