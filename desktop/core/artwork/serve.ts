import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { ArtworkFetcher, type OriginalSource } from './fetch';
import { placeholderSvg } from './placeholder';
import { ArtworkHash, ArtworkKind, ArtworkSize } from './sizes';
import type { ArtworkStore } from './store';

export type ArtworkRequest =
  | { titleId: string; kind: ArtworkKind; size: ArtworkSize; ifNoneMatch?: string }
  | { hash: string; size: ArtworkSize; ifNoneMatch?: string };

/** Where a title's artwork of one kind comes from; a local file is preferred over the URL. */
export interface ArtworkSourceInfo {
  localPath?: string;
  url?: string;
  title: string;
  year: number | null;
}

export type ResolveArtworkSource = (
  titleId: string,
  kind: ArtworkKind,
) => ArtworkSourceInfo | undefined | Promise<ArtworkSourceInfo | undefined>;

export interface ArtworkResponse {
  status: 200 | 304 | 404;
  headers: Record<string, string>;
  body?: Buffer;
}

const IMMUTABLE = 'public, max-age=31536000, immutable';
/** By title the picture can change (new poster chosen, local file replaced): short, then revalidate. */
const BY_TITLE = 'public, max-age=60';
const COMMON = { 'X-Content-Type-Options': 'nosniff' };

const defaultFetchers = new WeakMap<ArtworkStore, ArtworkFetcher>();
/** The fetcher used when none is passed: one per store, so in-flight requests are shared. */
export function defaultFetcher(store: ArtworkStore): ArtworkFetcher {
  let fetcher = defaultFetchers.get(store);
  if (!fetcher) defaultFetchers.set(store, (fetcher = new ArtworkFetcher(store)));
  return fetcher;
}

/** RFC 9110 weak comparison against an If-None-Match list. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
}

const notFound = (message: string): ArtworkResponse => ({
  status: 404,
  headers: { ...COMMON, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  body: Buffer.from(message),
});

/**
 * The one door to artwork, for the HTTP route and Electron's protocol alike. Serves the WebP
 * variant after checking it against its checksum — a damaged file is deleted and made again
 * from the source, never served — and a title + year placeholder when there is no artwork.
 */
export async function artworkResponse(
  store: ArtworkStore,
  request: ArtworkRequest,
  resolveSource: ResolveArtworkSource,
  fetcher: ArtworkFetcher = defaultFetcher(store),
): Promise<ArtworkResponse> {
  if ('hash' in request) return byHash(store, fetcher, request);
  const info = await resolveSource(request.titleId, request.kind);
  if (!info) return notFound('No such title.');
  const sources: OriginalSource[] = [];
  if (info.localPath) sources.push({ localPath: info.localPath });
  if (info.url) sources.push({ url: info.url });
  for (const source of sources) {
    const served = await serveVariant(store, fetcher, source, request.size, request.ifNoneMatch, BY_TITLE);
    if (served) return served;
  }
  return placeholder(info, request.kind, request.size, request.ifNoneMatch);
}

/**
 * Answers from the stored variant if it is there and intact (a damaged or vanished file is
 * forgotten by readVariant and undefined returned, so the caller can make it again).
 */
async function fromStore(
  store: ArtworkStore,
  hash: string,
  size: ArtworkSize,
  ifNoneMatch: string | undefined,
  cacheControl: string,
): Promise<ArtworkResponse | undefined> {
  const row = store.variant(hash, size);
  if (!row) return undefined;
  const etag = `"${row.checksum}"`;
  const headers = { ...COMMON, ETag: etag, 'Cache-Control': cacheControl };
  if (matches(ifNoneMatch, etag)) {
    store.touch(hash, size);
    return { status: 304, headers };
  }
  const body = await store.readVariant(row);
  if (!body) return undefined;
  store.touch(hash, size);
  return {
    status: 200,
    headers: { ...headers, 'Content-Type': 'image/webp', 'Content-Length': String(body.length) },
    body,
  };
}

async function serveVariant(
  store: ArtworkStore,
  fetcher: ArtworkFetcher,
  source: OriginalSource,
  size: ArtworkSize,
  ifNoneMatch: string | undefined,
  cacheControl: string,
  onlyHash?: string,
): Promise<ArtworkResponse | undefined> {
  // Twice at most: the second time after a damaged or vanished file was forgotten and remade.
  for (let attempt = 0; attempt < 2; attempt++) {
    const hash = await fetcher.ensure(source, size);
    if (!hash || (onlyHash && hash !== onlyHash)) return undefined;
    const served = await fromStore(store, hash, size, ifNoneMatch, cacheControl);
    if (served) return served;
  }
  return undefined;
}

async function byHash(
  store: ArtworkStore,
  fetcher: ArtworkFetcher,
  { hash, size, ifNoneMatch }: { hash: string; size: ArtworkSize; ifNoneMatch?: string },
): Promise<ArtworkResponse> {
  const served = await fromStore(store, hash, size, ifNoneMatch, IMMUTABLE);
  if (served) return served;
  // Evicted or damaged: make it again from a source that produced this original — only if it
  // still produces the same bytes, since this address is cached forever.
  const key = store.sourceOfHash(hash);
  if (key) {
    const source: OriginalSource = /^https?:\/\//i.test(key) ? { url: key } : { localPath: key };
    const remade = await serveVariant(store, fetcher, source, size, ifNoneMatch, IMMUTABLE, hash);
    if (remade) return remade;
  }
  return notFound('No such artwork.');
}

