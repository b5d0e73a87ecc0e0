import { registerFold } from '../../search/index-article.js';
import type { Migration } from '../migrations.js';

/**
 * Full-text search: an FTS5 index of each article's title, summary and body, keyed by article id. It holds a
 * folded copy of the text (lower case, no diacritics, `đ` as `d`: see src/search/fold.ts) because FTS5 cannot
 * fold `đ` itself; `remove_diacritics 2` stays on for anything that reaches the index unfolded.
 * The copy is stored (not contentless) because highlight() needs it to point at the matched words.
 * Articles already in the archive are indexed here, in the same transaction as the table is created.
 */
export const v4: Migration = {
  version: 4,
  prepare: registerFold,
  sql: `
    CREATE VIRTUAL TABLE article_search USING fts5(
      title, summary, body,
      tokenize = 'unicode61 remove_diacritics 2'
    );
    INSERT INTO article_search (rowid, title, summary, body)
      SELECT id, pa_fold(title), pa_fold(summary), pa_fold(body_text) FROM articles;
  `,
};
