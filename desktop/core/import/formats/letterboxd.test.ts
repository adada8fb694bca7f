import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CoreError } from '@reelshelf/shared/contracts';
import type { ImportItem, InputFile, ReaderOutput, RejectedRow } from '../records';
import { detectLetterboxd, letterboxdFiles, letterboxdReader } from './letterboxd';

const FIXTURE = join(__dirname, 'fixtures', 'letterboxd');

/** The fixture folder as the archive reader hands it over: entries named `export.zip/<path>`. */
function exportEntries(): Map<string, InputFile> {
  const entries = new Map<string, InputFile>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else
        entries.set(`export.zip/${relative(FIXTURE, path)}`, {
          name: `export.zip/${relative(FIXTURE, path)}`,
          bytes: readFileSync(path),
        });
    }
  };
  walk(FIXTURE);
  return entries;
}

function readWholeExport(): ReaderOutput[] {
  const entries = exportEntries();
  const { read } = letterboxdFiles([...entries.keys()]);
  return [...letterboxdReader.read(read.map((n) => entries.get(n)!))];
}

const items = (out: ReaderOutput[]) => out.filter((o): o is ImportItem => o.kind === 'item');
const rejected = (out: ReaderOutput[]) => out.filter((o): o is RejectedRow => o.kind === 'rejected');
const fromFile = (out: ReaderOutput[], file: string) =>
  items(out).filter((o) => o.source.file === `export.zip/${file}`);
const csv = (name: string, text: string): InputFile => ({ name, bytes: Buffer.from(text, 'utf8') });
const readOne = (name: string, text: string) => [...letterboxdReader.read([csv(name, text)])];

describe('letterboxdFiles', () => {
  it('reads the export files in order and skips deleted, orphaned, profile, comments and unknown files', () => {
    const names = [
      'export.zip/profile.csv',
      'export.zip/comments.csv',
      'export.zip/lists/',
      'export.zip/lists/b-list.csv',
      'export.zip/lists/a-list.csv',
      'export.zip/watchlist.csv',
      'export.zip/likes/films.csv',
      'export.zip/likes/reviews.csv',
      'export.zip/ratings.csv',
      'export.zip/watched.csv',
      'export.zip/reviews.csv',
      'export.zip/diary.csv',
      'export.zip/deleted/diary.csv',
      'export.zip/orphaned/reviews.csv',
      'export.zip/notes.txt',
    ];
    expect(letterboxdFiles(names)).toEqual({
      read: [
        'export.zip/diary.csv',
        'export.zip/reviews.csv',
        'export.zip/watched.csv',
        'export.zip/ratings.csv',
        'export.zip/watchlist.csv',
        'export.zip/likes/films.csv',
        'export.zip/lists/a-list.csv',
        'export.zip/lists/b-list.csv',
      ],
      skipped: [
        'export.zip/profile.csv',
        'export.zip/comments.csv',
        'export.zip/likes/reviews.csv',
        'export.zip/deleted/diary.csv',
        'export.zip/orphaned/reviews.csv',
        'export.zip/notes.txt',
      ],
    });
  });

  it('finds the files of an export that was re-zipped inside a folder, and of bare entry names', () => {
    expect(
      letterboxdFiles(['letterboxd-sam-2024/diary.csv', 'letterboxd-sam-2024/deleted/diary.csv']).read,
    ).toEqual(['letterboxd-sam-2024/diary.csv']);
    expect(letterboxdFiles(['watched.csv', 'lists/x.csv']).read).toEqual(['watched.csv', 'lists/x.csv']);
  });
});

