import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CoreError } from '@reelshelf/shared/contracts';
import type { ImportItem, InputFile, ReaderOutput, RejectedRow } from '../records';
import { detectImdb, imdbReader } from './imdb';

const fixture = (name: string): InputFile => ({
  name,
  bytes: readFileSync(join(__dirname, 'fixtures', 'imdb', name)),
});
const read = (...files: InputFile[]) => [...imdbReader.read(files)];
const items = (out: ReaderOutput[]) => out.filter((o): o is ImportItem => o.kind === 'item');
const rejected = (out: ReaderOutput[]) => out.filter((o): o is RejectedRow => o.kind === 'rejected');
const csv = (name: string, text: string): InputFile => ({ name, bytes: Buffer.from(text, 'utf8') });

const RATINGS_HEADER =
  'Const,Your Rating,Date Rated,Title,Original Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,Num Votes,Release Date,Directors';

describe('imdbReader: ratings export', () => {
  const out = read(fixture('ratings.csv'));

  it('turns a rated film into its IMDb id, a half-star rating on the day rated, "watched" and its details', () => {
    expect(items(out)[0]).toMatchObject({
      source: {
        file: 'ratings.csv',
        line: 2,
        raw: { Const: 'tt0211915', 'Your Rating': '9', Title: 'Amélie' },
      },
      title: {
        kind: 'movie',
        title: 'Amélie',
        year: 2001,
        ids: { imdb: 'tt0211915' },
        details: {
          originalTitle: "Le fabuleux destin d'Amélie Poulain",
          runtimeMinutes: 122,
          genres: ['Comedy', 'Romance'],
          releaseDate: '2001-04-25',
          credits: [
            {
              role: 'crew',
              job: 'Director',
              department: 'Directing',
              person: { name: 'Jean-Pierre Jeunet' },
            },
          ],
        },
      },
      facts: [{ type: 'rating', stars: 4.5, on: '2016-01-02' }, { type: 'watched' }],
    });
  });

  it('knows series and episodes by their title type, and converts every score to half stars', () => {
    expect(items(out).map((i) => [i.title.title, i.title.kind, i.facts[0]])).toEqual([
      ['Amélie', 'movie', { type: 'rating', stars: 4.5, on: '2016-01-02' }],
      ['Breaking Bad', 'series', { type: 'rating', stars: 5, on: '2019-11-30' }],
      ['Breaking Bad: Ozymandias', 'episode', { type: 'rating', stars: 5, on: '2019-12-01' }],
      ['Crouching Tiger, Hidden Dragon', 'movie', { type: 'rating', stars: 3.5, on: '2020-03-14' }],
      ['The Matrix', 'movie', { type: 'rating', stars: 4, on: '2022-02-28' }],
    ]);
    const matrix = items(out).at(-1)!;
    expect(matrix.title.details?.credits?.map((c) => c.person.name)).toEqual([
      'Lana Wachowski',
      'Lilly Wachowski',
    ]);
    // An original title equal to the title says nothing new.
    expect(items(out)[1]!.title.details?.originalTitle).toBeUndefined();
  });

  it('rejects a video game by line, with the title type', () => {
    expect(rejected(out).map((r) => [r.source.line, r.reason])).toEqual([
      [6, 'Title Type: Video Game is not a film or TV title'],
    ]);
  });

  it('puts nothing on a list', () => {
    expect(
      items(out)
        .flatMap((i) => i.facts)
        .some((f) => f.type === 'list'),
    ).toBe(false);
  });
});

describe('imdbReader: lists', () => {
  it('reads a watchlist export (any case in the name) as the watchlist, dated when added', () => {
    const out = read(fixture('WATCHLIST.csv'));
    expect(rejected(out)).toEqual([]);
    expect(items(out).map((i) => [i.title.kind, i.title.title, i.title.ids, i.facts])).toEqual([
      [
        'movie',
        'Dune: Part Two',
        { imdb: 'tt15239678' },
        [{ type: 'list', list: { system: 'watchlist' }, on: '2024-03-02' }],
      ],
      [
        'movie',
        'Past Lives',
        { imdb: 'tt13238346' },
        [
          {
            type: 'list',
            list: { system: 'watchlist' },
            note: 'Recommended by Ana, twice',
            on: '2024-03-10',
          },
        ],
      ],
      [
        'series',
        'Rick and Morty',
        { imdb: 'tt2861424' },
        [{ type: 'list', list: { system: 'watchlist' }, on: '2024-04-01' }],
      ],
    ]);
  });

  it('reads any other list as a list named after the file, at its positions, with ratings in it', () => {
    const text = [
      'Position,Const,Created,Modified,Description,Title,Original Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,Num Votes,Release Date,Directors,Your Rating,Date Rated',
      '1,tt0033870,2022-05-01,2022-05-01,The template,The Maltese Falcon,The Maltese Falcon,https://www.imdb.com/title/tt0033870/,Movie,8.0,100,1941,"Crime, Film-Noir",170000,1941-10-18,John Huston,8,2021-01-03',
      '2,tt0036775,2022-05-01,2022-05-01,,Double Indemnity,Double Indemnity,https://www.imdb.com/title/tt0036775/,Movie,8.3,107,1944,"Crime, Drama, Film-Noir",170000,1944-09-06,Billy Wilder,,',
    ].join('\n');
    const out = read(csv('Film Noir Essentials.csv', text));
    const list = { name: 'Film Noir Essentials' };
    expect(items(out).map((i) => i.facts)).toEqual([
      [
        { type: 'rating', stars: 4, on: '2021-01-03' },
        { type: 'watched' },
        { type: 'list', list, position: 0, note: 'The template', on: '2022-05-01' },
      ],
      [{ type: 'list', list, position: 1, on: '2022-05-01' }],
    ]);
  });
});

