/**
 * Smart lists through the core's door, on real library files: a saved search whose items
 * are what it finds now, refused hand edits, its query reaching another device through
 * sync ops and surviving a backup.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CoreError } from '@reelshelf/shared/contracts';
import { snapshot, tempLibrary } from '../test-support';
import { applyOps, captureAll, takeOutbox } from '../sync/direct-delivery';
import type { Core } from '../core';

const libraries: ReturnType<typeof tempLibrary>[] = [];
function library(): Core {
  const lib = tempLibrary();
  libraries.push(lib);
  return lib.core;
}
afterEach(() => {
  for (const lib of libraries.splice(0)) lib.cleanup();
});

async function seed(core: Core) {
  const matrix = await core.call('catalog.add', {
    kind: 'movie',
    title: 'The Matrix',
    year: 1999,
    genres: ['Science Fiction'],
  });
  const alien = await core.call('catalog.add', {
    kind: 'movie',
    title: 'Alien',
    year: 1979,
    genres: ['Science Fiction', 'Horror'],
  });
  const amelie = await core.call('catalog.add', {
    kind: 'movie',
    title: 'Amélie',
    year: 2001,
    genres: ['Comedy'],
  });
  return { matrix, alien, amelie };
}

async function refused(p: Promise<unknown>): Promise<CoreError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(CoreError);
  return e as CoreError;
}

describe('smart lists', () => {
  it('lists what the query finds now, in its order, and follows the library', async () => {
    const core = library();
    const { matrix, alien } = await seed(core);
    const list = await core.call('lists.create', {
      name: 'Sci-fi',
      query: { genres: ['Science Fiction'], sort: 'year', order: 'asc' },
    });
    expect(list).toMatchObject({
      name: 'Sci-fi',
      system: null,
      query: { text: '', genres: ['Science Fiction'], sort: 'year', order: 'asc' },
      itemCount: 2,
    });
    let items = await core.call('lists.items', { list: list.id });
    expect(items.map((i) => [i.title, i.position])).toEqual([
      ['Alien', 0],
      ['The Matrix', 1],
    ]);
    expect(items[0]).toEqual({
      id: `${list.id}|${alien.id}`,
      listId: list.id,
      titleId: alien.id,
      title: 'Alien',
      year: 1979,
      position: 0,
      note: null,
      addedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) as string,
    });

    // A new title that fits appears; nothing was stored per title.
    await core.call('catalog.add', {
      kind: 'movie',
      title: 'Arrival',
      year: 2016,
      genres: ['Science Fiction'],
    });
    items = await core.call('lists.items', { list: list.id });
    expect(items.map((i) => i.title)).toEqual(['Alien', 'The Matrix', 'Arrival']);
    const stored = core.library.sqlite.prepare('SELECT count(*) FROM list_items WHERE list_id = ?').pluck();
    expect(stored.get(list.id)).toBe(0);

    // Changing the query changes the items; lists.all shows the query and the count.
    await core.call('lists.update', { id: list.id, query: { text: 'matrx' } });
    expect((await core.call('lists.items', { list: list.id })).map((i) => i.titleId)).toEqual([matrix.id]);
    const all = await core.call('lists.all', {});
    expect(all.find((l) => l.id === list.id)).toMatchObject({ query: { text: 'matrx' }, itemCount: 1 });
    // Ordinary lists carry query null.
    expect(all.find((l) => l.system === 'watchlist')).toMatchObject({ query: null });

    // Clearing the query makes it an ordinary (empty) list again.
    const plain = await core.call('lists.update', { id: list.id, query: null });
    expect(plain).toMatchObject({ query: null, itemCount: 0 });
    await core.call('lists.add', { list: list.id, titleId: matrix.id });
    expect((await core.call('lists.items', { list: list.id })).map((i) => i.title)).toEqual(['The Matrix']);
  });

  it('draws from an ordinary list, and catalog.search pages through a smart list with more filters', async () => {
    const core = library();
    const { matrix, alien, amelie } = await seed(core);
    for (const t of [matrix, alien, amelie])
      await core.call('lists.add', { list: 'watchlist', titleId: t.id });
    await core.call('watch.add', { titleId: alien.id, watchedOn: '2024-01-01' });
    const unseen = await core.call('lists.create', {
      name: 'Unseen on my watchlist',
      query: { list: 'watchlist', watched: false, sort: 'title' },
    });
    expect((await core.call('lists.items', { list: unseen.id })).map((i) => i.title)).toEqual([
      'Amélie',
      'The Matrix',
    ]);

    const found = await core.call('catalog.search', { list: unseen.id, genres: ['Comedy'] });
    expect(found.items.map((t) => t.title)).toEqual(['Amélie']);
    const page = await core.call('catalog.search', { list: unseen.id, sort: 'title', limit: 1, offset: 1 });
    expect(page).toMatchObject({ total: 2, items: [{ title: 'The Matrix' }] });
  });

  it('refuses adding, moving and removing by hand, and writes nothing', async () => {
    const core = library();
    const { matrix } = await seed(core);
    const list = await core.call('lists.create', { name: 'Sci-fi', query: { genres: ['Science Fiction'] } });
    const before = snapshot(core.library.sqlite);
    for (const attempt of [
      core.call('lists.add', { list: list.id, titleId: matrix.id }),
      core.call('lists.move', { list: list.id, titleId: matrix.id, position: 0 }),
      core.call('lists.removeItem', { list: list.id, titleId: matrix.id }),
    ]) {
      const e = await refused(attempt);
      expect(e.code).toBe('invalid_argument');
      expect(e.message).toMatch(/smart list/);
      expect(e.issues).toEqual([{ field: 'list', message: 'smart list' }]);
    }
    expect(snapshot(core.library.sqlite)).toBe(before);
  });

  it('refuses a bad query, naming the field, and writes nothing', async () => {
    const core = library();
    const { matrix } = await seed(core);
    const ordinary = await core.call('lists.create', { name: 'Mine' });
    await core.call('lists.add', { list: ordinary.id, titleId: matrix.id });
    const smart = await core.call('lists.create', { name: 'Smart', query: { owned: true } });
    const before = snapshot(core.library.sqlite);
    const cases: [Promise<unknown>, string][] = [
      [core.call('lists.create', { name: 'x', query: { yearFrom: 2020, yearTo: 1990 } }), 'query.yearFrom'],
      [core.call('lists.create', { name: 'x', query: { ratingMin: 7 } }), 'query.ratingMin'],
      [core.call('lists.create', { name: 'x', query: { sort: 'random' } as never }), 'query.sort'],
      // A page is not saved: refused rather than dropped.
      [core.call('lists.create', { name: 'x', query: { limit: 10 } as never }), 'query'],
      [core.call('lists.create', { name: 'x', query: { list: 'no-such-list' } }), 'query.list'],
      [core.call('lists.create', { name: 'x', query: { list: smart.id } }), 'query.list'],
      [core.call('lists.update', { id: smart.id, query: { list: smart.id } }), 'query.list'],
      // An ordinary list with titles on it does not silently hide them.
      [core.call('lists.update', { id: ordinary.id, query: { owned: true } }), 'query'],
      // System lists stay what they are.
      [core.call('lists.update', { id: (await core.call('lists.all', {}))[0]!.id, query: {} }), 'id'],
    ];
    for (const [attempt, field] of cases) {
      const e = await refused(attempt);
      expect(e.issues.map((i) => i.field)).toContain(field);
    }
    expect(snapshot(core.library.sqlite)).toBe(before);
  });

  it("a smart list's query reaches another device, and a change of it follows", async () => {
    const a = library();
    const b = library();
    captureAll(a);
    captureAll(b);
    const { matrix } = await seed(a);
    applyOps(b, takeOutbox(a));
    const list = await a.call('lists.create', {
      name: 'Nineties',
      query: { yearFrom: 1990, yearTo: 1999, sort: 'title' },
    });
    const ops = takeOutbox(a);
    expect(ops.filter((o) => o.entity === 'list' && o.field === 'query')).toHaveLength(1);
    applyOps(b, ops);
    const onB = (await b.call('lists.all', {})).find((l) => l.name === 'Nineties');
    expect(onB).toMatchObject({ id: list.id, query: list.query, itemCount: 1 });
    expect((await b.call('lists.items', { list: list.id })).map((i) => i.titleId)).toEqual([matrix.id]);

    // Edited on B: the new query comes back to A.
    await b.call('lists.update', { id: list.id, query: { text: 'alien' } });
    applyOps(a, takeOutbox(b));
    expect((await a.call('lists.all', {})).find((l) => l.id === list.id)?.query).toEqual({
      text: 'alien',
      sort: 'relevance',
    });
    expect((await a.call('lists.items', { list: list.id })).map((i) => i.title)).toEqual(['Alien']);
    expect(a.replica.snapshot()).toEqual(b.replica.snapshot());

    // An ordinary list sends no query op at all.
    await a.call('lists.create', { name: 'Plain' });
    expect(takeOutbox(a).filter((o) => o.field === 'query')).toEqual([]);
  });

  it('a backup carries the query, and a restore brings it back', async () => {
    const a = library();
    await seed(a);
    const source = await a.call('lists.create', { name: 'Source' });
    await a.call('lists.create', { name: 'Smart', query: { list: source.id, owned: false, sort: 'added' } });
    const file = join(libraries[0]!.dir, 'backup.json');
    await a.call('export.backup', { path: file });

    const b = library();
    const report = await b.call('import.run', { path: file });
    expect(report.format).toBe('backup');
    const smart = (await b.call('lists.all', {})).find((l) => l.name === 'Smart');
    expect(smart?.query).toEqual({ text: '', list: source.id, owned: false, sort: 'added' });
    // Restoring the same backup again changes nothing.
    const again = await b.call('import.run', { path: file });
    expect(again.changes.lists).toMatchObject({ created: 0, updated: 0 });
  });
});
