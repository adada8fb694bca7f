import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempLibrary } from '../test-support';
import type { Ctx } from '../context';
import { csvCell, csvDocument, type CsvExport } from './csv-writer';
import { exportCatalogCsv, exportHistoryCsv, exportListsCsv, exportRatingsCsv } from './csv';
import { exportLetterboxdCsv, exportLetterboxdWatchlistCsv, LETTERBOXD_COLUMNS } from './letterboxd';
import { buildRichLibrary } from './fixture';
import { contextOf } from './test-context';

const BOM = '\uFEFF';

/** Header → cell objects, as a spreadsheet or importer reads the file. */
function read(csv: CsvExport): Record<string, string>[] {
  const rows = parse(csv.text, { bom: true, columns: true }) as Record<string, string>[];
  expect(csv.rows).toBe(rows.length);
  return rows;
}

describe('CSV writer', () => {
  it('quotes commas, quotes and line breaks (RFC 4180), and defuses formulas', () => {
    expect(csvCell('plain', true)).toBe('plain');
    expect(csvCell('a, b', true)).toBe('"a, b"');
    expect(csvCell('say "hi"', true)).toBe('"say ""hi"""');
    expect(csvCell('two\nlines', true)).toBe('"two\nlines"');
    expect(csvCell('=SUM(A1)', true)).toBe("'=SUM(A1)");
    expect(csvCell('+1', true)).toBe("'+1");
    expect(csvCell('-x', true)).toBe("'-x");
    expect(csvCell('@cmd', true)).toBe("'@cmd");
    expect(csvCell('=1,2', true)).toBe(`"'=1,2"`);
    expect(csvCell('=1', false)).toBe('=1');
    expect(csvCell(-3, true)).toBe('-3');
    expect(csvCell(null, true)).toBe('');
    expect(csvCell(undefined, true)).toBe('');

    const doc = csvDocument(
      ['Name', 'Note'],
      [
        ['Amélie', 'a "b", c\r\nd'],
        ['-', null],
      ],
      { bom: true, guardFormulas: true },
    ).text;
    expect(doc.startsWith(BOM)).toBe(true);
    expect(doc.endsWith('\r\n')).toBe(true);
    expect(parse(doc, { bom: true })).toEqual([
      ['Name', 'Note'],
      ['Amélie', 'a "b", c\r\nd'],
      ["'-", ''],
    ]);
  });
});