function placeholder(
  info: ArtworkSourceInfo,
  kind: ArtworkKind,
  size: ArtworkSize,
  ifNoneMatch: string | undefined,
): ArtworkResponse {
  const svg = Buffer.from(placeholderSvg(info.title, info.year, kind, size));
  const etag = `W/"placeholder-${createHash('sha256').update(svg).digest('hex').slice(0, 32)}"`;
  const headers = {
    ...COMMON,
    ETag: etag,
    // Artwork may turn up later (downloaded, or a poster.jpg added), so no longer than artwork by
    // title — but not 'no-cache': a scrolled poster grid would ask again for every row it re-shows.
    'Cache-Control': BY_TITLE,
    // Opened directly, an SVG is a document: nothing in it may run or load.
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
  };
  if (matches(ifNoneMatch, etag)) return { status: 304, headers };
  return {
    status: 200,
    headers: {
      ...headers,
      'Content-Type': 'image/svg+xml; charset=utf-8',
      'Content-Length': String(svg.length),
    },
    body: svg,
  };
}

// ---- the two transports ----

const TitleRoute = z.object({
  titleId: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'a title id is letters, digits, - and _'),
  kind: ArtworkKind,
  size: ArtworkSize,
});
const HashRoute = z.object({ hash: ArtworkHash, size: ArtworkSize });

export type ParsedArtworkPath =
  { ok: true; request: ArtworkRequest } | { ok: false; status: 400 | 404; message: string };

/**
 * `/artwork/<titleId>/<poster|backdrop|still|profile>/<thumb|card|full>` (short cache, ETag) or
 * `/artwork/hash/<sha256>/<size>` (immutable).
 */
export function parseArtworkPath(pathname: string): ParsedArtworkPath {
  const parts = pathname.split('/').filter(Boolean);
  if (parts[0] !== 'artwork') return { ok: false, status: 404, message: 'Not an artwork address.' };
  const [, a, b, c] = parts;
  if (parts.length !== 4) {
    return {
      ok: false,
      status: 400,
      message: 'Artwork addresses are /artwork/<titleId>/<kind>/<size> or /artwork/hash/<sha256>/<size>.',
    };
  }
  const parsed =
    a === 'hash'
      ? HashRoute.safeParse({ hash: b, size: c })
      : TitleRoute.safeParse({ titleId: a, kind: b, size: c });
  if (!parsed.success) {
    const message = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    return { ok: false, status: 400, message: `Bad artwork address (${message}).` };
  }
  return { ok: true, request: parsed.data };
}

export interface ArtworkDoorOptions {
  store: ArtworkStore;
  resolveSource: ResolveArtworkSource;
  fetcher?: ArtworkFetcher;
}

const plain = (status: number, message: string) => ({
  status,
  headers: { ...COMMON, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  body: Buffer.from(message),
});

async function respond(
  options: ArtworkDoorOptions,
  method: string,
  pathname: string,
  ifNoneMatch: string | undefined,
): Promise<{ status: number; headers: Record<string, string>; body?: Buffer }> {
  if (method !== 'GET' && method !== 'HEAD') return plain(405, 'Artwork is read with GET.');
  const parsed = parseArtworkPath(pathname);
  if (!parsed.ok) return plain(parsed.status, parsed.message);
  try {
    return await artworkResponse(
      options.store,
      { ...parsed.request, ifNoneMatch },
      options.resolveSource,
      options.fetcher,
    );
  } catch (e) {
    return plain(500, `Artwork failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Node HTTP handler for browser/TV mode. Answers paths under /artwork/ and returns true;
 * returns false (touching nothing) for any other path, so a server can try it first.
 */
export function artworkHttpHandler(options: ArtworkDoorOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const { pathname } = new URL(req.url ?? '/', 'http://x');
    if (!pathname.startsWith('/artwork/')) return false;
    const r = await respond(options, req.method ?? 'GET', pathname, req.headers['if-none-match']);
    res.writeHead(r.status, r.headers);
    res.end(req.method === 'HEAD' ? undefined : r.body);
    return true;
  };
}

/**
 * Electron: `protocol.handle('reelshelf-art', artworkProtocolHandler(...))`, addresses
 * `reelshelf-art://artwork/<titleId>/<kind>/<size>` (the host is the first path segment).
 */
export function artworkProtocolHandler(options: ArtworkDoorOptions) {
  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const pathname = `/${url.host}${url.pathname}`;
    const r = await respond(
      options,
      request.method,
      pathname,
      request.headers.get('if-none-match') ?? undefined,
    );
    const body = request.method === 'HEAD' || r.status === 304 ? null : (r.body ?? null);
    return new Response(body && new Uint8Array(body.buffer, body.byteOffset, body.length), {
      status: r.status,
      headers: r.headers,
    });
  };
}
