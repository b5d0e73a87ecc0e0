import type { Database } from 'better-sqlite3';
import type { CaptureFilter } from '../../store/captures.js';
import { recordBytes, recordId } from './record.js';

interface RunRow {
  id: number;
  started_at: string;
  finished_at: string | null;
  status: string;
}

function runsOf(db: Database): RunRow[] {
  return db.prepare('SELECT id, started_at, finished_at, status FROM crawl_runs ORDER BY id').all() as RunRow[];
}

function selectionOf(f: CaptureFilter): string | null {
  const parts = [
    f.site !== undefined ? `site=${f.site}` : null,
    f.since !== undefined ? `since=${f.since.toISOString()}` : null,
    f.until !== undefined ? `until=${f.until.toISOString()}` : null,
  ].filter((s) => s !== null);
  return parts.length > 0 ? parts.join(' ') : null;
}

/**
 * The `warcinfo` record that opens the file: the software, the format, every crawl run of the archive, the
 * selection. It is dated by the archive's last crawl run rather than the clock, so that the same archive and options
 * give the same bytes (see recordId).
 */
export function warcinfoRecord(db: Database, software: string, filename: string, filter: CaptureFilter): Buffer {
  const runs = runsOf(db);
  const last = runs.at(-1);
  const date = last ? (last.finished_at ?? last.started_at) : new Date().toISOString();
  const selection = selectionOf(filter);
  const fields: [string, string][] = [
    ['software', software],
    ['format', 'WARC File Format 1.1'],
    ['conformsTo', 'https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/'],
    [
      'description',
      'Captures of Vietnamese district government news portals. HTTP header blocks are rebuilt from the stored ' +
        'status and header fields; payloads are the bytes as received. A repeat capture of an unchanged page is a ' +
        'revisit record (identical payload digest). Records with WARC-Source-URI were recovered from a web archive: ' +
        'their WARC-Date is the web archive\'s capture time (Memento-Datetime), WARC-Creation-Date when it was read.',
    ],
    ...runs.map((r): [string, string] => [
      'portal-archiver-run',
      `${r.id} ${r.started_at} ${r.finished_at ?? '-'} ${r.status}`,
    ]),
    ...(selection !== null ? [['portal-archiver-selection', selection] as [string, string]] : []),
  ];
  const block = [Buffer.from(fields.map(([name, value]) => `${name}: ${value}\r\n`).join(''), 'utf8')];
  return recordBytes(
    [
      ['WARC-Type', 'warcinfo'],
      ['WARC-Record-ID', recordId('warcinfo', filename, date, selection)],
      ['WARC-Date', date],
      ['WARC-Filename', filename],
      ['Content-Type', 'application/warc-fields'],
    ],
    block,
  );
}