describe('letterboxdReader on a whole export', () => {
  const out = readWholeExport();

  it('reads every row of the files it should and nothing from the others', () => {
    expect(rejected(out)).toEqual([]);
    const files = new Set(out.map((o) => o.source.file));
    expect([...files].sort()).toEqual(
      [
        'diary.csv',
        'likes/films.csv',
        'lists/favourite-films-of-the-2000s.csv',
        'ratings.csv',
        'reviews.csv',
        'watched.csv',
        'watchlist.csv',
      ].map((f) => `export.zip/${f}`),
    );
    expect(out.some((o) => JSON.stringify(o).includes('example.com'))).toBe(false);
    expect(out.some((o) => o.kind === 'item' && o.title.title === 'Cats')).toBe(false);
  });

  it('turns a diary entry into a keyed viewing on the watched date, its rating and its tags', () => {
    const [amelie] = fromFile(out, 'diary.csv');
    expect(amelie).toEqual({
      kind: 'item',
      source: {
        file: 'export.zip/diary.csv',
        line: 2,
        raw: {
          Date: '2023-01-08',
          Name: 'Amélie',
          Year: '2001',
          'Letterboxd URI': 'https://boxd.it/4kQ1aB',
          Rating: '4.5',
          Rewatch: '',
          Tags: 'paris, comfort',
          'Watched Date': '2023-01-07',
        },
      },
      title: { kind: 'movie', title: 'Amélie', year: 2001, ids: {} },
      facts: [
        { type: 'watch', on: '2023-01-07', key: 'letterboxd:https://boxd.it/4kQ1aB', rewatch: false },
        { type: 'rating', stars: 4.5, on: '2023-01-07' },
        { type: 'tag', tag: 'paris' },
        { type: 'tag', tag: 'comfort' },
      ],
    });
  });

  it('marks rewatches, keeps quoted commas in names and logs an unrated entry without a watched date on its logged date', () => {
    const diary = fromFile(out, 'diary.csv');
    expect(diary.map((d) => d.title.title)).toEqual([
      'Amélie',
      'The Matrix',
      'Crouching Tiger, Hidden Dragon',
      'Parasite',
      'Spirited Away',
    ]);
    expect(diary[1]!.facts[0]).toMatchObject({ type: 'watch', rewatch: true });
    expect(diary[3]!.facts).toEqual([
      { type: 'watch', on: '2023-04-16', key: 'letterboxd:https://boxd.it/4rY4gH', rewatch: false },
    ]);
  });

  it('gives a review the same viewing as its diary entry, and the multi-line text verbatim', () => {
    const [review] = fromFile(out, 'reviews.csv');
    const [diaryEntry] = fromFile(out, 'diary.csv');
    expect(review!.source.line).toBe(2);
    expect(review!.facts.find((f) => f.type === 'watch')).toEqual(diaryEntry!.facts[0]);
    expect(review!.facts.find((f) => f.type === 'review')).toEqual({
      type: 'review',
      text: 'A love letter to Montmartre, told in saturated greens and reds.\n\nThe garden gnome steals every scene — "a small, secret joy".',
      containsSpoilers: false,
      on: '2023-01-07',
      key: 'letterboxd:https://boxd.it/4kQ1aB',
    });
    // The second review starts after the three lines of the first.
    expect(fromFile(out, 'reviews.csv')[1]!.source.line).toBe(5);
  });

  it('reads watched, ratings, watchlist and likes as their facts', () => {
    expect(fromFile(out, 'watched.csv').map((i) => [i.title.title, i.facts])).toContainEqual([
      'Seven Samurai',
      [{ type: 'watched' }],
    ]);
    expect(fromFile(out, 'ratings.csv').find((i) => i.title.title === 'Parasite')?.facts).toEqual([
      { type: 'rating', stars: 3.5, on: '2023-04-18' },
    ]);
    expect(fromFile(out, 'watchlist.csv').map((i) => [i.title, i.facts])).toEqual([
      [
        { kind: 'movie', title: 'Dune: Part Two', year: 2024, ids: {} },
        [{ type: 'list', list: { system: 'watchlist' }, on: '2023-07-01' }],
      ],
      [
        { kind: 'movie', title: 'Past Lives', year: 2023, ids: {} },
        [{ type: 'list', list: { system: 'watchlist' }, on: '2023-07-09' }],
      ],
    ]);
    expect(fromFile(out, 'likes/films.csv').map((i) => i.facts[0])).toEqual([
      { type: 'list', list: { system: 'favorites' }, on: '2023-01-08' },
      { type: 'list', list: { system: 'favorites' }, on: '2023-05-20' },
    ]);
  });

  it('reads a v7 list export: the list named and described, each film at its position with its note', () => {
    const list = fromFile(out, 'lists/favourite-films-of-the-2000s.csv');
    const target = { name: 'Favourite films of the 2000s', description: 'The decade, ranked.', ranked: true };
    expect(list.map((i) => [i.source.line, i.title.title, i.title.year, i.facts])).toEqual([
      [6, 'Spirited Away', 2001, [{ type: 'list', list: target, position: 0 }]],
      [7, 'Amélie', 2001, [{ type: 'list', list: target, position: 1, note: 'Pure joy, every time.' }]],
      [8, 'Crouching Tiger, Hidden Dragon', 2000, [{ type: 'list', list: target, position: 2 }]],
    ]);
  });
});

