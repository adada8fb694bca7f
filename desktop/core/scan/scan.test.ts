import {
  chmodSync,
  mkdirSync,
  renameSync,
  rmSync,
  symlinkSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreError, type ScanReport } from '@reelshelf/shared/contracts';
import type { Core } from '../core';
import { tempLibrary } from '../test-support';
import { captureAll } from '../sync/direct-delivery';

let lib: ReturnType<typeof tempLibrary>;
let core: Core;
let media: string;

beforeEach(() => {
  lib = tempLibrary();
  core = lib.core;
  media = join(lib.dir, 'Media');
  mkdirSync(media);
});
afterEach(() => lib.cleanup());

/** Files of `size` bytes (sparse), folders made as needed. */
function put(paths: string[], size = 1_000): void {
  for (const rel of paths) {
    const path = join(media, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, '');
    truncateSync(path, size);
  }
}

const write = (rel: string, text: string) => {
  mkdirSync(dirname(join(media, rel)), { recursive: true });
  writeFileSync(join(media, rel), text);
};

async function scan(path?: string): Promise<ScanReport> {
  return core.call('scan.run', path ? { path } : {});
}

interface CopyRow {
  id: string;
  path: string;
  edition: string | null;
  container: string | null;
  size: number;
  kind: string;
  title: string;
  year: number | null;
  season: number | null;
  episode: number | null;
  tmdb: number | null;
  imdb: string | null;
  show: string | null;
  location: string | null;
}

/** Every copy with its title, paths relative to the media folder. */
function copies(): CopyRow[] {
  const rows = core.library.sqlite
    .prepare(
      `SELECT c.id, c.file_path AS path, c.edition, c.container, c.file_size AS size, c.location, t.kind, t.title, t.year,
              t.season_number AS season, t.episode_number AS episode, t.tmdb_id AS tmdb, t.imdb_id AS imdb,
              (SELECT s.title FROM titles se JOIN titles s ON s.id = se.parent_id WHERE se.id = t.parent_id) AS show
         FROM copies c JOIN titles t ON t.id = c.title_id WHERE c.format = 'digital-file' ORDER BY c.file_path, t.episode_number`,
    )
    .all() as CopyRow[];
  return rows.map((r) => ({ ...r, path: r.path.slice(media.length + 1) }));
}

const outbox = () => core.library.sqlite.prepare('SELECT count(*) FROM sync_outbox').pluck().get() as number;
const tables = () =>
  JSON.stringify(
    ['titles', 'copies', 'scan_files'].map((t) =>
      core.library.sqlite.prepare(`SELECT * FROM ${t} ORDER BY 1`).all(),
    ),
  );

