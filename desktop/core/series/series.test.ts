import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreError, type CommandArgs } from '@reelshelf/shared/contracts';
import { snapshot, tempLibrary } from '../test-support';
import type { Core } from '../core';

let lib: ReturnType<typeof tempLibrary>;
let core: Core;
beforeEach(() => {
  lib = tempLibrary();
  core = lib.core;
});
afterEach(() => lib.cleanup());

/** A series with seasons 1 (3 episodes), 2 (2 episodes) and specials (season 0, 1 episode), added out of order. */
async function series(title: string) {
  const s = await core.call('catalog.add', { kind: 'series', title, year: 2008 });
  const ids: Record<string, string> = { series: s.id };
  for (const n of [2, 0, 1]) {
    const season = await core.call('catalog.add', {
      kind: 'season',
      title: n === 0 ? 'Specials' : `Season ${n}`,
      parentId: s.id,
      seasonNumber: n,
    });
    ids[`S${n}`] = season.id;
    const count = n === 1 ? 3 : n === 2 ? 2 : 1;
    for (let e = count; e >= 1; e--) {
      const episode = await core.call('catalog.add', {
        kind: 'episode',
        title: `${title} ${n}x${e}`,
        parentId: season.id,
        seasonNumber: n,
        episodeNumber: e,
        releaseDate: `${2007 + Math.max(n, 1)}-0${e}-01`,
        runtimeMinutes: 45,
      });
      ids[`S${n}E${e}`] = episode.id;
    }
  }
  return ids;
}

