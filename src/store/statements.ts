import type { Database, Statement } from 'better-sqlite3';

/**
 * Statements prepared once per connection. Preparing compiles the SQL each time (a crawl's write path ran a dozen
 * statements per page, 3.5 % of its CPU); a cache keyed by the connection keeps them for its lifetime and lets
 * them go with it. A statement comes back in its default mode (rows as objects): a caller that wants `pluck` sets it
 * on each use, so two callers of the same SQL never see each other's mode.
 */
const cache = new WeakMap<Database, Map<string, Statement>>();

export function stmt(db: Database, sql: string): Statement {
  let statements = cache.get(db);
  if (!statements) {
    statements = new Map();
    cache.set(db, statements);
  }
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    statements.set(sql, statement);
  } else if (statement.reader) {
    statement.pluck(false);
  }
  return statement;
}