const PLEX_TREE = [
  'Movies/The Matrix (1999)/The Matrix (1999).mkv',
  'Movies/Heat (1995) [tmdbid-949]/Heat (1995) [tmdbid-949] - 1080p.mkv',
  'Movies/Arrival (2016) {imdb-tt2543164}/Arrival (2016) {imdb-tt2543164}.mp4',
  'Movies/Blade Runner (1982)/Blade Runner (1982) {edition-Final Cut}.mkv',
  "Movies/Blade Runner (1982)/Blade Runner (1982) - Director's Cut.mkv",
  'Movies/Lawrence of Arabia (1962)/Lawrence of Arabia (1962)-cd1.avi',
  'Movies/Lawrence of Arabia (1962)/Lawrence of Arabia (1962)-cd2.avi',
  'Movies/Alien (1979)/VIDEO_TS/VIDEO_TS.IFO',
  'Movies/Alien (1979)/VIDEO_TS/VTS_01_0.IFO',
  'Movies/Alien (1979)/VIDEO_TS/VTS_01_1.VOB',
  'Movies/Alien (1979)/VIDEO_TS/VTS_01_2.VOB',
  'Movies/Aliens (1986)/BDMV/index.bdmv',
  'Movies/Aliens (1986)/BDMV/STREAM/00000.m2ts',
  'Movies/Aliens (1986)/BDMV/STREAM/00001.m2ts',
  'Movies/Aliens (1986)/CERTIFICATE/id.bdmv',
  'Movies/Alien 3 (1992).iso',
  'Movies/Prometheus (2012)/Prometheus (2012).disc',
  'Movies/Inception (2010)/Inception (2010).mkv',
  'Movies/Inception (2010)/Extras/Making Of.mkv',
  'Movies/Inception (2010)/Featurettes/Dreams.mkv',
  'Movies/Inception (2010)/Behind The Scenes/Set.mkv',
  'Movies/Inception (2010)/Inception (2010)-trailer.mp4',
  'Movies/Inception (2010)/Sample/inception-sample.mkv',
  'Movies/Inception (2010)/inception.sample.mkv',
  'Movies/@eaDir/Ghost (1990).mkv',
  'Movies/.hidden/Ghost (1990).mkv',
  'Movies/.Trash-1000/Ghost (1990).mkv',
  'Movies/lost+found/Ghost (1990).mkv',
  'TV/Breaking Bad (2008)/Season 01/Breaking Bad (2008) - S01E01 - Pilot.mkv',
  'TV/Breaking Bad (2008)/Season 01/Breaking Bad (2008) - S01E02-E03.mkv',
  'TV/Breaking Bad (2008)/Season 02/breaking.bad.2x01.720p.mkv',
  'TV/Breaking Bad (2008)/Season 00/Breaking Bad - S00E01 - Minisode.mkv',
  'TV/The Daily Show/The.Daily.Show.2024.03.15.mkv',
];

