import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CreditInput, TitleInput } from '@reelshelf/shared/domain';
import { imageLanguages, isReadAccessToken, TmdbClient } from './client';
import { RequestError } from './http';
import { bestPoster, imageUrl, mapMovie, mapSeason, mapTv } from './map';
import { startFakeTmdb, TEST_API_KEY, TEST_READ_ACCESS_TOKEN, type FakeTmdb } from './testing/fake-tmdb';

let server: FakeTmdb;
beforeEach(async () => {
  server = await startFakeTmdb();
});
afterEach(() => server.stop());

const client = (options: { apiKey?: string; language?: string } = {}) =>
  new TmdbClient({ apiKey: TEST_API_KEY, baseUrl: server.url, ...options });

describe('authentication', () => {
  it('sends a v3 key as api_key and a v4 read access token as a Bearer header', async () => {
    await client().searchMovie('Matrix');
    await client({ apiKey: TEST_READ_ACCESS_TOKEN }).searchMovie('Matrix');
    expect(server.requests.map((r) => [r.auth, r.status])).toEqual([
      ['api_key', 200],
      ['bearer', 200],
    ]);
    expect(server.requests[1]!.params).not.toHaveProperty('api_key');
  });

  it('tells the two apart by shape', () => {
    expect(isReadAccessToken('0123456789abcdef0123456789abcdef')).toBe(false);
    expect(isReadAccessToken(` ${TEST_READ_ACCESS_TOKEN}\n`)).toBe(true);
  });

  it('refuses an empty key before any request', () => {
    expect(() => client({ apiKey: '  ' })).toThrow('A TMDb API key or read access token is needed.');
  });
});

describe('language', () => {
  it('asks for the language and for images in it, in English and without text', async () => {
    await client({ language: 'de-DE' }).movie(603);
    await client({ language: 'de-DE' }).movie(603, { language: 'fr-FR' });
    expect(server.requests.map((r) => [r.params.language, r.params.include_image_language])).toEqual([
      ['de-DE', 'de,en,null'],
      ['fr-FR', 'fr,en,null'],
    ]);
    expect(imageLanguages(undefined)).toBe('en,null');
  });
});

describe('movie details', () => {
  it('appends everything enrichment needs in one request', async () => {
    await client().movie(603);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.params.append_to_response).toBe(
      'credits,external_ids,keywords,images,release_dates,watch/providers',
    );
  });

  it('maps to what the library stores, valid for the domain schemas', async () => {
    const movie = mapMovie(await client({ language: 'en-US' }).movie(603));
    expect(movie).toMatchObject({
      kind: 'movie',
      title: 'The Matrix',
      originalTitle: 'The Matrix',
      releaseDate: '1999-03-31',
      year: 1999,
      runtimeMinutes: 136,
      genres: ['Action', 'Science Fiction'],
      language: 'en',
      externalIds: { tmdb: 603, imdb: 'tt0133093' },
      keywords: ['saving the world', 'artificial intelligence (a.i.)', 'dystopia', 'simulated reality'],
    });
    expect(movie.overview).toMatch(/^Set in the 22nd century/);
    expect(() => TitleInput.parse({ ...movie, certification: movie.certification.US })).not.toThrow();
    expect(() => z.array(CreditInput).parse(movie.credits)).not.toThrow();
  });

  it('takes the theatrical rating per country, else another release’s, and skips countries with none', async () => {
    const movie = mapMovie(await client().movie(603));
    // US has an unrated director's cut, DE an empty theatrical entry and an uncut 18: neither wins.
    expect(movie.certification).toEqual({ US: 'R', DE: '16', GB: '15' });
  });

  it('lists watch providers per region by kind of offer', async () => {
    const movie = mapMovie(await client().movie(603));
    expect(movie.watchProviders).toEqual({
      US: { flatrate: ['Max'], rent: ['Apple TV', 'Amazon Video'], buy: ['Apple TV', 'Amazon Video'] },
      DE: { flatrate: ['Netflix'], rent: [], buy: ['Apple TV'] },
    });
  });

  it('keeps the top 30 cast in billing order and the crew people look for', async () => {
    const { credits } = mapMovie(await client().movie(603));
    const cast = credits.filter((c) => c.role === 'cast');
    expect(cast).toHaveLength(30);
    expect(cast.slice(0, 6).map((c) => [c.order, c.person.name, c.character])).toEqual([
      [0, 'Keanu Reeves', 'Thomas A. Anderson / Neo'],
      [1, 'Laurence Fishburne', 'Morpheus'],
      [2, 'Carrie-Anne Moss', 'Trinity'],
      [3, 'Hugo Weaving', 'Agent Smith'],
      [4, 'Gloria Foster', 'Oracle'],
      [5, 'Joe Pantoliano', 'Cypher'],
    ]);
    expect(cast[0]!.person).toEqual({ name: 'Keanu Reeves', tmdbId: 6384 });
    expect(cast.at(-1)!.person.name).toBe('Extra Performer 29');
    // An empty character is left out, not stored as "".
    expect(cast.find((c) => c.person.name === 'Extra Performer 9')!.character).toBeUndefined();

    const crew = credits.flatMap((c) => (c.role === 'crew' ? [`${c.job}: ${c.person.name}`] : []));
    expect(crew).toEqual([
      'Director: Lana Wachowski',
      'Director: Lilly Wachowski',
      'Writer: Lana Wachowski',
      'Writer: Lilly Wachowski',
      'Original Music Composer: Don Davis',
      'Director of Photography: Bill Pope',
    ]);
  });
});

