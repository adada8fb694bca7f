import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MatchQuery } from '../tmdb/match';
import { OmdbClient, omdbHttp } from './client';
import { omdbMatch } from './map';
import { startFakeOmdb, TEST_OMDB_KEY, type FakeOmdb } from './testing/fake-omdb';

let server: FakeOmdb;
let omdb: OmdbClient;
beforeEach(async () => {
  server = await startFakeOmdb();
  omdb = new OmdbClient({
    apiKey: TEST_OMDB_KEY,
    baseUrl: server.url,
    // OMDb's own 5 requests/s would make these tests wait in real time.
    http: omdbHttp({ rateLimit: { perSecond: 1000, burst: 1000 } }),
  });
});
afterEach(() => server.stop());

const match = (query: MatchQuery) => omdbMatch(omdb, query);
const movie = (title: string, year?: number, imdb?: string): MatchQuery => ({
  kind: 'movie',
  title,
  year,
  ...(imdb && { ids: { imdb } }),
});
/** What each request asked for: the id, or the search's year. */
const asked = () => server.requests.map((r) => r.params.i ?? `s:${r.params.y ?? '-'}`);

describe('omdbMatch by IMDb id', () => {
  it('takes an id of the right kind with one request', async () => {
    expect(await match(movie('Whatever it is called here', 1980, 'tt0133093'))).toEqual({
      imdbId: 'tt0133093',
      confidence: 'id',
      candidates: [
        {
          imdbId: 'tt0133093',
          kind: 'movie',
          title: 'The Matrix',
          year: 1999,
          posterUrl: 'https://m.media-amazon.com/images/M/matrix-poster._V1_SX300.jpg',
        },
      ],
    });
    expect(asked()).toEqual(['tt0133093']);
  });

  it('falls back to the search when OMDb does not know the id, or it is of another kind', async () => {
    expect(await match(movie('The Matrix', 1999, 'tt0000404'))).toMatchObject({
      imdbId: 'tt0133093',
      confidence: 'exact',
    });
    expect(asked()).toEqual(['tt0000404', 's:1999']);
    // An episode's id given for the series.
    expect(
      await match({ kind: 'series', title: 'Severance', year: 2022, ids: { imdb: 'tt11650328' } }),
    ).toMatchObject({ imdbId: 'tt11280740', confidence: 'exact' });
  });
});

describe('omdbMatch by search', () => {
  it('matches the same title and year exactly, with one search of the right type', async () => {
    const result = await match(movie('The Matrix', 1999));
    expect(result).toMatchObject({ imdbId: 'tt0133093', confidence: 'exact' });
    expect(result?.candidates.map((c) => c.imdbId)).toEqual(['tt0133093']);
    expect(server.requests.map((r) => [r.params.s, r.params.y, r.params.type])).toEqual([
      ['The Matrix', '1999', 'movie'],
    ]);
  });

  it('ignores case, accents, punctuation and a moved article', async () => {
    expect(await match(movie('matrix, the', 1999))).toMatchObject({
      imdbId: 'tt0133093',
      confidence: 'exact',
    });
    expect(await match(movie('Sôlaris', 1972))).toMatchObject({ imdbId: 'tt0069293', confidence: 'exact' });
  });

  it('accepts a year one off as fuzzy, by searching the year before and after', async () => {
    expect(await match(movie('The Matrix', 1998))).toMatchObject({
      imdbId: 'tt0133093',
      confidence: 'fuzzy',
    });
    expect(asked()).toEqual(['s:1998', 's:1997', 's:1999']);
    expect(await match(movie('Solaris', 2003))).toMatchObject({ imdbId: 'tt0307479', confidence: 'fuzzy' });
    expect(await match(movie('Solaris', 1971))).toMatchObject({ imdbId: 'tt0069293', confidence: 'fuzzy' });
  });

  it('tells two films of the same name apart by year, and a film from a series of the same name', async () => {
    expect(await match(movie('Solaris', 1972))).toMatchObject({ imdbId: 'tt0069293', confidence: 'exact' });
    expect(await match(movie('Solaris', 2002))).toMatchObject({ imdbId: 'tt0307479', confidence: 'exact' });
    expect(await match(movie('Severance'))).toMatchObject({ imdbId: 'tt0464196', confidence: 'exact' });
    expect(await match({ kind: 'series', title: 'Severance' })).toMatchObject({
      imdbId: 'tt11280740',
      confidence: 'exact',
    });
  });

  it('does not guess between equally good results: they come back as candidates', async () => {
    expect(await match(movie('Solaris'))).toEqual({
      imdbId: null,
      confidence: null,
      candidates: [
        expect.objectContaining({ imdbId: 'tt0069293', year: 1972 }),
        expect.objectContaining({ imdbId: 'tt0307479', year: 2002 }),
      ],
    });
    const series = await match({ kind: 'series', title: 'The Office' });
    expect(series?.imdbId).toBeNull();
    expect(series?.candidates.map((c) => [c.imdbId, c.year])).toEqual([
      ['tt0386676', 2005],
      ['tt0290978', 2001],
    ]);
  });

  it('does not match a year far off, nor a partial title; the results are candidates, same title first', async () => {
    const farOff = await match(movie('Solaris', 1990));
    expect(farOff).toMatchObject({ imdbId: null, confidence: null });
    expect(farOff?.candidates.map((c) => c.imdbId)).toEqual(['tt0069293', 'tt0307479']);
    // Nothing in 1989–1991: one search without the year looks for candidates.
    expect(asked()).toEqual(['s:1990', 's:1989', 's:1991', 's:-']);

    const partial = await match(movie('Matrix', 2003));
    expect(partial).toMatchObject({ imdbId: null, confidence: null });
    expect(partial?.candidates.map((c) => c.imdbId)).toEqual(['tt0234215', 'tt0242653']);

    const mulholland = await match(movie('Mulholland'));
    expect(mulholland).toEqual({
      imdbId: null,
      confidence: null,
      candidates: [{ imdbId: 'tt0166924', kind: 'movie', title: 'Mulholland Drive', year: 2001 }],
    });
  });

  it('is null when OMDb has nothing, or the title has no words', async () => {
    expect(await match(movie('Nonexistent Picture', 1999))).toBeNull();
    server.requests.length = 0;
    expect(await match(movie('!!!'))).toBeNull();
    expect(await match(movie('  '))).toBeNull();
    expect(server.requests).toEqual([]);
  });

  it('lets a failure of the service through', async () => {
    server.limitNext(1);
    await expect(match(movie('The Matrix', 1999))).rejects.toMatchObject({ failure: 'rate-limited' });
  });
});
