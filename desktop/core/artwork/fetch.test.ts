import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ArtworkFetcher } from './fetch';
import { artworkResponse, type ArtworkSourceInfo } from './serve';
import { ArtworkStore } from './store';
import { makeJpeg, startImageServer, type ImageServer } from './test-images';

let server: ImageServer;
beforeAll(async () => {
  server = await startImageServer();
});
afterAll(() => server.close());

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function openCache(options: { capBytes?: number; now?: () => number; revalidateAfterMs?: number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'reelshelf-artwork-'));
  const store = ArtworkStore.open(dir, { capBytes: options.capBytes, now: options.now });
  const fetcher = new ArtworkFetcher(store, {
    retryFailedAfterMs: 0,
    now: options.now,
    revalidateAfterMs: options.revalidateAfterMs,
  });
  cleanups.push(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, store, fetcher };
}

const resolveTo = (info: ArtworkSourceInfo) => () => info;

/** Every file in the cache folder other than the index. */
function cacheFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith('index.db'))
    .map((e) => e.name);
}

describe('artwork fetch', () => {
  it('produces each size once, never upscaled', async () => {
    server.set('/big.jpg', { body: await makeJpeg(1000, 1500, 1) });
    server.set('/small.jpg', { body: await makeJpeg(120, 180, 2) });
    const { store, fetcher } = openCache();
    const resolve = resolveTo({ url: server.url('/big.jpg'), title: 'Big', year: 2001 });
    const widths: Record<string, number> = {};
    for (const size of ['thumb', 'card', 'full', 'thumb', 'full'] as const) {
      const r = await artworkResponse(store, { titleId: 't', kind: 'poster', size }, resolve, fetcher);
      expect(r.status).toBe(200);
      expect(r.headers['Content-Type']).toBe('image/webp');
      const meta = await sharp(r.body!).metadata();
      widths[size] = meta.width!;
      expect(meta.format).toBe('webp');
    }
    expect(widths).toEqual({ thumb: 185, card: 342, full: 1000 });
    expect(store.counters.variantsWritten).toBe(3);
    expect(server.requests('/big.jpg')).toBe(1);

    const small = resolveTo({ url: server.url('/small.jpg'), title: 'Small', year: 2002 });
    for (const size of ['thumb', 'card', 'full'] as const) {
      const r = await artworkResponse(store, { titleId: 's', kind: 'poster', size }, small, fetcher);
      expect((await sharp(r.body!).metadata()).width).toBe(120);
    }
    expect(store.counters.variantsWritten).toBe(6);
  });

  it('turns a sideways EXIF orientation upright before sizing', async () => {
    const sideways = await sharp(await makeJpeg(600, 400, 30))
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    server.set('/sideways.jpg', { body: sideways });
    const { store, fetcher } = openCache();
    const hash = (await fetcher.ensure({ url: server.url('/sideways.jpg') }))!;
    const full = await store.readVariant(store.variant(hash, 'full')!);
    const meta = await sharp(full!).metadata();
    expect([meta.width, meta.height]).toEqual([400, 600]);
  });

  it('stores the same bytes reached through two URLs once', async () => {
    const body = await makeJpeg(300, 450, 3);
    server.set('/one.jpg', { body });
    server.set('/two.jpg', { body });
    const { dir, store, fetcher } = openCache();
    const a = await fetcher.ensure({ url: server.url('/one.jpg') });
    const b = await fetcher.ensure({ url: server.url('/two.jpg') });
    expect(a).toBeDefined();
    expect(b).toBe(a);
    expect(store.counters.variantsWritten).toBe(3);
    expect(cacheFiles(dir)).toHaveLength(3);
  });

  it('shares one fetch among concurrent requests for the same image', async () => {
    server.set('/slow.jpg', { body: await makeJpeg(400, 600, 4), delayMs: 100 });
    const { store, fetcher } = openCache();
    const resolve = resolveTo({ url: server.url('/slow.jpg'), title: 'Slow', year: null });
    const sizes = ['thumb', 'card', 'full'] as const;
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        artworkResponse(store, { titleId: 't', kind: 'poster', size: sizes[i % 3]! }, resolve, fetcher),
      ),
    );
    expect(responses.every((r) => r.status === 200 && r.headers['Content-Type'] === 'image/webp')).toBe(true);
    expect(server.requests('/slow.jpg')).toBe(1);
    expect(store.counters.variantsWritten).toBe(3);
  });

  it('revalidates with If-None-Match: 304 keeps the cached image, a changed one gets a new hash', async () => {
    server.set('/etag.jpg', { body: await makeJpeg(300, 450, 5), etag: '"v1"' });
    let now = 1_000_000;
    const { store, fetcher } = openCache({ now: () => now, revalidateAfterMs: 60_000 });
    const url = server.url('/etag.jpg');
    const first = await fetcher.ensure({ url });
    expect(await fetcher.revalidate(url)).toBe(first);
    expect(server.hits.get('/etag.jpg')).toEqual({ requests: 2, bodies: 1, notModified: 1 });
    expect(store.counters.variantsWritten).toBe(3);

    // Fresh enough: serving does not ask the origin at all.
    await fetcher.ensure({ url });
    expect(server.requests('/etag.jpg')).toBe(2);

    // Stale: serving answers from the cache at once and revalidates in the background.
    server.set('/etag.jpg', { body: await makeJpeg(300, 450, 6), etag: '"v2"' });
    now += 120_000;
    expect(await fetcher.ensure({ url })).toBe(first);
    await expect.poll(() => store.source(url)?.etag).toBe('"v2"');
    const second = store.source(url)!.hash;
    expect(second).not.toBe(first);
    expect(await fetcher.ensure({ url })).toBe(second);
    expect(server.hits.get('/etag.jpg')).toEqual({ requests: 3, bodies: 2, notModified: 1 });
  });

  it('revalidates with If-Modified-Since when the origin sends only Last-Modified', async () => {
    const lastModified = 'Tue, 01 Sep 2026 10:00:00 GMT';
    server.set('/lm.jpg', { body: await makeJpeg(300, 450, 7), lastModified });
    const { fetcher } = openCache();
    const url = server.url('/lm.jpg');
    const hash = await fetcher.ensure({ url });
    expect(await fetcher.revalidate(url)).toBe(hash);
    expect(fetcher.counters).toMatchObject({ downloads: 1, notModified: 1 });
  });

  it('never serves or keeps a truncated, cut-off or garbage download', async () => {
    const jpeg = await makeJpeg(600, 900, 8);
    server.set('/truncated.jpg', { body: jpeg.subarray(0, Math.floor(jpeg.length / 2)) });
    server.set('/cut.jpg', { body: jpeg, cutAfter: Math.floor(jpeg.length / 2) });
    server.set('/garbage.jpg', { body: Buffer.from('<html>not an image</html>'.repeat(50)) });
    server.set('/tiny.png', {
      body: await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } })
        .png()
        .toBuffer(),
    });
    const { dir, store, fetcher } = openCache();
    for (const path of ['/truncated.jpg', '/cut.jpg', '/garbage.jpg', '/tiny.png', '/missing.jpg']) {
      const r = await artworkResponse(
        store,
        { titleId: 't', kind: 'poster', size: 'thumb' },
        resolveTo({ url: server.url(path), title: 'Broken', year: 1999 }),
        fetcher,
      );
      expect(r.status, path).toBe(200);
      expect(r.headers['Content-Type'], path).toBe('image/svg+xml; charset=utf-8');
      expect(store.source(server.url(path)), path).toBeUndefined();
    }
    expect(cacheFiles(dir)).toEqual([]);
    expect(store.totalBytes).toBe(0);
    expect(fetcher.counters.failures).toBe(5);
  });

  it('gives up on an origin that does not answer in time, keeping nothing', async () => {
    server.set('/stuck.jpg', { body: await makeJpeg(200, 300, 42), delayMs: 2_000 });
    const dir = mkdtempSync(join(tmpdir(), 'reelshelf-artwork-'));
    const store = ArtworkStore.open(dir);
    cleanups.push(() => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const fetcher = new ArtworkFetcher(store, { timeoutMs: 200 });
    const t = performance.now();
    expect(await fetcher.ensure({ url: server.url('/stuck.jpg') })).toBeUndefined();
    expect(performance.now() - t).toBeLessThan(1_500);
    expect(cacheFiles(dir)).toEqual([]);
    // Not asked again at once: a broken source does not cost a request per render.
    expect(await fetcher.ensure({ url: server.url('/stuck.jpg') })).toBeUndefined();
    expect(server.requests('/stuck.jpg')).toBe(1);
  });

  it('refuses an original over the size limit without keeping it', async () => {
    server.set('/huge.jpg', { body: await makeJpeg(300, 450, 9) });
    const dir = mkdtempSync(join(tmpdir(), 'reelshelf-artwork-'));
    const store = ArtworkStore.open(dir);
    cleanups.push(() => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const fetcher = new ArtworkFetcher(store, { maxBytes: 1000 });
    expect(await fetcher.ensure({ url: server.url('/huge.jpg') })).toBeUndefined();
    expect(cacheFiles(dir)).toEqual([]);
  });

  it('prefers a local poster over the URL and reads it again when it changes', async () => {
    server.set('/remote.jpg', { body: await makeJpeg(300, 450, 10) });
    const { dir, store, fetcher } = openCache();
    const poster = join(dir, '..', `poster-${Date.now()}-${Math.random()}.jpg`);
    cleanups.push(() => rmSync(poster, { force: true }));
    writeFileSync(poster, await makeJpeg(200, 300, 11));
    const resolve = resolveTo({
      localPath: poster,
      url: server.url('/remote.jpg'),
      title: 'Local',
      year: 2010,
    });
    const ask = () =>
      artworkResponse(store, { titleId: 't', kind: 'poster', size: 'full' }, resolve, fetcher);
    const first = await ask();
    expect((await sharp(first.body!).metadata()).width).toBe(200);
    expect(server.requests('/remote.jpg')).toBe(0);
    expect((await ask()).headers.ETag).toBe(first.headers.ETag);
    expect(fetcher.counters.localReads).toBe(1);

    writeFileSync(poster, await makeJpeg(250, 375, 12));
    utimesSync(poster, new Date(), new Date(Date.now() + 5_000));
    const changed = await ask();
    expect(changed.headers.ETag).not.toBe(first.headers.ETag);
    expect((await sharp(changed.body!).metadata()).width).toBe(250);
    expect(fetcher.counters.localReads).toBe(2);

    // The local file gone: the URL is next.
    rmSync(poster);
    expect((await sharp((await ask()).body!).metadata()).width).toBe(300);
    expect(server.requests('/remote.jpg')).toBe(1);
  });

  it('reports progress while filling many posters', async () => {
    for (let i = 0; i < 8; i++) server.set(`/fill${i}.jpg`, { body: await makeJpeg(200, 300, 20 + i) });
    const { fetcher } = openCache();
    const events: number[] = [];
    const sources = [
      ...Array.from({ length: 8 }, (_, i) => ({ url: server.url(`/fill${i}.jpg`) })),
      { url: server.url('/nope.jpg') },
    ];
    const result = await fetcher.fill(sources, (p) => events.push(p.done));
    expect(result).toEqual({ done: 9, failed: 1, total: 9 });
    expect(events).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
