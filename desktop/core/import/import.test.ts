/**
 * Imports end to end through the core's command door: real files on disk, a real library
 * file. What a person would check after importing: the right films, viewings, ratings and
 * lists; nothing doubled by a second import; every row accounted for.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreError } from '@reelshelf/shared/contracts';
import { snapshot, tempLibrary } from '../test-support';
import type { Core } from '../core';
import { captureAll } from '../sync/direct-delivery';
import { textFile, zipFile } from './test-files';

let lib: ReturnType<typeof tempLibrary>;
let core: Core;
beforeEach(() => {
  lib = tempLibrary();
  core = lib.core;
  captureAll(core); // signed in: imports must make sync ops like typed edits
});
afterEach(() => lib.cleanup());

const DIARY_HEADER = 'Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date';
const diary = (...rows: string[]) => `${DIARY_HEADER}\n${rows.join('\n')}\n`;

const file = (name: string, text: string) => textFile(lib.dir, name, text);

const zip = (name: string, entries: Record<string, string>) => zipFile(join(lib.dir, name), entries);

const count = (table: string) =>
  lib.core.library.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const outbox = () => count('sync_outbox');
const find = async (text: string) => (await core.call('catalog.search', { text, limit: 5 })).items;

describe('a Letterboxd diary', () => {
  const rows = diary(
    '2024-01-03,The Matrix,1999,https://boxd.it/a1,4.5,No,"sci-fi, favourites",2024-01-02',
    '2024-02-10,The Matrix,1999,https://boxd.it/a2,5,Yes,,2024-02-10',
    '2024-02-11,"Crouching Tiger, Hidden Dragon",2000,https://boxd.it/a3,4,No,,2024-02-11',
    '2024-03-01,Amélie,2001,https://boxd.it/a4,,No,,2024-03-01',
  );

  it('creates the films, one viewing per entry on its watched date, the newest rating and the tags', async () => {
    const report = await core.call('import.run', { path: file('diary.csv', rows) });
    expect(report.format).toBe('letterboxd');
    expect(report.rows).toEqual({ read: 4, created: 4, updated: 0, unchanged: 0, unmatched: 0, rejected: 0 });
    const [matrix] = await find('matrix');
    const details = await core.call('catalog.get', { id: matrix!.id });
    expect(details).toMatchObject({
      title: 'The Matrix',
      year: 1999,
      watchCount: 2,
      lastWatchedOn: '2024-02-10',
    });
    // The later diary entry's rating is the one that stands.
    expect(details.rating).toBe(5);
    expect(details.tags).toEqual(['favourites', 'sci-fi']);
    const history = await core.call('watch.list', { titleId: matrix!.id });
    expect(history.map((w) => w.watchedOn).sort()).toEqual(['2024-01-02', '2024-02-10']);
    expect((await find('crouching tiger'))[0]).toMatchObject({
      title: 'Crouching Tiger, Hidden Dragon',
      year: 2000,
    });
    // Imported changes travel to the other devices like typed ones.
    expect(outbox()).toBeGreaterThan(0);
  });

  it('imports nothing twice: the same file again changes nothing and says so', async () => {
    const path = file('diary.csv', rows);
    await core.call('import.run', { path });
    const before = snapshot(lib.core.library.sqlite);
    const ops = outbox();
    const again = await core.call('import.run', { path });
    expect(again.rows).toMatchObject({ read: 4, created: 0, updated: 0, unchanged: 4 });
    expect(again.changes).toEqual({});
    // Only the import log itself grows.
    const strip = (s: string) => JSON.parse(s).filter(([t]: [string]) => t !== 'imports');
    expect(strip(snapshot(lib.core.library.sqlite))).toEqual(strip(before));
    expect(outbox()).toBe(ops);
  });

  it('takes only what is new from a newer, overlapping export, and follows an edited date', async () => {
    await core.call('import.run', { path: file('diary.csv', rows) });
    const newer = diary(
      '2024-01-03,The Matrix,1999,https://boxd.it/a1,4.5,No,"sci-fi, favourites",2024-01-01',
      '2024-02-10,The Matrix,1999,https://boxd.it/a2,5,Yes,,2024-02-10',
      '2024-02-11,"Crouching Tiger, Hidden Dragon",2000,https://boxd.it/a3,4,No,,2024-02-11',
      '2024-03-01,Amélie,2001,https://boxd.it/a4,,No,,2024-03-01',
      '2024-04-01,Heat,1995,https://boxd.it/a5,4,No,,2024-04-01',
    );
    const report = await core.call('import.run', { path: file('diary-newer.csv', newer) });
    expect(report.rows).toMatchObject({ read: 5, created: 1, updated: 1, unchanged: 3 });
    expect(count('watch_events')).toBe(5);
    const [matrix] = await find('matrix');
    const dates = (await core.call('watch.list', { titleId: matrix!.id })).map((w) => w.watchedOn).sort();
    expect(dates).toEqual(['2024-01-01', '2024-02-10']);
  });

  it('keeps two viewings of one film on one day, and a re-import still adds none', async () => {
    const twice = diary('2024-05-01,Heat,1995,,4,No,,2024-05-01', '2024-05-01,Heat,1995,,4,Yes,,2024-05-01');
    const path = file('twice.csv', twice);
    await core.call('import.run', { path });
    await core.call('import.run', { path });
    expect(count('watch_events')).toBe(2);
  });

  it('does not bring back a viewing the person deleted here after the import', async () => {
    const path = file('diary.csv', rows);
    await core.call('import.run', { path });
    const [matrix] = await find('matrix');
    const [first] = await core.call('watch.list', { titleId: matrix!.id });
    await core.call('watch.remove', { id: first!.id });
    await core.call('import.run', { path });
    expect((await core.call('watch.list', { titleId: matrix!.id })).length).toBe(1);
  });

  it('rejects bad rows with file, line and reason, and imports the rest', async () => {
    const bad = diary(
      '2024-01-03,The Matrix,1999,https://boxd.it/a1,7,No,,2024-01-02',
      '2024-01-04,Heat,1995,https://boxd.it/b1,4,No,,2024-02-30',
      '2024-01-05,Alien,1979,https://boxd.it/b2,4,No,,2024-01-05',
    );
    const report = await core.call('import.run', { path: file('bad.csv', bad) });
    expect(report.rows).toMatchObject({ read: 3, created: 1, rejected: 2 });
    expect(report.rejected.map((r) => [r.file, r.line])).toEqual([
      ['bad.csv', 2],
      ['bad.csv', 3],
    ]);
    expect(report.rejected[0]!.reason).toMatch(/Rating/);
    expect(report.rejected[1]!.reason).toMatch(/Watched Date/);
    expect((await find('alien')).length).toBe(1);
    expect((await find('heat')).length).toBe(0);
  });

  it('a dry run reports exactly what the import will do and writes nothing', async () => {
    const path = file('diary.csv', rows);
    const before = snapshot(lib.core.library.sqlite);
    const dry = await core.call('import.run', { path, dryRun: true });
    expect(snapshot(lib.core.library.sqlite)).toBe(before);
    const real = await core.call('import.run', { path });
    expect({ ...dry, durationMs: 0, importId: null, dryRun: false, unmatched: [] }).toEqual({
      ...real,
      durationMs: 0,
      importId: null,
      unmatched: [],
    });
  });

  it('after a dry run, the real import is still found through a typo', async () => {
    const path = file('diary.csv', rows);
    await core.call('import.run', { path, dryRun: true });
    await core.call('import.run', { path });
    const found = await core.call('catalog.search', { text: 'crouchng tigr' });
    expect(found.items.map((i) => i.title)).toEqual(['Crouching Tiger, Hidden Dragon']);
  });

  it('a cancelled import writes nothing', async () => {
    const many = diary(
      ...Array.from(
        { length: 5_000 },
        (_, i) => `2024-01-01,Film ${i},2000,https://boxd.it/c${i},3,No,,2024-01-01`,
      ),
    );
    const path = file('many.csv', many);
    const before = snapshot(lib.core.library.sqlite);
    const running = core.call('import.run', { path, jobId: 'job-1' });
    expect(await core.call('jobs.cancel', { jobId: 'job-1' })).toEqual({ cancelled: true });
    await expect(running).rejects.toMatchObject({ code: 'cancelled' });
    expect(snapshot(lib.core.library.sqlite)).toBe(before);
  });
});

describe('matching imported rows to the library', () => {
  beforeEach(async () => {
    await core.call('catalog.add', {
      kind: 'movie',
      title: 'The Matrix',
      year: 1999,
      externalIds: { imdb: 'tt0133093' },
    });
    await core.call('catalog.add', { kind: 'movie', title: 'Amélie', year: 2001 });
    await core.call('catalog.add', { kind: 'movie', title: 'Solaris', year: 1972 });
    await core.call('catalog.add', { kind: 'movie', title: 'Solaris', year: 2002 });
    await core.call('catalog.add', { kind: 'movie', title: 'Hamlet', year: 1998 });
    await core.call('catalog.add', { kind: 'movie', title: 'Hamlet', year: 1996 });
    await core.call('catalog.add', { kind: 'movie', title: 'Hamlet', year: 1948 });
  });

  it('finds titles despite articles, punctuation, accents and a year off by one', async () => {
    const report = await core.call('import.run', {
      path: file(
        'm.csv',
        diary(
          '2024-01-01,"Matrix, The",1999,,4,No,,2024-01-01',
          '2024-01-01,Amelie,2000,,4,No,,2024-01-01',
          '2024-01-01,SOLARIS,1973,,4,No,,2024-01-01',
        ),
      ),
    });
    expect(report.rows).toMatchObject({ read: 3, created: 3, unmatched: 0 });
    expect(report.changes.titles).toBeUndefined();
    expect(count('titles')).toBe(7);
  });

  it('never guesses: a row that fits two titles waits in the review queue with the original row', async () => {
    const report = await core.call('import.run', {
      path: file('m.csv', diary('2024-01-01,Hamlet,1997,https://boxd.it/h1,3,No,,2024-01-01')),
    });
    expect(report.rows).toMatchObject({ read: 1, unmatched: 1, created: 0 });
    expect(report.unmatched[0]).toMatchObject({ file: 'm.csv', line: 2 });
    const queue = await core.call('import.unmatched');
    expect(queue.total).toBe(1);
    const row = queue.items[0]!;
    expect(row.raw).toMatchObject({ Name: 'Hamlet', Year: '1997' });
    expect(row.candidates.map((c) => c.year).sort()).toEqual([1996, 1998]);
    expect(count('watch_events')).toBe(0);

    // The person picks; the row's viewing and rating land on that title, and a re-import remembers.
    const picked = await core.call('import.resolve', { id: row.id, titleId: row.candidates[0]!.id });
    expect(picked.rows.created).toBe(1);
    const details = await core.call('catalog.get', { id: row.candidates[0]!.id });
    expect(details).toMatchObject({ watchCount: 1, rating: 3 });
    const again = await core.call('import.run', {
      path: file('m2.csv', diary('2024-01-01,Hamlet,1997,https://boxd.it/h1,3,No,,2024-01-01')),
    });
    expect(again.rows).toMatchObject({ unmatched: 0, unchanged: 1 });
    expect((await core.call('import.unmatched')).total).toBe(0);
  });

  it('a rating the file does not date never replaces one made here', async () => {
    const [hamlet] = (await core.call('catalog.search', { text: 'hamlet', yearFrom: 1948, yearTo: 1948 }))
      .items;
    await core.call('ratings.set', { titleId: hamlet!.id, stars: 2 });
    const path = file('films.csv', 'Film,Year,Score\nHamlet,1948,10\n');
    const report = await core.call('import.run', {
      path,
      format: 'csv',
      mapping: { title: 'Film', year: 'Year', rating: 'Score', ratingScale: 10 },
    });
    expect(report.rows).toMatchObject({ read: 1, unchanged: 1 });
    expect((await core.call('catalog.get', { id: hamlet!.id })).rating).toBe(2);
  });

  it('an id in the row beats its title', async () => {
    const imdb =
      'Const,Your Rating,Date Rated,Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,Num Votes,Release Date,Directors\n' +
      'tt0133093,8,2024-01-01,Matrix (Wrong Name),https://www.imdb.com/title/tt0133093/,movie,8.7,136,1999,Action,2000000,1999-03-31,Lana Wachowski\n';
    const report = await core.call('import.run', { path: file('ratings.csv', imdb) });
    expect(report.format).toBe('imdb');
    expect(report.rows.unmatched).toBe(0);
    expect(count('titles')).toBe(7);
    const [matrix] = await find('matrix');
    expect((await core.call('catalog.get', { id: matrix!.id })).rating).toBe(4);
  });
});

describe('files that are not what they claim', () => {
  it('refuses a file of an unknown kind, naming it, and writes nothing', async () => {
    const before = snapshot(lib.core.library.sqlite);
    const error = await core
      .call('import.run', { path: file('notes.txt', 'hello\nworld\n') })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CoreError);
    expect((error as CoreError).message).toMatch(/notes\.txt/);
    expect(snapshot(lib.core.library.sqlite)).toBe(before);
  });

  it('refuses a truncated ZIP with a message a person understands', async () => {
    const path = await zip('export.zip', { 'diary.csv': diary('2024-01-01,Heat,1995,,4,No,,2024-01-01') });
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, bytes.length - 30));
    await expect(core.call('import.run', { path })).rejects.toMatchObject({
      message: expect.stringMatching(/export\.zip/),
    });
    expect(count('titles')).toBe(0);
  });

  it('reads a Letterboxd export ZIP and leaves the profile, comments and deleted files alone', async () => {
    const path = await zip('letterboxd-me-2026.zip', {
      'diary.csv': diary('2024-01-01,Heat,1995,https://boxd.it/z1,4,No,,2024-01-01'),
      'watched.csv':
        'Date,Name,Year,Letterboxd URI\n2024-01-01,Heat,1995,https://boxd.it/f1\n2023-01-01,Alien,1979,https://boxd.it/f2\n',
      'watchlist.csv': 'Date,Name,Year,Letterboxd URI\n2024-01-01,Ran,1985,https://boxd.it/f3\n',
      'profile.csv':
        'Date Joined,Username,Given Name,Family Name,Email Address\n2020-01-01,me,Me,Myself,me@example.org\n',
      'deleted/diary.csv': diary('2024-01-01,Deleted Film,1990,,4,No,,2024-01-01'),
    });
    const report = await core.call('import.run', { path });
    expect(report.format).toBe('letterboxd');
    expect(report.skippedFiles.join(' ')).toMatch(/profile\.csv/);
    expect(report.skippedFiles.join(' ')).toMatch(/deleted\/diary\.csv/);
    expect(count('titles')).toBe(3);
    // watched.csv adds no second viewing of a film the diary already dated.
    const [heat] = await find('heat');
    expect((await core.call('catalog.get', { id: heat!.id })).watchCount).toBe(1);
    const [alien] = await find('alien');
    expect(await core.call('catalog.get', { id: alien!.id })).toMatchObject({
      watchCount: 1,
      watchedUndated: true,
    });
    expect((await core.call('lists.items', { list: 'watchlist' })).map((i) => i.title)).toEqual(['Ran']);
    expect((await find('deleted film')).length).toBe(0);
  });
});
