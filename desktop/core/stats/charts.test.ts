import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreError } from '@reelshelf/shared/contracts';
import { tempLibrary } from '../test-support';
import type { Core } from '../core';
import { localToday, streaksOf } from './charts';

let lib: ReturnType<typeof tempLibrary>;
let core: Core;
beforeEach(() => {
  lib = tempLibrary();
  core = lib.core;
});
afterEach(() => lib.cleanup());

const film = (
  title: string,
  o: { year?: number; runtime?: number; genres?: string[]; director?: string; cast?: string[] } = {},
) =>
  core.call('catalog.add', {
    kind: 'movie',
    title,
    year: o.year,
    runtimeMinutes: o.runtime,
    genres: o.genres ?? [],
    credits: [
      ...(o.director ? [{ role: 'crew' as const, job: 'Director', person: { name: o.director } }] : []),
      ...(o.cast ?? []).map((name, order) => ({ role: 'cast' as const, order, person: { name } })),
    ],
  });
const watch = (titleId: string, watchedOn: string | null) => core.call('watch.add', { titleId, watchedOn });

/** The local calendar day `n` days from today. */
const daysFromToday = (n: number) => {
  const d = new Date();
  d.setDate(d.getDate() + n);
  return localToday(d);
};

describe('stats.charts', () => {
  it('sums minutes per month, with empty months between as 0 and unknown runtimes at the films average', async () => {
    const heat = await film('Heat', { runtime: 170 });
    const alien = await film('Alien', { runtime: 110 });
    const unknown = await film('Unknown Runtime');
    await watch(heat.id, '2024-01-15');
    await watch(heat.id, '2024-03-02');
    await watch(alien.id, '2024-03-03');
    await watch(unknown.id, '2024-03-04'); // (170 + 110) / 2 = 140 minutes
    await watch(alien.id, null); // undated: in no month

    const charts = await core.call('stats.charts', {});
    expect(charts.watchTimeByMonth).toEqual([
      { month: '2024-01', minutes: 170, watches: 1 },
      { month: '2024-02', minutes: 0, watches: 0 },
      { month: '2024-03', minutes: 170 + 110 + 140, watches: 3 },
    ]);
    const since = await core.call('stats.charts', { since: '2024-03-03' });
    expect(since.watchTimeByMonth).toEqual([{ month: '2024-03', minutes: 250, watches: 2 }]);
  });

  it('counts an episode at its own runtime (else its series), and its series for genres and decades', async () => {
    const show = await core.call('catalog.add', {
      kind: 'series',
      title: 'The Office',
      year: 2005,
      runtimeMinutes: 22,
      genres: ['Comedy'],
    });
    const s1 = await core.call('catalog.add', {
      kind: 'season',
      title: 'Season 1',
      parentId: show.id,
      seasonNumber: 1,
    });
    const e1 = await core.call('catalog.add', {
      kind: 'episode',
      title: 'Pilot',
      parentId: s1.id,
      seasonNumber: 1,
      episodeNumber: 1,
      runtimeMinutes: 23,
    });
    const e2 = await core.call('catalog.add', {
      kind: 'episode',
      title: 'Diversity Day',
      parentId: s1.id,
      seasonNumber: 1,
      episodeNumber: 2,
    });
    const comedy = await film('Airplane!', { year: 1980, runtime: 88, genres: ['Comedy'] });
    await watch(e1.id, '2025-02-01');
    await watch(e2.id, '2025-02-02');
    await watch(comedy.id, '2025-02-03');

    const charts = await core.call('stats.charts', {});
    expect(charts.watchTimeByMonth).toEqual([{ month: '2025-02', minutes: 23 + 22 + 88, watches: 3 }]);
    expect(charts.genres).toEqual([{ genre: 'Comedy', titles: 2, watches: 3 }]);
    expect(charts.decades).toEqual([
      { decade: 1980, titles: 1, watches: 1 },
      { decade: 2000, titles: 1, watches: 2 },
    ]);
  });

  it('ranks directors and actors by distinct titles watched, genres top first, and copies per format', async () => {
    const a = await film('Alien', {
      year: 1979,
      genres: ['Horror', 'Science Fiction'],
      director: 'Ridley Scott',
      cast: ['Sigourney Weaver'],
    });
    const b = await film('Blade Runner', {
      year: 1982,
      genres: ['Science Fiction'],
      director: 'Ridley Scott',
      cast: ['Harrison Ford'],
    });
    const c = await film('Aliens', {
      year: 1986,
      genres: ['Science Fiction', 'Action'],
      director: 'James Cameron',
      cast: ['Sigourney Weaver'],
    });
    const d = await film('Titanic', {
      year: 1997,
      genres: ['Romance'],
      director: 'James Cameron',
      cast: ['Kate Winslet'],
    });
    await watch(a.id, '2024-01-01');
    await watch(b.id, '2024-01-02');
    await watch(c.id, '2024-01-03');
    await watch(d.id, '2024-01-04');
    await watch(d.id, '2024-01-05');
    await watch(d.id, '2024-01-06');
    await core.call('copies.add', { titleId: a.id, format: 'blu-ray' });
    await core.call('copies.add', { titleId: b.id, format: 'blu-ray' });
    await core.call('copies.add', { titleId: c.id, format: 'dvd' });

    const charts = await core.call('stats.charts', {});
    // Both directors have two titles; Cameron's were watched more often.
    expect(charts.topDirectors.map((p) => [p.name, p.titles, p.watches])).toEqual([
      ['James Cameron', 2, 4],
      ['Ridley Scott', 2, 2],
    ]);
    expect(charts.topActors[0]).toMatchObject({ name: 'Sigourney Weaver', titles: 2, watches: 2 });
    expect(charts.topActors[0]!.personId).toEqual(expect.any(String));
    expect(charts.genres[0]).toEqual({ genre: 'Science Fiction', titles: 3, watches: 3 });
    expect(charts.decades.map((x) => x.decade)).toEqual([1970, 1980, 1990]);
    expect(charts.collectionByFormat).toEqual([
      { format: 'blu-ray', copies: 2 },
      { format: 'dvd', copies: 1 },
    ]);
  });

  it('finds the longest streak across a gap and the current one up to today', async () => {
    const f = await film('Groundhog Day', { runtime: 101 });
    for (const n of [-20, -19, -18, -17, -10, -1, 0]) await watch(f.id, daysFromToday(n));
    await watch(f.id, daysFromToday(0)); // twice on one day is still one day
    const { streaks } = await core.call('stats.charts', {});
    expect(streaks).toEqual({
      currentDays: 2,
      longestDays: 4,
      longestFrom: daysFromToday(-20),
      longestTo: daysFromToday(-17),
    });
  });

  it('keeps a streak that ended yesterday current and one that ended before that not', () => {
    expect(streaksOf(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01'], '2024-03-02')).toEqual({
      currentDays: 4,
      longestDays: 4,
      longestFrom: '2024-02-27',
      longestTo: '2024-03-01',
    });
    expect(streaksOf(['2024-02-27', '2024-02-28'], '2024-03-02').currentDays).toBe(0);
    expect(streaksOf([], '2024-03-02')).toEqual({
      currentDays: 0,
      longestDays: 0,
      longestFrom: null,
      longestTo: null,
    });
  });

  it('is empty for an empty library and names a bad since', async () => {
    expect(await core.call('stats.charts', {})).toEqual({
      watchTimeByMonth: [],
      streaks: { currentDays: 0, longestDays: 0, longestFrom: null, longestTo: null },
      genres: [],
      decades: [],
      topDirectors: [],
      topActors: [],
      collectionByFormat: [],
    });
    const e = await core.call('stats.charts', { since: '2024-13-01' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CoreError);
    expect((e as CoreError).code).toBe('invalid_argument');
    expect((e as CoreError).issues[0]!.field).toBe('since');
  });
});
