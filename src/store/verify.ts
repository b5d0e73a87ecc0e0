import type { Database } from 'better-sqlite3';
import { contentHash } from '../crawl/hash.js';
import type { ArticleRecord } from '../extract/record.js';
import { decodeBlob, describeBlobProblem } from './blobs.js';
import { iterateArticles } from './records.js';

export interface VerifyProblem {
  /** What failed: `integrity`, `foreign-key`, `body`, `article`, `revision`, `image`, `capture`. */
  check: string;
  /** The URLs concerned (captures, articles), possibly none (a damaged SQLite page). */
  urls: string[];
  /** One line saying what is wrong. */
  message: string;
}

export interface VerifyReport {
  problems: VerifyProblem[];
  checked: { blobs: number; captures: number; articles: number; revisions: number; images: number };
}

/**
 * Checks that the archive still holds what was captured: SQLite's own integrity and foreign-key checks, every
 * stored body against its SHA-256 and size, every article's and every revision's content_sha256 recomputed from
 * the stored fields with the crawler's contentHash, every downloaded image against its file. Read-only; a
 * damaged archive is reported as problems, not thrown, so one bad page does not hide the others.
 */
export function verifyArchive(
  db: Database,
  options: {
    /** Told the items to check (stored bodies, articles, earlier versions, images; null if they cannot be counted) and each one checked. */
    onProgress?: (done: number, total: number | null) => void;
  } = {},
): VerifyReport {
  const problems: VerifyProblem[] = [];
  const checked = { blobs: 0, captures: 0, articles: 0, revisions: 0, images: 0 };
  const { onProgress } = options;
  const total = onProgress ? itemsToCheck(db) : null;
  let done = 0;
  const tick = onProgress ? () => onProgress(++done, total) : () => {};
  onProgress?.(0, total);
  const phase = (name: string, run: () => void) => {
    try {
      run();
    } catch (err) {
      // A damaged b-tree makes SQLite throw mid-scan: report it and go on with the next check. Anything else is a bug.
      const code = (err as { code?: unknown } | null)?.code;
      if (typeof code !== 'string' || !code.startsWith('SQLITE_')) throw err;
      problems.push({ check: 'integrity', urls: [], message: `${name} stopped: the database file is damaged (${messageOf(err)})` });
    }
  };

  phase('integrity check', () => {
    for (const row of db.pragma('integrity_check') as { integrity_check: string }[]) {
      if (row.integrity_check !== 'ok') problems.push({ check: 'integrity', urls: [], message: `SQLite integrity check: ${row.integrity_check}` });
    }
  });

  phase('foreign key check', () => {
    for (const row of db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[]) {
      const urls = row.table === 'pages' ? pageUrls(db, 'id = ?', row.rowid) : [];
      problems.push({
        check: 'foreign-key',
        urls,
        message: `${row.table} row ${row.rowid} points at a missing ${row.parent} row${suffix(urls)}`,
      });
    }
  });

  phase('stored bodies', () => {
    const blobs = db.prepare('SELECT sha256, size, data FROM blobs');
    for (const row of blobs.iterate() as IterableIterator<{ sha256: string; size: number; data: Buffer }>) {
      checked.blobs++;
      tick();
      const decoded = decodeBlob(row);
      if (!('problem' in decoded)) continue;
      const urls = pageUrls(db, 'body_sha256 = ?', row.sha256);
      problems.push({
        check: 'body',
        urls,
        message: `damaged body ${row.sha256}: ${describeBlobProblem(decoded.problem)}${suffix(urls)}`,
      });
    }
  });

  phase('captures', () => {
    checked.captures = db.prepare('SELECT (SELECT count(*) FROM pages) + (SELECT count(*) FROM recaptures)').pluck().get() as number;
    const bad = db.prepare(
      `SELECT r.id, p.url FROM recaptures r JOIN pages p ON p.id = r.page_id
       WHERE json_valid(coalesce(r.headers_patch, '{}')) = 0 OR json_valid(coalesce(r.request_patch, '{}')) = 0`,
    );
    for (const row of bad.iterate() as IterableIterator<{ id: number; url: string }>) {
      problems.push({ check: 'capture', urls: [row.url], message: `recapture ${row.id} has unreadable headers: ${row.url}` });
    }
  });

  phase('articles', () => {
    for (const { record } of iterateArticles(db)) {
      checked.articles++;
      tick();
      const actual = contentHash(record);
      if (actual !== record.content_sha256) {
        problems.push({
          check: 'article',
          urls: [record.url],
          message: `article content does not match its hash: ${record.url} (stored ${record.content_sha256}, fields hash to ${actual})`,
        });
      }
    }
  });

  phase('revisions', () => {
    const rows = db.prepare(
      `SELECT a.url, r.version, r.content_sha256, r.record FROM article_revisions r JOIN articles a ON a.id = r.article_id
       ORDER BY a.id, r.version`,
    );
    for (const row of rows.iterate() as IterableIterator<{ url: string; version: number; content_sha256: string; record: string }>) {
      checked.revisions++;
      tick();
      const problem = revisionProblem(row.record, row.content_sha256);
      if (problem) {
        problems.push({ check: 'revision', urls: [row.url], message: `version ${row.version} of ${row.url}: ${problem}` });
      }
    }
  });

  phase('images', () => {
    const rows = db.prepare(
      `SELECT a.url AS article, i.url, i.sha256, i.size, b.size AS stored
       FROM article_images i JOIN articles a ON a.id = i.article_id LEFT JOIN blobs b ON b.sha256 = i.sha256
       WHERE i.sha256 IS NOT NULL`,
    );
    type Row = { article: string; url: string; sha256: string; size: number | null; stored: number | null };
    for (const row of rows.iterate() as IterableIterator<Row>) {
      checked.images++;
      tick();
      if (row.stored === null) {
        problems.push({ check: 'image', urls: [row.url, row.article], message: `image file ${row.sha256} is not stored: ${row.url} (in ${row.article})` });
      } else if (row.stored !== row.size) {
        problems.push({
          check: 'image',
          urls: [row.url, row.article],
          message: `image ${row.url} (in ${row.article}) is recorded as ${row.size} bytes, its stored file has ${row.stored}`,
        });
      }
    }
  });

  return { problems, checked };
}

