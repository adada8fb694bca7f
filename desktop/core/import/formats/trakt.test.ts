import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { readZip } from '../archive';
import type { ImportItem, InputFile, ReaderOutput, RejectedRow } from '../records';
import { detectTrakt, traktFiles, traktReader } from './trakt';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'trakt');
const EMAIL = 'reel.fan@example.com';
const dir = mkdtempSync(join(tmpdir(), 'reelshelf-trakt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fixture(name: string): InputFile {
  return { name, bytes: readFileSync(join(FIXTURES, name)) };
}

function json(name: string, value: unknown): InputFile {
  return { name, bytes: Buffer.from(JSON.stringify(value)) };
}

/** A file whose bytes record being looked at. */
function untouchable(name: string): InputFile & { touched: boolean } {
  const file = { name, touched: false } as InputFile & { touched: boolean };
  Object.defineProperty(file, 'bytes', {
    get() {
      file.touched = true;
      return Buffer.from(JSON.stringify({ user: { email: EMAIL } }));
    },
  });
  return file;
}

const read = (files: InputFile[]): ReaderOutput[] => [...traktReader.read(files)];
const items = (out: ReaderOutput[]) => out.filter((o): o is ImportItem => o.kind === 'item');
const rejected = (out: ReaderOutput[]) => out.filter((o): o is RejectedRow => o.kind === 'rejected');

async function zipFixtures(): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const name of readdirSync(FIXTURES).sort()) zip.addFile(join(FIXTURES, name), `trakt-export/${name}`);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  const path = join(dir, 'trakt-export.zip');
  writeFileSync(path, Buffer.concat(chunks));
  return path;
}

const MATRIX = { kind: 'movie', title: 'The Matrix', year: 1999, ids: { imdb: 'tt0133093', tmdb: 603 } };
const BREAKING_BAD = {
  title: 'Breaking Bad',
  year: 2008,
  ids: { imdb: 'tt0903747', tmdb: 1396, tvdb: 81189 },
};

describe('traktFiles', () => {
  it('reads data files (also split and inside a folder) and never the account files', () => {
    const names = [
      'trakt/watched-history-1.json',
      'trakt/watched-history-2.json',
      'watched-history.json',
      'ratings-movies.json',
      'ratings-episodes-2.json',
      'watchlist.json',
      'watchlist-shows.json',
      'lists-lists.json',
      'lists-mind-bending-sci-fi.json',
      'collection-movies.json',
      'collection-shows.json',
      'user-settings.json',
      'trakt/user-profile.json',
      'user-stats.json',
      'comments-movies.json',
      'watched-movies.json',
      '__MACOSX/trakt/._watched-history-1.json',
      'README.txt',
    ];
    expect(traktFiles(names)).toEqual({
      read: names.slice(0, 11),
      skipped: names.slice(11),
    });
  });
});

