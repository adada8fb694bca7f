import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ArtworkFetcher } from './fetch';
import { findLocalArtwork } from './local';
import {
  artworkHttpHandler,
  artworkProtocolHandler,
  artworkResponse,
  parseArtworkPath,
  type ArtworkSourceInfo,
  type ResolveArtworkSource,
} from './serve';
import { ArtworkStore } from './store';
import { makeJpeg, startImageServer, type ImageServer } from './test-images';

let server: ImageServer;
beforeAll(async () => {
  server = await startImageServer();
  server.set('/poster.jpg', { body: await makeJpeg(500, 750, 1) });
});
afterAll(() => server.close());

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function openCache() {
  const dir = mkdtempSync(join(tmpdir(), 'reelshelf-artwork-serve-'));
  const store = ArtworkStore.open(dir);
  const fetcher = new ArtworkFetcher(store, { retryFailedAfterMs: 0 });
  cleanups.push(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, store, fetcher };
}

const titles: Record<string, ArtworkSourceInfo> = {
  movie: { url: '', title: 'Heat', year: 1995 },
  bare: { title: '<script>alert("x")</script> & Friends', year: 2020 },
};
const resolve: ResolveArtworkSource = (id) =>
  id === 'movie' ? { ...titles.movie!, url: server.url('/poster.jpg') } : titles[id];

describe('artworkResponse', () => {
  it('detects a damaged variant on serve, deletes it and makes it again', async () => {
    const { store, fetcher } = openCache();
    const ask = () =>
      artworkResponse(store, { titleId: 'movie', kind: 'poster', size: 'card' }, resolve, fetcher);
    const good = await ask();
    const hash = store.source(server.url('/poster.jpg'))!.hash;
    const path = store.variantPath(hash, 'card');
    const before = server.requests('/poster.jpg');
    const damaged = Buffer.from(readFileSync(path));
    damaged.fill(0, 100, 200);
    writeFileSync(path, damaged);

    const again = await ask();
    expect(again.status).toBe(200);
    expect(again.body).toEqual(good.body);
    expect(again.headers.ETag).toBe(good.headers.ETag);
    expect(store.counters.corruptDetected).toBe(1);
    expect(server.requests('/poster.jpg')).toBe(before + 1);
    expect(readFileSync(path)).toEqual(good.body);
  });

  it('draws a placeholder with the title and year, escaped, in the kind’s shape', async () => {
    const { store, fetcher } = openCache();
    const r = await artworkResponse(
      store,
      { titleId: 'bare', kind: 'poster', size: 'thumb' },
      resolve,
      fetcher,
    );
    expect(r.status).toBe(200);
    expect(r.headers['Content-Type']).toBe('image/svg+xml; charset=utf-8');
    expect(r.headers['Cache-Control']).toBe('public, max-age=60');
    const svg = r.body!.toString();
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('&amp; Friends');
    expect(svg).toContain('2020');
    const meta = await sharp(r.body!).metadata(); // well-formed enough for librsvg
    expect([meta.width, meta.height]).toEqual([185, 278]);

    const backdrop = await artworkResponse(
      store,
      { titleId: 'bare', kind: 'backdrop', size: 'card' },
      resolve,
      fetcher,
    );
    const b = await sharp(backdrop.body!).metadata();
    expect([b.width, b.height]).toEqual([342, 192]);

    const revalidated = await artworkResponse(
      store,
      { titleId: 'bare', kind: 'poster', size: 'thumb', ifNoneMatch: r.headers.ETag },
      resolve,
      fetcher,
    );
    expect(revalidated.status).toBe(304);
  });

  it('answers 404 for an unknown title and for an unknown hash', async () => {
    const { store, fetcher } = openCache();
    expect(
      (await artworkResponse(store, { titleId: 'nope', kind: 'poster', size: 'thumb' }, resolve, fetcher))
        .status,
    ).toBe(404);
    expect(
      (await artworkResponse(store, { hash: 'a'.repeat(64), size: 'thumb' }, resolve, fetcher)).status,
    ).toBe(404);
  });

  it('serves by hash as immutable, and makes an evicted variant again from its source', async () => {
    const { store, fetcher } = openCache();
    await artworkResponse(store, { titleId: 'movie', kind: 'poster', size: 'thumb' }, resolve, fetcher);
    const hash = store.source(server.url('/poster.jpg'))!.hash;
    const r = await artworkResponse(store, { hash, size: 'thumb' }, resolve, fetcher);
    expect(r.status).toBe(200);
    expect(r.headers['Cache-Control']).toBe('public, max-age=31536000, immutable');
    rmSync(store.variantPath(hash, 'thumb'));
    const remade = await artworkResponse(store, { hash, size: 'thumb' }, resolve, fetcher);
    expect(remade.status).toBe(200);
    expect(remade.body).toEqual(r.body);
  });
});