const DIARY_HEADER = 'Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date';

describe('letterboxdReader rejects bad rows, naming line, column and problem', () => {
  it('keeps reading after each bad row', () => {
    const out = readOne(
      'diary.csv',
      [
        DIARY_HEADER,
        '2023-01-08,,2001,https://boxd.it/a,4,,,2023-01-07',
        '2023-01-08,Amélie,two thousand,https://boxd.it/b,4,,,2023-01-07',
        '2023-01-08,Amélie,2001,https://boxd.it/c,7,,,2023-01-07',
        '2023-01-08,Amélie,2001,https://boxd.it/d,3.75,,,2023-01-07',
        '2023-01-08,Amélie,2001,https://boxd.it/e,4,,,2023-02-30',
        '08/01/2023,Amélie,2001,https://boxd.it/f,4,,,',
        '2023-01-08,Amélie,2001,https://boxd.it/g,4,,',
        '2023-01-08,Amélie,2001,https://boxd.it/h,4,,,2023-01-07',
        '2023-01-08,"Amélie,2001,https://boxd.it/i,4,,,2023-01-07',
      ].join('\n'),
    );
    expect(rejected(out).map((r) => [r.source.line, r.reason])).toEqual([
      [2, 'Name: missing'],
      [3, 'Year: "two thousand" is not a year'],
      [4, 'Rating: "7" is not between 0.5 and 5'],
      [5, 'Rating: "3.75" is not a whole or half star'],
      [6, 'Watched Date: "2023-02-30" is not a real date'],
      [7, 'Date: "08/01/2023" is not a date as YYYY-MM-DD'],
      [8, '7 columns, expected 8'],
      [10, 'a quoted cell is never closed: the rest of the file cannot be read'],
    ]);
    expect(items(out).map((i) => i.source.line)).toEqual([9]);
  });

  it('names every problem of a row at once', () => {
    const [row] = readOne('ratings.csv', 'Date,Name,Year,Letterboxd URI,Rating\n2023-13-01,,1066,x,0\n');
    expect(row).toMatchObject({
      kind: 'rejected',
      reason:
        'Name: missing; Year: "1066" is not a year; Date: "2023-13-01" is not a real date; Rating: "0" is not between 0.5 and 5',
    });
  });

  it('rejects a ratings row without a rating', () => {
    const [row] = readOne('ratings.csv', 'Date,Name,Year,Letterboxd URI,Rating\n2023-01-01,Amélie,2001,x,\n');
    expect(row).toMatchObject({ kind: 'rejected', reason: 'Rating: missing' });
  });

  it('refuses a file without a Name column as a whole, naming it', () => {
    expect(() => readOne('diary.csv', 'Date,Title,Year\n2023-01-01,Amélie,2001\n')).toThrow(
      new CoreError('invalid_argument', 'diary.csv has no "Name" column'),
    );
  });
});

