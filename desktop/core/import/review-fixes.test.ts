/**
 * Bugs found in review, each shown end to end through the core's command door with real
 * files and a real library.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempLibrary } from '../test-support';
import type { Core } from '../core';
import { textFile, zipFile } from './test-files';

let lib: ReturnType<typeof tempLibrary>;
let core: Core;
beforeEach(() => {
  lib = tempLibrary();
  core = lib.core;
});
afterEach(() => lib.cleanup());

const file = (name: string, text: string) => textFile(lib.dir, name, text);

const zip = (name: string, entries: Record<string, string>) => zipFile(join(lib.dir, name), entries);

const sql = <T>(text: string, ...params: unknown[]) =>
  lib.core.library.sqlite.prepare(text).all(...params) as T[];

describe('the review queue', () => {
  it('keeps two rows with the same cells from two files apart (one per list), and a pick fills each list', async () => {
    await core.call('catalog.add', { kind: 'movie', title: 'Hamlet', year: 1996 });
    await core.call('catalog.add', { kind: 'movie', title: 'Hamlet', year: 1998 });
    const list = (name: string) =>
      `Letterboxd list export v7\nDate,Name,Tags,URL,Description\n2024-01-01,${name},,https://boxd.it/l-${name},\n\nPosition,Name,Year,URL,Description\n1,Hamlet,1997,https://boxd.it/hamlet,\n`;
    const path = await zip('letterboxd.zip', {
      'watched.csv': 'Date,Name,Year,Letterboxd URI\n',
      'lists/shakespeare.csv': list('Shakespeare'),
      'lists/nineties.csv': list('Nineties'),
    });
    const report = await core.call('import.run', { path });
    expect(report.rows.unmatched).toBe(2);
    const queue = await core.call('import.unmatched', {});
    expect(queue.total).toBe(2);
    const hamlet = sql<{ id: string }>('SELECT id FROM titles WHERE year = 1996')[0]!.id;
    for (const row of queue.items) await core.call('import.resolve', { id: row.id, titleId: hamlet });
    const lists = sql<{ name: string }>(
      'SELECT l.name FROM list_items i JOIN lists l ON l.id = i.list_id WHERE i.title_id = ? ORDER BY l.name',
      hamlet,
    );
    expect(lists.map((l) => l.name)).toEqual(['Nineties', 'Shakespeare']);
  });
});

describe('a film whose title is only punctuation', () => {
  it('is created once, and found again by a second import', async () => {
    const diary = file(
      'diary.csv',
      'Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n2024-01-02,$,1971,https://boxd.it/d1,3,No,,2024-01-01\n',
    );
    await core.call('import.run', { path: diary });
    const again = await core.call('import.run', { path: diary });
    expect(again.rows).toMatchObject({ created: 0, unchanged: 1 });
    expect(sql('SELECT id FROM titles')).toHaveLength(1);
  });
});

describe("Trakt's own export", () => {
  it('puts lists-watchlist.json (and its split parts) in the watchlist, not in a custom list called Watchlist', async () => {
    const entry = (tmdb: number, title: string) => ({
      rank: 1,
      listed_at: '2024-01-01T10:00:00.000Z',
      type: 'movie',
      movie: { title, year: 2020, ids: { tmdb } },
    });
    const path = await zip('trakt.zip', {
      'lists-watchlist.json': JSON.stringify([entry(1, 'One')]),
      'lists-watchlist-2.json': JSON.stringify([entry(2, 'Two')]),
    });
    const report = await core.call('import.run', { path });
    expect(report.rows.created).toBe(2);
    const custom = sql('SELECT name FROM lists WHERE system IS NULL');
    expect(custom).toEqual([]);
    const onWatchlist = sql<{ title: string }>(
      "SELECT t.title FROM list_items i JOIN lists l ON l.id = i.list_id JOIN titles t ON t.id = i.title_id WHERE l.system = 'watchlist' ORDER BY t.title",
    );
    expect(onWatchlist.map((t) => t.title)).toEqual(['One', 'Two']);
  });
});
