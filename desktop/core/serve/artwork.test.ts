/**
 * The artwork route of the real server: a title's TMDb poster fetched once and served
 * resized with an ETag, artwork saved next to the media preferred, a placeholder otherwise.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import sharp from 'sharp';
import { makePosterJpeg, startImageServer, type ImageServer } from '../artwork/test-images';
import { tempLibrary } from '../test-support';
import { startServer, type RunningServer } from './server';

let lib: ReturnType<typeof tempLibrary>;
let images: ImageServer;
let server: RunningServer;
beforeEach(async () => {
  lib = tempLibrary();
  images = await startImageServer();
  server = await startServer(lib.core, { tmdbImages: images.url('/t/p/original').replace(/\/$/, '') });
});
afterEach(async () => {
  await server.close();
  await images.close();
  lib.cleanup();
});

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(new URL(path, server.url), { headers });

async function titleWithPoster(path: string | null) {
  const t = await lib.core.call('catalog.add', { kind: 'movie', title: 'Heat', year: 1995 });
  lib.core.library.sqlite.prepare('UPDATE titles SET poster_path = ? WHERE id = ?').run(path, t.id);
  return t.id;
}

it("serves a title's TMDb poster resized as WebP, fetched once, then 304 on a matching ETag", async () => {
  images.set('/t/p/original/heat.jpg', { body: await makePosterJpeg(600, 900, 1) });
  const id = await titleWithPoster('/heat.jpg');
  const first = await get(`/artwork/${id}/poster/thumb`);
  expect(first.status).toBe(200);
  expect(first.headers.get('content-type')).toBe('image/webp');
  const meta = await sharp(Buffer.from(await first.arrayBuffer())).metadata();
  expect(meta.width).toBe(185);
  const etag = first.headers.get('etag')!;
  expect((await get(`/artwork/${id}/poster/thumb`, { 'If-None-Match': etag })).status).toBe(304);
  expect((await get(`/artwork/${id}/poster/card`)).status).toBe(200);
  expect(images.requests('/t/p/original/heat.jpg')).toBe(1);
});

it('prefers the poster saved next to the media file', async () => {
  const id = await titleWithPoster('/heat.jpg');
  const folder = join(lib.dir, 'Movies', 'Heat (1995)');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'poster.jpg'), await makePosterJpeg(400, 600, 2));
  await lib.core.call('copies.add', {
    titleId: id,
    format: 'digital-file',
    file: { path: join(folder, 'Heat (1995).mkv'), container: 'mkv' },
  });
  const r = await get(`/artwork/${id}/poster/card`);
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toBe('image/webp');
  expect(images.requests('/t/p/original/heat.jpg')).toBe(0);
});

it("serves a person's photo as profile artwork", async () => {
  images.set('/t/p/original/keanu.jpg', { body: await makePosterJpeg(300, 450, 3) });
  const t = await lib.core.call('catalog.add', {
    kind: 'movie',
    title: 'Speed',
    year: 1994,
    credits: [{ role: 'cast', person: { name: 'Keanu Reeves', tmdbId: 6384 }, order: 0 }],
  });
  const personId = t.credits[0]!.person.id;
  lib.core.library.sqlite
    .prepare('UPDATE people SET profile_path = ? WHERE id = ?')
    .run('/keanu.jpg', personId);
  const r = await get(`/artwork/${personId}/profile/thumb`);
  expect(r.headers.get('content-type')).toBe('image/webp');
  expect(images.requests('/t/p/original/keanu.jpg')).toBe(1);
});

it('answers a placeholder with the title and year when there is no artwork, and 400 for a bad address', async () => {
  const id = await titleWithPoster(null);
  const r = await get(`/artwork/${id}/poster/thumb`);
  expect(r.headers.get('content-type')).toMatch(/svg/);
  const svg = await r.text();
  expect(svg).toContain('Heat');
  expect(svg).toContain('1995');
  expect((await get(`/artwork/${id}/poster/huge`)).status).toBe(400);
});