describe('imdbReader: the old export layout', () => {
  it('reads a Latin-1 file with lower-case headers and Java-style dates', () => {
    const out = read(fixture('ratings-old-latin1.csv'));
    expect(rejected(out)).toEqual([]);
    expect(
      items(out).map((i) => [i.source.line, i.title.kind, i.title.title, i.title.ids.imdb, i.facts]),
    ).toEqual([
      [
        2,
        'movie',
        'Amélie',
        'tt0211915',
        [{ type: 'rating', stars: 4.5, on: '2016-01-02' }, { type: 'watched' }],
      ],
      [
        3,
        'movie',
        'La vita è bella',
        'tt0118799',
        [{ type: 'rating', stars: 5, on: '2016-03-13' }, { type: 'watched' }],
      ],
      [
        4,
        'series',
        'Friends',
        'tt0108778',
        [{ type: 'rating', stars: 3, on: '2016-07-22' }, { type: 'watched' }],
      ],
    ]);
    expect(items(out)[0]!.title.details).toMatchObject({
      releaseDate: '2001-04-25',
      genres: ['comedy', 'romance'],
      credits: [{ person: { name: 'Jean-Pierre Jeunet' } }],
    });
  });

  it('reads an old list (not named ratings) as a list, old dates included', () => {
    const text = [
      'position,const,created,modified,description,Title,Title type,Directors,You rated,IMDb Rating,Runtime (mins),Year,Genres,Num. Votes,Release Date (month/day/year),URL',
      '"1","tt0047478","Sat Jan 02 00:00:00 2016","","the one","Shichinin no samurai","Feature Film","Akira Kurosawa","","8.7","207","1954","action, drama","300000","04/26/1954","http://www.imdb.com/title/tt0047478/"',
    ].join('\r\n');
    const [item] = read(csv('ls012345678.csv', text));
    expect(item).toMatchObject({
      kind: 'item',
      title: {
        kind: 'movie',
        title: 'Shichinin no samurai',
        year: 1954,
        details: { releaseDate: '1954-04-26' },
      },
      facts: [
        { type: 'list', list: { name: 'ls012345678' }, position: 0, note: 'the one', on: '2016-01-02' },
      ],
    });
  });
});

describe('imdbReader rejects bad rows, naming the column', () => {
  it('keeps reading after each', () => {
    const row = (cells: Partial<Record<'id' | 'rating' | 'date' | 'type' | 'year', string>>) =>
      `${cells.id ?? 'tt0133093'},${cells.rating ?? '8'},${cells.date ?? '2022-02-28'},The Matrix,The Matrix,,${cells.type ?? 'movie'},8.7,136,${cells.year ?? '1999'},,,,`;
    const out = read(
      csv(
        'ratings.csv',
        [
          RATINGS_HEADER,
          row({ id: 'nm0000206' }),
          row({ id: '' }),
          row({ rating: '11' }),
          row({ date: '2022-02-30' }),
          row({ type: 'videoGame' }),
          row({ type: 'podcastSeries' }),
          row({ type: 'Music Video' }),
          row({ year: '199' }),
          row({}),
        ].join('\n'),
      ),
    );
    expect(rejected(out).map((r) => [r.source.line, r.reason])).toEqual([
      [2, 'Const: "nm0000206" is not an IMDb id such as tt0133093'],
      [3, 'Const: missing'],
      [4, 'Your Rating: "11" is not between 1 and 10'],
      [5, 'Date Rated: "2022-02-30" is not a real date'],
      [6, 'Title Type: videoGame is not a film or TV title'],
      [7, 'Title Type: podcastSeries is not a film or TV title'],
      [8, 'Title Type: Music Video is not a film or TV title'],
      [9, 'Year: "199" is not a year'],
    ]);
    expect(items(out).map((i) => i.source.line)).toEqual([10]);
  });

  it('refuses a file without a Const column, naming it', () => {
    expect(() => read(csv('ratings.csv', 'Title,Year\nThe Matrix,1999\n'))).toThrow(
      new CoreError('invalid_argument', 'ratings.csv has no "Const" column of IMDb ids'),
    );
  });
});

describe('detectImdb', () => {
  it('knows all three layouts and nothing else', () => {
    expect(detectImdb(fixture('ratings.csv'))).toBe(true);
    expect(detectImdb(fixture('WATCHLIST.csv'))).toBe(true);
    expect(detectImdb(fixture('ratings-old-latin1.csv'))).toBe(true);
    expect(detectImdb(csv('diary.csv', 'Date,Name,Year,Letterboxd URI\n'))).toBe(false);
    expect(detectImdb(csv('x.csv', 'Const,Title\n'))).toBe(false);
  });
});
