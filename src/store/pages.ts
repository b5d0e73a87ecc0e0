import type { Database } from 'better-sqlite3';

export type PageKind = 'listing' | 'article';

export interface PageToSave {
  runId: number;
  /** The URL that was requested. */
  url: string;
  /** The URL after redirects. */
  finalUrl: string;
  kind: PageKind;
  status: number;
  headers: Record<string, string>;
  /** Raw bytes as received, before any charset decoding, so extraction can be re-run later. */
  body: Buffer;
  fetchedAt: string;
}

export function savePage(db: Database, page: PageToSave): number {
  const result = db
    .prepare(
      `INSERT INTO pages (run_id, url, final_url, kind, status, headers, body, fetched_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      page.runId,
      page.url,
      page.finalUrl,
      page.kind,
      page.status,
      JSON.stringify(page.headers),
      page.body,
      page.fetchedAt,
    );
  return Number(result.lastInsertRowid);
}
