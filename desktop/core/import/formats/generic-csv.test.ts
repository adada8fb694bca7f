import { describe, expect, it } from 'vitest';
import { CoreError } from '@reelshelf/shared/contracts';
import type { ImportItem, InputFile, ReaderOutput, RejectedRow } from '../records';
import { CsvMapping, genericCsvReader } from './generic-csv';

const csv = (name: string, text: string): InputFile => ({ name, bytes: Buffer.from(text, 'utf8') });
const items = (out: ReaderOutput[]) => out.filter((o): o is ImportItem => o.kind === 'item');
const rejected = (out: ReaderOutput[]) => out.filter((o): o is RejectedRow => o.kind === 'rejected');
const read = (mapping: unknown, ...files: InputFile[]) => [
  ...genericCsvReader(CsvMapping.parse(mapping)).read(files),
];

/** A spreadsheet someone kept by hand, European dates, scores out of 10. */
const SPREADSHEET = [
  'Film,Released,Type,IMDb link,Seen on,Score (out of 10),Shelf,Labels,Thoughts,State',
  'Amélie,2001,Movie,https://www.imdb.com/title/tt0211915/,07/01/2023,9,Favourites,paris; comfort,"Montmartre, in green and red",Watched',
  '"Crouching Tiger, Hidden Dragon",2000,film,,4/3/2023,7,Wuxia night,,,',
  'Breaking Bad,2008,TV show,tt0903747,,,,,,Watching',
  'Past Lives,2023,,,,,Watchlist,,,plan to watch',
].join('\r\n');

const SPREADSHEET_MAPPING = {
  title: 'Film',
  year: 'released',
  kind: 'TYPE',
  imdb: 'IMDb link',
  watchedOn: 'Seen on',
  rating: 'Score (out of 10)',
  ratingScale: 10,
  list: 'Shelf',
  tags: 'Labels',
  tagSeparator: ';',
  review: 'Thoughts',
  status: 'State',
  dateFormat: 'DD/MM/YYYY',
};

describe('CsvMapping', () => {
  it('needs a title column and fills in the defaults', () => {
    expect(CsvMapping.parse({ title: 'Name' })).toEqual({
      title: 'Name',
      ratingScale: 5,
      tagSeparator: ',',
      dateFormat: 'YYYY-MM-DD',
    });
    expect(CsvMapping.safeParse({ year: 'Year' }).success).toBe(false);
    expect(CsvMapping.safeParse({ title: 'Name', ratingScale: 7 }).success).toBe(false);
    expect(CsvMapping.safeParse({ title: 'Name', dateFormat: 'D.M.YY' }).success).toBe(false);
  });
});

