import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpClient, RequestError } from '../tmdb/http';
import { fakeClock, type FakeClock } from '../tmdb/testing/fake-clock';
import { OMDB_LIMIT_PAUSE_MS, OmdbClient, omdbHttp } from './client';
import { startFakeOmdb, TEST_OMDB_KEY, type FakeOmdb } from './testing/fake-omdb';

let server: FakeOmdb;
let clock: FakeClock;
beforeEach(async () => {
  server = await startFakeOmdb();
  clock = fakeClock();
});
afterEach(() => server.stop());

const client = (apiKey = TEST_OMDB_KEY, url = server.url) =>
  new OmdbClient({
    apiKey,
    baseUrl: url,
    http: omdbHttp({ now: clock.now, sleep: clock.sleep, random: () => 1 }),
  });

/** The RequestError a call fails with. */
async function failure(call: Promise<unknown>): Promise<RequestError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RequestError);
  return error as RequestError;
}

describe('byImdbId', () => {
  it('asks for one title with its full plot, the key as apikey', async () => {
    const omdb = client();
    const title = await omdb.byImdbId(' tt0133093 ');
    expect(title).toMatchObject({ Title: 'The Matrix', Year: '1999', imdbID: 'tt0133093', Type: 'movie' });
    expect(title.Plot).toMatch(/known as Neo\.$/);
    expect(server.requests.map((r) => r.params)).toEqual([
      { i: 'tt0133093', plot: 'full', apikey: TEST_OMDB_KEY },
    ]);
    expect(omdb.http.status().state).toBe('ok');
  });

  it('reads "Movie not found!" as not-found: no retry, the service is fine', async () => {
    const omdb = client();
    const error = await failure(omdb.byImdbId('tt0000404'));
    expect(error.failure).toBe('not-found');
    expect(error.message).toBe(
      '/?i=tt0000404&plot=full: OMDb has nothing at this address ("Movie not found!").',
    );
    expect(server.requests).toHaveLength(1);
    expect(omdb.http.status().state).toBe('ok');
    expect(error.toCoreError().code).toBe('not_found');
  });

  it('refuses something that is not an IMDb id before any request', () => {
    expect(() => client().byImdbId('603')).toThrow('Not an IMDb id: "603".');
    expect(server.requests).toHaveLength(0);
  });
});

describe('search', () => {
  it('sends the title, year and type, and returns the first page', async () => {
    const found = await client().search('Solaris', 1972, 'movie');
    expect(found).toEqual({
      results: [
        {
          Title: 'Solaris',
          Year: '1972',
          imdbID: 'tt0069293',
          Type: 'movie',
          Poster: 'https://m.media-amazon.com/images/M/solaris-1972._V1_SX300.jpg',
        },
      ],
      total: 1,
    });
    expect(server.requests[0]!.params).toEqual({
      s: 'Solaris',
      y: '1972',
      type: 'movie',
      apikey: TEST_OMDB_KEY,
    });
  });

  it('leaves the year out when there is none, and filters by type', async () => {
    const found = await client().search('Severance', undefined, 'series');
    expect(found.results.map((r) => r.imdbID)).toEqual(['tt11280740']);
    expect(server.requests[0]!.params).not.toHaveProperty('y');
  });

  it('finds nothing without an error ("Movie not found!" / "Series not found!")', async () => {
    const omdb = client();
    expect(await omdb.search('Nonexistent Picture', 1999, 'movie')).toEqual({ results: [], total: 0 });
    expect(await omdb.search('Nonexistent Show', undefined, 'series')).toEqual({ results: [], total: 0 });
    expect(server.requests.map((r) => [r.status, r.error])).toEqual([
      [200, 'Movie not found!'],
      [200, 'Series not found!'],
    ]);
    expect(omdb.http.status().state).toBe('ok');
  });
});

describe('the key', () => {
  it('refuses an empty key before any request', () => {
    expect(() => client('  ')).toThrow('An OMDb API key is needed.');
  });

  it('reads "Invalid API key!" (HTTP 401) as bad-key: one request, no retry, status bad-key', async () => {
    const omdb = client('wrong-key');
    const error = await failure(omdb.byImdbId('tt0133093'));
    expect(error.failure).toBe('bad-key');
    expect(error.httpStatus).toBe(401);
    expect(error.message).toMatch(
      /^\/\?i=tt0133093&plot=full: OMDb refused the key \("Invalid API key!"\)\./,
    );
    expect(error.message).not.toContain('wrong-key');
    expect(server.requests).toHaveLength(1);
    expect(omdb.http.status().state).toBe('bad-key');
    expect(error.toCoreError().code).toBe('unauthorized');
  });

  it('reads the same answer with HTTP 200 (older deployments) the same way', async () => {
    await server.stop();
    server = await startFakeOmdb({ errorStatus: 200 });
    const omdb = client('wrong-key');
    const error = await failure(omdb.search('Solaris', undefined, 'movie'));
    expect(error.failure).toBe('bad-key');
    expect(server.requests.map((r) => [r.status, r.error])).toEqual([[200, 'Invalid API key!']]);
    expect(omdb.http.status().state).toBe('bad-key');
  });
});