describe('letterboxdReader on single files', () => {
  it('reads a diary with a BOM and CRLF line ends', () => {
    const text = `\uFEFF${DIARY_HEADER}\r\n2023-01-08,Amélie,2001,https://boxd.it/a,4,,,2023-01-07\r\n`;
    const [row] = [...letterboxdReader.read([{ name: 'diary.csv', bytes: Buffer.from(text, 'utf8') }])];
    expect(row).toMatchObject({ kind: 'item', title: { title: 'Amélie', year: 2001 } });
  });

  it('tells a renamed file by its columns or its name', () => {
    const diary = readOne(
      'diary (1).csv',
      `${DIARY_HEADER}\n2023-01-08,Amélie,2001,https://boxd.it/a,4,,,2023-01-07\n`,
    );
    expect(diary[0]).toMatchObject({
      facts: [
        { type: 'watch', on: '2023-01-07' },
        { type: 'rating', stars: 4 },
      ],
    });
    const watchlist = readOne(
      'my watchlist.csv',
      'Date,Name,Year,Letterboxd URI\n2023-07-01,Past Lives,2023,x\n',
    );
    expect(watchlist[0]).toMatchObject({ facts: [{ type: 'list', list: { system: 'watchlist' } }] });
    expect(() =>
      readOne('export.csv', 'Date,Name,Year,Letterboxd URI\n2023-07-01,Past Lives,2023,x\n'),
    ).toThrow(/export\.csv is not a Letterboxd export file/);
  });

  it('marks a review as containing spoilers when the file has a spoilers column saying so', () => {
    const header = 'Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date,Spoilers';
    const out = readOne(
      'reviews.csv',
      `${header}\n2023-01-08,Se7en,1995,x,4,,The box.,,2023-01-07,Yes\n2023-01-08,Heat,1995,y,4,,The diner.,,2023-01-07,No\n`,
    );
    expect(items(out).map((i) => i.facts.find((f) => f.type === 'review'))).toMatchObject([
      { containsSpoilers: true },
      { containsSpoilers: false },
    ]);
  });

  it('reads an unranked list: no positions, not ranked, named from its row', () => {
    const text = [
      'Letterboxd list export v7',
      'Date,Name,Tags,URL,Description',
      '2023-08-01,Rainy Sundays,,https://letterboxd.com/sam/list/rainy-sundays/,',
      '',
      'Position,Name,Year,URL,Description',
      ',Paddington 2,2017,https://letterboxd.com/film/paddington-2/,',
      ',My Neighbor Totoro,1988,https://letterboxd.com/film/my-neighbor-totoro/,',
    ].join('\n');
    const out = readOne('lists/rainy-sundays.csv', text);
    expect(items(out).map((i) => [i.title.title, i.facts])).toEqual([
      ['Paddington 2', [{ type: 'list', list: { name: 'Rainy Sundays', ranked: false } }]],
      ['My Neighbor Totoro', [{ type: 'list', list: { name: 'Rainy Sundays', ranked: false } }]],
    ]);
  });

  it('refuses a list file that is not a v7 list export', () => {
    expect(() => readOne('lists/x.csv', 'Position,Name,Year\n1,Amélie,2001\n')).toThrow(
      'lists/x.csv is not a Letterboxd list export',
    );
  });
});

describe('detectLetterboxd', () => {
  it('knows Letterboxd files by their URI column or the list marker', () => {
    const read = (path: string) => ({ name: path, bytes: readFileSync(join(FIXTURE, path)) });
    expect(detectLetterboxd(read('diary.csv'))).toBe(true);
    expect(detectLetterboxd(read('watchlist.csv'))).toBe(true);
    expect(detectLetterboxd(read('lists/favourite-films-of-the-2000s.csv'))).toBe(true);
    expect(detectLetterboxd(read('profile.csv'))).toBe(false);
    expect(detectLetterboxd(csv('ratings.csv', 'Const,Your Rating,Date Rated,Title\n'))).toBe(false);
    expect(detectLetterboxd({ name: 'x.csv', bytes: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]) })).toBe(
      false,
    );
  });
});
