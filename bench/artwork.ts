/**
 * Artwork cache benchmarks (npm run bench -- artwork), all in this process against a loopback
 * image server (no real network):
 *   1. serving a cached thumbnail: through the HTTP handler over loopback (keep-alive) and
 *      through artworkResponse directly; baseline: a plain fs.readFile handler serving the
 *      same files over the same loopback;
 *   2. cold fill: 200 posters (1000×1500 JPEGs, generated once) fetched, verified and resized
 *      into the three sizes, progress events counted; baseline: the same bodies downloaded
 *      to disk without resizing;
 *   3. memory: 10,000 distinct images through a cache capped at 50 MB (fetch, resize, serve a
 *      thumbnail, evict), RSS sampled every 500 images.
 * Writes bench/results/artwork.json; exits non-zero if a target is missed.
 */
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Agent, createServer, request as httpRequest, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import sharp from 'sharp';
import {
  ArtworkFetcher,
  ArtworkStore,
  artworkHttpHandler,
  artworkResponse,
  type ArtworkSourceInfo,
} from '../desktop/core/artwork';
import { makePosterJpeg, posterPixels, startImageServer } from '../desktop/core/artwork/test-images';
import { openCore } from '../desktop/core';
import { startServer } from '../desktop/core/serve/server';
import { resultHeader, saveResult } from './results';
import { peakRssMiB, percentiles } from './stats';

const TARGETS = { serveP95Ms: 2, memoryGrowthMiB: 50 };
const SERVE = { titles: 50, warmup: 500, requests: 5_000 };
const FILL = { posters: 200, width: 1000, height: 1500 };
const MEMORY = {
  images: Number(process.env.ARTWORK_BENCH_IMAGES ?? 10_000),
  capBytes: 50 * 2 ** 20,
  width: 240,
  height: 360,
  sampleEvery: 500,
  concurrency: 4,
};

const root = mkdtempSync(join(tmpdir(), 'reelshelf-bench-artwork-'));
const log = (text: string) => process.stderr.write(`${text}\n`);
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const rssMiB = () => round(process.memoryUsage.rss() / 2 ** 20);
const images = await startImageServer();