describe('a sparse entry', () => {
  it('leaves out what TMDb does not know instead of storing placeholders', async () => {
    const solaris = mapMovie(await client().movie(593));
    expect(solaris).toMatchObject({ title: 'Solaris', originalTitle: 'Солярис', language: 'ru', year: 1972 });
    // runtime 0, no ratings, no providers, no images, no keywords.
    expect(solaris.runtimeMinutes).toBeUndefined();
    expect(solaris.certification).toEqual({});
    expect(solaris.watchProviders).toEqual({});
    expect(solaris.keywords).toEqual([]);
    expect(bestPoster(solaris.images.posters, 'en-US')).toBeUndefined();
    // The novel is not one of the crew jobs kept; one person can hold two that are.
    expect(solaris.credits.filter((c) => c.role === 'crew').map((c) => c.role === 'crew' && c.job)).toEqual([
      'Director',
      'Screenplay',
    ]);
    expect(() => TitleInput.parse({ ...solaris, certification: undefined })).not.toThrow();
  });
});

describe('images', () => {
  it('picks the poster in the language, else an untexted one, best voted first', async () => {
    const poster = async (language: string) =>
      bestPoster(mapMovie(await client({ language }).movie(603)).images.posters, language)?.path;
    expect(await poster('en-US')).toBe('/poster-en-best.jpg');
    // Two German posters with the same vote: the one more people voted on.
    expect(await poster('de-DE')).toBe('/poster-de.jpg');
    // No Japanese poster: the untexted one beats the better-voted English ones.
    expect(await poster('ja-JP')).toBe('/poster-untexted.jpg');
  });

  it('carries size, language and vote of posters and backdrops', async () => {
    const { images } = mapMovie(await client({ language: 'de-DE' }).movie(603));
    expect(images.posters.map((p) => p.language)).toEqual(['en', 'en', 'de', 'de', null]);
    expect(images.backdrops).toEqual([
      { path: '/backdrop-null.jpg', language: null, width: 3840, height: 2160, vote: 5.6, votes: 20 },
      { path: '/backdrop-en.jpg', language: 'en', width: 1920, height: 1080, vote: 5.3, votes: 8 },
    ]);
  });

  it('builds image addresses from the configuration, which is fetched once', async () => {
    const tmdb = client();
    const [config] = await Promise.all([tmdb.configuration(), tmdb.configuration()]);
    await tmdb.configuration();
    expect(server.requests).toHaveLength(1);
    expect(imageUrl(config, '/poster-de.jpg', 'w500')).toBe('https://image.tmdb.org/t/p/w500/poster-de.jpg');
    expect(imageUrl(config, '/poster-de.jpg', 'w9999')).toBe(
      'https://image.tmdb.org/t/p/original/poster-de.jpg',
    );
  });

  it('asks for the configuration again after a failed attempt', async () => {
    const tmdb = new TmdbClient({ apiKey: 'wrong', baseUrl: server.url });
    await expect(tmdb.configuration()).rejects.toBeInstanceOf(RequestError);
    await expect(tmdb.configuration()).rejects.toBeInstanceOf(RequestError);
    expect(server.requests).toHaveLength(2);
  });
});

