import { afterEach, describe, expect, it } from 'vitest';
import { CoreError } from '@reelshelf/shared/contracts';
import { snapshot, tempLibrary } from '../test-support';
import { exportBackup, parseBackup, restoreBackup, type Backup } from './backup';
import { buildRichLibrary } from './fixture';
import { asCommand, contextOf } from './test-context';
import { captureAll } from '../sync/direct-delivery';

const libraries: ReturnType<typeof tempLibrary>[] = [];
function library() {
  const lib = tempLibrary();
  libraries.push(lib);
  return { ...lib, ctx: contextOf(lib.core) };
}
afterEach(() => {
  for (const lib of libraries.splice(0)) lib.cleanup();
});

/** As a file: what the import command reads is JSON, not the object we exported. */
const asFile = (backup: Backup): unknown => JSON.parse(JSON.stringify(backup));

/**
 * Every library has its own default profile and system lists (a restore maps the backup's
 * onto them), so those ids are replaced by their role before two libraries are compared.
 */
function comparable(backup: Backup) {
  const profile = new Map(backup.profiles.map((p) => [p.id, p.isDefault ? 'default-profile' : p.id]));
  const list = new Map(
    backup.lists.map((l) => [l.id, l.system ? `${profile.get(l.profileId)}|${l.system}` : l.id]),
  );
  const p = (id: string) => profile.get(id) ?? id;
  const byId = <T extends { id: string }>(rows: T[]) => rows.sort((a, b) => a.id.localeCompare(b.id));
  const { exportedAt: _exportedAt, ...rest } = backup;
  return {
    ...rest,
    profiles: byId(backup.profiles.map((r) => ({ ...r, id: p(r.id) }))),
    watchEvents: backup.watchEvents.map((r) => ({ ...r, profileId: p(r.profileId) })),
    ratings: backup.ratings.map((r) => ({ ...r, profileId: p(r.profileId) })),
    reviews: backup.reviews.map((r) => ({ ...r, profileId: p(r.profileId) })),
    statuses: backup.statuses.map((r) => ({ ...r, profileId: p(r.profileId) })),
    lists: byId(backup.lists.map((r) => ({ ...r, id: list.get(r.id)!, profileId: p(r.profileId) }))),
    listItems: backup.listItems.map((r) => ({ ...r, listId: list.get(r.listId)! })),
  };
}

function restore(target: ReturnType<typeof library>, backup: unknown) {
  return asCommand(target.core, () => restoreBackup(target.ctx, backup));
}

