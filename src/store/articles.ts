import type { Database } from 'better-sqlite3';
import { stmt } from './statements.js';
import { storeWrite } from './write-errors.js';
import type { ArticleRecord } from '../extract/record.js';
import { storedImage } from './images.js';
import { parseIsoTimestamp } from './iso.js';
import { keepCurrentVersion } from './revisions.js';
import { indexArticle } from '../search/index-article.js';
import { transact } from './transaction.js';

export type SaveOutcome = 'new' | 'updated' | 'unchanged';

export interface SaveContext {
  /** The crawl run that fetched the page; null when none did (a page stored without a run). */
  runId: number | null;
  /** The stored raw page the record was extracted from; when absent an unchanged row keeps its old page. */
  pageId?: number | null;
  /**
   * Where the search index update goes: run at once by default. A batch writer (crawl/writer.ts) passes its own, to
   * run every article's update at the end of the batch, still inside its transaction.
   */
  deferIndex?: (update: () => void) => void;
}

/**
 * Upserts one record by URL in a single transaction. The content hash decides: an identical hash only
 * notes that the article was seen again; a different one replaces the row and its images/related rows.
 */
export function saveArticle(db: Database, record: ArticleRecord, ctx: SaveContext): SaveOutcome {
  return storeWrite(() => transact(db, (): SaveOutcome => {
    const pageId = ctx.pageId ?? null;
    const existing = stmt(db, 'SELECT id, content_sha256 FROM articles WHERE url = ?')
      .get(record.url) as { id: number; content_sha256: string } | undefined;

    if (existing && existing.content_sha256 === record.content_sha256) {
      // The same content seen again: only when it was last seen moves, not when it was captured or where from.
      stmt(db,
        'UPDATE articles SET last_run_id = ?, fetched_at = ?, page_id = coalesce(?, page_id) WHERE id = ?',
      ).run(ctx.runId, record.fetched_at, pageId, existing.id);
      return 'unchanged';
    }

    const fields = {
      url: record.url,
      site: record.site,
      category: record.category,
      title: record.title,
      published_at: record.published_at,
      published_ts: record.published_at === null ? null : parseIsoTimestamp(record.published_at),
      summary: record.summary,
      body_text: record.body_text,
      author: record.author,
      organization: record.organization,
      fetched_at: record.fetched_at,
      captured_at: record.captured_at,
      extractor: record.extractor,
      source: record.source,
      archive_url: record.archive_url,
      content_sha256: record.content_sha256,
      run_id: ctx.runId,
      page_id: pageId,
    };

    let articleId: number;
    if (existing) {
      articleId = existing.id;
      // The version being replaced becomes a revision: an edit on the portal never overwrites the archive.
      keepCurrentVersion(db, articleId);
      stmt(db,
        `UPDATE articles SET version = version + 1, captured_at = @captured_at,
           extractor = @extractor, source = @source, archive_url = @archive_url,
           site = @site, category = @category, title = @title, published_at = @published_at,
           published_ts = @published_ts, summary = @summary, body_text = @body_text, author = @author,
           organization = @organization, fetched_at = @fetched_at, content_sha256 = @content_sha256,
           last_run_id = @run_id, page_id = coalesce(@page_id, page_id)
         WHERE url = @url`,
      ).run(fields);
      stmt(db, 'DELETE FROM article_images WHERE article_id = ?').run(articleId);
      stmt(db, 'DELETE FROM article_related WHERE article_id = ?').run(articleId);
    } else {
      const result = stmt(db,
          `INSERT INTO articles (url, site, category, title, published_at, published_ts, summary, body_text,
             author, organization, fetched_at, captured_at, extractor, source, archive_url, content_sha256,
             first_run_id, last_run_id, page_id)
           VALUES (@url, @site, @category, @title, @published_at, @published_ts, @summary, @body_text,
             @author, @organization, @fetched_at, @captured_at, @extractor, @source, @archive_url, @content_sha256,
             @run_id, @run_id, @page_id)`,
        )
        .run(fields);
      articleId = Number(result.lastInsertRowid);
    }

    const id = articleId;
    const index = () => indexArticle(db, id, record, { fresh: !existing });
    if (ctx.deferIndex) ctx.deferIndex(index);
    else index();
    const insertImage = stmt(db,
      'INSERT INTO article_images (article_id, position, url, alt, caption, sha256, size) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    record.images.forEach((image, position) => {
      // An image file downloaded before (for this article's earlier version, or another article) stays linked.
      const stored = image.sha256 === null ? storedImage(db, image.url) : null;
      const file = stored ?? { sha256: image.sha256, size: image.size };
      insertImage.run(articleId, position, image.url, image.alt, image.caption, file.sha256, file.size);
    });
    const insertRelated = stmt(db,
      'INSERT INTO article_related (article_id, position, title, url) VALUES (?, ?, ?, ?)',
    );
    record.related.forEach((link, position) => {
      insertRelated.run(articleId, position, link.title, link.url);
    });

    return existing ? 'updated' : 'new';
  }));
}

export function getArticleHash(db: Database, url: string): string | null {
  const hash = stmt(db, 'SELECT content_sha256 FROM articles WHERE url = ?').pluck().get(url) as
    | string
    | undefined;
  return hash ?? null;
}
