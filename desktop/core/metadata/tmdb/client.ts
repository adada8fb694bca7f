/**
 * TMDb's v3 API, the endpoints enrichment needs. Every answer is validated (schemas.ts); every
 * failure is a RequestError whose sentence can be shown as is (http.ts).
 */
import type { z } from 'zod';
import { CoreError } from '@reelshelf/shared/contracts';
import { HttpClient } from './http';
import {
  TmdbConfiguration,
  TmdbFind,
  TmdbMovieDetails,
  TmdbMovieSearch,
  TmdbSeason,
  TmdbTvDetails,
  TmdbTvSearch,
} from './schemas';

export const TMDB_BASE_URL = 'https://api.themoviedb.org/3';

export const MOVIE_APPENDS = [
  'credits',
  'external_ids',
  'keywords',
  'images',
  'release_dates',
  'watch/providers',
] as const;
export const TV_APPENDS = [
  'credits',
  'external_ids',
  'keywords',
  'images',
  'content_ratings',
  'watch/providers',
] as const;

export interface TmdbClientOptions {
  /** A v3 API key (32 hex digits) or a v4 read access token (a JWT); told apart by shape. */
  apiKey: string;
  baseUrl?: string;
  /** e.g. "de-DE"; TMDb's default (en-US) when left out. */
  language?: string;
  http?: HttpClient;
}

export interface CallOptions {
  /** Overrides the client's language for this call. */
  language?: string;
  signal?: AbortSignal;
}

export type ExternalSource = 'imdb_id' | 'tvdb_id';

/** Header, payload, signature: a v4 token. A v3 key has no dots. */
const JWT_SHAPE = /^[\w-]{10,}\.[\w-]{10,}\.[\w-]+$/;

export function isReadAccessToken(key: string): boolean {
  return JWT_SHAPE.test(key.trim());
}

/**
 * The image languages to ask for with a language: its own, English as a last resort, and
 * untexted ones ("null"), which suit every language.
 */
export function imageLanguages(language: string | undefined): string {
  const own = language?.split('-')[0]?.toLowerCase();
  return [...new Set([own, 'en'].filter((l): l is string => !!l)), 'null'].join(',');
}

export class TmdbClient {
  readonly http: HttpClient;
  private readonly baseUrl: string;
  private readonly language: string | undefined;
  private readonly auth: { query?: string; header?: string };
  private config: Promise<TmdbConfiguration> | undefined;

  constructor(options: TmdbClientOptions) {
    const key = options.apiKey.trim();
    if (!key) throw new CoreError('invalid_argument', 'A TMDb API key or read access token is needed.');
    this.auth = isReadAccessToken(key) ? { header: `Bearer ${key}` } : { query: key };
    this.baseUrl = (options.baseUrl ?? TMDB_BASE_URL).replace(/\/+$/, '');
    this.language = options.language;
    this.http = options.http ?? new HttpClient({ service: 'TMDb' });
  }

  searchMovie(query: string, year?: number, options: CallOptions = {}): Promise<TmdbMovieSearch> {
    return this.get('/search/movie', TmdbMovieSearch, options, {
      query,
      year: year?.toString(),
      include_adult: 'false',
      language: this.languageFor(options),
    });
  }

  searchTv(query: string, firstAirYear?: number, options: CallOptions = {}): Promise<TmdbTvSearch> {
    return this.get('/search/tv', TmdbTvSearch, options, {
      query,
      first_air_date_year: firstAirYear?.toString(),
      include_adult: 'false',
      language: this.languageFor(options),
    });
  }

  movie(id: number, options: CallOptions = {}): Promise<TmdbMovieDetails> {
    return this.get(
      `/movie/${checkedId(id)}`,
      TmdbMovieDetails,
      options,
      this.detailParams(MOVIE_APPENDS, options),
    );
  }

  tv(id: number, options: CallOptions = {}): Promise<TmdbTvDetails> {
    return this.get(`/tv/${checkedId(id)}`, TmdbTvDetails, options, this.detailParams(TV_APPENDS, options));
  }

  season(tvId: number, seasonNumber: number, options: CallOptions = {}): Promise<TmdbSeason> {
    if (!Number.isInteger(seasonNumber) || seasonNumber < 0) {
      throw new CoreError('invalid_argument', `Not a season number: ${seasonNumber}.`);
    }
    return this.get(`/tv/${checkedId(tvId)}/season/${seasonNumber}`, TmdbSeason, options, {
      language: this.languageFor(options),
    });
  }

  find(externalId: string, source: ExternalSource, options: CallOptions = {}): Promise<TmdbFind> {
    return this.get(`/find/${encodeURIComponent(externalId.trim())}`, TmdbFind, options, {
      external_source: source,
      language: this.languageFor(options),
    });
  }

  /** Image base URL and sizes. Asked once per client; a failed ask is not kept. */
  configuration(options: Pick<CallOptions, 'signal'> = {}): Promise<TmdbConfiguration> {
    this.config ??= this.get('/configuration', TmdbConfiguration, options, {}).catch((error: unknown) => {
      this.config = undefined;
      throw error;
    });
    return this.config;
  }

  private languageFor(options: CallOptions): string | undefined {
    return options.language ?? this.language;
  }

  private detailParams(appends: readonly string[], options: CallOptions): Record<string, string | undefined> {
    const language = this.languageFor(options);
    return {
      append_to_response: appends.join(','),
      language,
      include_image_language: imageLanguages(language),
    };
  }

  private get<S extends z.ZodType>(
    path: string,
    schema: S,
    options: Pick<CallOptions, 'signal'>,
    params: Record<string, string | undefined>,
  ): Promise<z.output<S>> {
    const url = new URL(this.baseUrl + path);
    for (const [name, value] of Object.entries(params))
      if (value !== undefined) url.searchParams.set(name, value);
    if (this.auth.query) url.searchParams.set('api_key', this.auth.query);
    return this.http.getJson({
      url,
      endpoint: path,
      schema,
      headers: this.auth.header ? { authorization: this.auth.header } : undefined,
      signal: options.signal,
    });
  }
}

function checkedId(id: number): number {
  if (!Number.isSafeInteger(id) || id <= 0) throw new CoreError('invalid_argument', `Not a TMDb id: ${id}.`);
  return id;
}
