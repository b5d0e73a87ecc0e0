import type { Database } from 'better-sqlite3';
import { stmt } from './statements.js';
import { savePage } from './pages.js';
import { storeWrite } from './write-errors.js';
import { transact } from './transaction.js';

export interface ImageToSave {
  runId: number;
  /** The image URL as the article links it (the key of `article_images.url`). */
  url: string;
  finalUrl: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  fetchedAt: string;
  requestHeaders?: Record<string, string> | null;
}

export interface StoredImage {
  sha256: string;
  /** Raw size in bytes. */
  size: number;
}

export interface SavedImage extends StoredImage {
  pageId: number;
  /** `article_images` rows that now carry the file's hash and size. */
  linked: number;
}

/**
 * Stores a downloaded image (a `pages` capture of kind `image`, its body in `blobs`) and marks every article image
 * with that URL as stored, in one transaction. Which responses are images worth keeping (content type, size
 * limit) is the crawler's decision; a non-2xx response is stored as a capture but linked to nothing.
 */
export function saveImage(db: Database, image: ImageToSave): SavedImage {
  return storeWrite(() =>
    transact(db, (): SavedImage => {
      const pageId = savePage(db, { ...image, kind: 'image' });
      const sha256 = db.prepare('SELECT body_sha256 FROM pages WHERE id = ?').pluck().get(pageId) as string;
      const size = image.body.length;
      const linked = isSuccess(image.status)
        ? db.prepare('UPDATE article_images SET sha256 = ?, size = ? WHERE url = ?').run(sha256, size, image.url).changes
        : 0;
      return { sha256, size, pageId, linked };
    }),
  );
}

/**
 * The file stored for an image URL: the latest successful image capture of it, or null. saveArticle uses it so
 * that replacing an article's images (an edit) keeps what was already downloaded.
 */
export function storedImage(db: Database, url: string): StoredImage | null {
  const row = stmt(
    db,
    `SELECT p.body_sha256 AS sha256, b.size FROM pages p JOIN blobs b ON b.sha256 = p.body_sha256
     WHERE p.url = ? AND p.kind = 'image' AND p.status BETWEEN 200 AND 299
     ORDER BY p.id DESC LIMIT 1`,
  ).get(url) as StoredImage | undefined;
  return row ?? null;
}

/** Image URLs of archived articles whose file is not stored yet, each once, in the order articles were archived. */
export function imagesToFetch(db: Database, opts: { site?: string } = {}): string[] {
  const statement = db
    .prepare(
      `SELECT i.url FROM article_images i JOIN articles a ON a.id = i.article_id
       WHERE i.sha256 IS NULL ${opts.site === undefined ? '' : 'AND a.site = ?'}
       GROUP BY i.url
       ORDER BY min(a.id), min(i.position)`,
    )
    .pluck();
  return (opts.site === undefined ? statement.all() : statement.all(opts.site)) as string[];
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}
