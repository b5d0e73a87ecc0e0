/** Capture records as a crawler writes them: archived IIS headers, digest, WARC file and offset. */
import { digestOf, payloadOf, type Capture } from './capture.js';
import { surt } from './surt.js';
import { msOf } from './timestamp.js';

const IIS: [string, string][] = [
  ['Cache-Control', 'private'],
  ['Server', 'Microsoft-IIS/8.5'],
  ['X-AspNetMvc-Version', '5.2'],
  ['X-AspNet-Version', '4.0.30319'],
  ['X-Powered-By', 'ASP.NET'],
];

export interface Warc {
  /** `<crawl>/<file>.warc.gz`, for X-Archive-Src. */
  file: string;
  offset: number;
}

export interface Response {
  status: number;
  contentType: string;
  body: Buffer;
  location?: string;
}

/** Record size of a gzipped WARC record: headers plus roughly a third of the payload. */
const recordLength = (bytes: number): number => 480 + Math.round(bytes * 0.31);

export function makeCapture(original: string, timestamp: string, r: Response, warc: Warc): Capture {
  const headers: [string, string][] = [
    ...IIS.slice(0, 1),
    ['Content-Type', r.contentType],
    ...IIS.slice(1),
    // The origin's clock and the crawler's differ by a second or so.
    ['Date', new Date(msOf(timestamp) - 1000).toUTCString()],
    ['Content-Length', String(r.body.length)],
  ];
  const length = recordLength(r.body.length);
  const c: Capture = {
    urlkey: surt(original),
    timestamp,
    original,
    mimetype: r.contentType.split(';')[0]!.trim(),
    statuscode: String(r.status),
    digest: digestOf(r.body),
    length: String(length),
    file: warc.file,
    offset: warc.offset,
    status: r.status,
    headers,
    body: r.body,
  };
  if (r.location !== undefined) c.location = r.location;
  warc.offset += length;
  return c;
}

/** A revisit row: the crawler fetched the same payload again and stored a pointer to `earlier`. */
export function makeRevisit(original: string, timestamp: string, earlier: Capture, warc: Warc): Capture {
  const p = payloadOf(earlier);
  const c: Capture = {
    urlkey: surt(original),
    timestamp,
    original,
    mimetype: 'warc/revisit',
    statuscode: '-',
    digest: p.digest,
    length: String(560 + (timestamp.charCodeAt(13) % 40)),
    file: warc.file,
    offset: warc.offset,
    status: p.status,
    headers: p.headers,
    body: p.body,
    revisitOf: p,
  };
  warc.offset += Number(c.length);
  return c;
}
