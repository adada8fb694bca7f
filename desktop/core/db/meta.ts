import type Database from 'better-sqlite3';
import { statement } from './statements';

/** Small facts about the library file (table library_meta): index version, sync clock, account. */
export function readMeta(sqlite: Database.Database, key: string): string | undefined {
  return (
    (statement(sqlite, 'SELECT value FROM library_meta WHERE key = ?').pluck().get(key) as
      string | undefined) ?? undefined
  );
}

/** Sets a fact, or removes it with undefined. */
export function writeMeta(sqlite: Database.Database, key: string, value: string | undefined): void {
  if (value === undefined) statement(sqlite, 'DELETE FROM library_meta WHERE key = ?').run(key);
  else statement(sqlite, 'INSERT OR REPLACE INTO library_meta (key, value) VALUES (?, ?)').run(key, value);
}