describe('a whole Trakt export ZIP', () => {
  it('imports history, ratings, watchlist, lists and collection, and never opens the account files', async () => {
    const { files, skipped } = await readZip(await zipFixtures(), {
      want: (name) => traktFiles([name]).read.length > 0,
    });
    expect(skipped.sort()).toEqual(['trakt-export/user-profile.json', 'trakt-export/user-settings.json']);
    expect(files.some((f) => f.bytes.includes(EMAIL))).toBe(false);

    const out = read(files);
    expect(rejected(out)).toEqual([]);
    expect(JSON.stringify(out)).not.toContain(EMAIL);
    const all = items(out);

    const watches = all.filter((i) => i.facts.some((f) => f.type === 'watch'));
    expect(watches).toHaveLength(8);
    expect(watches.filter((i) => i.source.file.endsWith('watched-history-2.json'))).toHaveLength(4);
    const matrixWatches = watches.filter((i) => i.title.ids.imdb === 'tt0133093');
    expect(matrixWatches.map((i) => i.facts)).toEqual([
      [{ type: 'watch', on: '2024-01-14', key: 'trakt:history:9876543207' }],
      [{ type: 'watch', on: '2019-12-24', key: 'trakt:history:8765432106' }],
    ]);
    expect(matrixWatches[0]!.title).toEqual(MATRIX);

    const pilot = watches.find((i) => i.title.kind === 'episode' && i.title.title === 'Pilot')!;
    expect(pilot.title).toEqual({
      kind: 'episode',
      title: 'Pilot',
      ids: { imdb: 'tt0959621', tmdb: 62085, tvdb: 349232 },
      show: BREAKING_BAD,
      season: 1,
      episode: 1,
    });
    expect(pilot.source).toMatchObject({
      file: 'trakt-export.zip/trakt-export/watched-history-2.json',
      line: 2,
    });

    // A film without an IMDb id keeps the ids it has.
    expect(watches.find((i) => i.title.title === 'Kurzfilm ohne IMDb')!.title.ids).toEqual({ tmdb: 845221 });

    const ratings = all.filter((i) => i.facts.some((f) => f.type === 'rating'));
    const ratingOf = (title: string) =>
      ratings.find((i) => (i.title.title ?? i.title.show?.title) === title && i.title.kind !== 'season');
    expect(ratingOf('Dune: Part Two')!.facts).toEqual([
      { type: 'rating', stars: 4.5, on: '2024-03-02' },
      { type: 'watched' },
    ]);
    expect(ratingOf('Kurzfilm ohne IMDb')!.facts[0]).toEqual({
      type: 'rating',
      stars: 0.5,
      on: '2021-07-09',
    });
    expect(ratingOf('Breaking Bad')).toMatchObject({
      title: { kind: 'series', ...BREAKING_BAD },
      facts: [{ type: 'rating', stars: 5, on: '2023-11-20' }],
    });
    expect(ratings.find((i) => i.title.kind === 'season')).toMatchObject({
      title: { kind: 'season', ids: {}, show: { title: 'Severance' }, season: 1 },
      facts: [{ type: 'rating', stars: 4, on: '2024-03-01' }],
    });
    expect(ratingOf('Pilot')!.facts).toEqual([
      { type: 'rating', stars: 3.5, on: '2023-11-04' },
      { type: 'watched' },
    ]);

    const watchlist = all.filter((i) => i.facts.some((f) => f.type === 'list' && 'system' in f.list));
    expect(watchlist.map((i) => [i.title.kind, i.title.title])).toEqual([
      ['movie', 'Parasite'],
      ['movie', 'Arrival'],
      ['series', 'Dark'],
    ]);
    expect(watchlist[1]!.facts).toEqual([
      { type: 'list', list: { system: 'watchlist' }, position: 1, note: 'Watch with Sam', on: '2024-02-11' },
    ]);

    const listed = all.filter((i) => i.facts.some((f) => f.type === 'list' && 'name' in f.list));
    expect(listed.map((i) => i.title.title)).toEqual(['Inception', 'The Matrix', 'Blade Runner 2049']);
    expect(listed.map((i) => i.facts[0])).toEqual([
      expect.objectContaining({ position: 0 }),
      expect.objectContaining({ position: 1, note: 'The one that started it' }),
      expect.objectContaining({ position: 2 }),
    ]);
    expect(listed[0]!.facts[0]).toMatchObject({
      list: { name: 'Mind-Bending Sci-Fi', description: 'Films that rearrange your head.', ranked: true },
    });

    const owned = all.filter((i) => i.facts.some((f) => f.type === 'owned'));
    expect(owned.map((i) => [i.title.kind, i.title.title ?? i.title.show?.title, i.title.episode])).toEqual([
      ['movie', 'The Matrix', undefined],
      ['movie', 'Blade Runner 2049', undefined],
      ['episode', 'Breaking Bad', 1],
      ['episode', 'Breaking Bad', 2],
    ]);
    expect(owned[0]!.facts).toEqual([{ type: 'owned', format: 'digital-purchase', on: '2020-01-05' }]);
  });

  it('never reads an account file handed to the reader, with other files or on its own', () => {
    const settings = untouchable('trakt/user-settings.json');
    const profile = untouchable('user-profile.json');
    const out = read([fixture('watched-history-1.json'), settings, profile]);
    expect(items(out)).toHaveLength(4);
    expect(read([untouchable('user-settings.json')])).toEqual([]);
    expect(detectTrakt(untouchable('user-settings.json'))).toBe(false);
    expect([settings.touched, profile.touched]).toEqual([false, false]);
  });
});