describe('a Plex / Jellyfin / Kodi library', () => {
  it('finds films, editions, parts, disc structures and episodes, and skips samples, extras and system folders', async () => {
    put(PLEX_TREE);
    await core.call('scan.addFolder', { path: media });
    const report = await scan();

    const found = copies().map((c) => [
      c.path,
      c.kind,
      c.show ?? c.title,
      c.year,
      c.season,
      c.episode,
      c.edition,
    ]);
    expect(found).toEqual([
      ['Movies/Alien (1979)/VIDEO_TS', 'movie', 'Alien', 1979, null, null, null],
      ['Movies/Alien 3 (1992).iso', 'movie', 'Alien 3', 1992, null, null, null],
      ['Movies/Aliens (1986)/BDMV', 'movie', 'Aliens', 1986, null, null, null],
      [
        'Movies/Arrival (2016) {imdb-tt2543164}/Arrival (2016) {imdb-tt2543164}.mp4',
        'movie',
        'Arrival',
        2016,
        null,
        null,
        null,
      ],
      [
        "Movies/Blade Runner (1982)/Blade Runner (1982) - Director's Cut.mkv",
        'movie',
        'Blade Runner',
        1982,
        null,
        null,
        "Director's Cut",
      ],
      [
        'Movies/Blade Runner (1982)/Blade Runner (1982) {edition-Final Cut}.mkv',
        'movie',
        'Blade Runner',
        1982,
        null,
        null,
        'Final Cut',
      ],
      [
        'Movies/Heat (1995) [tmdbid-949]/Heat (1995) [tmdbid-949] - 1080p.mkv',
        'movie',
        'Heat',
        1995,
        null,
        null,
        null,
      ],
      ['Movies/Inception (2010)/Inception (2010).mkv', 'movie', 'Inception', 2010, null, null, null],
      [
        'Movies/Lawrence of Arabia (1962)/Lawrence of Arabia (1962)-cd1.avi',
        'movie',
        'Lawrence of Arabia',
        1962,
        null,
        null,
        null,
      ],
      ['Movies/Prometheus (2012)/Prometheus (2012).disc', 'movie', 'Prometheus', 2012, null, null, null],
      ['Movies/The Matrix (1999)/The Matrix (1999).mkv', 'movie', 'The Matrix', 1999, null, null, null],
      [
        'TV/Breaking Bad (2008)/Season 00/Breaking Bad - S00E01 - Minisode.mkv',
        'episode',
        'Breaking Bad',
        null,
        0,
        1,
        null,
      ],
      [
        'TV/Breaking Bad (2008)/Season 01/Breaking Bad (2008) - S01E01 - Pilot.mkv',
        'episode',
        'Breaking Bad',
        null,
        1,
        1,
        null,
      ],
      // One file, two episodes: a copy of each.
      [
        'TV/Breaking Bad (2008)/Season 01/Breaking Bad (2008) - S01E02-E03.mkv',
        'episode',
        'Breaking Bad',
        null,
        1,
        2,
        null,
      ],
      [
        'TV/Breaking Bad (2008)/Season 01/Breaking Bad (2008) - S01E02-E03.mkv',
        'episode',
        'Breaking Bad',
        null,
        1,
        3,
        null,
      ],
      [
        'TV/Breaking Bad (2008)/Season 02/breaking.bad.2x01.720p.mkv',
        'episode',
        'Breaking Bad',
        null,
        2,
        1,
        null,
      ],
      // A daily show: season = year, episode = month and day.
      ['TV/The Daily Show/The.Daily.Show.2024.03.15.mkv', 'episode', 'The Daily Show', null, 2024, 315, null],
    ]);

    const all = copies();
    const byPath = (p: string) => all.find((c) => c.path.startsWith(p))!;
    // Ids in the name are the title's ids.
    expect(byPath('Movies/Heat').tmdb).toBe(949);
    expect(byPath('Movies/Arrival').imdb).toBe('tt2543164');
    // Stacked parts are one copy, sizes summed; discs are one copy each, their files summed.
    expect(byPath('Movies/Lawrence').size).toBe(2_000);
    expect(byPath('Movies/Alien (1979)').size).toBe(4_000);
    expect(byPath('Movies/Alien (1979)').container).toBe('dvd');
    expect(byPath('Movies/Aliens').container).toBe('bluray');
    expect(byPath('Movies/Alien 3').container).toBe('iso');
    expect(byPath('Movies/Heat').container).toBe('mkv');
    // Two editions of one film: two copies of the same title.
    const blade = all.filter((c) => c.title === 'Blade Runner');
    expect(new Set(blade.map((c) => c.title)).size).toBe(1);
    expect(
      core.library.sqlite.prepare("SELECT count(*) FROM titles WHERE title = 'Blade Runner'").pluck().get(),
    ).toBe(1);
    // One series with seasons 0, 1 and 2.
    expect(
      core.library.sqlite
        .prepare(
          "SELECT season_number FROM titles WHERE kind = 'season' AND parent_id = (SELECT id FROM titles WHERE kind = 'series' AND title = 'Breaking Bad') ORDER BY 1",
        )
        .pluck()
        .all(),
    ).toEqual([0, 1, 2]);

    expect(report).toMatchObject({
      filesSeen: 17,
      new: 17,
      unchanged: 0,
      missing: 0,
      linked: 16,
      unmatched: [],
      problems: [],
    });
    expect(report.skipped).toBeGreaterThanOrEqual(6);
    // The copies are owned digital files in the library like any other copy.
    const listed = await core.call('copies.list', {});
    expect(listed.every((c) => c.format === 'digital-file' && c.file !== null)).toBe(true);
  });

  it('keeps files it cannot tie to a title, with the reason, and lists them in scan.problems', async () => {
    put(['Show Name/Season 01/Christmas Special.mkv', 'Film (2001).mkv']);
    await core.call('scan.addFolder', { path: media });
    const report = await scan();
    expect(report.unmatched).toEqual([
      {
        path: join(media, 'Show Name/Season 01/Christmas Special.mkv'),
        reason: expect.stringContaining('does not say which episode'),
      },
    ]);
    const problems = await core.call('scan.problems', {});
    expect(problems.total).toBe(1);
    expect(problems.items[0]).toMatchObject({
      path: join(media, 'Show Name/Season 01/Christmas Special.mkv'),
      folder: media,
    });
    const folders = await core.call('scan.folders', {});
    expect(folders).toEqual([expect.objectContaining({ path: media, files: 2, unmatched: 1 })]);
  });

  it('records artwork next to the media for the artwork cache', async () => {
    put(
      [
        'Heat (1995)/Heat (1995).mkv',
        'Heat (1995)/poster.jpg',
        'Heat (1995)/fanart.jpg',
        'Loose/A (2001).mkv',
        'Loose/A (2001)-poster.jpg',
        'Loose/B (2002).mkv',
        'Loose/folder.jpg',
      ],
      10,
    );
    await core.call('scan.addFolder', { path: media });
    const report = await scan();
    const art = Object.fromEntries(
      report.artwork.map((a) => [
        a.path.slice(media.length + 1),
        a.images.map((i) => i.slice(media.length + 1)).sort(),
      ]),
    );
    expect(art).toEqual({
      'Heat (1995)/Heat (1995).mkv': ['Heat (1995)/fanart.jpg', 'Heat (1995)/poster.jpg'],
      // Folder art in a folder of several films belongs to none of them.
      'Loose/A (2001).mkv': ['Loose/A (2001)-poster.jpg'],
    });
  });
});

