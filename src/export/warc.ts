import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Database } from 'better-sqlite3';
import { WARCRecord, WARCSerializer } from 'warcio';
import { readBlob } from '../store/blobs.js';
import { iterateCaptures, type Capture, type CaptureFilter } from '../store/captures.js';
import { writeChunk } from './write.js';

export interface WarcWriterOptions {
  /** Names the writing program in the warcinfo record, e.g. `portal-archiver/0.2.0`. */
  software: string;
  /** The file name, for the warcinfo record's WARC-Filename. */
  filename: string;
  /** --site (host of the requested or final URL), --since/--until on the fetch time. */
  filter?: CaptureFilter;
}

const WARC_VERSION = 'WARC/1.1';

/**
 * The undici client hands over decoded header fields, not the bytes on the wire, so the HTTP header blocks are
 * rebuilt from the stored status and fields. The payload is the body as received (after transfer decoding,
 * content encoding kept), so Transfer-Encoding is dropped and Content-Length made to match it: a reader that
 * trusted the original chunked framing would misread the record.
 */
export function responseHeaders(capture: Capture, payloadLength: number): [string, string][] {
  const headers: [string, string][] = [];
  let length = false;
  for (const [name, value] of Object.entries(capture.headers)) {
    const lower = name.toLowerCase();
    if (lower === 'transfer-encoding') continue;
    if (lower === 'content-length') {
      length = true;
      headers.push([name, String(payloadLength)]);
      continue;
    }
    headers.push([name, value]);
  }
  if (!length) headers.push(['content-length', String(payloadLength)]);
  return headers;
}

/** The request as sent on the last hop: Host first (HTTP/1.1 requires it), then what the fetcher recorded. */
export function requestHeaders(capture: Capture): [string, string][] {
  const headers: [string, string][] = [['host', new URL(capture.finalUrl).host]];
  for (const [name, value] of Object.entries(capture.requestHeaders ?? {})) {
    if (name.toLowerCase() !== 'host') headers.push([name, value]);
  }
  return headers;
}

function statusLine(status: number): string {
  const reason = STATUS_CODES[status];
  return reason ? `HTTP/1.1 ${status} ${reason}` : `HTTP/1.1 ${status}`;
}

function requestTarget(url: string): string {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
}

function recordId(): string {
  return `<urn:uuid:${randomUUID()}>`;
}

/** One gzip member per record (warcio compresses each serialisation separately), so readers can seek to any record. */
async function serialize(record: WARCRecord): Promise<Uint8Array> {
  return WARCSerializer.serialize(record, { gzip: true, digest: { algo: 'sha-256', prefix: 'sha256:', base32: false } });
}

function runsOf(db: Database): string[] {
  const rows = db.prepare('SELECT id, started_at, finished_at, status FROM crawl_runs ORDER BY id').all() as {
    id: number;
    started_at: string;
    finished_at: string | null;
    status: string;
  }[];
  return rows.map((r) => `${r.id} ${r.started_at} ${r.finished_at ?? '-'} ${r.status}`);
}

function warcinfo(db: Database, opts: WarcWriterOptions): WARCRecord {
  const f = opts.filter ?? {};
  const selection = [
    f.site !== undefined ? `site=${f.site}` : null,
    f.since !== undefined ? `since=${f.since.toISOString()}` : null,
    f.until !== undefined ? `until=${f.until.toISOString()}` : null,
  ].filter((s) => s !== null);
  const fields: [string, string][] = [
    ['software', `${opts.software} (warcio.js)`],
    ['format', 'WARC File Format 1.1'],
    ['conformsTo', 'https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/'],
    [
      'description',
      'Captures of Vietnamese district government news portals. HTTP header blocks are rebuilt from the stored ' +
        'status and header fields; payloads are the bytes as received.',
    ],
    ...runsOf(db).map((run): [string, string] => ['portal-archiver-run', run]),
    ...(selection.length > 0 ? [['portal-archiver-selection', selection.join(' ')] as [string, string]] : []),
  ];
  const block = fields.map(([name, value]) => `${name}: ${value}\r\n`).join('');
  return WARCRecord.create(
    {
      type: 'warcinfo',
      filename: opts.filename,
      warcVersion: WARC_VERSION,
      date: new Date().toISOString(),
      warcHeaders: { 'WARC-Record-ID': recordId() },
    },
    [new TextEncoder().encode(block)],
  );
}

/**
 * WARC 1.1 (ISO 28500): a `warcinfo` record, then for every capture (page, image, robots.txt, repeat fetches alike)
 * a `request` and a `response` record pointing at each other with WARC-Concurrent-To, in fetch order. warcio
 * computes both digests as the standard says: WARC-Payload-Digest over the payload (the entity body as received),
 * WARC-Block-Digest over the whole block (HTTP header block and payload). Every body is checked against its hash
 * before it is written: a damaged archive fails the export instead of yielding a WARC that looks sound.
 * Returns the number of captures written. Does not end `out`.
 */
export async function writeWarc(db: Database, out: NodeJS.WritableStream, opts: WarcWriterOptions): Promise<number> {
  await writeChunk(out, await serialize(warcinfo(db, opts)));
  let count = 0;
  const captures = iterateCaptures(db, opts.filter ?? {});
  try {
    for (const capture of captures) {
      const body = readBlob(db, capture.bodySha256, capture.url);
      const requestId = recordId();
      const responseId = recordId();
      const request = WARCRecord.create({
        url: capture.finalUrl,
        date: capture.fetchedAt,
        type: 'request',
        warcVersion: WARC_VERSION,
        statusline: `${capture.method} ${requestTarget(capture.finalUrl)} HTTP/1.1`,
        httpHeaders: requestHeaders(capture),
        warcHeaders: { 'WARC-Record-ID': requestId, 'WARC-Concurrent-To': responseId },
      });
      const response = WARCRecord.create(
        {
          url: capture.finalUrl,
          date: capture.fetchedAt,
          type: 'response',
          warcVersion: WARC_VERSION,
          statusline: statusLine(capture.status),
          httpHeaders: responseHeaders(capture, body.length),
          warcHeaders: { 'WARC-Record-ID': responseId, 'WARC-Concurrent-To': requestId },
        },
        [body],
      );
      await writeChunk(out, await serialize(request));
      await writeChunk(out, await serialize(response));
      count++;
    }
  } finally {
    captures.return?.();
  }
  return count;
}