describe('genericCsvReader', () => {
  it('reads each mapped column into the title and its facts', () => {
    const out = read(SPREADSHEET_MAPPING, csv('films.csv', SPREADSHEET));
    expect(rejected(out)).toEqual([]);
    expect(items(out).map((i) => [i.source.line, i.title, i.facts])).toEqual([
      [
        2,
        { kind: 'movie', title: 'Amélie', year: 2001, ids: { imdb: 'tt0211915' } },
        [
          { type: 'watch', on: '2023-01-07' },
          { type: 'rating', stars: 4.5, on: '2023-01-07' },
          { type: 'review', text: 'Montmartre, in green and red', containsSpoilers: false, on: '2023-01-07' },
          { type: 'list', list: { system: 'favorites' } },
          { type: 'tag', tag: 'paris' },
          { type: 'tag', tag: 'comfort' },
          { type: 'status', status: 'completed' },
        ],
      ],
      [
        3,
        { kind: 'movie', title: 'Crouching Tiger, Hidden Dragon', year: 2000, ids: {} },
        [
          { type: 'watch', on: '2023-03-04' },
          { type: 'rating', stars: 3.5, on: '2023-03-04' },
          { type: 'list', list: { name: 'Wuxia night' } },
        ],
      ],
      [
        4,
        { kind: 'series', title: 'Breaking Bad', year: 2008, ids: { imdb: 'tt0903747' } },
        [{ type: 'status', status: 'watching' }],
      ],
      [
        5,
        { kind: 'movie', title: 'Past Lives', year: 2023, ids: {} },
        [
          { type: 'list', list: { system: 'watchlist' } },
          { type: 'status', status: 'planned' },
        ],
      ],
    ]);
    expect(items(out)[0]!.source.raw).toMatchObject({ Film: 'Amélie', 'Seen on': '07/01/2023' });
  });

  it('converts ratings from each scale to half stars and reads US dates', () => {
    const text = 'Title,Date,Stars,Percent,TMDb,TVDB\nA,12/31/2022,3.5,87,603,\nB,1/2/2023,0.5,1,,81189\n';
    const stars = read(
      { title: 'Title', rating: 'Stars', watchedOn: 'Date', dateFormat: 'MM/DD/YYYY' },
      csv('a.csv', text),
    );
    expect(items(stars).map((i) => i.facts)).toEqual([
      [
        { type: 'watch', on: '2022-12-31' },
        { type: 'rating', stars: 3.5, on: '2022-12-31' },
      ],
      [
        { type: 'watch', on: '2023-01-02' },
        { type: 'rating', stars: 0.5, on: '2023-01-02' },
      ],
    ]);
    const percent = read(
      { title: 'Title', rating: 'Percent', ratingScale: 100, tmdb: 'TMDb', tvdb: 'TVDB' },
      csv('a.csv', text),
    );
    expect(items(percent).map((i) => [i.title.ids, i.facts])).toEqual([
      [{ tmdb: 603 }, [{ type: 'rating', stars: 4.5 }]],
      [{ tvdb: 81189 }, [{ type: 'rating', stars: 0.5 }]],
    ]);
  });

  it('rejects bad rows by line, naming the column as the file spells it', () => {
    const text = [
      'Film,Released,Type,IMDb link,Seen on,Score (out of 10),Shelf,Labels,Thoughts,State',
      ',2001,,,,,,,,',
      'A,2001,podcast,,,,,,,',
      'B,2001,,nm0000206,,,,,,',
      'C,2001,,,31/02/2023,,,,,',
      'D,2001,,,2023-01-07,,,,,',
      'E,2001,,,,11,,,,',
      'F,2001,,,,,,,,binge',
      'G,2001,,,,,,,',
      'H,2001,,,,,,,,',
    ].join('\n');
    const out = read(SPREADSHEET_MAPPING, csv('films.csv', text));
    expect(rejected(out).map((r) => [r.source.line, r.reason])).toEqual([
      [2, 'Film: missing'],
      [3, 'Type: "podcast" is not movie, series or episode'],
      [4, 'IMDb link: "nm0000206" is not an IMDb id such as tt0133093'],
      [5, 'Seen on: "31/02/2023" is not a real date'],
      [6, 'Seen on: "2023-01-07" is not a date as DD/MM/YYYY'],
      [7, 'Score (out of 10): "11" is not between 1 and 10'],
      [8, 'State: "binge" is not one of planned, watching, on-hold, dropped, completed'],
      [9, '9 columns, expected 10'],
    ]);
    expect(items(out).map((i) => i.title.title)).toEqual(['H']);
  });

  it('refuses a mapping that names a missing column before reading any row of any file', () => {
    const good = csv('good.csv', 'Title,Seen\nAmélie,2023-01-07\n');
    const bad = csv('export.csv', 'Title,Watched\nAmélie,2023-01-07\n');
    const rows: ReaderOutput[] = [];
    const reading = () => {
      for (const row of genericCsvReader(CsvMapping.parse({ title: 'Title', watchedOn: 'Seen' })).read([
        good,
        bad,
      ])) {
        rows.push(row);
      }
    };
    expect(reading).toThrow(CoreError);
    expect(reading).toThrow('export.csv has no column "Seen" (mapped as watchedOn)');
    expect(rows).toEqual([]);
  });
});
