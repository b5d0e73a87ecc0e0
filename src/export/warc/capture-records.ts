import type { Capture, CaptureRef } from '../../store/captures.js';
import { contentType, mediaType, requestHeaders, requestLine, responseHeaders, statusLine } from './http.js';
import type { RecordSpec } from './members.js';
import { gzipLevel, httpHead, recordId, sha256Digest, type WarcFields } from './record.js';

const EMPTY_DIGEST = sha256Digest([]);

export const REVISIT_PROFILE = 'http://netpreserve.org/warc/1.1/revisit/identical-payload-digest';

/** What an index (CDXJ) says of a response or revisit record; the writer adds where the record landed. */
export interface IndexEntry {
  url: string;
  /** The record's WARC-Date. */
  date: string;
  /** The payload's media type; `warc/revisit` for a revisit, as pywb and warcio index them. */
  mime: string | null;
  status: number;
  digest: string;
  /** For a capture recovered from a web archive: the memento it was read from. */
  archiveUrl: string | null;
  capture: Capture;
}

/** The records of a capture, in file order; `index` describes the response or revisit, the last of them. */
export interface CaptureRecords {
  records: RecordSpec[];
  index: IndexEntry;
}

function responseId(capture: Capture, ref: CaptureRef): string {
  return recordId('response', capture.finalUrl, ref.capturedAt, capture.bodySha256, ref.pageId, ref.recaptureId);
}

/** A recovered capture says where it was read from and when, as pywb's recorder does for what it extracts from archives. */
function provenanceFields(capture: Capture): WarcFields {
  return capture.provenance === null
    ? []
    : [
        ['WARC-Source-URI', capture.provenance.archiveUrl],
        ['WARC-Creation-Date', capture.fetchedAt],
      ];
}

/**
 * The records of one capture. A live capture is a `request` and a `response` naming each other; a capture whose
 * payload an earlier record of this WARC already holds (same URI, same body) is a `revisit` instead of a response
 * (WARC/1.1 §6.7.2, identical-payload-digest: the HTTP headers, no payload), referring to that record by ID, URI and
 * date. A capture recovered from a web archive has no request record (the request went to the web archive, not the
 * site) and is dated by the web archive's capture time. `bodySize` is the length of the body (a response carries it
 * as payload; a revisit only says it in Content-Length).
 */
export function captureRecords(capture: Capture, bodySize: number): CaptureRecords {
  const self: CaptureRef = { pageId: capture.pageId, recaptureId: capture.recaptureId, capturedAt: capture.capturedAt };
  const payloadDigest = `sha256:${capture.bodySha256}`;
  const revisit = capture.original;
  const mainId = revisit
    ? recordId('revisit', capture.finalUrl, capture.capturedAt, capture.bodySha256, capture.pageId, capture.recaptureId)
    : responseId(capture, self);
  const live = capture.provenance === null;
  const requestId = live
    ? recordId('request', capture.finalUrl, capture.capturedAt, capture.bodySha256, capture.pageId, capture.recaptureId)
    : null;

  const head = httpHead(statusLine(capture.status), responseHeaders(capture, bodySize));
  const fields: WarcFields = [
    ['WARC-Type', revisit ? 'revisit' : 'response'],
    ['WARC-Record-ID', mainId],
    ['WARC-Target-URI', capture.finalUrl],
    ['WARC-Date', capture.capturedAt],
    ...(requestId ? [['WARC-Concurrent-To', requestId] as [string, string]] : []),
    ...(revisit
      ? ([
          ['WARC-Profile', REVISIT_PROFILE],
          ['WARC-Refers-To', responseId(capture, revisit)],
          ['WARC-Refers-To-Target-URI', capture.finalUrl],
          ['WARC-Refers-To-Date', revisit.capturedAt],
        ] as WarcFields)
      : []),
    ...provenanceFields(capture),
    ['WARC-Payload-Digest', payloadDigest],
    ['Content-Type', 'application/http; msgtype=response'],
  ];
  const main: RecordSpec = { fields, head, payload: !revisit, level: revisit ? 6 : gzipLevel(contentType(capture)) };
  const index: IndexEntry = {
    url: capture.finalUrl,
    date: capture.capturedAt,
    mime: revisit ? 'warc/revisit' : mediaType(capture),
    status: capture.status,
    digest: payloadDigest,
    archiveUrl: capture.provenance?.archiveUrl ?? null,
    capture,
  };
  if (requestId === null) return { records: [main], index };

  const request: RecordSpec = {
    fields: [
      ['WARC-Type', 'request'],
      ['WARC-Record-ID', requestId],
      ['WARC-Target-URI', capture.finalUrl],
      ['WARC-Date', capture.capturedAt],
      ['WARC-Concurrent-To', mainId],
      ['WARC-Payload-Digest', EMPTY_DIGEST],
      ['Content-Type', 'application/http; msgtype=request'],
    ],
    head: httpHead(requestLine(capture), requestHeaders(capture)),
    payload: false,
    level: 6,
  };
  return { records: [request, main], index };
}
