import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TmdbClient } from './client';
import { matchTitle, type MatchQuery } from './match';
import { startFakeTmdb, TEST_API_KEY, type FakeTmdb } from './testing/fake-tmdb';

let server: FakeTmdb;
let tmdb: TmdbClient;
beforeEach(async () => {
  server = await startFakeTmdb();
  tmdb = new TmdbClient({ apiKey: TEST_API_KEY, baseUrl: server.url });
});
afterEach(() => server.stop());

const match = (query: MatchQuery) => matchTitle(tmdb, query);
const movie = (title: string, year?: number): MatchQuery => ({ kind: 'movie', title, year });

describe('matchTitle by search', () => {
  it('matches the same title and year exactly, with one search', async () => {
    const result = await match(movie('The Matrix', 1999));
    expect(result).toMatchObject({ tmdbId: 603, confidence: 'exact' });
    expect(result?.candidates[0]).toMatchObject({ tmdbId: 603, title: 'The Matrix', year: 1999 });
    expect(server.requests.map((r) => r.params.year)).toEqual(['1999']);
  });

  it('ignores case, accents, punctuation and a moved article', async () => {
    expect(await match(movie('matrix, the', 1999))).toMatchObject({ tmdbId: 603, confidence: 'exact' });
    expect(await match(movie('Sôlaris', 1972))).toMatchObject({ tmdbId: 593, confidence: 'exact' });
  });

  it('accepts a year one off as a fuzzy match, found by a second search without the year', async () => {
    expect(await match(movie('The Matrix', 1998))).toMatchObject({ tmdbId: 603, confidence: 'fuzzy' });
    expect(server.requests.map((r) => r.params.year)).toEqual(['1998', undefined]);
    expect(await match(movie('Solaris', 2001))).toMatchObject({ tmdbId: 2103, confidence: 'fuzzy' });
  });

  it('tells two films of the same name apart by year', async () => {
    expect(await match(movie('Solaris', 1972))).toMatchObject({ tmdbId: 593, confidence: 'exact' });
    expect(await match(movie('Solaris', 2002))).toMatchObject({ tmdbId: 2103, confidence: 'exact' });
  });

  it('does not guess between equally good results: they come back as candidates, most popular first', async () => {
    const result = await match(movie('Solaris'));
    expect(result?.tmdbId).toBeNull();
    expect(result?.confidence).toBeNull();
    expect(result?.candidates.map((c) => [c.tmdbId, c.year])).toEqual([
      [2103, 2002],
      [593, 1972],
    ]);
    const series = await match({ kind: 'series', title: 'The Office' });
    expect(series?.tmdbId).toBeNull();
    expect(series?.candidates.map((c) => c.tmdbId)).toEqual([2316, 2996]);
  });

  it('does not match a title whose year is far off, nor a partial title', async () => {
    const farOff = await match(movie('Solaris', 1990));
    expect(farOff?.tmdbId).toBeNull();
    expect(farOff?.candidates.map((c) => c.tmdbId).sort()).toEqual([2103, 593].sort());

    const partial = await match(movie('Mulholland'));
    expect(partial).toEqual({
      tmdbId: null,
      confidence: null,
      candidates: [expect.objectContaining({ tmdbId: 1018, title: 'Mulholland Drive' })],
    });
  });

  it('returns null when TMDb has nothing', async () => {
    expect(await match(movie('A Film Nobody Made', 2020))).toBeNull();
    expect(await match(movie('   '))).toBeNull();
  });

  it('matches series by first air year', async () => {
    expect(await match({ kind: 'series', title: 'The Office', year: 2005 })).toMatchObject({
      tmdbId: 2316,
      confidence: 'exact',
    });
    expect(server.requests[0]).toMatchObject({
      path: '/3/search/tv',
      params: { first_air_date_year: '2005' },
    });
  });
});

describe('matchTitle by id', () => {
  it('uses a TMDb id as it is, without asking', async () => {
    expect(await match({ ...movie('Whatever'), ids: { tmdb: 603 } })).toEqual({
      tmdbId: 603,
      confidence: 'id',
      candidates: [],
    });
    expect(server.requests).toHaveLength(0);
  });

  it('finds by IMDb id before searching, whatever the title says', async () => {
    const result = await match({ ...movie('Matrix (1999) 1080p'), ids: { imdb: 'tt0133093' } });
    expect(result).toMatchObject({ tmdbId: 603, confidence: 'id' });
    expect(server.requests.map((r) => r.path)).toEqual(['/3/find/tt0133093']);
  });

  it('finds a series by TVDB id, and a movie id does not match a series', async () => {
    expect(await match({ kind: 'series', title: 'Severance', ids: { tvdb: 371980 } })).toMatchObject({
      tmdbId: 95396,
      confidence: 'id',
    });
    // tt0133093 is a movie: as a series it finds nothing, so the title search decides.
    const wrongKind = await match({
      kind: 'series',
      title: 'Severance',
      year: 2022,
      ids: { imdb: 'tt0133093' },
    });
    expect(wrongKind).toMatchObject({ tmdbId: 95396, confidence: 'exact' });
  });
});
