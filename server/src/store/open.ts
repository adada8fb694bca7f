import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema.ts';

/** The database file inside the data folder. */
export const DB_FILE = 'reelshelf-sync.db';

/** "RSSY": marks a SQLite file as a Reelshelf sync store, so we never migrate someone else's database. */
export const APPLICATION_ID = 0x52535359;

const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));

export type Db = BetterSQLite3Database<typeof schema>;

export interface Store {
  sqlite: Database.Database;
  db: Db;
  close(): void;
}

export class StoreError extends Error {}

export function openStore(dataDir: string): Store {
  const path = join(dataDir, DB_FILE);
  const sqlite = new Database(path);
  try {
    const appId = sqlite.pragma('application_id', { simple: true }) as number;
    if (appId !== 0 && appId !== APPLICATION_ID)
      throw new StoreError(`${path} is a SQLite database of another program; it was not changed`);
    sqlite.pragma('journal_mode = WAL');
    // FULL: the WAL is synced at every commit. Clients delete acknowledged ops from their
    // outbox, so a push we acknowledged and then lost in a power cut would be lost for good.
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = drizzle(sqlite, { schema });
    migrate(db, { migrationsFolder: MIGRATIONS });
    if (appId === 0) sqlite.pragma(`application_id = ${APPLICATION_ID}`);
    return { sqlite, db, close: () => sqlite.close() };
  } catch (e) {
    sqlite.close();
    throw e;
  }
}