describe('sidecar NFO files', () => {
  it('beat the name; ids written in the name beat the NFO', async () => {
    put([
      'Wrong Name (2000)/Wrong Name (2000).mkv',
      'Named (2001) [tmdbid-77]/Named (2001) [tmdbid-77].mkv',
      'Blade Runner/film.avi',
    ]);
    write(
      'Wrong Name (2000)/movie.nfo',
      '<?xml version="1.0"?><movie><title>The Matrix</title><year>1999</year><uniqueid type="imdb" default="true">tt0133093</uniqueid><plot>A hacker learns.</plot></movie>',
    );
    write(
      'Named (2001) [tmdbid-77]/Named (2001) [tmdbid-77].nfo',
      '<movie><title>Something Else</title><uniqueid type="tmdb">99</uniqueid></movie>',
    );
    write('Blade Runner/film.nfo', 'https://www.themoviedb.org/movie/78-blade-runner');
    await core.call('scan.addFolder', { path: media });
    const report = await scan();
    expect(report.unmatched).toEqual([]);
    const all = copies();
    const matrix = all.find((c) => c.path.startsWith('Wrong Name'))!;
    expect([matrix.title, matrix.year, matrix.imdb]).toEqual(['The Matrix', 1999, 'tt0133093']);
    expect(
      core.library.sqlite.prepare('SELECT overview FROM titles WHERE imdb_id = ?').pluck().get('tt0133093'),
    ).toBe('A hacker learns.');
    const named = all.find((c) => c.path.startsWith('Named'))!;
    expect([named.title, named.tmdb]).toEqual(['Named', 77]);
    // An NFO holding only a link gives the id; the title comes from the folder.
    const linked = all.find((c) => c.path.startsWith('Blade Runner/'))!;
    expect([linked.title, linked.tmdb]).toEqual(['Blade Runner', 78]);
  });

  it('an NFO edited after a scan re-identifies its film on the next scan; the copy follows, with its notes', async () => {
    put(['Wrong Name (2000)/Wrong Name (2000).mkv', 'Heat (1995)/Heat (1995).mkv']);
    await core.call('scan.addFolder', { path: media });
    await scan();
    const [before] = copies().filter((c) => c.title === 'Wrong Name');
    await core.call('copies.update', { id: before!.id, location: 'Shelf 3' });
    write('Wrong Name (2000)/movie.nfo', '<movie><title>The Matrix</title><year>1999</year></movie>');
    const report = await scan();
    expect(report).toMatchObject({ unchanged: 2, linked: 1, copiesRemoved: 0 });
    const after = copies();
    expect(after.map((c) => c.title)).toEqual(['Heat', 'The Matrix']);
    expect(after.find((c) => c.title === 'The Matrix')).toMatchObject({
      id: before!.id,
      location: 'Shelf 3',
    });
    // Seen once: the next scan leaves it alone.
    expect(await scan()).toMatchObject({ unchanged: 2, linked: 0 });
  });

  it('tvshow.nfo names the series of the episodes below it', async () => {
    put(['Shows/BB/Season 1/S01E01.mkv', 'Shows/BB/Season 1/S01E02.mkv']);
    write(
      'Shows/BB/tvshow.nfo',
      '<tvshow><title>Breaking Bad</title><year>2008</year><uniqueid type="tvdb" default="true">81189</uniqueid></tvshow>',
    );
    await core.call('scan.addFolder', { path: media });
    await scan();
    const all = copies();
    expect(all.map((c) => [c.show, c.season, c.episode])).toEqual([
      ['Breaking Bad', 1, 1],
      ['Breaking Bad', 1, 2],
    ]);
    expect(
      core.library.sqlite.prepare("SELECT tvdb_id FROM titles WHERE kind = 'series'").pluck().all(),
    ).toEqual([81189]);
  });
});

