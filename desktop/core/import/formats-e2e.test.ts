/**
 * Every format through `import.run` on the realistic fixture exports in formats/fixtures:
 * a whole Letterboxd export ZIP, a Trakt export ZIP (whose account files must stay closed),
 * IMDb files old and new, a folder of NFO files, a CSV with a column mapping, and a
 * Reelshelf backup. Each imported twice: the second time must change nothing.
 */
import { readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../core';
import { snapshot, tempLibrary } from '../test-support';
import { zipFile } from './test-files';

const FIXTURES = fileURLToPath(new URL('./formats/fixtures/', import.meta.url));

let lib: ReturnType<typeof tempLibrary>;
let core: Core;
beforeEach(() => {
  lib = tempLibrary();
  core = lib.core;
});
afterEach(() => lib.cleanup());

const count = (table: string, where = '') =>
  lib.core.library.sqlite.prepare(`SELECT count(*) FROM ${table} ${where}`).pluck().get() as number;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)));
}

/** Zips a fixture folder the way the service's export does: its files at the archive's root. */
async function zipFixture(folder: string, name = `${folder}-export.zip`): Promise<string> {
  const root = join(FIXTURES, folder);
  return zipFile(
    join(lib.dir, name),
    Object.fromEntries(filesUnder(root).map((file) => [file, { fromFile: join(root, file) }])),
  );
}

async function importTwice(path: string, args: Record<string, unknown> = {}) {
  const first = await core.call('import.run', { path, ...args });
  const before = snapshot(lib.core.library.sqlite);
  const second = await core.call('import.run', { path, ...args });
  const strip = (s: string) => JSON.parse(s).filter(([t]: [string]) => t !== 'imports');
  expect(strip(snapshot(lib.core.library.sqlite))).toEqual(strip(before));
  expect(second.rows.created + second.rows.updated).toBe(0);
  return { first, second };
}

/**
 * A backup with each library's own identities named by role: every library has its own
 * default profile and system lists (restore maps them onto the receiving library's), and
 * every other id must come through unchanged.
 */
function comparable(path: string): unknown {
  let text = readFileSync(path, 'utf8');
  const backup = JSON.parse(text) as {
    profiles: { id: string; isDefault: boolean }[];
    lists: { id: string; system: string | null }[];
  };
  for (const p of backup.profiles) if (p.isDefault) text = text.replaceAll(p.id, '@default');
  for (const l of backup.lists) if (l.system) text = text.replaceAll(l.id, `@system:${l.system}`);
  const { exportedAt: _, ...rest } = JSON.parse(text) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(rest).map(([k, v]) => [k, Array.isArray(v) ? v.map((x) => JSON.stringify(x)).sort() : v]),
  );
}