async function refused(command: 'series.markSeasonWatched' | 'series.episodes', args: unknown) {
  const before = snapshot(core.library.sqlite);
  const error = await core.call(command, args as CommandArgs<typeof command>).then(
    () => {
      throw new Error(`${command} was accepted`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CoreError);
  expect(snapshot(core.library.sqlite)).toBe(before);
  return error as CoreError;
}

describe('series.episodes', () => {
  it('lists seasons in order with specials last, episodes by number, and starts next-up at 1x1', async () => {
    const ids = await series('Breaking Bad');
    const guide = await core.call('series.episodes', { seriesId: ids.series! });
    expect(guide.series).toEqual({ id: ids.series, title: 'Breaking Bad', year: 2008 });
    expect(guide.seasons.map((s) => [s.seasonNumber, s.episodeCount, s.watchedCount])).toEqual([
      [1, 3, 0],
      [2, 2, 0],
      [0, 1, 0],
    ]);
    expect(guide.seasons[0]!.episodes.map((e) => [e.episodeNumber, e.title, e.airDate, e.watched])).toEqual([
      [1, 'Breaking Bad 1x1', '2008-01-01', false],
      [2, 'Breaking Bad 1x2', '2008-02-01', false],
      [3, 'Breaking Bad 1x3', '2008-03-01', false],
    ]);
    expect(guide.nextUp).toEqual({
      episodeId: ids.S1E1,
      seasonNumber: 1,
      episodeNumber: 1,
      title: 'Breaking Bad 1x1',
    });
  });

  it('next up follows the furthest watched episode, skips specials, and is null when caught up', async () => {
    const ids = await series('Lost');
    await core.call('watch.add', { titleId: ids.S1E2!, watchedOn: '2024-01-02' });
    await core.call('watch.add', { titleId: ids.S0E1!, watchedOn: '2024-01-03' });
    expect((await core.call('series.episodes', { seriesId: ids.series! })).nextUp?.episodeId).toBe(ids.S1E3);
    await core.call('watch.add', { titleId: ids.S2E2!, watchedOn: '2024-01-04' });
    // 1x1, 1x3 and 2x1 are unwatched, but nothing after 2x2 is: caught up.
    expect((await core.call('series.episodes', { seriesId: ids.series! })).nextUp).toBeNull();
  });

  it('names the field when the id is not a series', async () => {
    const ids = await series('Dark');
    expect((await refused('series.episodes', { seriesId: ids.S1! })).issues).toEqual([
      { field: 'seriesId', message: 'must be the id of a series' },
    ]);
    const missing = await refused('series.episodes', { seriesId: 'nope' });
    expect(missing.code).toBe('not_found');
    expect(missing.issues[0]!.field).toBe('seriesId');
    expect((await refused('series.episodes', {})).issues[0]!.field).toBe('seriesId');
  });
});

describe('series.markSeasonWatched', () => {
  it('adds a watch only for the episodes not watched yet, and next up moves to the next season', async () => {
    const ids = await series('The Wire');
    await core.call('watch.add', { titleId: ids.S1E1!, watchedOn: '2024-01-01' });

    const guide = await core.call('series.markSeasonWatched', { seasonId: ids.S1!, on: '2024-05-01' });
    expect(guide.seasons[0]!.episodes.map((e) => [e.episodeNumber, e.watchCount])).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
    ]);
    expect(guide.seasons[0]!.watchedCount).toBe(3);
    expect(guide.nextUp).toMatchObject({ episodeId: ids.S2E1, seasonNumber: 2, episodeNumber: 1 });

    const watches = await core.call('watch.list', {});
    expect(watches.map((w) => [w.titleId, w.watchedOn]).sort()).toEqual(
      [
        [ids.S1E1, '2024-01-01'],
        [ids.S1E2, '2024-05-01'],
        [ids.S1E3, '2024-05-01'],
      ].sort(),
    );
    // Written through watch.add: the search's watch facets see the new watches at once.
    const watchedEpisodes = await core.call('catalog.search', { kinds: ['episode'], watched: true });
    expect(watchedEpisodes.items.map((i) => i.id).sort()).toEqual([ids.S1E1, ids.S1E2, ids.S1E3].sort());

    // Twice adds nothing.
    await core.call('series.markSeasonWatched', { seasonId: ids.S1!, on: '2024-06-01' });
    expect(await core.call('watch.list', {})).toHaveLength(3);
  });

  it('records watches with no date when asked, and with today by default', async () => {
    const ids = await series('Fargo');
    await core.call('series.markSeasonWatched', { seasonId: ids.S2!, dateUnknown: true });
    await core.call('series.markSeasonWatched', { seasonId: ids.S1! });
    const byTitle = new Map((await core.call('watch.list', {})).map((w) => [w.titleId, w.watchedOn]));
    expect(byTitle.get(ids.S2E1!)).toBeNull();
    expect(byTitle.get(ids.S2E2!)).toBeNull();
    expect(byTitle.get(ids.S1E1!)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('refuses bad arguments, naming the field, and writes nothing', async () => {
    const ids = await series('Succession');
    expect((await refused('series.markSeasonWatched', { seasonId: ids.series! })).issues[0]!.field).toBe(
      'seasonId',
    );
    expect(
      (await refused('series.markSeasonWatched', { seasonId: ids.S1!, on: '2024-02-30' })).issues[0]!.field,
    ).toBe('on');
    const both = await refused('series.markSeasonWatched', {
      seasonId: ids.S1!,
      on: '2024-02-01',
      dateUnknown: true,
    });
    expect(both.code).toBe('invalid_argument');
    expect(both.issues[0]!.field).toBe('dateUnknown');
  });
});

describe('series.nextUp', () => {
  it('lists series in progress, newest activity first, without finished or unstarted ones', async () => {
    const a = await series('Alpha');
    const b = await series('Bravo');
    const c = await series('Charlie');
    const d = await series('Delta');
    await series('Echo'); // never watched
    await core.call('watch.add', { titleId: a.S1E1!, watchedOn: '2024-03-01' });
    await core.call('watch.add', { titleId: b.S2E1!, watchedOn: '2024-04-01' });
    // Charlie: finished (everything after the furthest watched one seen).
    await core.call('series.markSeasonWatched', { seasonId: c.S1!, on: '2024-05-01' });
    await core.call('series.markSeasonWatched', { seasonId: c.S2!, on: '2024-05-02' });
    // Delta: only a special seen — not started.
    await core.call('watch.add', { titleId: d.S0E1!, watchedOn: '2024-06-01' });

    const next = await core.call('series.nextUp', {});
    expect(next).toEqual([
      {
        seriesId: b.series,
        seriesTitle: 'Bravo',
        episodeId: b.S2E2,
        seasonNumber: 2,
        episodeNumber: 2,
        episodeTitle: 'Bravo 2x2',
      },
      {
        seriesId: a.series,
        seriesTitle: 'Alpha',
        episodeId: a.S1E2,
        seasonNumber: 1,
        episodeNumber: 2,
        episodeTitle: 'Alpha 1x2',
      },
    ]);
    expect(await core.call('series.nextUp', { limit: 1 })).toHaveLength(1);

    // Watching Alpha again makes it the newest activity; its next episode moves on.
    await core.call('watch.add', { titleId: a.S1E2!, watchedOn: '2024-07-01' });
    expect((await core.call('series.nextUp', {})).map((n) => [n.seriesTitle, n.episodeId])).toEqual([
      ['Alpha', a.S1E3],
      ['Bravo', b.S2E2],
    ]);
    const limit = await core.call('series.nextUp', { limit: 0 }).catch((e: unknown) => e);
    expect(limit).toBeInstanceOf(CoreError);
    expect((limit as CoreError).issues[0]!.field).toBe('limit');
  });
});