describe('rescans', () => {
  it('an unchanged rescan writes nothing: no sync ops, no changed events, same rows', async () => {
    captureAll(core); // a signed-in library: every write makes sync ops
    put(PLEX_TREE);
    await core.call('scan.addFolder', { path: media });
    await scan();
    const ops = outbox();
    expect(ops).toBeGreaterThan(0);
    const before = tables();
    const changed: unknown[] = [];
    const off = core.on('changed', (e) => changed.push(e));
    const again = await scan();
    off();
    expect(again).toMatchObject({
      filesSeen: 17,
      unchanged: 17,
      new: 0,
      changed: 0,
      moved: 0,
      missing: 0,
      linked: 0,
    });
    expect(outbox()).toBe(ops);
    expect(changed).toEqual([]);
    expect(tables()).toBe(before);
  });

  it('adds new files, re-identifies changed ones, follows moved ones and removes the copies of deleted ones', async () => {
    put([
      'Movies/Heat (1995)/Heat (1995).mkv',
      'Movies/Alien (1979).mkv',
      'Movies/Ghost (1990).mkv',
      'Incoming/Up (2009).mkv',
    ]);
    await core.call('scan.addFolder', { path: media });
    await scan();
    const first = copies();
    const heat = first.find((c) => c.title === 'Heat')!;
    const up = first.find((c) => c.title === 'Up')!;
    // The person's own notes on a copy survive a rescan of a changed file.
    await core.call('copies.update', { id: heat.id, location: 'NAS shelf 2' });

    put(['Movies/Heat (1995)/Heat (1995).mkv'], 5_000); // changed (size)
    rmSync(join(media, 'Movies/Ghost (1990).mkv')); // deleted
    mkdirSync(join(media, 'Movies/Up (2009)'));
    renameSync(join(media, 'Incoming/Up (2009).mkv'), join(media, 'Movies/Up (2009)/Up (2009).mkv')); // moved
    put(['Movies/Jaws (1975).mkv']); // new
    const report = await scan();
    expect(report).toMatchObject({
      new: 1,
      changed: 1,
      unchanged: 1,
      moved: 1,
      missing: 1,
      copiesRemoved: 1,
      linked: 2,
    });

    const after = copies();
    expect(after.map((c) => c.title).sort()).toEqual(['Alien', 'Heat', 'Jaws', 'Up']);
    const heatAfter = after.find((c) => c.title === 'Heat')!;
    expect(heatAfter).toMatchObject({ id: heat.id, size: 5_000, location: 'NAS shelf 2' });
    expect(after.find((c) => c.title === 'Up')).toMatchObject({
      id: up.id,
      path: 'Movies/Up (2009)/Up (2009).mkv',
    });
    // The deleted file is remembered as missing; its title stays.
    const ghost = core.library.sqlite
      .prepare('SELECT missing_since, title_id, copy_id FROM scan_files WHERE path = ?')
      .get(join(media, 'Movies/Ghost (1990).mkv')) as {
      missing_since: string;
      title_id: string;
      copy_id: string | null;
    };
    expect(ghost.missing_since).toBeTruthy();
    expect(ghost.copy_id).toBeNull();
    expect(
      core.library.sqlite.prepare("SELECT count(*) FROM titles WHERE title = 'Ghost'").pluck().get(),
    ).toBe(1);

    // Back, under a name that says nothing, in another folder: re-linked to the title it was.
    put(['Restored/ghost-restored.mkv']);
    renameSync(join(media, 'Restored/ghost-restored.mkv'), join(media, 'Restored/Ghost (1990).mkv'));
    const back = await scan();
    expect(back).toMatchObject({ new: 1, linked: 1, titlesCreated: 0 });
    expect(copies().find((c) => c.path === 'Restored/Ghost (1990).mkv')?.title).toBe('Ghost');
    expect(
      core.library.sqlite
        .prepare('SELECT count(*) FROM scan_files WHERE path = ?')
        .pluck()
        .get(join(media, 'Movies/Ghost (1990).mkv')),
    ).toBe(0);
  });

  it('a part added to a stacked film updates its one copy; a rescan of a subfolder touches only it', async () => {
    put(['Film (2001)/Film (2001)-cd1.avi', 'Film (2001)/Film (2001)-cd2.avi', 'Other (2002).mkv']);
    await core.call('scan.addFolder', { path: media });
    await scan();
    const [film] = copies().filter((c) => c.title === 'Film');
    put(['Film (2001)/Film (2001)-cd3.avi']);
    const report = await scan(join(media, 'Film (2001)'));
    expect(report).toMatchObject({ folders: [join(media, 'Film (2001)')], new: 1, unchanged: 2, missing: 0 });
    expect(copies().filter((c) => c.title === 'Film')).toEqual([{ ...film, size: 3_000 }]);
    // A file outside the folder scanned is neither seen nor missing.
    expect(
      copies()
        .map((c) => c.title)
        .sort(),
    ).toEqual(['Film', 'Other']);
  });

  it('forgets files missing for more than 30 days', async () => {
    put(['Ghost (1990).mkv', 'Heat (1995).mkv']);
    await core.call('scan.addFolder', { path: media });
    await scan();
    rmSync(join(media, 'Ghost (1990).mkv'));
    await scan();
    const missing = () =>
      core.library.sqlite
        .prepare('SELECT count(*) FROM scan_files WHERE missing_since IS NOT NULL')
        .pluck()
        .get();
    expect(missing()).toBe(1);
    core.library.sqlite
      .prepare('UPDATE scan_files SET missing_since = ? WHERE missing_since IS NOT NULL')
      .run(new Date(Date.now() - 31 * 86_400_000).toISOString());
    await scan();
    expect(missing()).toBe(0);
  });

  it('a folder asked for inside a disc structure is scanned from the folder holding the disc', async () => {
    put(['Alien (1979)/VIDEO_TS/VIDEO_TS.IFO', 'Alien (1979)/VIDEO_TS/VTS_01_1.VOB']);
    await core.call('scan.addFolder', { path: media });
    const report = await scan(join(media, 'Alien (1979)/VIDEO_TS'));
    expect(report.folders).toEqual([join(media, 'Alien (1979)')]);
    expect(copies().map((c) => [c.path, c.title])).toEqual([['Alien (1979)/VIDEO_TS', 'Alien']]);
  });

  it('a change of mtime alone re-identifies the file without duplicating its copy', async () => {
    put(['Heat (1995).mkv']);
    await core.call('scan.addFolder', { path: media });
    await scan();
    utimesSync(join(media, 'Heat (1995).mkv'), new Date(), new Date(Date.now() + 60_000));
    const report = await scan();
    expect(report).toMatchObject({ changed: 1, linked: 1, copiesRemoved: 0 });
    expect(copies()).toHaveLength(1);
  });

  it('a library folder that is not there (unplugged drive) leaves its files and copies alone', async () => {
    const drive = join(lib.dir, 'Drive');
    mkdirSync(join(drive, 'Heat (1995)'), { recursive: true });
    writeFileSync(join(drive, 'Heat (1995)/Heat (1995).mkv'), 'x');
    await core.call('scan.addFolder', { path: drive });
    await scan();
    renameSync(drive, `${drive}-unplugged`);
    const report = await scan();
    expect(report.problems).toEqual([expect.objectContaining({ path: drive, kind: 'unreachable' })]);
    expect(report.missing).toBe(0);
    expect(copies()).toHaveLength(1);
  });
});

