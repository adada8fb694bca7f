import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CoreError } from '@reelshelf/shared/contracts';
import * as schema from './schema';

/** "RSHF": marks a SQLite file as a Reelshelf library, so we never migrate someone else's database. */
export const APPLICATION_ID = 0x52534846;

const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));

/** Schema version = number of migrations; PRAGMA user_version records what a file holds. */
export function knownSchemaVersion(migrationsFolder = MIGRATIONS): number {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

export type Db = BetterSQLite3Database<typeof schema>;

export interface Library {
  sqlite: Database.Database;
  db: Db;
  path: string;
  schemaVersion: number;
  /** True when this open created or upgraded the file. */
  migrated: boolean;
}

export interface OpenOptions {
  /** Path of a better_sqlite3.node built for another runtime (Electron's ABI). */
  nativeBinding?: string;
  migrationsFolder?: string;
}

const isSqliteCorruption = (e: unknown) =>
  e instanceof Error &&
  'code' in e &&
  typeof e.code === 'string' &&
  ['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_CANTOPEN'].some((c) => (e.code as string).startsWith(c));

/**
 * Looks at an existing file read-only before anything writes to it: a file from a newer
 * Reelshelf, another program's database or a damaged file is refused and left byte-for-byte
 * as it was.
 */
function inspectExisting(path: string, latest: number, nativeBinding?: string): void {
  if (statSync(path).size === 0) return;
  let probe: Database.Database | undefined;
  try {
    probe = new Database(path, { readonly: true, fileMustExist: true, nativeBinding });
    const appId = probe.pragma('application_id', { simple: true }) as number;
    const version = probe.pragma('user_version', { simple: true }) as number;
    const tables = probe.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as {
      n: number;
    };
    if (appId !== APPLICATION_ID && tables.n > 0) {
      throw new CoreError(
        'not_a_library',
        `${path} is a SQLite database but not a Reelshelf library; it was not changed.`,
      );
    }
    if (version > latest) {
      throw new CoreError(
        'database_newer',
        `${path} was written by a newer Reelshelf (library format ${version}; this version reads up to ${latest}). ` +
          'Update Reelshelf to open it. The file was not changed.',
      );
    }
  } catch (e) {
    if (e instanceof CoreError) throw e;
    if (isSqliteCorruption(e)) {
      throw new CoreError(
        'database_corrupt',
        `${path} is damaged or is not a database (${(e as Error).message}). It was not changed; ` +
          'restore it from a backup or open another library.',
      );
    }
    throw e;
  } finally {
    probe?.close();
  }
}

export function openLibrary(path: string, options: OpenOptions = {}): Library {
  const migrationsFolder = options.migrationsFolder ?? MIGRATIONS;
  const latest = knownSchemaVersion(migrationsFolder);
  if (path !== ':memory:') {
    if (existsSync(path)) inspectExisting(path, latest, options.nativeBinding);
    else mkdirSync(dirname(path), { recursive: true });
  }

  const sqlite = new Database(path, { nativeBinding: options.nativeBinding });
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // TEMP tables (search facets, sync capture) live in memory; this cannot change once they exist.
    sqlite.pragma('temp_store = MEMORY');
    // A 64 MiB page cache and memory-mapped reads: search touches index pages all over
    // a 100k-title file, and read() syscalls for each were the biggest cost.
    sqlite.pragma('cache_size = -65536');
    sqlite.pragma('mmap_size = 268435456');
    const before = sqlite.pragma('user_version', { simple: true }) as number;
    const db = drizzle(sqlite, { schema });
    if (before < latest) {
      migrate(db, { migrationsFolder });
      sqlite.pragma(`user_version = ${latest}`);
      sqlite.pragma(`application_id = ${APPLICATION_ID}`);
    }
    return { sqlite, db, path, schemaVersion: latest, migrated: before < latest };
  } catch (e) {
    sqlite.close();
    if (isSqliteCorruption(e)) {
      throw new CoreError(
        'database_corrupt',
        `${path} is damaged: ${(e as Error).message}. It was not changed.`,
      );
    }
    throw e;
  }
}
