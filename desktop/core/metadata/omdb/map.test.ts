import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CreditInput, TitleInput } from '@reelshelf/shared/domain';
import type { TmdbTitleDetails } from '../tmdb/map';
import { OmdbClient, OmdbTitle } from './client';
import { mapOmdb, type OmdbTitleDetails } from './map';
import { startFakeOmdb, TEST_OMDB_KEY, type FakeOmdb } from './testing/fake-omdb';

let server: FakeOmdb;
let omdb: OmdbClient;
beforeAll(async () => {
  server = await startFakeOmdb();
  omdb = new OmdbClient({ apiKey: TEST_OMDB_KEY, baseUrl: server.url });
});
afterAll(() => server.stop());

const MATRIX = {
  Response: 'True',
  Title: 'The Matrix',
  Year: '1999',
  imdbID: 'tt0133093',
  Type: 'movie',
} as const;
/** The Matrix with some fields changed, as OMDb would send it. */
const matrixWith = (fields: Record<string, string>) => mapOmdb(OmdbTitle.parse({ ...MATRIX, ...fields }));

describe('mapOmdb', () => {
  it('maps a film to the fields enrichment merges, valid for the domain schemas', async () => {
    const movie = mapOmdb(await omdb.byImdbId('tt0133093'));
    expect(movie).toEqual({
      kind: 'movie',
      title: 'The Matrix',
      overview:
        'Thomas A. Anderson is a man living two lives. By day he is an average computer programmer and by night a hacker known as Neo.',
      releaseDate: '1999-03-31',
      year: 1999,
      runtimeMinutes: 136,
      genres: ['Action', 'Sci-Fi'],
      language: 'en',
      externalIds: { imdb: 'tt0133093' },
      certification: { US: 'R' },
      posterUrl: 'https://m.media-amazon.com/images/M/matrix-poster._V1_SX300.jpg',
      credits: [
        { role: 'cast', person: { name: 'Keanu Reeves' }, order: 0 },
        { role: 'cast', person: { name: 'Laurence Fishburne' }, order: 1 },
        { role: 'cast', person: { name: 'Carrie-Anne Moss' }, order: 2 },
        { role: 'crew', person: { name: 'Lana Wachowski' }, job: 'Director', department: 'Directing' },
        { role: 'crew', person: { name: 'Lilly Wachowski' }, job: 'Director', department: 'Directing' },
        { role: 'crew', person: { name: 'Lilly Wachowski' }, job: 'Writer', department: 'Writing' },
        { role: 'crew', person: { name: 'Lana Wachowski' }, job: 'Writer', department: 'Writing' },
      ],
    });
    expect(() => TitleInput.parse({ ...movie, certification: movie.certification.US })).not.toThrow();
    expect(() => z.array(CreditInput).parse(movie.credits)).not.toThrow();
    // What enrichment merges over TMDb-shaped details.
    const partial: Partial<TmdbTitleDetails> = movie;
    expect(partial.title).toBe('The Matrix');
  });

  it('strips the notes from writers, and knows no language code for several languages', async () => {
    const solaris = mapOmdb(await omdb.byImdbId('tt0069293'));
    expect(
      solaris.credits.filter((c) => c.role === 'crew' && c.job === 'Writer').map((c) => c.person.name),
    ).toEqual(['Stanislaw Lem', 'Fridrikh Gorenshteyn', 'Andrei Tarkovsky']);
    expect(solaris.credits[2]).toEqual({ role: 'cast', person: { name: 'Jüri Järvet' }, order: 2 });
    expect(solaris).not.toHaveProperty('language');
    expect(solaris.certification).toEqual({ US: 'PG' });
  });

  it('maps a series: its first year, no director', async () => {
    const series = mapOmdb(await omdb.byImdbId('tt11280740'));
    expect(series).toMatchObject({
      kind: 'series',
      title: 'Severance',
      year: 2022,
      releaseDate: '2022-02-18',
      certification: { US: 'TV-MA' },
      externalIds: { imdb: 'tt11280740' },
    });
    expect(series.credits.filter((c) => c.role === 'crew')).toEqual([
      { role: 'crew', person: { name: 'Dan Erickson' }, job: 'Writer', department: 'Writing' },
    ]);
  });

  it('leaves out everything OMDb says is N/A: the keys are absent, not undefined', async () => {
    const reel = mapOmdb(await omdb.byImdbId('tt0021999'));
    expect(reel).toStrictEqual<OmdbTitleDetails>({
      kind: 'movie',
      title: 'An Unfinished Reel',
      genres: [],
      credits: [],
      certification: {},
      externalIds: { imdb: 'tt0021999' },
    });
    expect(() => TitleInput.parse({ ...reel, certification: undefined })).not.toThrow();
  });

  it('takes a well-known single language only', () => {
    const languageOf = (Language: string) => matrixWith({ Language }).language;
    expect(
      ['French', 'German', 'Spanish', 'Italian', 'Japanese', 'Korean', 'Chinese', 'Mandarin'].map(languageOf),
    ).toEqual(['fr', 'de', 'es', 'it', 'ja', 'ko', 'zh', 'zh']);
    expect(languageOf(' english ')).toBe('en');
    expect(languageOf('English, French')).toBeUndefined();
    expect(languageOf('Swahili')).toBeUndefined();
    expect(languageOf('None')).toBeUndefined();
  });

  it('reads OMDb’s dates, runtimes and years, and drops what it cannot read', () => {
    expect(matrixWith({ Released: '5 Jan 2001' }).releaseDate).toBe('2001-01-05');
    expect(matrixWith({ Released: '31 Feb 1999' })).not.toHaveProperty('releaseDate');
    expect(matrixWith({ Released: '1999-03-31' })).not.toHaveProperty('releaseDate');
    expect(matrixWith({ Runtime: '1 h 30 min' }).runtimeMinutes).toBe(90);
    expect(matrixWith({ Runtime: '0 min' })).not.toHaveProperty('runtimeMinutes');
    expect(matrixWith({ Runtime: 'about two hours' })).not.toHaveProperty('runtimeMinutes');
    expect(matrixWith({ Year: '2005–2013' }).year).toBe(2005);
    expect(matrixWith({ Year: 'N/A', Released: '31 Mar 1999' }).year).toBe(1999);
    expect(matrixWith({ Poster: 'N/A' })).not.toHaveProperty('posterUrl');
    expect(matrixWith({ Genre: 'Drama, Drama, N/A' }).genres).toEqual(['Drama']);
    expect(matrixWith({ Director: 'Ridley Scott (uncredited), Ridley Scott' }).credits).toEqual([
      { role: 'crew', person: { name: 'Ridley Scott' }, job: 'Director', department: 'Directing' },
    ]);
  });

  it('keeps the kind only for films and series, and an IMDb id only when it is one', () => {
    expect(mapOmdb(OmdbTitle.parse({ ...MATRIX, Type: 'episode' }))).not.toHaveProperty('kind');
    expect(mapOmdb(OmdbTitle.parse({ ...MATRIX, imdbID: 'N/A' })).externalIds).toEqual({});
  });
});