describe('series', () => {
  it('maps a series with its content ratings, creator and ids', async () => {
    const tmdb = client();
    const series = mapTv(await tmdb.tv(95396));
    expect(server.requests[0]!.params.append_to_response).toBe(
      'credits,external_ids,keywords,images,content_ratings,watch/providers',
    );
    expect(series).toMatchObject({
      kind: 'series',
      title: 'Severance',
      releaseDate: '2022-02-17',
      year: 2022,
      // episode_run_time is empty: the latest episode's runtime stands in.
      runtimeMinutes: 76,
      genres: ['Drama', 'Mystery', 'Sci-Fi & Fantasy'],
      externalIds: { tmdb: 95396, imdb: 'tt11280740', tvdb: 371980 },
      certification: { US: 'TV-MA', DE: '16' },
      keywords: ['workplace', 'memory', 'dystopia'],
      watchProviders: { US: { flatrate: ['Apple TV+'], rent: [], buy: [] } },
    });
    expect(
      series.credits.map((c) => (c.role === 'cast' ? c.person.name : `${c.job}: ${c.person.name}`)),
    ).toEqual([
      'Adam Scott',
      'Zach Cherry',
      'Britt Lower',
      'John Turturro',
      'Patricia Arquette',
      'Creator: Dan Erickson',
    ]);
    expect(() => TitleInput.parse({ ...series, certification: series.certification.DE })).not.toThrow();
  });

  it('lists a season’s episodes', async () => {
    const episodes = mapSeason(await client().season(95396, 1));
    expect(server.requests[0]!.path).toBe('/3/tv/95396/season/1');
    expect(episodes).toHaveLength(9);
    expect(episodes[0]).toEqual({
      seasonNumber: 1,
      episodeNumber: 1,
      title: 'Good News About Hell',
      overview: 'Episode 1 of Severance.',
      airDate: '2022-02-17',
      runtimeMinutes: 57,
      stillPath: '/sev-s1e1.jpg',
    });
    expect(episodes[5]!.overview).toBeUndefined();
    expect(episodes.at(-1)!.title).toBe('The We We Are');
  });

  it('reports a season TMDb does not have as not found', async () => {
    const error = await client()
      .season(95396, 7)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestError);
    expect((error as RequestError).failure).toBe('not-found');
  });
});

describe('find', () => {
  it('finds a movie by IMDb id and a series by TVDB id', async () => {
    const tmdb = client();
    expect((await tmdb.find('tt0133093', 'imdb_id')).movie_results.map((m) => m.id)).toEqual([603]);
    expect((await tmdb.find('371980', 'tvdb_id')).tv_results.map((t) => t.id)).toEqual([95396]);
    expect(server.requests.map((r) => [r.path, r.params.external_source])).toEqual([
      ['/3/find/tt0133093', 'imdb_id'],
      ['/3/find/371980', 'tvdb_id'],
    ]);
  });
});
