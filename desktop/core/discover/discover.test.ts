import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreError } from '@reelshelf/shared/contracts';
import { tempLibrary } from '../test-support';
import type { Core } from '../core';

let lib: ReturnType<typeof tempLibrary>;
let core: Core;
beforeEach(() => {
  lib = tempLibrary();
  core = lib.core;
});
afterEach(() => lib.cleanup());

const film = async (title: string, year = 2000, cast = 0) =>
  (
    await core.call('catalog.add', {
      kind: 'movie',
      title,
      year,
      credits: Array.from({ length: cast }, (_, i) => ({
        role: 'cast' as const,
        order: i,
        person: { name: `${title} actor ${i}` },
      })),
    })
  ).id;
const rowsOf = async () =>
  Object.fromEntries(
    (await core.call('discover.rows', {})).rows.map((r) => [r.reason, r.titles.map((t) => t.title)]),
  );

describe('discover.rows', () => {
  it('leaves every row out of an empty library', async () => {
    expect(await core.call('discover.rows', {})).toEqual({ rows: [] });
  });

  it('fills each row with what fits it and leaves out what does not', async () => {
    const owned = await film('Owned Unseen');
    const ownedSeen = await film('Owned Seen');
    const wanted = await film('Wanted');
    const wantedSeen = await film('Wanted Seen');
    const oldFave = await film('Old Favourite');
    const newFave = await film('New Favourite');
    const twice = await film('Seen Twice');
    const meh = await film('Meh');
    await film('Many Credits', 1990, 5);
    await film('Few Credits', 2020, 1);
    await film('No Credits Recent', 2024);
    await film('No Credits Old', 1950);
    const show = await core.call('catalog.add', { kind: 'series', title: 'Show In Progress' });
    const season = await core.call('catalog.add', {
      kind: 'season',
      title: 'S1',
      parentId: show.id,
      seasonNumber: 1,
    });
    const ep = await core.call('catalog.add', {
      kind: 'episode',
      title: 'Pilot',
      parentId: season.id,
      seasonNumber: 1,
      episodeNumber: 1,
    });
    await core.call('watch.add', { titleId: ep.id, watchedOn: '2024-01-01' });

    await core.call('copies.add', { titleId: owned, format: 'blu-ray' });
    await core.call('copies.add', { titleId: ownedSeen, format: 'dvd' });
    await core.call('watch.add', { titleId: ownedSeen, watchedOn: '2024-01-01' });
    await core.call('lists.add', { list: 'watchlist', titleId: wanted });
    await core.call('lists.add', { list: 'watchlist', titleId: wantedSeen });
    await core.call('lists.add', { list: 'watchlist', titleId: owned });
    await core.call('watch.add', { titleId: wantedSeen, watchedOn: '2024-02-01' });
    for (const [id, stars, dates] of [
      [oldFave, 4.5, ['2012-05-01']],
      [newFave, 5, ['2023-05-01']],
      [twice, 5, ['2015-01-01', '2016-01-01']],
      [meh, 3, ['2010-01-01']],
    ] as const) {
      await core.call('ratings.set', { titleId: id, stars });
      for (const watchedOn of dates) await core.call('watch.add', { titleId: id, watchedOn });
    }

    const { rows } = await core.call('discover.rows', {});
    expect(rows.map((r) => [r.id, r.reason])).toEqual([
      ['owned-unwatched', 'owned-unwatched'],
      ['watchlist', 'watchlist'],
      ['top-rated-rewatch', 'top-rated-rewatch'],
      ['popular-unwatched', 'popular-unwatched'],
    ]);
    const byReason = await rowsOf();
    expect(byReason['owned-unwatched']).toEqual(['Owned Unseen']);
    expect(byReason.watchlist).toEqual(['Wanted', 'Owned Unseen']);
    expect(byReason['top-rated-rewatch']).toEqual(['Old Favourite', 'New Favourite']);
    // Most credits first, then the most recent; nothing owned, watchlisted, watched or part of a series watched.
    expect(byReason['popular-unwatched']).toEqual([
      'Many Credits',
      'Few Credits',
      'No Credits Recent',
      'No Credits Old',
    ]);
    // The same summaries as search gives.
    const summary = rows[0]!.titles[0]!;
    expect(summary).toEqual((await core.call('catalog.search', { text: 'Owned Unseen' })).items[0]);
    expect(summary.formats).toEqual(['blu-ray']);
  });

  it('shows at most 20 titles in a row', async () => {
    for (let i = 0; i < 25; i++) await film(`Film ${String(i).padStart(2, '0')}`, 1980 + i);
    const { rows } = await core.call('discover.rows', {});
    expect(rows).toHaveLength(1);
    expect(rows[0]!.titles).toHaveLength(20);
    expect(rows[0]!.titles[0]!.title).toBe('Film 24');
  });

  it('refuses arguments that are not an object', async () => {
    const e = await core.callByName('discover.rows', 'now').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CoreError);
    expect((e as CoreError).code).toBe('invalid_argument');
  });
});