describe('Trakt entries', () => {
  it('takes the calendar day of watched_at in UTC', () => {
    const movie = { title: 'Heat', year: 1995, ids: { trakt: 1, imdb: 'tt0113277', tmdb: 949 } };
    const out = items(
      read([
        json('watched-history.json', [
          { id: 1, watched_at: '2024-01-14T01:00:00+02:00', action: 'watch', type: 'movie', movie },
          { id: 2, watched_at: '2024-01-14T23:59:59.000Z', action: 'watch', type: 'movie', movie },
        ]),
      ]),
    );
    expect(out.map((i) => i.facts[0])).toEqual([
      { type: 'watch', on: '2024-01-13', key: 'trakt:history:1' },
      { type: 'watch', on: '2024-01-14', key: 'trakt:history:2' },
    ]);
  });

  it('drops ids that cannot identify a title', () => {
    const movie = {
      title: 'Odd',
      year: 2001,
      ids: { trakt: 5, slug: 'odd', imdb: 'nm0000001', tmdb: -3, tvdb: null },
    };
    const [item] = items(
      read([
        json('watched-history.json', [{ id: 9, watched_at: '2024-01-01T00:00:00Z', type: 'movie', movie }]),
      ]),
    );
    expect(item!.title).toEqual({ kind: 'movie', title: 'Odd', year: 2001, ids: {} });
  });

  it('rejects a bad entry with the file, its entry number and the field, and imports the rest', () => {
    const movie = { title: 'Heat', year: 1995, ids: { imdb: 'tt0113277' } };
    const out = read([
      json('export.zip/watched-history.json', [
        { id: 1, watched_at: '2024-01-01T10:00:00Z', type: 'movie', movie },
        { id: 2, watched_at: 'yesterday', type: 'movie', movie },
        { id: 3, watched_at: '2024-01-03T10:00:00Z', type: 'movie' },
        { id: 4, watched_at: '2024-01-04T10:00:00Z', type: 'episode', episode: { season: 1, number: 2 } },
        'not an object',
      ]),
      json('ratings-movies.json', [
        { rated_at: '2024-01-01T10:00:00Z', rating: 11, type: 'movie', movie },
        { rated_at: '2024-01-01T10:00:00Z', rating: 8, type: 'movie', movie: { title: null, ids: {} } },
      ]),
      json('lists-people.json', [
        { rank: 1, listed_at: '2024-01-01T10:00:00Z', type: 'person', person: { name: 'Al Pacino' } },
      ]),
    ]);
    expect(items(out)).toHaveLength(1);
    expect(rejected(out).map((r) => [r.source.file, r.source.line, r.reason])).toEqual([
      ['export.zip/watched-history.json', 2, 'entry 2: watched_at is not a date'],
      ['export.zip/watched-history.json', 3, 'entry 3: movie is missing'],
      ['export.zip/watched-history.json', 4, 'entry 4: show is missing'],
      ['export.zip/watched-history.json', 5, 'entry 5: the entry should be an object, not "not an object"'],
      ['ratings-movies.json', 1, 'entry 1: rating 11 is not between 1 and 10'],
      ['ratings-movies.json', 2, 'entry 2: movie has neither a title nor an id'],
      ['lists-people.json', 1, 'entry 1: a person, not a film or show: people are not imported'],
    ]);
    expect(rejected(out)[0]!.source.raw).toMatchObject({ id: 2, watched_at: 'yesterday' });
  });

  it('reports a file that is not JSON or not a list once, and still imports the other files', () => {
    const broken = { name: 'watched-history-2.json', bytes: Buffer.from('[\n  {"id": 1,\n  "watched_at": ') };
    const object = json('ratings-movies.json', { rating: 9 });
    const out = read([fixture('watched-history-1.json'), broken, object, fixture('watchlist-movies.json')]);
    expect(items(out)).toHaveLength(6);
    const [notJson, notList] = rejected(out);
    expect(notJson!.source.file).toBe('watched-history-2.json');
    expect(notJson!.reason).toMatch(
      /^watched-history-2\.json is not valid JSON; it may be damaged or cut off/,
    );
    expect(notList!.reason).toBe(
      'ratings-movies.json is not a Trakt export file: expected a list of entries',
    );
    expect(rejected(out)).toHaveLength(2);
  });

  it('names a list without its index after its file, and maps collection media types', () => {
    const movie = { title: 'Heat', year: 1995, ids: { imdb: 'tt0113277' } };
    const out = items(
      read([
        json('lists-heist-films.json', [
          { rank: 4, listed_at: '2024-01-01T10:00:00Z', type: 'movie', movie },
        ]),
        json('collection-movies.json', [
          {
            collected_at: '2020-01-01T10:00:00Z',
            movie,
            metadata: { media_type: 'bluray', resolution: 'uhd_4k' },
          },
          { collected_at: '2020-01-01T10:00:00Z', movie, metadata: { media_type: 'dvd' } },
        ]),
      ]),
    );
    expect(out.map((i) => i.facts[0])).toEqual([
      { type: 'list', list: { name: 'Heist films' }, position: 3, on: '2024-01-01' },
      { type: 'owned', format: '4k-uhd', on: '2020-01-01' },
      { type: 'owned', format: 'dvd', on: '2020-01-01' },
    ]);
  });
});

describe('a single Trakt JSON file', () => {
  it('is recognised by its entries whatever it is called, and read the same way', () => {
    const history = { ...fixture('watched-history-1.json'), name: 'my-trakt-history.json' };
    const ratings = { ...fixture('ratings-movies.json'), name: 'ratings (1).json' };
    const watchlist = { ...fixture('watchlist-movies.json'), name: 'trakt watchlist.json' };
    expect([history, ratings, watchlist].map(detectTrakt)).toEqual([true, true, true]);
    expect(items(read([history])).map((i) => i.facts[0]!.type)).toEqual(['watch', 'watch', 'watch', 'watch']);
    expect(items(read([watchlist]))[0]!.facts[0]).toMatchObject({ list: { system: 'watchlist' } });
  });

  it('is not claimed when it is some other JSON or not JSON at all', () => {
    expect(detectTrakt(json('films.json', [{ title: 'The Matrix', year: 1999 }]))).toBe(false);
    expect(detectTrakt(json('settings.json', { watched_at: '2024-01-01' }))).toBe(false);
    expect(
      detectTrakt({ name: 'diary.csv', bytes: Buffer.from('Date,Name,Year\n2024-01-01,Heat,1995\n') }),
    ).toBe(false);
    expect(read([json('films.json', [{ title: 'The Matrix' }])])).toEqual([]);
  });
});
