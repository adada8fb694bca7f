/**
 * A local stand-in for TMDb's v3 API (the endpoints the client uses), on 127.0.0.1 and an
 * ephemeral port, with switches for the failures the client must survive. Tests never touch
 * the real network. Answers come from the fixtures next to this file; like TMDb, the key is
 * checked first, append_to_response decides which parts come back and include_image_language
 * filters the images.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

export const TEST_API_KEY = 'test-key';
/** JWT-shaped, as TMDb's v4 read access tokens are, so the client sends it as a Bearer token. */
export const TEST_READ_ACCESS_TOKEN =
  'eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJ0ZXN0LWtleSIsInN1YiI6InJlZWxzaGVsZi10ZXN0In0.test-token';

export const INVALID_KEY_BODY = {
  status_code: 7,
  status_message: 'Invalid API key: You must be granted a valid key.',
  success: false,
};
const NOT_FOUND_BODY = {
  status_code: 34,
  status_message: 'The resource you requested could not be found.',
  success: false,
};
const FAILURE_BODIES: Record<number, object> = {
  429: { status_code: 25, status_message: 'Your request count (41) is over the allowed limit of (40).' },
  500: { status_code: 11, status_message: 'Internal error: Something went wrong, contact TMDb.' },
  503: {
    status_code: 9,
    status_message: 'Service offline: This service is temporarily offline, try again later.',
  },
};

export interface LoggedRequest {
  path: string;
  params: Record<string, string>;
  auth: 'api_key' | 'bearer' | 'none';
  /** Set when the answer is sent; undefined while delayed or when the client gave up. */
  status?: number;
}

export interface FakeTmdb {
  /** Base URL to give the client, ending in /3. */
  url: string;
  /** The next n requests answer `status` (with TMDb's error body) and these headers. */
  failNext(n: number, status: number, headers?: Record<string, string>): void;
  /** The next n requests wait `ms` before answering. */
  delayNext(ms: number, n?: number): void;
  /** The next request answers 200 with JSON cut off halfway. */
  malformedNext(): void;
  /** The next successful answer is passed through `change` first (a broken field, say). */
  rewriteNext(change: (body: Record<string, unknown>) => unknown): void;
  /** Stops listening: connections are refused, as when the network is down. */
  close(): Promise<void>;
  /** Listens again on the same port. */
  reopen(): Promise<void>;
  requests: LoggedRequest[];
  stop(): Promise<void>;
}

type Json = Record<string, unknown>;

function fixture(name: string): Json {
  return JSON.parse(
    readFileSync(fileURLToPath(new URL(`./fixtures/${name}.json`, import.meta.url)), 'utf8'),
  ) as Json;
}

const FIXTURES = {
  movies: { 593: fixture('movie-593'), 603: fixture('movie-603') } as Record<string, Json>,
  tv: { 95396: fixture('tv-95396') } as Record<string, Json>,
  seasons: { '95396/1': fixture('tv-95396-season-1') } as Record<string, Json>,
  searchMovie: fixture('search-movie').catalogue as Json[],
  searchTv: fixture('search-tv').catalogue as Json[],
  find: fixture('find') as Record<string, Json>,
  configuration: fixture('configuration'),
};

const APPENDABLE = new Set([
  'credits',
  'external_ids',
  'keywords',
  'images',
  'release_dates',
  'content_ratings',
  'watch/providers',
]);

export async function startFakeTmdb(): Promise<FakeTmdb> {
  const failures: { status: number; headers: Record<string, string> }[] = [];
  const delays: number[] = [];
  let malformed = 0;
  const rewrites: ((body: Json) => unknown)[] = [];
  const requests: LoggedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const params = Object.fromEntries(url.searchParams);
    const auth = params.api_key !== undefined ? 'api_key' : req.headers.authorization ? 'bearer' : 'none';
    const entry: LoggedRequest = { path: url.pathname, params, auth };
    requests.push(entry);
    const send = (status: number, body: string, headers: Record<string, string> = {}) => {
      if (res.destroyed) return;
      entry.status = status;
      res.writeHead(status, { 'content-type': 'application/json;charset=utf-8', ...headers }).end(body);
    };
    const respond = () => answer(req, url, send);
    const delay = delays.shift();
    if (delay === undefined) return respond();
    const timer = setTimeout(() => {
      timers.delete(timer);
      respond();
    }, delay);
    timers.add(timer);
  });

  function answer(
    req: IncomingMessage,
    url: URL,
    send: (s: number, b: string, h?: Record<string, string>) => void,
  ) {
    const failure = failures.shift();
    if (failure) {
      return send(failure.status, JSON.stringify(FAILURE_BODIES[failure.status] ?? {}), failure.headers);
    }
    if (malformed > 0) {
      malformed--;
      return send(200, '{"adult":false,"backdrop_path":"/x.jpg","id":603,"title":"The Ma');
    }
    if (!authorised(req, url)) return send(401, JSON.stringify(INVALID_KEY_BODY));
    const body = route(url);
    if (!body) return send(404, JSON.stringify(NOT_FOUND_BODY));
    const rewrite = rewrites.shift();
    send(200, JSON.stringify(rewrite ? rewrite(structuredClone(body)) : body));
  }

  await listen(server, 0);
  const { port } = server.address() as AddressInfo;

  const close = async () => {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    if (!server.listening) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };

  return {
    url: `http://127.0.0.1:${port}/3`,
    failNext(n, status, headers = {}) {
      for (let i = 0; i < n; i++) failures.push({ status, headers });
    },
    delayNext(ms, n = 1) {
      for (let i = 0; i < n; i++) delays.push(ms);
    },
    malformedNext() {
      malformed++;
    },
    rewriteNext(change) {
      rewrites.push(change);
    },
    close,
    reopen: () => listen(server, port),
    requests,
    stop: close,
  };
}