describe('Reelshelf backup', () => {
  it('round-trips a library losslessly: restored into an empty library, it exports the same', async () => {
    const source = library();
    const built = await buildRichLibrary(source.core);
    const backup = exportBackup(source.ctx);
    expect(backup).toMatchObject({ format: 'reelshelf-backup', version: 1, app: { name: 'Reelshelf' } });
    expect(backup.titles).toHaveLength(6);
    expect(backup.titles.find((t) => t.id === built.episode.id)).toMatchObject({
      kind: 'episode',
      parentId: built.season.id,
      episodeNumber: 1,
    });
    expect(backup.copies.find((c) => c.titleId === built.matrix.id)).toMatchObject({
      priceAmount: '19.99',
      priceCurrency: 'EUR',
      loanBorrower: 'Zoë',
      loanDue: '2024-02-01',
    });
    expect(backup.copies.find((c) => c.titleId === built.amelie.id)).toMatchObject({
      filePath: '/films/Amélie (2001).mkv',
      fileSize: 4_294_967_296,
    });
    expect(backup.lists.filter((l) => l.system)).toHaveLength(4);
    for (const table of [
      'watchEvents',
      'ratings',
      'reviews',
      'statuses',
      'listItems',
      'tags',
      'credits',
    ] as const)
      expect(backup[table].length, table).toBeGreaterThan(0);

    const target = library();
    captureAll(target.core); // signed in: a restore that writes makes sync ops
    const progress: number[] = [];
    const first = asCommand(target.core, () =>
      restoreBackup(target.ctx, asFile(backup), (done) => progress.push(done)),
    );
    // Only the default profile and the system lists existed, and take the backup's values.
    expect(first.result.byTable.profiles).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(first.result.byTable.lists).toEqual({ created: 2, updated: 4, unchanged: 0 });
    expect(first.result.byTable.titles).toEqual({ created: 6, updated: 0, unchanged: 0 });
    expect(first.result.updated).toBe(5);
    expect(first.ops).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe(first.result.created + first.result.updated + first.result.unchanged);

    const again = exportBackup(target.ctx);
    expect(comparable(again)).toEqual(comparable(backup));
    expect(again.titles.map((t) => t.id)).toEqual(backup.titles.map((t) => t.id));

    // What the commands show agrees too, and the restored titles are searchable by title and by cast.
    const restored = await target.core.call('catalog.get', { id: built.matrix.id });
    const original = await source.core.call('catalog.get', { id: built.matrix.id });
    expect({ ...restored, lists: restored.lists.map((l) => l.name) }).toEqual({
      ...original,
      lists: original.lists.map((l) => l.name),
    });
    expect(await target.core.call('lists.items', { list: built.custom.id })).toEqual(
      await source.core.call('lists.items', { list: built.custom.id }),
    );
    const found = await target.core.call('catalog.search', { text: 'keanu' });
    expect(found.items.map((i) => i.id)).toEqual([built.matrix.id]);
    const accented = await target.core.call('catalog.search', { text: 'amelie' });
    expect(accented.items.map((i) => i.id)).toEqual([built.amelie.id]);

    // Restoring the same backup again changes nothing and sends no sync ops.
    const second = restore(target, asFile(backup));
    expect(second.result).toMatchObject({ created: 0, updated: 0 });
    expect(second.result.unchanged).toBe(
      first.result.created + first.result.updated + first.result.unchanged,
    );
    expect(second.ops).toBe(0);
  });

  it('round-trips a demo library (bulk rows, namesakes among the people) with nothing merged', async () => {
    const source = library();
    await source.core.call('library.demo', { titles: 400, watchEvents: 3000 });
    // Two people of the same name and no ids (as sync or the demo can leave them): still two.
    const sqlite = source.core.library.sqlite;
    const someone = sqlite.prepare('SELECT id, name FROM people LIMIT 1').get() as {
      id: string;
      name: string;
    };
    const titleId = sqlite.prepare('SELECT id FROM titles LIMIT 1').pluck().get() as string;
    sqlite.prepare("INSERT INTO people (id, name) VALUES ('namesake', ?)").run(someone.name);
    sqlite
      .prepare(
        "INSERT INTO credits (id, title_id, person_id, role, job) VALUES ('c-namesake', ?, 'namesake', 'crew', 'Writer')",
      )
      .run(titleId);
    const backup = exportBackup(source.ctx);
    const names = backup.people.map((p) => p.name);
    expect(new Set(names).size).toBeLessThan(names.length);
    const target = library();
    const first = restore(target, asFile(backup));
    expect(first.result.updated).toBe(1 + 4);
    expect(comparable(exportBackup(target.ctx))).toEqual(comparable(backup));
    expect(restore(target, asFile(backup)).result).toMatchObject({ created: 0, updated: 0 });
  });

  it('restored into a library with titles of its own keeps them, and the same film is not added twice', async () => {
    const source = library();
    const built = await buildRichLibrary(source.core);
    const backup = asFile(exportBackup(source.ctx));

    const target = library();
    const own = await target.core.call('catalog.add', { kind: 'movie', title: 'Local Hero', year: 1983 });
    await target.core.call('lists.add', { list: 'watchlist', titleId: own.id, note: 'mine' });
    await target.core.call('ratings.set', { titleId: own.id, stars: 4 });
    await target.core.call('tags.add', { titleId: own.id, tag: 'NOIR' });
    // The Matrix known here by its IMDb id only, so under another id, with the same cast.
    const twin = await target.core.call('catalog.add', {
      kind: 'movie',
      title: 'Matrix',
      externalIds: { imdb: 'tt0133093' },
      credits: [
        { role: 'crew', job: 'Director', department: 'Directing', person: { name: 'Lana Wachowski' } },
        { role: 'cast', order: 0, character: 'Neo', person: { name: 'Keanu Reeves', tmdbId: 6384 } },
      ],
    });
    expect(twin.id).not.toBe(built.matrix.id);

    const first = restore(target, backup);
    expect(first.result.byTable.titles).toEqual({ created: 5, updated: 1, unchanged: 0 });
    // "NOIR" is the backup's "Noir": one tag, spelled as the backup has it.
    expect(first.result.byTable.tags.updated).toBe(1);

    const titles = target.core.library.sqlite.prepare('SELECT id, title FROM titles ORDER BY title').all();
    expect(titles).toHaveLength(7);
    expect(titles).toContainEqual({ id: own.id, title: 'Local Hero' });
    expect(titles).toContainEqual({ id: twin.id, title: 'The Matrix' });
    const twinNow = await target.core.call('catalog.get', { id: twin.id });
    expect(twinNow.credits.map((c) => c.person.name)).toEqual([
      'Keanu Reeves',
      'Carrie-Anne Moss',
      'Lana Wachowski',
    ]);
    expect(twinNow.rating).toBe(4.5);
    expect(twinNow.tags).toEqual(['Noir', 'Ästhetik', '日本映画']);
    const watchlist = await target.core.call('lists.items', { list: 'watchlist' });
    expect(watchlist.map((i) => [i.title, i.note])).toEqual(
      expect.arrayContaining([
        ['Local Hero', 'mine'],
        ['Amélie', null],
        ['=1+1', 'someday'],
      ]),
    );
    expect((await target.core.call('catalog.get', { id: own.id })).tags).toEqual(['Noir']);

    const second = restore(target, backup);
    expect(second.result).toMatchObject({ created: 0, updated: 0 });
    expect(second.ops).toBe(0);
  });

  it('refuses a malformed backup, naming the path, and writes nothing', async () => {
    const source = library();
    await buildRichLibrary(source.core);
    const good = exportBackup(source.ctx);
    const target = library();
    await target.core.call('catalog.add', { kind: 'movie', title: 'Untouched' });

    type Editable = Omit<Backup, 'version'> & { version: number; extra?: boolean };
    function refused(mutate: (b: Editable) => void): CoreError {
      const bad = asFile(good) as Editable;
      mutate(bad);
      const before = snapshot(target.core.library.sqlite);
      let error: unknown;
      try {
        restore(target, bad);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CoreError);
      expect(snapshot(target.core.library.sqlite)).toBe(before);
      return error as CoreError;
    }

    const newer = refused((b) => (b.version = 2));
    expect(newer.message).toMatch(/^version: .*made by a newer Reelshelf/);
    expect(newer.issues).toEqual([{ field: 'version', message: expect.stringContaining('newer Reelshelf') }]);

    const dangling = refused((b) => (b.listItems[1]!.titleId = 'no-such-title'));
    expect(dangling.issues).toEqual([
      { field: 'listItems[1].titleId', message: 'no title with id no-such-title in the backup' },
    ]);
    expect(dangling.message).toContain('listItems[1].titleId: no title with id no-such-title');

    const sevenStars = refused((b) => (b.ratings[0]!.stars = 7));
    expect(sevenStars.issues.map((i) => i.field)).toEqual(['ratings[0].stars']);
    expect(sevenStars.message).toContain('ratings[0].stars: ratings go from 0.5 to 5 stars');

    const many = refused((b) => {
      b.titles[2]!.year = 1066;
      b.titles[3]!.kind = 'season';
      b.tags.push({ ...b.tags[0]!, id: 'other' });
      b.extra = true;
    });
    expect(many.issues.map((i) => i.field)).toEqual([
      'titles[2].year',
      '(backup)',
      'titles[3].parentId',
      `tags[${good.tags.length}].name`,
    ]);
    expect(many.message).toMatch(/titles\[2\]\.year: .*; \(backup\): Unrecognized key: "extra"/);

    expect(() => parseBackup({ format: 'something-else' })).toThrow(/format: not a Reelshelf backup/);
  });

  it('checks references across tables once the rows are well-formed', () => {
    const empty = {
      format: 'reelshelf-backup',
      version: 1,
      exportedAt: '2024-01-01T00:00:00.000Z',
      app: { name: 'Reelshelf', version: '0.1.0' },
      profiles: [
        { id: 'p', name: 'Me', isKid: false, isDefault: true, createdAt: '2024-01-01T00:00:00.000Z' },
      ],
      titles: [],
      people: [],
      credits: [],
      copies: [],
      watchEvents: [],
      ratings: [],
      reviews: [],
      statuses: [],
      lists: [],
      listItems: [],
      tags: [],
      titleTags: [],
    };
    const title = (id: string, kind: string, parentId?: string) => ({
      id,
      kind,
      title: id,
      sortTitle: id,
      parentId,
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-01-01T00:00:00.000Z',
    });
    expect(parseBackup(empty).titles).toEqual([]);
    const error = (() => {
      try {
        parseBackup({
          ...empty,
          titles: [title('a', 'movie'), title('s', 'season', 'a'), title('a', 'movie')],
          tags: [
            { id: 't1', name: 'Noir' },
            { id: 't2', name: 'noir' },
          ],
        });
      } catch (e) {
        return e as CoreError;
      }
      throw new Error('accepted');
    })();
    expect(error.issues).toEqual([
      { field: 'titles[2].id', message: 'the same row appears twice' },
      { field: 'titles[1].parentId', message: 'a season needs the id of a series in the backup' },
      { field: 'tags[1].name', message: 'the same row appears twice' },
    ]);
  });
});