describe('artworkResponse by hash', () => {
  it('answers 404 rather than another picture when the source now has different bytes', async () => {
    server.set('/changing.jpg', { body: await makeJpeg(300, 450, 40) });
    const { store, fetcher } = openCache();
    const url = server.url('/changing.jpg');
    const hash = (await fetcher.ensure({ url }))!;
    rmSync(store.variantPath(hash, 'card'));
    server.set('/changing.jpg', { body: await makeJpeg(300, 450, 41) });
    expect((await artworkResponse(store, { hash, size: 'card' }, resolve, fetcher)).status).toBe(404);
    expect(store.source(url)!.hash).not.toBe(hash);
  });
});

describe('the HTTP and protocol doors', () => {
  async function startDoor() {
    const { store, fetcher } = openCache();
    const handle = artworkHttpHandler({ store, resolveSource: resolve, fetcher });
    const http = createServer((req, res) => {
      void handle(req, res).then((handled) => handled || res.writeHead(418).end());
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => http.close(() => r())));
    const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    return { store, base, fetcher };
  }

  it('sends WebP with an ETag and a short max-age by title, 304 on If-None-Match', async () => {
    const { base } = await startDoor();
    const r = await fetch(`${base}/artwork/movie/poster/thumb`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('image/webp');
    expect(r.headers.get('cache-control')).toBe('public, max-age=60');
    const etag = r.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    const body = Buffer.from(await r.arrayBuffer());
    expect(Number(r.headers.get('content-length'))).toBe(body.length);

    const again = await fetch(`${base}/artwork/movie/poster/thumb`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect((await again.arrayBuffer()).byteLength).toBe(0);
    expect(again.headers.get('etag')).toBe(etag);
  });

  it('refuses bad addresses with 400 and a clear message, other methods with 405, and leaves other paths', async () => {
    const { base } = await startDoor();
    const bad = await fetch(`${base}/artwork/movie/banner/thumb`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/kind/);
    expect((await fetch(`${base}/artwork/movie/poster/huge`)).status).toBe(400);
    expect((await fetch(`${base}/artwork/hash/xyz/thumb`)).status).toBe(400);
    expect((await fetch(`${base}/artwork/movie/poster`)).status).toBe(400);
    expect((await fetch(`${base}/artwork/movie/poster/thumb`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${base}/other`)).status).toBe(418);
    expect(parseArtworkPath('/artwork/movie/poster/thumb')).toEqual({
      ok: true,
      request: { titleId: 'movie', kind: 'poster', size: 'thumb' },
    });
  });

  it('answers Electron protocol requests through the same function', async () => {
    const { store, fetcher } = openCache();
    const handle = artworkProtocolHandler({ store, resolveSource: resolve, fetcher });
    const r = await handle(new Request('reelshelf-art://artwork/movie/poster/card'));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('image/webp');
    expect((await sharp(Buffer.from(await r.arrayBuffer())).metadata()).width).toBe(342);
    const etag = r.headers.get('etag')!;
    const cached = await handle(
      new Request('reelshelf-art://artwork/movie/poster/card', { headers: { 'If-None-Match': etag } }),
    );
    expect(cached.status).toBe(304);
    expect((await handle(new Request('reelshelf-art://artwork/movie/poster'))).status).toBe(400);
  });
});

describe('findLocalArtwork', () => {
  it('finds poster, fanart and still files next to the media, any case', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reelshelf-artwork-local-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, 'Heat (1995)'));
    const media = join(dir, 'Heat (1995)', 'Heat (1995).mkv');
    writeFileSync(media, '');
    expect(await findLocalArtwork(media, 'poster')).toBeUndefined();
    writeFileSync(join(dir, 'Heat (1995)', 'Folder.JPG'), '');
    expect(await findLocalArtwork(media, 'poster')).toBe(join(dir, 'Heat (1995)', 'Folder.JPG'));
    writeFileSync(join(dir, 'Heat (1995)', 'poster.png'), '');
    expect(await findLocalArtwork(media, 'poster')).toBe(join(dir, 'Heat (1995)', 'poster.png'));
    writeFileSync(join(dir, 'Heat (1995)', 'Heat (1995)-fanart.jpg'), '');
    expect(await findLocalArtwork(media, 'backdrop')).toBe(
      join(dir, 'Heat (1995)', 'Heat (1995)-fanart.jpg'),
    );
  });
});
