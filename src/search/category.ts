import type { Database } from 'better-sqlite3';
import { UsageError } from '../errors.js';
import { fold } from './fold.js';

const key = (s: string) => fold(s).replace(/\s+/g, ' ').trim();

/**
 * The archive's category names that `typed` designates, compared folded: `xay dung dang` is `Xây dựng Đảng`,
 * and one name spelt differently by two sites (`TIN TỨC`, `Tin tức`) selects both. No match is a usage error
 * that lists the categories, since an empty export would look like an empty category.
 */
export function matchingCategories(db: Database, typed: string): string[] {
  const all = db.prepare('SELECT DISTINCT category FROM articles WHERE category IS NOT NULL ORDER BY category').pluck().all() as string[];
  const wanted = key(typed);
  const found = all.filter((c) => key(c) === wanted);
  if (found.length > 0) return found;
  const shown = all.length <= 12 ? `: ${all.join('; ')}` : ` (${all.length}; see portal-archiver stats)`;
  throw new UsageError(`unknown category "${typed}"; the archive's categories${all.length === 0 ? ': none' : shown}`);
}
