import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { openCore, type Core } from './core';

/** A real library file in a fresh temp folder; `cleanup` closes it and removes the folder. */
export function tempLibrary(): { core: Core; path: string; dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'reelshelf-test-'));
  const path = join(dir, 'library.db');
  const core = openCore(path);
  return {
    core,
    path,
    dir,
    cleanup() {
      try {
        core.close();
      } catch {
        // already closed by the test
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'reelshelf-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Every row of every ordinary table, to prove that a refused command wrote nothing. */
export function snapshot(sqlite: Database.Database): string {
  const tables = sqlite
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'title_search%' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .pluck()
    .all() as string[];
  return JSON.stringify(tables.map((t) => [t, sqlite.prepare(`SELECT * FROM "${t}"`).all()]));
}
