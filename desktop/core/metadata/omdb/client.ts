/**
 * OMDb (https://www.omdbapi.com/), an optional second metadata source for titles TMDb does not
 * know, or for when no TMDb key is set. It is keyed by IMDb id and answers in English only.
 *
 * ```
 * client.ts        OmdbClient: byImdbId(id), search(title, year?, type); schemas; omdbHttp()
 * map.ts           mapOmdb(answer) → the fields of TmdbTitleDetails OMDb has; omdbMatch()
 * testing/         fake-omdb.ts (local server with failure switches), fixtures/
 * ```
 *
 * - `byImdbId(id)` is `GET /?apikey&i=tt…&plot=full`; `search(title, year?, type)` is
 *   `GET /?apikey&s&y&type` (one page, at most 10 results). The key is a query parameter and
 *   never appears in an error message: errors name the request without it (`/?i=tt0133093`).
 * - OMDb reports most errors as `{"Response":"False","Error":"…"}`, with HTTP 200 or (newer
 *   deployments) 401. omdbHttp() reads those answers as the HTTP status they mean before the
 *   shared HttpClient (../tmdb/http.ts) sees them, so its retries, breaker and status apply as
 *   for TMDb:
 *   - "Invalid API key!", "No API key provided." → `bad-key`, one request, status `bad-key`
 *     (whose sentence, from http.ts, still speaks of TMDb's v3 keys and v4 tokens);
 *   - "Request limit reached!" (a daily limit) → `rate-limited`, one request, status
 *     `rate-limited`, and every call fails at once for an hour (`retryAt`);
 *   - "Movie not found!", "Series not found!", "Incorrect IMDb ID." → `not-found`, status `ok`;
 *   - any other error → `rejected`, status `ok`; none of these is retried. 5xx, a real 429,
 *     timeouts and lost connections are retried as for TMDb.
 *
 *   A search that finds nothing is not an error: `search()` returns no results.
 * - Rate limit on our side: 5 requests/s, burst 5 (OMDb's free keys allow 1,000 a day).
 * - Every answer is validated; OMDb's "N/A" stays in the parsed answer and map.ts leaves it out.
 */
import { z } from 'zod';
import { CoreError } from '@reelshelf/shared/contracts';
import {
  HttpClient,
  RequestError,
  type HttpClientOptions,
  type RateLimit,
  type RequestFailure,
} from '../tmdb/http';

export const OMDB_BASE_URL = 'https://www.omdbapi.com/';

export const OMDB_RATE_LIMIT: RateLimit = { perSecond: 5, burst: 5 };

/** How long calls stop after "Request limit reached!": OMDb's limit is per day, not per second. */
export const OMDB_LIMIT_PAUSE_MS = 60 * 60 * 1000;

const IMDB_ID = /^tt\d{7,10}$/;

// ---- Schemas ----

/** A field OMDb may leave out or fill with "N/A". */
const text = z.string().optional();

export const OmdbTitle = z.object({
  Response: z.literal('True'),
  Title: z.string(),
  /** "1999", or "2016–2022" / "2016–" for a series. */
  Year: text,
  Rated: text,
  /** "31 Mar 1999" */
  Released: text,
  /** "136 min" */
  Runtime: text,
  /** "Action, Sci-Fi" */
  Genre: text,
  Director: text,
  /** "Stanislaw Lem (based on the novel by), Andrei Tarkovsky (screenplay)" */
  Writer: text,
  Actors: text,
  Plot: text,
  Language: text,
  Country: text,
  Poster: text,
  imdbRating: text,
  imdbID: z.string(),
  /** "movie", "series", "episode", "game" */
  Type: z.string(),
  totalSeasons: text,
});
export type OmdbTitle = z.output<typeof OmdbTitle>;

export const OmdbSummary = z.object({
  Title: z.string(),
  Year: text,
  imdbID: z.string(),
  Type: z.string(),
  Poster: text,
});
export type OmdbSummary = z.output<typeof OmdbSummary>;

export const OmdbSearch = z.object({
  Response: z.literal('True'),
  Search: z.array(OmdbSummary),
  totalResults: text,
});

/** An error answer that got past omdbHttp() (an HttpClient made without it). */
const OmdbError = z.object({ Response: z.literal('False'), Error: z.string().optional() });

export interface OmdbSearchResult {
  results: OmdbSummary[];
  /** All matches OMDb has, of which `results` is the first page. */
  total: number;
}

// ---- Reading OMDb's errors ----

/** The HTTP status (and headers) an OMDb error sentence means. */
export function omdbErrorStatus(error: string): { status: number; headers?: Record<string, string> } {
  const said = error.trim().toLowerCase();
  if (said.startsWith('invalid api key') || said.startsWith('no api key')) return { status: 401 };
  if (said.startsWith('request limit reached')) {
    return { status: 429, headers: { 'retry-after': String(OMDB_LIMIT_PAUSE_MS / 1000) } };
  }
  if (/not found!?$/.test(said) || said.startsWith('incorrect imdb id')) return { status: 404 };
  return { status: 400 };
}

