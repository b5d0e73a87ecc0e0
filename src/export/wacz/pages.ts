import { createHash } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import type { WrittenRecord } from '../warc/write.js';

/** The first line of pages/pages.jsonl (WACZ 1.1.1, "json-pages-1.0"). */
export function pagesHeader(title: string): string {
  return `${JSON.stringify({ format: 'json-pages-1.0', id: 'pages', title })}\n`;
}

/**
 * Remembers which archived page (by `pages` row) got a response or revisit record in the WARC, and when, in a
 * private temporary SQLite database so that memory stays flat; then writes one pages.jsonl entry per article whose
 * current version's page is in the WARC: its URL as captured, the capture time, its title.
 */
export class PageSpool {
  private readonly scratch = new BetterSqlite3('');
  private readonly insert;

  constructor() {
    this.scratch.exec('CREATE TABLE captured (page_id INTEGER PRIMARY KEY, url TEXT NOT NULL, ts TEXT NOT NULL)');
    this.insert = this.scratch.prepare('INSERT OR IGNORE INTO captured (page_id, url, ts) VALUES (?, ?, ?)');
  }

  /** Only article pages that were answered 2xx: the entries a reader opens. The first record of a page wins. */
  add(record: WrittenRecord): void {
    const c = record.capture;
    if (c.kind !== 'article' || c.status < 200 || c.status > 299) return;
    this.insert.run(c.pageId, record.url, record.date);
  }

  /** pages.jsonl entries in the archive's article order (publication time, then URL). Closes the spool. */
  *entries(db: Database): IterableIterator<string> {
    const lookup = this.scratch.prepare('SELECT url, ts FROM captured WHERE page_id = ?');
    const articles = db.prepare(
      'SELECT page_id, title FROM articles WHERE page_id IS NOT NULL ORDER BY published_ts IS NULL, published_ts, url',
    );
    try {
      for (const a of articles.iterate() as IterableIterator<{ page_id: number; title: string }>) {
        const hit = lookup.get(a.page_id) as { url: string; ts: string } | undefined;
        if (!hit) continue;
        const id = createHash('sha256').update(`${hit.url}\n${hit.ts}`).digest('hex').slice(0, 32);
        yield `${JSON.stringify({ id, url: hit.url, ts: hit.ts, title: a.title })}\n`;
      }
    } finally {
      this.close();
    }
  }

  close(): void {
    if (this.scratch.open) this.scratch.close();
  }
}