async function listen(handler: RequestListener) {
  const server = createServer(handler);
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** GET over one keep-alive connection; resolves with the status once the body is read. */
function get(agent: Agent, port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

async function timeEach(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    samples.push(performance.now() - t);
  }
  return samples;
}

// ---- 1. serving a cached thumbnail ----

async function measureServe() {
  log(`1. serve: ${SERVE.titles} cached thumbnails, ${SERVE.requests} requests per door…`);
  const dir = join(root, 'serve');
  const store = ArtworkStore.open(dir);
  const fetcher = new ArtworkFetcher(store);
  const sources = new Map<string, ArtworkSourceInfo>();
  for (let i = 0; i < SERVE.titles; i++) {
    images.set(`/serve${i}.jpg`, { body: await makePosterJpeg(500, 750, 1000 + i) });
    sources.set(`t${i}`, { url: images.url(`/serve${i}.jpg`), title: `Title ${i}`, year: 2000 });
  }
  const resolveSource = (id: string) => sources.get(id);
  const paths: string[] = [];
  for (let i = 0; i < SERVE.titles; i++) {
    const hash = await fetcher.ensure({ url: images.url(`/serve${i}.jpg`) }, 'thumb');
    if (!hash) throw new Error('a thumbnail did not fill');
    paths.push(store.variantPath(hash, 'thumb'));
  }
  const thumbBytes = paths.map((p) => readFileSync(p).length);

  const handle = artworkHttpHandler({ store, resolveSource, fetcher });
  const artwork = await listen((req, res) => void handle(req, res));
  const plain = await listen((req, res) => {
    const i = Number(new URL(req.url ?? '/', 'http://x').pathname.slice(1));
    void readFile(paths[i]!).then((body) =>
      res.writeHead(200, { 'Content-Type': 'image/webp', 'Content-Length': String(body.length) }).end(body),
    );
  });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const viaHttp = (i: number) => get(agent, artwork.port, `/artwork/t${i % SERVE.titles}/poster/thumb`);
  const viaPlain = (i: number) => get(agent, plain.port, `/${i % SERVE.titles}`);
  const direct = (i: number) =>
    artworkResponse(
      store,
      { titleId: `t${i % SERVE.titles}`, kind: 'poster', size: 'thumb' },
      resolveSource,
      fetcher,
    );

  for (const fn of [viaHttp, viaPlain, direct]) await timeEach(SERVE.warmup, fn);
  const check = await artworkResponse(
    store,
    { titleId: 't0', kind: 'poster', size: 'thumb' },
    resolveSource,
    fetcher,
  );
  if (check.status !== 200 || check.headers['Content-Type'] !== 'image/webp')
    throw new Error('not serving WebP');
  // Interleaved rounds so a burst of load elsewhere on the machine hits all three alike.
  const samples = { http: [] as number[], plain: [] as number[], direct: [] as number[] };
  const rounds = 10;
  for (let r = 0; r < rounds; r++) {
    samples.plain.push(...(await timeEach(SERVE.requests / rounds, viaPlain)));
    samples.http.push(...(await timeEach(SERVE.requests / rounds, viaHttp)));
    samples.direct.push(...(await timeEach(SERVE.requests / rounds, direct)));
  }
  agent.destroy();
  await artwork.close();
  await plain.close();
  const counters = { ...fetcher.counters };
  store.close();
  return {
    thumbnails: SERVE.titles,
    thumbnailBytes: percentiles(thumbBytes),
    requestsPerDoor: SERVE.requests,
    httpHandlerMs: percentiles(samples.http),
    directFunctionMs: percentiles(samples.direct),
    baselinePlainReadFileHandlerMs: percentiles(samples.plain),
    target: { p95Ms: TARGETS.serveP95Ms },
    fetcherDuringServe: counters,
  };
}

/**
 * The same through the app's own server: `/artwork/<title id>/poster/thumb` on the core's
 * HTTP door, which looks the title up in the library (and, for titles with a media file,
 * for a poster beside it) before the cache answers.
 */
async function measureAppRoute() {
  log(`1b. the app's /artwork route: ${SERVE.titles} titles in a library, ${SERVE.requests} requests…`);
  const core = openCore(join(root, 'app-library.db'));
  const ids: string[] = [];
  for (let i = 0; i < SERVE.titles; i++) {
    const t = await core.call('catalog.add', { kind: 'movie', title: `Title ${i}`, year: 2000 });
    core.library.sqlite.prepare('UPDATE titles SET poster_path = ? WHERE id = ?').run(`/serve${i}.jpg`, t.id);
    // Half of them are files on disk with no poster beside them: the folder is read and found empty.
    if (i % 2) {
      const folder = join(root, 'media', `Title ${i} (2000)`);
      mkdirSync(folder, { recursive: true });
      await core.call('copies.add', {
        titleId: t.id,
        format: 'digital-file',
        file: { path: join(folder, `Title ${i} (2000).mkv`) },
      });
    }
    ids.push(t.id);
  }
  const store = ArtworkStore.open(join(root, 'app-artwork'));
  const server = await startServer(core, {
    artwork: store,
    tmdbImages: images.url('').replace(/\/$/, ''),
  });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const route = (i: number) => get(agent, server.port, `/artwork/${ids[i % SERVE.titles]}/poster/thumb`);
  for (let i = 0; i < SERVE.titles; i++) {
    if ((await route(i)) !== 200) throw new Error('the app route did not serve a thumbnail');
  }
  await timeEach(SERVE.warmup, route);
  const samples = await timeEach(SERVE.requests, route);
  agent.destroy();
  await server.close();
  store.close();
  core.close();
  return percentiles(samples);
}

// ---- 2. cold fill ----

async function measureFill() {
  log(`2. cold fill: generating ${FILL.posters} ${FILL.width}×${FILL.height} JPEGs…`);
  let originalBytes = 0;
  for (let i = 0; i < FILL.posters; i++) {
    const body = await makePosterJpeg(FILL.width, FILL.height, 5000 + i);
    originalBytes += body.length;
    images.set(`/fill${i}.jpg`, { body });
  }
  const urls = Array.from({ length: FILL.posters }, (_, i) => images.url(`/fill${i}.jpg`));

  // Baseline: the same bodies to disk, 6 at a time, no verifying or resizing.
  const plainDir = mkdtempSync(join(root, 'plain-'));
  let t = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      while (next < urls.length) {
        const i = next++;
        const response = await fetch(urls[i]!);
        await pipeline(Readable.fromWeb(response.body!), createWriteStream(join(plainDir, `${i}.jpg`)));
      }
    }),
  );
  const baselineSeconds = (performance.now() - t) / 1000;

  log('   filling…');
  const store = ArtworkStore.open(join(root, 'fill'));
  const fetcher = new ArtworkFetcher(store);
  let progressEvents = 0;
  let lastReport = 0;
  t = performance.now();
  const result = await fetcher.fill(
    urls.map((url) => ({ url })),
    (p) => {
      progressEvents++;
      if (p.done - lastReport >= 50 || p.done === p.total) {
        lastReport = p.done;
        log(`   ${p.done}/${p.total} (${p.failed} failed) after ${round((performance.now() - t) / 1000)} s`);
      }
    },
  );
  const seconds = (performance.now() - t) / 1000;
  const variants = store.variantCount();
  const storedBytes = store.totalBytes;
  store.close();
  return {
    posters: FILL.posters,
    originalSize: `${FILL.width}×${FILL.height} JPEG`,
    originalMiB: round(originalBytes / 2 ** 20),
    seconds: round(seconds, 2),
    postersPerSecond: round(FILL.posters / seconds),
    progressEvents,
    done: result.done,
    failed: result.failed,
    variantsStored: variants,
    storedMiB: round(storedBytes / 2 ** 20),
    downloads: fetcher.counters.downloads,
    baselineDownloadOnly: { seconds: round(baselineSeconds, 2) },
  };
}

