/**
 * lists.setNote through the core's door, on real library files: a list item's note set,
 * trimmed and cleared; refused for a title not on the list and on a smart list (writing
 * nothing); and in a signed-in library the new note reaches another device as one op.
 */
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

async function refused(p: Promise<unknown>): Promise<CoreError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(CoreError);
  return e as CoreError;
}

async function seed(core: Core) {
  const matrix = await core.call('catalog.add', { kind: 'movie', title: 'The Matrix', year: 1999 });
  const alien = await core.call('catalog.add', { kind: 'movie', title: 'Alien', year: 1979 });
  const list = await core.call('lists.create', { name: 'Rainy days' });
  await core.call('lists.add', { list: list.id, titleId: matrix.id, note: 'first' });
  await core.call('lists.add', { list: list.id, titleId: alien.id });
  return { matrix, alien, list };
}

describe('lists.setNote', () => {
  it('sets, trims and clears the note of one item, leaving its place and the others alone', async () => {
    const core = library();
    const { matrix, alien, list } = await seed(core);

    const item = await core.call('lists.setNote', {
      list: list.id,
      titleId: alien.id,
      note: '  Watch with the lights off  ',
    });
    expect(item).toMatchObject({ listId: list.id, titleId: alien.id, title: 'Alien', position: 1 });
    expect(item.note).toBe('Watch with the lights off');
    let items = await core.call('lists.items', { list: list.id });
    expect(items.map((i) => [i.title, i.note])).toEqual([
      ['The Matrix', 'first'],
      ['Alien', 'Watch with the lights off'],
    ]);

    // Replaced, then cleared with null and with only spaces.
    expect(
      (await core.call('lists.setNote', { list: list.id, titleId: matrix.id, note: 'second' })).note,
    ).toBe('second');
    expect(
      (await core.call('lists.setNote', { list: list.id, titleId: matrix.id, note: null })).note,
    ).toBeNull();
    expect(
      (await core.call('lists.setNote', { list: list.id, titleId: alien.id, note: '   ' })).note,
    ).toBeNull();
    items = await core.call('lists.items', { list: list.id });
    expect(items.map((i) => [i.title, i.note, i.position])).toEqual([
      ['The Matrix', null, 0],
      ['Alien', null, 1],
    ]);

    // A system list is named by its key, as in the other lists.* commands.
    await core.call('lists.add', { list: 'watchlist', titleId: matrix.id });
    expect(
      (await core.call('lists.setNote', { list: 'watchlist', titleId: matrix.id, note: 'soon' })).note,
    ).toBe('soon');
  });

  it('refuses a title not on the list, an unknown list, a smart list and a long note, writing nothing', async () => {
    const core = library();
    const { matrix, list } = await seed(core);
    const stranger = await core.call('catalog.add', { kind: 'movie', title: 'Amélie', year: 2001 });
    const smart = await core.call('lists.create', {
      name: 'Nineties',
      query: { yearFrom: 1990, yearTo: 1999 },
    });
    const before = snapshot(core.library.sqlite);

    let e = await refused(core.call('lists.setNote', { list: list.id, titleId: stranger.id, note: 'x' }));
    expect(e.code).toBe('not_found');
    expect(e.issues).toEqual([{ field: 'titleId', message: 'not on the list' }]);

    e = await refused(
      core.call('lists.setNote', {
        list: '00000000-0000-4000-8000-000000000001',
        titleId: matrix.id,
        note: 'x',
      }),
    );
    expect(e.code).toBe('not_found');

    e = await refused(core.call('lists.setNote', { list: smart.id, titleId: matrix.id, note: 'x' }));
    expect(e.code).toBe('invalid_argument');
    expect(e.message).toMatch(/smart list/);
    expect(e.issues).toEqual([{ field: 'list', message: 'smart list' }]);

    e = await refused(
      core.call('lists.setNote', { list: list.id, titleId: matrix.id, note: 'x'.repeat(5_001) }),
    );
    expect(e.code).toBe('invalid_argument');
    expect(e.issues.map((i) => i.field)).toEqual(['note']);

    expect(snapshot(core.library.sqlite)).toBe(before);
    // Spaces around a note at the limit are not counted.
    const long = await core.call('lists.setNote', {
      list: list.id,
      titleId: matrix.id,
      note: ` ${'x'.repeat(5_000)} `,
    });
    expect(long.note).toHaveLength(5_000);
  });

  it('in a signed-in library the note reaches another device, and clearing it follows', async () => {
    const a = library();
    const b = library();
    captureAll(a);
    captureAll(b);
    const { alien, list } = await seed(a);
    applyOps(b, takeOutbox(a));

    await a.call('lists.setNote', { list: list.id, titleId: alien.id, note: 'Best with popcorn' });
    const ops = takeOutbox(a);
    expect(ops.map((o) => [o.entity, o.rowId, o.field, o.value])).toEqual([
      ['listItem', `${list.id}|${alien.id}`, 'note', 'Best with popcorn'],
    ]);
    applyOps(b, ops);
    const onB = await b.call('lists.items', { list: list.id });
    expect(onB.map((i) => [i.title, i.note])).toEqual([
      ['The Matrix', 'first'],
      ['Alien', 'Best with popcorn'],
    ]);

    // Cleared on B: A follows.
    await b.call('lists.setNote', { list: list.id, titleId: alien.id, note: null });
    applyOps(a, takeOutbox(b));
    expect(
      (await a.call('lists.items', { list: list.id })).find((i) => i.titleId === alien.id)?.note,
    ).toBeNull();
    expect(a.replica.snapshot()).toEqual(b.replica.snapshot());
  });
});