/** What the item-by-item checks will read; null when the archive is too damaged to count (the checks say why). */
function itemsToCheck(db: Database): number | null {
  try {
    return db
      .prepare(
        `SELECT (SELECT count(*) FROM blobs) + (SELECT count(*) FROM articles) + (SELECT count(*) FROM article_revisions)
          + (SELECT count(*) FROM article_images i JOIN articles a ON a.id = i.article_id WHERE i.sha256 IS NOT NULL)`,
      )
      .pluck()
      .get() as number;
  } catch {
    return null;
  }
}

function revisionProblem(json: string, stored: string): string | null {
  let record: ArticleRecord;
  try {
    record = JSON.parse(json) as ArticleRecord;
  } catch {
    return 'stored record is not valid JSON';
  }
  let actual: string;
  try {
    actual = contentHash(record);
  } catch (err) {
    return `stored record is incomplete (${messageOf(err)})`;
  }
  if (actual !== stored) return `content does not match its hash (stored ${stored}, fields hash to ${actual})`;
  if (record.content_sha256 !== stored) return `record says ${record.content_sha256}, row says ${stored}`;
  return null;
}

function pageUrls(db: Database, where: string, value: unknown): string[] {
  return db.prepare(`SELECT DISTINCT url FROM pages WHERE ${where} ORDER BY url`).pluck().all(value) as string[];
}

function suffix(urls: string[]): string {
  return urls.length === 0 ? '' : `: ${urls.join(' ')}`;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
