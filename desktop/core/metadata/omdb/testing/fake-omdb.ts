/**
 * A local stand-in for OMDb (`GET /?apikey&i` and `GET /?apikey&s&y&type`) on 127.0.0.1 and an
 * ephemeral port, with switches for the failures the client must survive. Tests never touch
 * the real network. Answers come from the fixtures next to this file. Like OMDb, the key is
 * checked first, and errors are `{"Response":"False","Error":"…"}`: a bad key or the daily limit
 * with HTTP 401 (or 200, as older deployments answer: `errorStatus: 200`), an unknown id or a
 * search that finds nothing with HTTP 200.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

export const TEST_OMDB_KEY = 'omdb-test-key';

export interface LoggedOmdbRequest {
  params: Record<string, string>;
  /** Set when the answer is sent. */
  status?: number;
  /** OMDb's Error sentence, when it sent one. */
  error?: string;
}

export interface FakeOmdbOptions {
  /** The HTTP status of "Invalid API key!" and "Request limit reached!": 401 (today) or 200. */
  errorStatus?: 200 | 401;
}

export interface FakeOmdb {
  /** Base URL to give the client. */
  url: string;
  /** The next n requests answer `status` (an empty JSON object) and these headers. */
  failNext(n: number, status: number, headers?: Record<string, string>): void;
  /** The next n requests answer "Request limit reached!". */
  limitNext(n: number): void;
  /** The next request answers 200 with JSON cut off halfway. */
  malformedNext(): void;
  /** The next successful answer is passed through `change` first (a broken field, say). */
  rewriteNext(change: (body: Record<string, unknown>) => unknown): void;
  requests: LoggedOmdbRequest[];
  stop(): Promise<void>;
}

type Json = Record<string, unknown>;

function fixture(name: string): Json {
  return JSON.parse(
    readFileSync(fileURLToPath(new URL(`./fixtures/${name}.json`, import.meta.url)), 'utf8'),
  ) as Json;
}

const TITLES = fixture('titles') as Record<string, Json>;
const CATALOGUE = fixture('search').catalogue as Json[];
const PAGE_SIZE = 10;

export async function startFakeOmdb(options: FakeOmdbOptions = {}): Promise<FakeOmdb> {
  const errorStatus = options.errorStatus ?? 401;
  const failures: { status: number; headers: Record<string, string> }[] = [];
  let limited = 0;
  let malformed = 0;
  const rewrites: ((body: Json) => unknown)[] = [];
  const requests: LoggedOmdbRequest[] = [];

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const params = Object.fromEntries(url.searchParams);
    const entry: LoggedOmdbRequest = { params };
    requests.push(entry);
    const send = (status: number, body: Json | string, headers: Record<string, string> = {}) => {
      entry.status = status;
      if (typeof body === 'object' && body.Response === 'False') entry.error = String(body.Error);
      res
        .writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
        .end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    const error = (status: number, said: string) => send(status, { Response: 'False', Error: said });

    const failure = failures.shift();
    if (failure) return send(failure.status, {}, failure.headers);
    if (malformed > 0) {
      malformed--;
      return send(200, '{"Title":"The Matrix","Year":"1999","Rat');
    }
    if (url.pathname !== '/') return send(404, '<html><body>Not Found</body></html>');
    if (!params.apikey) return error(errorStatus, 'No API key provided.');
    if (params.apikey !== TEST_OMDB_KEY) return error(errorStatus, 'Invalid API key!');
    if (limited > 0) {
      limited--;
      return error(errorStatus, 'Request limit reached!');
    }
    const body = route(url.searchParams);
    if ('Error' in body) return error(200, String(body.Error));
    const rewrite = rewrites.shift();
    send(200, (rewrite ? rewrite(structuredClone(body)) : body) as Json);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    failNext(n, status, headers = {}) {
      for (let i = 0; i < n; i++) failures.push({ status, headers });
    },
    limitNext(n) {
      limited += n;
    },
    malformedNext() {
      malformed++;
    },
    rewriteNext(change) {
      rewrites.push(change);
    },
    requests,
    async stop() {
      if (!server.listening) return;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function route(q: URLSearchParams): Json {
  const id = q.get('i');
  if (id !== null) {
    if (!/^tt\d+$/.test(id)) return { Error: 'Incorrect IMDb ID.' };
    const title = TITLES[id];
    if (!title) return { Error: 'Movie not found!' };
    // Like OMDb: the short plot unless plot=full.
    return q.get('plot') === 'full' ? title : { ...title, Plot: String(title.Plot).split('. ')[0] };
  }
  const query = q.get('s');
  if (query !== null) {
    const wanted = words(query);
    if (wanted.length === 0) return { Error: 'Incorrect search.' };
    const year = q.get('y');
    const type = q.get('type');
    const found = CATALOGUE.filter((item) => {
      const have = new Set(words(item.Title));
      return (
        wanted.every((w) => have.has(w)) &&
        (!year || String(item.Year).startsWith(year)) &&
        (!type || item.Type === type)
      );
    });
    if (found.length === 0) return { Error: type === 'series' ? 'Series not found!' : 'Movie not found!' };
    return { Search: found.slice(0, PAGE_SIZE), totalResults: String(found.length), Response: 'True' };
  }
  return { Error: 'Incorrect IMDb ID.' };
}

const words = (s: unknown) =>
  String(s ?? '')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
