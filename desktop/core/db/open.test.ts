import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore } from '../core';
import { APPLICATION_ID, knownSchemaVersion, openLibrary } from './open';
import { tempDir } from '../test-support';

const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));
const fileHash = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

/** A copy of our migrations folder with only the first `n`: the library format of an older release. */
function olderMigrations(n: number): string {
  const folder = join(tmp.dir, `migrations-${n}`);
  cpSync(MIGRATIONS, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: unknown[] };
  journal.entries = journal.entries.slice(0, n);
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

describe('opening a library', () => {
  it('creates a new file with every migration, WAL and foreign keys on', () => {
    const lib = openLibrary(join(tmp.dir, 'new', 'library.db'));
    try {
      expect(lib.migrated).toBe(true);
      expect(lib.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(lib.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(lib.sqlite.pragma('user_version', { simple: true })).toBe(knownSchemaVersion());
      expect(lib.sqlite.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
      const applied = lib.sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as {
        n: number;
      };
      expect(applied.n).toBe(knownSchemaVersion());
    } finally {
      lib.sqlite.close();
    }
  });

  it('reopens an up-to-date file without migrating', () => {
    const path = join(tmp.dir, 'library.db');
    openLibrary(path).sqlite.close();
    const again = openLibrary(path);
    expect(again.migrated).toBe(false);
    again.sqlite.close();
  });

  it('upgrades a library from the previous version and keeps its data searchable', async () => {
    const path = join(tmp.dir, 'library.db');
    const previous = knownSchemaVersion() - 1;
    const old = openLibrary(path, { migrationsFolder: olderMigrations(previous) });
    expect(old.sqlite.pragma('user_version', { simple: true })).toBe(previous);
    old.sqlite
      .prepare(
        "INSERT INTO titles (id, kind, title, sort_title, year) VALUES ('t1', 'movie', 'Amélie', 'Amélie', 2001)",
      )
      .run();
    old.sqlite.close();

    const progress: { task: string; done: number; total: number }[] = [];
    const core = openCore(path, { onProgress: (p) => progress.push(p) });
    try {
      expect(core.library.migrated).toBe(true);
      expect(progress.at(-1)).toEqual({ task: 'search.index', done: 1, total: 1 });
      expect(core.library.sqlite.pragma('user_version', { simple: true })).toBe(knownSchemaVersion());
      const found = await core.call('catalog.search', { text: 'amelie' });
      expect(found.items.map((i) => i.id)).toEqual(['t1']);
    } finally {
      core.close();
    }
  });

  it('refuses a library written by a newer Reelshelf and leaves it untouched', () => {
    const path = join(tmp.dir, 'library.db');
    const lib = openLibrary(path);
    lib.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    lib.sqlite.pragma(`user_version = ${knownSchemaVersion() + 3}`);
    lib.sqlite.close();
    const before = fileHash(path);
    expect(() => openCore(path)).toThrow(
      expect.objectContaining({
        code: 'database_newer',
        message: expect.stringContaining('newer Reelshelf'),
      }),
    );
    expect(fileHash(path)).toBe(before);
  });

  it('refuses a damaged file with a clear error and never overwrites it', () => {
    const path = join(tmp.dir, 'library.db');
    writeFileSync(path, Buffer.from('this is not a database, it is a shopping list'.repeat(200)));
    const before = fileHash(path);
    expect(() => openCore(path)).toThrow(
      expect.objectContaining({
        code: 'database_corrupt',
        message: expect.stringContaining('was not changed'),
      }),
    );
    expect(fileHash(path)).toBe(before);
  });

  it('refuses a library whose pages are damaged after the header', () => {
    const path = join(tmp.dir, 'library.db');
    const core = openCore(path);
    core.library.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    core.close();
    const bytes = readFileSync(path);
    bytes.fill(0xa5, 100, 4096 * 3);
    writeFileSync(path, bytes);
    const before = fileHash(path);
    expect(() => openCore(path)).toThrow(expect.objectContaining({ code: 'database_corrupt' }));
    expect(fileHash(path)).toBe(before);
  });

  it("refuses another program's SQLite database", () => {
    const path = join(tmp.dir, 'other.db');
    const other = new Database(path);
    other.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)');
    other.close();
    const before = fileHash(path);
    expect(() => openCore(path)).toThrow(expect.objectContaining({ code: 'not_a_library' }));
    expect(fileHash(path)).toBe(before);
  });
});