// ---- 3. memory while 10,000 images pass through ----

async function measureMemory() {
  log(`3. memory: ${MEMORY.images} images through a ${MEMORY.capBytes / 2 ** 20} MB cache…`);
  // Distinct images made on request from one pixel buffer, so the test data takes no memory.
  const { width, height } = MEMORY;
  const pixels = posterPixels(width, height, 1);
  const server = await listen((req, res) => {
    const n = Number(new URL(req.url ?? '/', 'http://x').pathname.slice(1));
    const own = Buffer.from(pixels);
    own.writeUInt32LE(n, 0);
    own.fill(n % 256, width * 3 * (n % height), width * 3 * ((n % height) + 1));
    void sharp(own, { raw: { width, height, channels: 3 } })
      .jpeg({ quality: 80 })
      .toBuffer()
      .then((body) =>
        res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': String(body.length) }).end(body),
      );
  });
  const store = ArtworkStore.open(join(root, 'memory'), { capBytes: MEMORY.capBytes });
  const fetcher = new ArtworkFetcher(store);
  const resolveSource = (id: string) => ({
    url: `http://127.0.0.1:${server.port}/${id}`,
    title: `Image ${id}`,
    year: null,
  });
  const samples: { images: number; rssMiB: number; heapMiB: number; cacheMiB: number; seconds: number }[] =
    [];
  const t = performance.now();
  let next = 0;
  let done = 0;
  let served = 0;
  await Promise.all(
    Array.from({ length: MEMORY.concurrency }, async () => {
      while (next < MEMORY.images) {
        const i = next++;
        const r = await artworkResponse(
          store,
          { titleId: String(i), kind: 'poster', size: 'thumb' },
          resolveSource,
          fetcher,
        );
        if (r.status === 200 && r.headers['Content-Type'] === 'image/webp') served++;
        if (++done % MEMORY.sampleEvery === 0) {
          samples.push({
            images: done,
            rssMiB: rssMiB(),
            heapMiB: round(process.memoryUsage().heapUsed / 2 ** 20),
            cacheMiB: round(store.totalBytes / 2 ** 20),
            seconds: round((performance.now() - t) / 1000),
          });
          if (done % 2_000 === 0) log(`   ${done} images, RSS ${rssMiB()} MiB`);
        }
      }
    }),
  );
  const seconds = (performance.now() - t) / 1000;
  await server.close();
  const afterFirstThousand = samples.find((s) => s.images >= 1_000) ?? samples[0]!;
  const end = samples.at(-1)!;
  const result = {
    images: MEMORY.images,
    imageSize: `${width}×${height} JPEG`,
    capMiB: MEMORY.capBytes / 2 ** 20,
    seconds: round(seconds, 1),
    imagesPerSecond: round(MEMORY.images / seconds),
    servedWebp: served,
    evictedVariants: store.counters.evicted,
    cacheMiBAtEnd: round(store.totalBytes / 2 ** 20),
    rssAfterFirstThousandMiB: afterFirstThousand.rssMiB,
    rssAtEndMiB: end.rssMiB,
    growthMiB: round(end.rssMiB - afterFirstThousand.rssMiB),
    target: { growthMiB: TARGETS.memoryGrowthMiB },
    samples,
  };
  store.close();
  return result;
}