describe('import of real export layouts', () => {
  it('a Letterboxd export ZIP: every file read, nothing doubled on re-import', async () => {
    const { first } = await importTwice(await zipFixture('letterboxd'));
    expect(first.format).toBe('letterboxd');
    expect(first.rows.rejected).toBe(0);
    expect(first.rows.unmatched).toBe(0);
    expect(first.skippedFiles.join(' ')).toMatch(/profile\.csv/);
    expect(first.skippedFiles.join(' ')).toMatch(/comments\.csv/);
    expect(count('watch_events')).toBeGreaterThan(0);
    expect(count('ratings')).toBeGreaterThan(0);
    expect(count('reviews')).toBeGreaterThan(0);
    expect(count('list_items')).toBeGreaterThan(0);
    // The list file became a custom list with its films in order.
    const lists = await core.call('lists.all');
    expect(lists.some((l) => l.system === null)).toBe(true);
  });

  it('a Trakt export ZIP: films and episodes under their series, and the account files never opened', async () => {
    const path = await zipFixture('trakt');
    const { first } = await importTwice(path);
    expect(first.format).toBe('trakt');
    expect(first.rows.rejected).toBe(0);
    expect(first.skippedFiles.join(' ')).toMatch(/user-settings\.json/);
    // Episodes hang under a season under a series.
    expect(count('titles', "WHERE kind = 'episode' AND parent_id IS NULL")).toBe(0);
    expect(count('titles', "WHERE kind = 'series'")).toBeGreaterThan(0);
    const [dune] = (await core.call('catalog.search', { text: 'dune part two' })).items;
    const details = await core.call('catalog.get', { id: dune!.id });
    expect(details.externalIds).toMatchObject({ imdb: 'tt15239678', tmdb: 693134 });
    expect(details.watchCount).toBeGreaterThan(0);
  });

  it('IMDb ratings and watchlist, including an old Latin-1 file', async () => {
    await importTwice(join(FIXTURES, 'imdb', 'ratings.csv'));
    await importTwice(join(FIXTURES, 'imdb', 'WATCHLIST.csv'));
    const old = await core.call('import.run', { path: join(FIXTURES, 'imdb', 'ratings-old-latin1.csv') });
    expect(old.format).toBe('imdb');
    expect((await core.call('catalog.search', { text: 'amélie' })).items[0]?.title).toBe('Amélie');
    expect((await core.call('lists.items', { list: 'watchlist' })).length).toBeGreaterThan(0);
  });

  it('a ZIP of IMDb files, told apart by their headers', async () => {
    const { first } = await importTwice(await zipFixture('imdb'));
    expect(first.format).toBe('imdb');
    expect(first.rows.read).toBeGreaterThan(0);
    expect((await core.call('lists.items', { list: 'watchlist' })).length).toBeGreaterThan(0);
  });

  it('a folder of NFO files, URL-only ones included', async () => {
    const { first } = await importTwice(join(FIXTURES, 'nfo'));
    expect(first.format).toBe('nfo');
    expect(first.rows.rejected).toBe(0);
    const [matrix] = (await core.call('catalog.search', { text: 'matrix' })).items;
    const details = await core.call('catalog.get', { id: matrix!.id });
    expect(details.externalIds.imdb).toBe('tt0133093');
    expect(details.credits.length).toBeGreaterThan(0);
    expect(count('titles', 'WHERE tmdb_id = 329865')).toBe(1); // Arrival, known only by its TMDb link
  });

  it('any CSV with a column mapping', async () => {
    const path = join(lib.dir, 'my films.csv');
    writeFileSync(
      path,
      'Film;Released;Seen on;Score\n"Heat";1995;2024-02-01;8\n"Ran";1985;2024-03-01;10\n'.replace(/;/g, ','),
    );
    const mapping = {
      title: 'Film',
      year: 'Released',
      watchedOn: 'Seen on',
      rating: 'Score',
      ratingScale: 10,
    };
    const { first } = await importTwice(path, { format: 'csv', mapping });
    expect(first.rows).toMatchObject({ read: 2, created: 2 });
    const [ran] = (await core.call('catalog.search', { text: 'ran' })).items;
    expect(ran).toMatchObject({ year: 1985, rating: 5, lastWatchedOn: '2024-03-01' });
  });

  it('a CSV mapping that names a missing column is refused before anything is read', async () => {
    const path = join(lib.dir, 'films.csv');
    writeFileSync(path, 'Film,Year\nHeat,1995\n');
    const before = snapshot(lib.core.library.sqlite);
    await expect(
      core.call('import.run', { path, format: 'csv', mapping: { title: 'Film', watchedOn: 'Seen' } }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/Seen/) });
    expect(snapshot(lib.core.library.sqlite)).toBe(before);
  });

  it('a Reelshelf backup restores through import, and exporting again gives the same backup', async () => {
    await core.call('import.run', { path: await zipFixture('letterboxd') });
    const backup = join(lib.dir, 'backup.json');
    const written = await core.call('export.backup', { path: backup });
    expect(written.bytes).toBe(statSync(backup).size);

    const other = tempLibrary();
    try {
      const restored = await other.core.call('import.run', { path: backup });
      expect(restored.format).toBe('backup');
      expect(restored.rows.created).toBeGreaterThan(0);
      const again = join(other.dir, 'again.json');
      await other.core.call('export.backup', { path: again });
      expect(comparable(again)).toEqual(comparable(backup));
      const second = await other.core.call('import.run', { path: backup });
      expect(second.rows).toMatchObject({ created: 0, updated: 0 });
    } finally {
      other.cleanup();
    }
  });

  it('refuses an oversized file before reading it', async () => {
    const path = join(lib.dir, 'huge.csv');
    writeFileSync(path, 'Date,Name,Year,Letterboxd URI\n');
    truncateSync(path, 300 * 1024 * 1024); // sparse: costs no disk
    await expect(core.call('import.run', { path })).rejects.toMatchObject({
      message: expect.stringMatching(/huge\.csv is 300 MiB/),
    });
  });
});