/**
 * A fetch that gives OMDb's `{"Response":"False","Error":…}` answers the HTTP status they mean,
 * so HttpClient classifies, retries (or not) and reports them as it does for any service.
 */
export function omdbFetch(
  inner: typeof fetch = (input, init) => globalThis.fetch(input, init),
): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    // 5xx and 429 are already what they are; only 2xx and 401 can carry OMDb's own error.
    if (response.status !== 401 && (response.status < 200 || response.status >= 300)) return response;
    const body = await response.clone().text();
    let error: string | undefined;
    try {
      const parsed = OmdbError.safeParse(JSON.parse(body));
      if (parsed.success) error = parsed.data.Error ?? '';
    } catch {
      // Not JSON: HttpClient reports it.
    }
    if (error === undefined) return response;
    const meant = omdbErrorStatus(error);
    const headers = new Headers(response.headers);
    for (const [name, value] of Object.entries(meant.headers ?? {})) headers.set(name, value);
    return new Response(body, { status: meant.status, headers });
  };
}

/** The HttpClient an OmdbClient needs: OMDb's name, rate limit and error answers. */
export function omdbHttp(options: Omit<HttpClientOptions, 'service'> = {}): HttpClient {
  return new HttpClient({
    rateLimit: OMDB_RATE_LIMIT,
    ...options,
    service: 'OMDb',
    fetch: omdbFetch(options.fetch),
  });
}

// ---- The client ----

export interface OmdbClientOptions {
  apiKey: string;
  baseUrl?: string;
  /** Made with omdbHttp() (an HttpClient made otherwise reads OMDb's errors as bad answers). */
  http?: HttpClient;
}

export interface OmdbCallOptions {
  signal?: AbortSignal;
}

export class OmdbClient {
  readonly http: HttpClient;
  private readonly apiKey: string;
  private readonly baseUrl: string;

  constructor(options: OmdbClientOptions) {
    const key = options.apiKey.trim();
    if (!key) throw new CoreError('invalid_argument', 'An OMDb API key is needed.');
    this.apiKey = key;
    this.baseUrl = options.baseUrl ?? OMDB_BASE_URL;
    this.http = options.http ?? omdbHttp();
  }

  /** One title with its full plot; a RequestError 'not-found' when OMDb has no such id. */
  byImdbId(id: string, options: OmdbCallOptions = {}): Promise<OmdbTitle> {
    const imdbId = id.trim();
    if (!IMDB_ID.test(imdbId)) {
      throw new CoreError('invalid_argument', `Not an IMDb id: ${JSON.stringify(id)}.`);
    }
    return this.get(OmdbTitle, options, { i: imdbId, plot: 'full' });
  }

  /** The first page of titles of the type whose name has the words of `title`; none is not an error. */
  async search(
    title: string,
    year: number | undefined,
    type: 'movie' | 'series',
    options: OmdbCallOptions = {},
  ): Promise<OmdbSearchResult> {
    const query = title.trim();
    if (!query) throw new CoreError('invalid_argument', 'A title to search for is needed.');
    try {
      const found = await this.get(OmdbSearch, options, { s: query, y: year?.toString(), type });
      const total = Number(found.totalResults);
      return { results: found.Search, total: Number.isSafeInteger(total) ? total : found.Search.length };
    } catch (error) {
      if (error instanceof RequestError && error.failure === 'not-found') return { results: [], total: 0 };
      throw error;
    }
  }

  private async get<S extends z.ZodObject<{ Response: z.ZodLiteral<'True'> }>>(
    schema: S,
    options: OmdbCallOptions,
    params: Record<string, string | undefined>,
  ): Promise<z.output<S>> {
    const url = new URL(this.baseUrl);
    const shown = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) {
      if (value === undefined) continue;
      url.searchParams.set(name, value);
      shown.set(name, value);
    }
    url.searchParams.set('apikey', this.apiKey);
    const endpoint = `${url.pathname}?${shown.toString()}`;
    const answer: unknown = await this.http.getJson({
      url,
      endpoint,
      // On Response, so a broken answer names its broken field, not just "no variant fits".
      schema: z.discriminatedUnion('Response', [schema, OmdbError]),
      signal: options.signal,
    });
    const error = OmdbError.safeParse(answer);
    if (error.success) throw errorFromBody(error.data.Error ?? '', endpoint);
    return answer as z.output<S>;
  }
}

const FAILURE_OF_STATUS: Record<number, RequestFailure> = {
  401: 'bad-key',
  429: 'rate-limited',
  404: 'not-found',
};

/** For an HttpClient made without omdbHttp(): the same failures, though its status is not set. */
function errorFromBody(said: string, endpoint: string): RequestError {
  const failure = FAILURE_OF_STATUS[omdbErrorStatus(said).status] ?? 'rejected';
  return new RequestError(failure, `${endpoint}: OMDb said "${said.replace(/[.!]$/, '')}".`, endpoint, 200);
}