describe('folders that cannot be walked', () => {
  // As root, chmod 000 does not stop reads (root bypasses permission checks), so there is nothing to test.
  it.skipIf(process.getuid?.() === 0)(
    'reports an unreadable folder with its path, scans the rest and keeps what it knew there',
    async () => {
      put(['Locked/Heat (1995).mkv', 'Open/Alien (1979).mkv']);
      await core.call('scan.addFolder', { path: media });
      await scan();
      chmodSync(join(media, 'Locked'), 0o000);
      try {
        put(['Open/Jaws (1975).mkv']);
        const report = await scan();
        expect(report.problems).toEqual([
          expect.objectContaining({
            path: join(media, 'Locked'),
            kind: 'unreadable',
            reason: expect.stringContaining('permission denied'),
          }),
        ]);
        expect(report).toMatchObject({ new: 1, missing: 0 });
        expect(
          copies()
            .map((c) => c.title)
            .sort(),
        ).toEqual(['Alien', 'Heat', 'Jaws']);
      } finally {
        chmodSync(join(media, 'Locked'), 0o755);
      }
    },
  );

  it('follows symbolic links but reports a loop with its path and scans the rest', async () => {
    put(['Movies/Heat (1995)/Heat (1995).mkv', 'Elsewhere/Alien (1979)/Alien (1979).mkv']);
    symlinkSync(join(media, 'Movies'), join(media, 'Movies/Heat (1995)/back-to-movies'));
    symlinkSync(join(media, 'Elsewhere/Alien (1979)'), join(media, 'Movies/Alien link'));
    await core.call('scan.addFolder', { path: join(media, 'Movies') });
    const report = await scan();
    expect(report.problems).toEqual([
      expect.objectContaining({ path: join(media, 'Movies/Heat (1995)/back-to-movies'), kind: 'loop' }),
    ]);
    expect(copies().map((c) => [c.title, c.path])).toEqual([
      ['Alien', 'Movies/Alien link/Alien (1979).mkv'],
      ['Heat', 'Movies/Heat (1995)/Heat (1995).mkv'],
    ]);
  });

  it('finds a folder reachable directly and through a link once, always at its own path', async () => {
    put(['Movies/Heat (1995)/Heat (1995).mkv']);
    symlinkSync(join(media, 'Movies/Heat (1995)'), join(media, 'Movies/A link to Heat'));
    await core.call('scan.addFolder', { path: media });
    const report = await scan();
    expect(report.problems).toEqual([
      expect.objectContaining({ path: join(media, 'Movies/A link to Heat'), kind: 'duplicate' }),
    ]);
    expect(copies().map((c) => c.path)).toEqual(['Movies/Heat (1995)/Heat (1995).mkv']);
    expect(await scan()).toMatchObject({ unchanged: 1, moved: 0, new: 0 });
  });
});

