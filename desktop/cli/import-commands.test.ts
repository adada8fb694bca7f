import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../core/test-support';
import { runCli } from './run-cli';

let tmp: ReturnType<typeof tempDir>;
let db: string;
beforeAll(() => {
  tmp = tempDir();
  db = join(tmp.dir, 'library.db');
});
afterAll(() => tmp.cleanup());

const reelshelf = (...args: string[]) => runCli(db, args);

const DIARY =
  'Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n' +
  '2024-01-03,Heat,1995,https://boxd.it/x1,4.5,No,,2024-01-02\n' +
  '2024-01-04,Ran,1985,https://boxd.it/x2,9,No,,2024-01-04\n';

describe('reelshelf import / export', () => {
  it('imports with a report, then again with nothing new; bad rows are named with their line', async () => {
    const file = join(tmp.dir, 'diary.csv');
    writeFileSync(file, DIARY);
    const first = await reelshelf('import', file);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/created 1, updated 0, unchanged 0, unmatched 0, rejected 1/);
    expect(first.stdout).toMatch(/rejected diary\.csv:3: Rating/);
    expect(first.stderr).toMatch(/import: \d+\/\d+/);
    const again = await reelshelf('import', file, '--json');
    expect(JSON.parse(again.stdout).rows).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 1,
      rejected: 1,
    });
  });

  it('a dry run says so and writes nothing', async () => {
    const file = join(tmp.dir, 'more.csv');
    writeFileSync(file, DIARY.replace('Heat,1995', 'Alien,1979').replace('x1', 'y1'));
    const dry = await reelshelf('import', file, '--dry-run');
    expect(dry.stdout).toMatch(/^Dry run \(nothing written\)/);
    const history = await reelshelf('import', 'history', '--json');
    expect(JSON.parse(history.stdout)).toHaveLength(2);
  });

  it('exports history and a Letterboxd CSV', async () => {
    const history = join(tmp.dir, 'history.csv');
    const out = await reelshelf('export', 'csv', 'history', history);
    expect(out.stdout).toMatch(/Wrote .*history\.csv: 1 row,/);
    const letterboxd = join(tmp.dir, 'letterboxd.csv');
    await reelshelf('export', 'letterboxd', letterboxd);
    const rows = parse(readFileSync(letterboxd), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.Title, r.Year, r.WatchedDate])).toContainEqual(['Heat', '1995', '2024-01-02']);
  });

  it('an unknown file is refused with exit code 2 and a message naming it', async () => {
    const file = join(tmp.dir, 'notes.txt');
    writeFileSync(file, 'just some notes\n');
    const out = await reelshelf('import', file);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/notes\.txt/);
  });
});
