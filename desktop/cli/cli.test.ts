import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../core/test-support';
import { runCli } from './run-cli';

let tmp: ReturnType<typeof tempDir>;
let db: string;
beforeAll(() => {
  tmp = tempDir();
  db = join(tmp.dir, 'cli', 'library.db');
});
afterAll(() => tmp.cleanup());

/** Runs the real `reelshelf` binary; never throws, returns what a terminal would see. */
const reelshelf = (...args: string[]) => runCli(db, args);

describe('reelshelf CLI', () => {
  it('adds, finds through a typo, shows, watches, rates and lists a title', async () => {
    const added = await reelshelf(
      'add',
      'The',
      'Matrix',
      '--year',
      '1999',
      '--genre',
      'Science Fiction',
      '--director',
      'Lana Wachowski',
      '--copy',
      'blu-ray',
      '--json',
    );
    expect(added.code).toBe(0);
    expect(existsSync(db)).toBe(true);
    const matrix = JSON.parse(added.stdout) as { id: string; copies: { format: string }[] };
    expect(matrix.copies.map((c) => c.format)).toEqual(['blu-ray']);

    const found = await reelshelf('search', 'matrx');
    expect(found.stdout).toContain('(searched "matrix" for "matrx")');
    expect(found.stdout).toContain(`The Matrix (1999)  blu-ray  · ${matrix.id}`);

    expect((await reelshelf('watch', 'the', 'matrix', '--on', '2024-05-01')).stdout).toContain('1× in all');
    expect((await reelshelf('watch', matrix.id, '--date-unknown')).stdout).toContain('date unknown');
    expect((await reelshelf('rate', '4.5', 'matrix')).stdout).toBe('Rated 4.5 stars.\n');

    const shown = await reelshelf('show', 'The Matrix');
    expect(shown.stdout).toContain('Watched: 2×, last on 2024-05-01');
    expect(shown.stdout).toContain('Rating: ★★★★½ (4.5)');
    expect(shown.stdout).toContain('Directed by: Lana Wachowski');

    expect((await reelshelf('list', 'add', 'watchlist', 'matrix')).code).toBe(0);
    const lists = JSON.parse((await reelshelf('list', '--json')).stdout) as {
      system: string;
      itemCount: number;
    }[];
    expect(lists.find((l) => l.system === 'watchlist')?.itemCount).toBe(1);
    expect((await reelshelf('list', 'show', 'watchlist')).stdout).toBe('  1. The Matrix (1999)\n');

    const stats = JSON.parse((await reelshelf('stats', '--json')).stdout);
    expect(stats.watches).toMatchObject({ events: 2, rewatches: 1, undated: 1 });
  });

  it('asks which one when a name matches two titles', async () => {
    await reelshelf('add', 'Solaris', '--year', '1972');
    await reelshelf('add', 'Solaris', '--year', '2002');
    const both = await reelshelf('watch', 'solaris');
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('matches several titles');
    expect(both.stderr).toContain('Solaris (2002)');
    expect((await reelshelf('watch', 'Solaris (1972)')).code).toBe(0);
  });

  it('puts errors on stderr with a non-zero exit and writes nothing', async () => {
    const before = (await reelshelf('stats', '--json')).stdout;
    const bad = await reelshelf('rate', '7', 'matrix');
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toBe('error: ratings.set: stars: ratings go from 0.5 to 5 stars\n');
    const badJson = await reelshelf('--json', 'search', '--year', '2000..1990');
    expect(JSON.parse(badJson.stderr).error).toMatchObject({
      code: 'invalid_argument',
      issues: [{ field: 'yearFrom' }],
    });
    const badDate = await reelshelf('watch', 'matrix', '--on', '2024-13-01');
    expect(badDate.stderr).toContain('watchedOn');
    expect((await reelshelf('show', 'nothing like it')).stderr).toBe(
      'error: No title matches "nothing like it".\n',
    );
    expect((await reelshelf('frobnicate')).code).not.toBe(0);
    expect((await reelshelf('stats', '--json')).stdout).toBe(before);
  });

  it('fills an empty library with the demo collection and reports progress', async () => {
    const demoDb = join(tmp.dir, 'demo.db');
    const { stdout, stderr } = await runCli(demoDb, ['demo', '--titles', '500']);
    expect(stdout).toMatch(/^Demo library: 500 titles, \d+ people/);
    expect(stderr).toContain('search.index: 500/500');
    const again = await runCli(demoDb, ['demo']);
    expect(again).toMatchObject({ code: 1, stderr: expect.stringContaining('already has 500 titles') });
  });
});