function listen(server: ReturnType<typeof createServer>, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function authorised(req: IncomingMessage, url: URL): boolean {
  const key = url.searchParams.get('api_key');
  if (key !== null) return key === TEST_API_KEY;
  return req.headers.authorization === `Bearer ${TEST_READ_ACCESS_TOKEN}`;
}

function route(url: URL): Json | undefined {
  const path = url.pathname.replace(/^\/3(?=\/)/, '');
  const q = url.searchParams;
  let m: RegExpMatchArray | null;
  if (path === '/configuration') return FIXTURES.configuration;
  if (path === '/search/movie') {
    return page(
      search(FIXTURES.searchMovie, q.get('query'), 'title', 'original_title', 'release_date', q.get('year')),
    );
  }
  if (path === '/search/tv') {
    return page(
      search(
        FIXTURES.searchTv,
        q.get('query'),
        'name',
        'original_name',
        'first_air_date',
        q.get('first_air_date_year'),
      ),
    );
  }
  if ((m = path.match(/^\/movie\/(\d+)$/))) return details(FIXTURES.movies[m[1]!], q);
  if ((m = path.match(/^\/tv\/(\d+)$/))) return details(FIXTURES.tv[m[1]!], q);
  if ((m = path.match(/^\/tv\/(\d+)\/season\/(\d+)$/))) return FIXTURES.seasons[`${m[1]}/${m[2]}`];
  if ((m = path.match(/^\/find\/([^/]+)$/))) {
    return (
      FIXTURES.find[`${q.get('external_source')}:${decodeURIComponent(m[1]!)}`] ?? {
        movie_results: [],
        person_results: [],
        tv_results: [],
        tv_episode_results: [],
        tv_season_results: [],
      }
    );
  }
  return undefined;
}

const words = (s: unknown) =>
  String(s ?? '')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** Every word of the query in the title (or original title); the year, when given, exact. */
function search(
  catalogue: Json[],
  query: string | null,
  titleField: string,
  originalField: string,
  dateField: string,
  year: string | null,
): Json[] {
  const wanted = words(query);
  if (wanted.length === 0) return [];
  return catalogue.filter((item) => {
    const have = new Set([...words(item[titleField]), ...words(item[originalField])]);
    const yearOk = !year || String(item[dateField] ?? '').startsWith(`${year}-`);
    return yearOk && wanted.every((w) => have.has(w));
  });
}

function page(results: Json[]): Json {
  return { page: 1, results, total_pages: results.length ? 1 : 0, total_results: results.length };
}

function details(full: Json | undefined, q: URLSearchParams): Json | undefined {
  if (!full) return undefined;
  const appended = new Set((q.get('append_to_response') ?? '').split(',').filter(Boolean));
  const body: Json = {};
  for (const [key, value] of Object.entries(full)) {
    if (!APPENDABLE.has(key) || appended.has(key)) body[key] = value;
  }
  if (body.images) body.images = filterImages(body.images as Record<string, Json[]>, q);
  return body;
}

/** include_image_language "de,null": German images and untexted ones; TMDb's own rule. */
function filterImages(images: Record<string, Json[]>, q: URLSearchParams): Record<string, Json[]> {
  const include = q.get('include_image_language') ?? q.get('language')?.split('-')[0];
  if (!include) return images;
  const allowed = new Set(include.split(','));
  return Object.fromEntries(
    Object.entries(images).map(([kind, list]) => [
      kind,
      list.filter((image) => allowed.has(image.iso_639_1 === null ? 'null' : String(image.iso_639_1))),
    ]),
  );
}