describe('the daily request limit', () => {
  for (const errorStatus of [401, 200] as const) {
    it(`reads "Request limit reached!" (HTTP ${errorStatus}) as rate-limited and stops calling for an hour`, async () => {
      await server.stop();
      server = await startFakeOmdb({ errorStatus });
      server.limitNext(1);
      const omdb = client();
      const error = await failure(omdb.byImdbId('tt0133093'));
      expect(error.failure).toBe('rate-limited');
      const retryAt = new Date(clock.now() + OMDB_LIMIT_PAUSE_MS).toISOString();
      expect(error.retryAt).toBe(retryAt);
      expect(omdb.http.status()).toEqual({
        state: 'rate-limited',
        message: 'OMDb asked Reelshelf to slow down; fetching continues in 1 hour.',
        retryAt,
      });
      // Not a bad key, and the next calls fail at once without a request.
      const next = await failure(omdb.search('Solaris', undefined, 'movie'));
      expect(next.failure).toBe('rate-limited');
      expect(server.requests).toHaveLength(1);
      expect(clock.sleeps).toEqual([]);

      clock.advance(OMDB_LIMIT_PAUSE_MS);
      expect((await omdb.byImdbId('tt0133093')).Title).toBe('The Matrix');
      expect(omdb.http.status().state).toBe('ok');
    });
  }
});

describe('bad answers and a service in trouble', () => {
  it('reports JSON cut off halfway as bad-response, without a retry', async () => {
    server.malformedNext();
    const error = await failure(client().byImdbId('tt0133093'));
    expect(error.failure).toBe('bad-response');
    expect(error.message).toMatch(/^\/\?i=tt0133093&plot=full: the answer is not valid JSON/);
    expect(server.requests).toHaveLength(1);
  });

  it('names the field an answer is missing', async () => {
    server.rewriteNext(({ imdbID: _, ...rest }) => rest);
    const error = await failure(client().byImdbId('tt0133093'));
    expect(error.failure).toBe('bad-response');
    expect(error.message).toBe('/?i=tt0133093&plot=full: imdbID: expected string');
  });

  it('reads an error it does not know as rejected, without a retry', async () => {
    server.rewriteNext(() => ({ Response: 'False', Error: 'Something odd.' }));
    const error = await failure(client().byImdbId('tt0133093'));
    expect(error.failure).toBe('rejected');
    expect(error.message).toContain('("Something odd")');
    expect(server.requests).toHaveLength(1);
  });

  it('retries a 503 as the shared HttpClient does, then answers', async () => {
    server.failNext(2, 503);
    const omdb = client();
    expect((await omdb.byImdbId('tt0133093')).Title).toBe('The Matrix');
    expect(server.requests.map((r) => r.status)).toEqual([503, 503, 200]);
    expect(clock.sleeps).toEqual([250, 500]);
  });

  it('passes a real 429 and its Retry-After through untouched', async () => {
    server.failNext(1, 429, { 'retry-after': '2' });
    expect((await client().search('Solaris', 1972, 'movie')).total).toBe(1);
    expect(clock.sleeps).toEqual([2000]);
  });
});

describe('an HttpClient made without omdbHttp()', () => {
  it('still turns OMDb’s error answers into the same failures (though its status stays ok)', async () => {
    await server.stop();
    server = await startFakeOmdb({ errorStatus: 200 });
    const http = new HttpClient({ service: 'OMDb', now: clock.now, sleep: clock.sleep });
    const bad = new OmdbClient({ apiKey: 'wrong-key', baseUrl: server.url, http });
    expect((await failure(bad.byImdbId('tt0133093'))).failure).toBe('bad-key');
    const good = new OmdbClient({ apiKey: TEST_OMDB_KEY, baseUrl: server.url, http });
    const missing = await failure(good.byImdbId('tt0000404'));
    expect(missing.failure).toBe('not-found');
    expect(missing.message).toBe('/?i=tt0000404&plot=full: OMDb said "Movie not found".');
    expect(await good.search('Nonexistent', undefined, 'movie')).toEqual({ results: [], total: 0 });
  });
});
