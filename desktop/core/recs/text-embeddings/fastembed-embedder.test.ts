import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddingModel } from 'fastembed';
import { afterEach, describe, expect, it } from 'vitest';
import type { TextEmbedder } from '../../../../shared/recs/content/text-embedder';
import {
  fastembedModelFolder,
  loadFastembedEmbedder,
  type LoadFastembedResult,
  type LoadProgress,
} from './fastembed-embedder';
import {
  packTinyModelArchive,
  TINY_MODEL_DIMENSIONS,
  TINY_MODEL_ONNX_FILE,
  writeTinyModelFolder,
} from './tiny-model';

const MODEL = 'bge-small-en-v1.5';
const FOLDER = fastembedModelFolder(MODEL);

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function tempCacheDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'reelshelf-models-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** A real HTTP server on an ephemeral port; counts requests so tests can prove caching. */
async function startServer(handler: Handler): Promise<{ baseUrl: string; hits: () => number }> {
  let hits = 0;
  const server: Server = createServer((request, response) => {
    hits++;
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}/models`, hits: () => hits };
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function serveArchive(archive: Buffer): Handler {
  return (request, response) => {
    if (request.url !== `/models/${FOLDER}.tar.gz`) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/gzip', 'content-length': archive.length });
    response.end(archive);
  };
}

function expectLoaded(result: LoadFastembedResult): TextEmbedder {
  if (!result.ok) throw new Error(`expected the model to load, got: ${result.reason}`);
  return result.embedder;
}

function expectReason(result: LoadFastembedResult): string {
  if (result.ok) throw new Error('expected the model to be unavailable');
  return result.reason;
}

function cosine(a: Float32Array, b: Float32Array): number {
  return a.reduce((sum, value, i) => sum + value * b[i]!, 0);
}

function norm(v: Float32Array): number {
  return Math.sqrt(cosine(v, v));
}

describe('loadFastembedEmbedder', () => {
  it('uses the folder name fastembed itself looks for', () => {
    expect(FOLDER).toBe(EmbeddingModel.BGESmallENV15);
  });

  describe('with the model already in cacheDir', () => {
    async function loadTiny(): Promise<TextEmbedder> {
      const cacheDir = await tempCacheDir();
      await writeTinyModelFolder(join(cacheDir, FOLDER));
      return expectLoaded(await loadFastembedEmbedder({ cacheDir, allowDownload: false }));
    }

    it('loads through fastembed and reports the model dimension', async () => {
      const embedder = await loadTiny();
      expect(embedder.id).toBe('fastembed:bge-small-en-v1.5');
      expect(embedder.dimensions).toBe(TINY_MODEL_DIMENSIONS);
    });

    it('returns deterministic unit vectors in input order, closer for similar texts', async () => {
      const embedder = await loadTiny();
      const texts = [
        'An astronaut drifts in orbit around a distant planet',
        'A rocket carries the alien home to its galaxy',
        'A detective hunts a gangster after the heist',
        'Love letters and a wedding in Paris',
      ];
      const [space1, space2, crime, romance] = await embedder.embed(texts);
      for (const v of [space1, space2, crime, romance]) {
        expect(v).toBeInstanceOf(Float32Array);
        expect(v!.length).toBe(embedder.dimensions);
        expect(norm(v!)).toBeCloseTo(1, 5);
      }
      expect(cosine(space1!, space2!)).toBeGreaterThan(cosine(space1!, crime!) + 0.5);
      expect(cosine(space1!, space2!)).toBeGreaterThan(cosine(space1!, romance!) + 0.5);

      const reversed = await embedder.embed([...texts].reverse());
      expect(reversed.reverse()).toEqual([space1, space2, crime, romance]);
    });

    it('reports batch progress up to the number of texts', async () => {
      const embedder = await loadTiny();
      const texts = Array.from({ length: 40 }, (_, i) => (i % 2 ? 'the rocket' : 'the murder'));
      const calls: [number, number][] = [];
      const vectors = await embedder.embed(texts, (done, total) => calls.push([done, total]));
      expect(vectors).toHaveLength(40);
      expect(calls).toEqual([
        [32, 40],
        [40, 40],
      ]);
      expect(await embedder.embed([])).toEqual([]);
    });
  });

  describe('downloading on first use', () => {
    it('downloads with progress, then loads from disk without downloading again', async () => {
      const archive = await packTinyModelArchive(FOLDER);
      const server = await startServer(serveArchive(archive));
      const cacheDir = await tempCacheDir();
      const events: LoadProgress[] = [];
      const options = {
        cacheDir,
        downloadBaseUrl: server.baseUrl,
        onProgress: (p: LoadProgress) => events.push(p),
      };

      const first = expectLoaded(await loadFastembedEmbedder(options));
      expect(first.dimensions).toBe(TINY_MODEL_DIMENSIONS);
      const downloads = events.filter((p) => p.phase === 'download');
      expect(downloads.length).toBeGreaterThan(0);
      expect(downloads.at(-1)).toEqual({ phase: 'download', done: archive.length, total: archive.length });
      expect(events.at(-1)).toEqual({ phase: 'load', done: 1, total: 1 });
      // Temporaries (archive, staging folder) are gone; only the published model folder remains.
      expect(await readdir(cacheDir)).toEqual([FOLDER]);
      expect(server.hits()).toBe(1);

      events.length = 0;
      const second = expectLoaded(await loadFastembedEmbedder(options));
      expect(server.hits()).toBe(1);
      expect(events.some((p) => p.phase === 'download')).toBe(false);
      expect(await second.embed(['the rocket'])).toEqual(await first.embed(['the rocket']));
    });

    it('leaves nothing that looks like a model when the connection drops mid-download', async () => {
      const archive = await packTinyModelArchive(FOLDER);
      const server = await startServer((_request, response) => {
        response.writeHead(200, { 'content-length': archive.length });
        response.write(archive.subarray(0, Math.floor(archive.length / 2)), () => response.destroy());
      });
      const cacheDir = await tempCacheDir();

      const reason = expectReason(await loadFastembedEmbedder({ cacheDir, downloadBaseUrl: server.baseUrl }));
      expect(reason).toContain('bge-small-en-v1.5');
      expect(reason).toMatch(/could not be downloaded .*connection was lost after \d+ of \d+ bytes/);
      expect(await readdir(cacheDir)).toEqual([]);

      const later = expectReason(await loadFastembedEmbedder({ cacheDir, allowDownload: false }));
      expect(later).toMatch(/is not on this computer .*downloading it is turned off/);
    });

    it('rejects an archive that does not contain a complete model', async () => {
      const incomplete = await packTinyModelArchive('some-other-folder');
      const server = await startServer(serveArchive(incomplete));
      const cacheDir = await tempCacheDir();

      const reason = expectReason(await loadFastembedEmbedder({ cacheDir, downloadBaseUrl: server.baseUrl }));
      expect(reason).toContain(`lacks ${TINY_MODEL_ONNX_FILE}`);
      expect(await readdir(cacheDir)).toEqual([]);
    });

    it('names the HTTP status when the host has no such model', async () => {
      const server = await startServer((_request, response) => response.writeHead(404).end());
      const cacheDir = await tempCacheDir();

      const reason = expectReason(await loadFastembedEmbedder({ cacheDir, downloadBaseUrl: server.baseUrl }));
      expect(reason).toContain(`${server.baseUrl}/${FOLDER}.tar.gz`);
      expect(reason).toContain('HTTP 404');
    });

    it('explains an unreachable host (offline) with the model name and the cause', async () => {
      const cacheDir = await tempCacheDir();
      // A port that was free a moment ago refuses connections (port 1 would be refused by fetch itself).
      const reason = expectReason(
        await loadFastembedEmbedder({ cacheDir, downloadBaseUrl: `http://127.0.0.1:${await closedPort()}` }),
      );
      expect(reason).toMatch(
        /^The text model bge-small-en-v1\.5 is not on this computer and could not be downloaded/,
      );
      expect(reason).toContain('ECONNREFUSED');
      expect(await readdir(cacheDir)).toEqual([]);
    });

    it('reports cancellation instead of downloading', async () => {
      const server = await startServer(serveArchive(await packTinyModelArchive(FOLDER)));
      const cacheDir = await tempCacheDir();
      const reason = expectReason(
        await loadFastembedEmbedder({
          cacheDir,
          downloadBaseUrl: server.baseUrl,
          signal: AbortSignal.abort(),
        }),
      );
      expect(reason).toBe('Loading the text model bge-small-en-v1.5 was cancelled.');
      expect(server.hits()).toBe(0);
    });
  });

  describe('with a damaged model folder', () => {
    async function damagedFolder(
      file: string,
      content: string,
    ): Promise<{ cacheDir: string; reason: string }> {
      const cacheDir = await tempCacheDir();
      await writeTinyModelFolder(join(cacheDir, FOLDER));
      await writeFile(join(cacheDir, FOLDER, file), content);
      const reason = expectReason(await loadFastembedEmbedder({ cacheDir, allowDownload: false }));
      return { cacheDir, reason };
    }

    it('reports a corrupt ONNX file without throwing', async () => {
      const { cacheDir, reason } = await damagedFolder(TINY_MODEL_ONNX_FILE, 'not a protobuf');
      expect(reason).toContain(
        `The text model bge-small-en-v1.5 in ${join(cacheDir, FOLDER)} could not be loaded (`,
      );
    });

    it('reports a corrupt tokenizer without throwing', async () => {
      const { reason } = await damagedFolder('tokenizer.json', '{"model": ');
      expect(reason).toContain('could not be loaded');
    });

    it('reports a missing file without throwing', async () => {
      const cacheDir = await tempCacheDir();
      await writeTinyModelFolder(join(cacheDir, FOLDER));
      await rm(join(cacheDir, FOLDER, 'config.json'));
      const reason = expectReason(await loadFastembedEmbedder({ cacheDir, allowDownload: false }));
      expect(reason).toContain('Config file not found');
    });
  });

  it('throws on invalid options, which are a programming error', async () => {
    await expect(loadFastembedEmbedder({ cacheDir: 'relative/models' })).rejects.toThrow(/absolute/);
  });
});