try {
  const serve = await measureServe();
  const appRoute = await measureAppRoute();
  const fill = await measureFill();
  const memory = await measureMemory();
  saveResult('artwork', {
    ...resultHeader('artwork'),
    serve,
    appRouteMs: appRoute,
    coldFill: fill,
    memory,
    peakRssMiB: peakRssMiB(),
  });
  console.table({
    'thumb via HTTP handler': {
      p50: serve.httpHandlerMs.p50,
      p95: serve.httpHandlerMs.p95,
      p99: serve.httpHandlerMs.p99,
      target: `p95 ≤ ${TARGETS.serveP95Ms} ms`,
    },
    'thumb via artworkResponse': {
      p50: serve.directFunctionMs.p50,
      p95: serve.directFunctionMs.p95,
      p99: serve.directFunctionMs.p99,
      target: `p95 ≤ ${TARGETS.serveP95Ms} ms`,
    },
    "thumb via the app's /artwork route": {
      p50: appRoute.p50,
      p95: appRoute.p95,
      p99: appRoute.p99,
      target: `p95 ≤ ${TARGETS.serveP95Ms} ms`,
    },
    'baseline: fs.readFile handler': {
      p50: serve.baselinePlainReadFileHandlerMs.p50,
      p95: serve.baselinePlainReadFileHandlerMs.p95,
      p99: serve.baselinePlainReadFileHandlerMs.p99,
      target: '—',
    },
  });
  console.table({
    'cold fill (200 posters)': {
      seconds: fill.seconds,
      perSecond: fill.postersPerSecond,
      progressEvents: fill.progressEvents,
      failed: fill.failed,
    },
    'baseline: download only': { seconds: fill.baselineDownloadOnly.seconds },
    [`memory (${memory.images} images)`]: {
      seconds: memory.seconds,
      perSecond: memory.imagesPerSecond,
      rssGrowthMiB: memory.growthMiB,
      target: `≤ ${TARGETS.memoryGrowthMiB}`,
    },
  });
  const missed: string[] = [];
  if (serve.httpHandlerMs.p95 > TARGETS.serveP95Ms) missed.push('HTTP serve p95');
  if (serve.directFunctionMs.p95 > TARGETS.serveP95Ms) missed.push('direct serve p95');
  if (appRoute.p95 > TARGETS.serveP95Ms) missed.push('app route p95');
  if (fill.done !== FILL.posters || fill.failed > 0 || fill.progressEvents !== FILL.posters)
    missed.push('cold fill');
  if (memory.growthMiB > TARGETS.memoryGrowthMiB) missed.push('memory growth');
  if (memory.servedWebp !== memory.images) missed.push('memory run served placeholders');
  if (missed.length > 0) log(`Missed: ${missed.join(', ')}.`);
  process.exitCode = missed.length > 0 ? 1 : 0;
} finally {
  await images.close();
  rmSync(root, { recursive: true, force: true });
}