describe('commands', () => {
  it('scan.addFolder wants an existing folder; a folder inside a library folder is already scanned', async () => {
    await expect(core.call('scan.addFolder', { path: join(media, 'nope') })).rejects.toMatchObject({
      code: 'invalid_argument',
      message: expect.stringContaining('does not exist'),
    });
    put(['film.mkv']);
    await expect(core.call('scan.addFolder', { path: join(media, 'film.mkv') })).rejects.toMatchObject({
      code: 'invalid_argument',
      message: expect.stringContaining('not a folder'),
    });
    mkdirSync(join(media, 'Sub'));
    await core.call('scan.addFolder', { path: join(media, 'Sub') });
    // The folder above takes the one inside over.
    await core.call('scan.addFolder', { path: media });
    expect((await core.call('scan.folders', {})).map((f) => f.path)).toEqual([media]);
    await expect(core.call('scan.addFolder', { path: join(media, 'Sub') })).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect(core.call('scan.run', { path: lib.dir })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('scan.removeFolder removes the copies its files became and keeps the titles', async () => {
    put(['Heat (1995).mkv', 'Show/Season 1/Show S01E01-E02.mkv']);
    await core.call('scan.addFolder', { path: media });
    await scan();
    expect(copies()).toHaveLength(3);
    const removed = await core.call('scan.removeFolder', { path: media });
    expect(removed).toEqual({ removed: true, copiesRemoved: 3 });
    expect(copies()).toHaveLength(0);
    expect(core.library.sqlite.prepare('SELECT count(*) FROM scan_files').pluck().get()).toBe(0);
    expect(
      core.library.sqlite.prepare("SELECT count(*) FROM titles WHERE title = 'Heat'").pluck().get(),
    ).toBe(1);
    await expect(core.call('scan.removeFolder', { path: media })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('a cancelled scan writes nothing', async () => {
    put(Array.from({ length: 300 }, (_, i) => `Film ${i} (2001)/Film ${i} (2001).mkv`));
    captureAll(core); // a signed-in library: a scan that ran would leave sync ops
    await core.call('scan.addFolder', { path: media });
    const before = tables();
    const ops = outbox();
    const running = core.call('scan.run', { jobId: 'scan-1' });
    expect(await core.call('jobs.cancel', { jobId: 'scan-1' })).toEqual({ cancelled: true });
    const error = await running.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CoreError);
    expect(error).toMatchObject({ code: 'cancelled' });
    expect(tables()).toBe(before);
    expect(outbox()).toBe(ops);
    // And the next scan does the whole job.
    expect((await scan()).linked).toBe(300);
  });

  it('scans asked for at once run one after the other', async () => {
    put(['Heat (1995).mkv', 'Alien (1979).mkv']);
    await core.call('scan.addFolder', { path: media });
    const [a, b] = await Promise.all([scan(), scan()]);
    expect(a).toMatchObject({ new: 2, linked: 2 });
    expect(b).toMatchObject({ unchanged: 2, new: 0, linked: 0 });
    expect(copies()).toHaveLength(2);
  });

  it('reports progress while scanning', async () => {
    put(
      Array.from({ length: 1_200 }, (_, i) => `F/Film ${i} (2001).mkv`),
      1,
    );
    await core.call('scan.addFolder', { path: media });
    const progress: { done: number; total: number }[] = [];
    const off = core.on('progress', (p) => p.task === 'scan' && progress.push(p));
    await scan();
    off();
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toEqual({ task: 'scan', done: 3_600, total: 3_600 });
    expect(
      progress.every((p, i) => i === 0 || p.done >= progress[i - 1]!.done || progress[i - 1]!.total === 0),
    ).toBe(true);
  });
});
