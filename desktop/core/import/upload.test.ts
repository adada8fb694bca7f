/**
 * import.upload: the file's bytes instead of a path, for the sandboxed page and the browser.
 * The same import as import.run, the report naming the picked file, no temp file left behind.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreError, MAX_UPLOAD_BYTES, type ImportReport } from '@reelshelf/shared/contracts';
import { snapshot, tempLibrary } from '../test-support';
import { textFile } from './test-files';

const DIARY = [
  'Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date',
  '2024-01-03,The Matrix,1999,https://boxd.it/a1,4.5,No,"sci-fi, favourites",2024-01-02',
  '2024-02-10,The Matrix,1999,https://boxd.it/a2,5,Yes,,2024-02-10',
  '2024-03-01,Amélie,2001,https://boxd.it/a4,,No,,2024-03-01',
  '2024-03-02,,2001,https://boxd.it/a5,,No,,2024-03-02',
].join('\n');

const libraries: ReturnType<typeof tempLibrary>[] = [];
let uploads: string; // this test's own temp folder: what import.upload leaves in it is visible
let savedTmp: string | undefined;
beforeEach(() => {
  uploads = mkdtempSync(join(tmpdir(), 'reelshelf-upload-test-'));
  savedTmp = process.env.TMPDIR;
});
afterEach(() => {
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
  for (const lib of libraries.splice(0)) lib.cleanup();
  rmSync(uploads, { recursive: true, force: true });
});

function library() {
  const lib = tempLibrary();
  libraries.push(lib);
  return lib;
}
/** From here on os.tmpdir() is the test's folder (set after the libraries exist). */
function watchTemp(): void {
  process.env.TMPDIR = uploads;
  expect(tmpdir()).toBe(uploads);
}

/** A report without what differs between two runs (ids, timing). */
const comparable = ({ importId: _id, durationMs: _ms, ...rest }: ImportReport) => ({
  ...rest,
  unmatched: rest.unmatched.map((u) => ({ ...u, id: null })),
});

/** Every ordinary table but the import log (its ids and times differ run to run). */
const libraryRows = (lib: ReturnType<typeof tempLibrary>) =>
  lib.core.library.sqlite
    .prepare(
      `SELECT t.title, t.year, (SELECT count(*) FROM watch_events w WHERE w.title_id = t.id) AS watches,
         (SELECT stars FROM ratings r WHERE r.title_id = t.id) AS stars,
         (SELECT group_concat(g.name) FROM title_tags tt JOIN tags g ON g.id = tt.tag_id WHERE tt.title_id = t.id) AS tags
       FROM titles t ORDER BY t.title`,
    )
    .all();

describe('import.upload', () => {
  it('imports a Letterboxd CSV exactly like import.run, names it as picked, and leaves no temp file', async () => {
    const byPath = library();
    const byUpload = library();
    const path = textFile(byPath.dir, 'diary.csv', DIARY);
    const expected = await byPath.core.call('import.run', { path });
    watchTemp();

    const report = await byUpload.core.call('import.upload', {
      name: 'diary.csv',
      contentBase64: readFileSync(path).toString('base64'),
    });
    expect(readdirSync(uploads)).toEqual([]);
    expect(report.format).toBe('letterboxd');
    expect(report.source).toBe('diary.csv');
    expect(report.rows).toMatchObject({ read: 4, rejected: 1 });
    expect(report.rejected.map((r) => r.file)).toEqual(['diary.csv']);
    expect(comparable(report)).toEqual(comparable(expected));
    expect(libraryRows(byUpload)).toEqual(libraryRows(byPath));
    expect(await byUpload.core.call('import.history', {})).toMatchObject([{ source: 'diary.csv' }]);

    // A dry run writes nothing and leaves nothing behind either; uploading it again adds nothing twice.
    const before = snapshot(byUpload.core.library.sqlite);
    const dry = await byUpload.core.call('import.upload', {
      name: 'diary.csv',
      contentBase64: readFileSync(path).toString('base64'),
      dryRun: true,
    });
    expect(dry).toMatchObject({ dryRun: true, importId: null, rows: { created: 0 } });
    expect(snapshot(byUpload.core.library.sqlite)).toBe(before);
    const again = await byUpload.core.call('import.upload', {
      name: 'diary.csv',
      contentBase64: readFileSync(path).toString('base64'),
    });
    expect(again.rows.created).toBe(0);
    expect(readdirSync(uploads)).toEqual([]);
  });

  it('refuses bad input naming the field, writes nothing, and leaves no temp file', async () => {
    const lib = library();
    watchTemp();
    const before = snapshot(lib.core.library.sqlite);
    const tooBig = 'A'.repeat((MAX_UPLOAD_BYTES / 3) * 4 + 4);
    const cases: [unknown, string, RegExp][] = [
      [{ name: 'diary.csv', contentBase64: 'not base64!' }, 'contentBase64', /base64/],
      [{ name: 'diary.csv', contentBase64: 'YWJj=' }, 'contentBase64', /base64/],
      [{ name: 'diary.csv', contentBase64: tooBig }, 'contentBase64', /larger than 48 MiB/],
      [{ name: '../diary.csv', contentBase64: 'YWJj' }, 'name', /not a path/],
      [{ name: '', contentBase64: 'YWJj' }, 'name', /name/],
      [{ contentBase64: 'YWJj' }, 'name', /./],
      [{ name: 'diary.csv', contentBase64: 'YWJj', format: 'myspace' }, 'format', /./],
      // Readable base64, but not an export: the error speaks of the picked file, not a temp path.
      [
        { name: 'notes.csv', contentBase64: Buffer.from('a,b\n1,2\n').toString('base64') },
        'name',
        /notes\.csv/,
      ],
    ];
    for (const [args, field, message] of cases) {
      const e = await lib.core.callByName('import.upload', args).catch((err: unknown) => err);
      expect(e).toBeInstanceOf(CoreError);
      const error = e as CoreError;
      expect(error.issues.map((i) => i.field)).toContain(field);
      expect(error.message).toMatch(message);
      expect(error.message).not.toContain(uploads);
    }
    expect(snapshot(lib.core.library.sqlite)).toBe(before);
    expect(readdirSync(uploads)).toEqual([]);
  });
});