describe('exports of a library', () => {
  let lib: ReturnType<typeof tempLibrary>;
  let ctx: Ctx;
  let built: Awaited<ReturnType<typeof buildRichLibrary>>;
  beforeAll(async () => {
    lib = tempLibrary();
    ctx = contextOf(lib.core);
    built = await buildRichLibrary(lib.core);
  });
  afterAll(() => lib.cleanup());

  it('catalog: one row per title, series followed by their seasons and episodes', () => {
    const csv = exportCatalogCsv(ctx);
    expect(csv.text.startsWith(BOM)).toBe(true);
    const rows = read(csv);
    expect(Object.keys(rows[0]!)).toEqual([
      'ID',
      'Kind',
      'Title',
      'Original Title',
      'Year',
      'Runtime (min)',
      'Genres',
      'IMDb ID',
      'TMDb ID',
      'TVDB ID',
      'Series',
      'Season',
      'Episode',
      'Owned Formats',
      'Rating',
      'Watch Count',
      'Last Watched',
      'Tags',
    ]);
    expect(rows.map((r) => r.Title)).toEqual([
      "'=1+1",
      'Amélie',
      'The Matrix',
      'Severance',
      'Season 1',
      'Good News About Hell',
    ]);
    const matrix = rows.find((r) => r.ID === built.matrix.id)!;
    expect(matrix).toMatchObject({
      Kind: 'movie',
      Year: '1999',
      'Runtime (min)': '136',
      Genres: 'Science Fiction, Action',
      'IMDb ID': 'tt0133093',
      'TMDb ID': '603',
      'Owned Formats': 'blu-ray',
      Rating: '4.5',
      'Watch Count': '3',
      'Last Watched': '2021-12-24',
      Tags: 'Noir, Ästhetik, 日本映画',
    });
    expect(rows.find((r) => r.ID === built.amelie.id)).toMatchObject({
      'Original Title': 'Le Fabuleux Destin d’Amélie Poulain',
      'Owned Formats': 'digital-file',
      'Watch Count': '1',
      'Last Watched': '',
      Tags: 'café, Noir',
    });
    expect(rows.find((r) => r.ID === built.episode.id)).toMatchObject({
      Kind: 'episode',
      Series: 'Severance',
      Season: '1',
      Episode: '1',
    });
    expect(rows.find((r) => r.ID === built.series.id)).toMatchObject({ 'TVDB ID': '371980', Rating: '5' });
  });

  it('history: one row per watch, undated ones first, rewatches marked', () => {
    const rows = read(exportHistoryCsv(ctx));
    expect(rows.map((r) => [r.Date, r.Title, r.Rewatch])).toEqual([
      ['', 'The Matrix', 'no'],
      ['', 'Amélie', 'no'],
      ['2001-06-01', 'The Matrix', 'yes'],
      ['2021-12-24', 'The Matrix', 'yes'],
      ['2022-02-18', 'Severance S01E01 – Good News About Hell', 'no'],
    ]);
    expect(rows[2]).toEqual({
      Date: '2001-06-01',
      Title: 'The Matrix',
      Year: '1999',
      Kind: 'movie',
      'IMDb ID': 'tt0133093',
      'TMDb ID': '603',
      Rewatch: 'yes',
    });
  });

  it('ratings: stars and the 1–10 equivalent', () => {
    const rows = read(exportRatingsCsv(ctx));
    expect(rows.map((r) => [r.Title, r.Rating, r['Rating (1-10)']])).toEqual([
      ['The Matrix', '4.5', '9'],
      ['Amélie', '3', '6'],
      ['Severance', '5', '10'],
    ]);
    expect(rows[0]!['Date Rated']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('lists: system lists first, then custom ones by name, in list order with notes', () => {
    const rows = read(exportListsCsv(ctx));
    expect(rows.map((r) => [r.List, r.Position, r.Title, r.Note])).toEqual([
      ['Watchlist', '1', 'Amélie', ''],
      ['Watchlist', '2', "'=1+1", 'someday'],
      ['Favorites', '1', 'The Matrix', ''],
      ['Watching', '1', 'Severance', ''],
      ['Completed', '1', 'The Matrix', ''],
      ['Mind benders', '1', 'Amélie', 'a break, "light"'],
      ['Mind benders', '2', 'The Matrix', 'start here'],
      ['Mind benders', '3', 'Severance', ''],
      // Names sort as the app sorts them (SQLite's NOCASE: ASCII letters folded, others by code).
      ['Ça', '1', 'Severance S01E01 – Good News About Hell', ''],
    ]);
    expect(rows[2]).toMatchObject({ Year: '1999', 'IMDb ID': 'tt0133093', 'TMDb ID': '603' });
  });

  it('Letterboxd: its import columns, one row per diary entry of a movie, no BOM, titles as they are', () => {
    const csv = exportLetterboxdCsv(ctx);
    expect(
      csv.text.startsWith('Title,Year,imdbID,tmdbID,WatchedDate,Rating,Rating10,Rewatch,Tags,Review\r\n'),
    ).toBe(true);
    const rows = read(csv);
    expect(Object.keys(rows[0]!)).toEqual([...LETTERBOXD_COLUMNS]);
    expect(rows).toEqual([
      // Watched without a date only: one row, no WatchedDate.
      {
        Title: 'Amélie',
        Year: '2001',
        imdbID: '',
        tmdbID: '',
        WatchedDate: '',
        Rating: '3',
        Rating10: '6',
        Rewatch: '',
        Tags: 'café, Noir',
        Review: 'Charmant.',
      },
      // Dated diary entries; the undated watch came first, so both are rewatches; review on the last.
      {
        Title: 'The Matrix',
        Year: '1999',
        imdbID: 'tt0133093',
        tmdbID: '603',
        WatchedDate: '2001-06-01',
        Rating: '4.5',
        Rating10: '9',
        Rewatch: 'true',
        Tags: 'Noir, Ästhetik, 日本映画',
        Review: '',
      },
      {
        Title: 'The Matrix',
        Year: '1999',
        imdbID: 'tt0133093',
        tmdbID: '603',
        WatchedDate: '2021-12-24',
        Rating: '4.5',
        Rating10: '9',
        Rewatch: 'true',
        Tags: 'Noir, Ästhetik, 日本映画',
        Review: 'Neo is the One, "obviously".',
      },
    ]);
  });

  it('Letterboxd: a movie rated but never watched gets a row without a date; series never appear', async () => {
    const film = await lib.core.call('catalog.add', {
      kind: 'movie',
      title: '+1',
      year: 2013,
      externalIds: { tmdb: 157847 },
    });
    await lib.core.call('ratings.set', { titleId: film.id, stars: 2.5 });
    const first = await lib.core.call('catalog.add', { kind: 'movie', title: 'Fresh', year: 2024 });
    await lib.core.call('watch.add', { titleId: first.id, watchedOn: '2024-03-01' });
    await lib.core.call('watch.add', { titleId: first.id, watchedOn: '2024-04-01' });
    const rows = read(exportLetterboxdCsv(ctx));
    expect(rows.find((r) => r.tmdbID === '157847')).toMatchObject({
      Title: '+1',
      WatchedDate: '',
      Rating: '2.5',
      Rating10: '5',
      Rewatch: '',
    });
    expect(rows.filter((r) => r.Title === 'Fresh').map((r) => [r.WatchedDate, r.Rewatch, r.Rating])).toEqual([
      ['2024-03-01', 'false', ''],
      ['2024-04-01', 'true', ''],
    ]);
    expect(rows.some((r) => r.Title!.includes('Severance') || r.Title === 'Good News About Hell')).toBe(
      false,
    );
    // Watchlisted and unwatched: not in the diary file (a row there means "watched").
    expect(rows.some((r) => r.Title === '=1+1')).toBe(false);
  });

  it('Letterboxd watchlist: the watchlisted movies in list order', () => {
    expect(read(exportLetterboxdWatchlistCsv(ctx))).toEqual([
      { Title: 'Amélie', Year: '2001', imdbID: '', tmdbID: '' },
      { Title: '=1+1', Year: '2020', imdbID: '', tmdbID: '' },
    ]);
  });
});
