import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildContentIndex, type ItemContent } from '@reelshelf/shared/recs';
import { fastembedModelFolder } from './fastembed-embedder';
import { overviewVectors } from './overview-vectors';
import { writeTinyModelFolder } from './tiny-model';

const titles: ItemContent[] = [
  {
    item: 'a',
    genres: ['Drama'],
    cast: [],
    directors: [],
    keywords: [],
    overview: 'an astronaut in orbit of a planet',
  },
  {
    item: 'b',
    genres: ['Drama'],
    cast: [],
    directors: [],
    keywords: [],
    overview: 'the rocket to the galaxy and space',
  },
  {
    item: 'c',
    genres: ['Drama'],
    cast: [],
    directors: [],
    keywords: [],
    overview: 'a wedding in paris and a kiss',
  },
  { item: 'd', genres: ['Drama'], cast: [], directors: [], keywords: [] },
];

/** A port nothing listens on: connections are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('overview vectors for the content index', () => {
  it('uses the neural model when it is in the models folder, and similar plots come out similar', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'reelshelf-models-'));
    await writeTinyModelFolder(join(cacheDir, fastembedModelFolder('bge-small-en-v1.5')));
    const progress: string[] = [];
    const text = await overviewVectors(
      titles.map((t) => t.overview),
      { cacheDir, allowDownload: false, onProgress: (p) => progress.push(p.phase) },
    );
    const index = buildContentIndex(titles, { text, weights: { metadata: 0, text: 1 } });
    expect(index.textSource).toEqual({ kind: 'neural', id: 'fastembed:bge-small-en-v1.5' });
    expect(index.similarity(0, 1)).toBeGreaterThan(index.similarity(0, 2));
    expect(index.similarity(0, 3)).toBe(0);
    expect(progress).toContain('embed');
  });

  it('falls back to keyword (TF-IDF) similarity offline and says why', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'reelshelf-models-'));
    const text = await overviewVectors(
      titles.map((t) => t.overview),
      { cacheDir, downloadBaseUrl: `http://127.0.0.1:${await closedPort()}` },
    );
    const index = buildContentIndex(titles, { text });
    expect(index.textSource.kind).toBe('lexical');
    expect(index.textSource.kind === 'lexical' && index.textSource.reason).toMatch(
      /bge-small-en-v1\.5.*could not be downloaded.*matched by keywords instead/s,
    );
  });
});
