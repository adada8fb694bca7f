import type Database from 'better-sqlite3';

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * A prepared statement for this connection, prepared once per SQL text: preparing costs
 * more than running a small query, and sync and bulk writes run the same few thousands of times.
 */
export function statement(sqlite: Database.Database, sql: string): Database.Statement {
  let byText = cache.get(sqlite);
  if (!byText) cache.set(sqlite, (byText = new Map()));
  let stmt = byText.get(sql);
  if (!stmt) byText.set(sql, (stmt = sqlite.prepare(sql)));
  // Shared by every caller of this SQL: whoever asked for .pluck() or .raw() last must not
  // change what the next caller gets back.
  else if (stmt.reader) stmt.raw(false).pluck(false);
  return stmt;
}
