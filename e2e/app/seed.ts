import type { Core } from '../../desktop/core';

export interface Seeded {
  matrix: string;
  amelie: string;
  spiritedAway: string;
  series: string;
  season: string;
  list: string;
}

/**
 * A small library through the core (not the UI): three movies, a series with a season of
 * two episodes, a copy, viewings, a rating and a list — enough for every screen to show
 * something real.
 */
export async function seedLibrary(core: Core): Promise<Seeded> {
  const add = async (title: string, year: number, genres: string[], extra: Record<string, unknown> = {}) =>
    (await core.call('catalog.add', { kind: 'movie', title, year, genres, ...extra })).id;
  const matrix = await add('The Matrix', 1999, ['Science Fiction', 'Action'], { runtimeMinutes: 136 });
  const amelie = await add('Amélie', 2001, ['Comedy', 'Romance'], { runtimeMinutes: 122 });
  const spiritedAway = await add('Spirited Away', 2001, ['Animation', 'Fantasy'], { runtimeMinutes: 125 });

  const series = (
    await core.call('catalog.add', { kind: 'series', title: 'Twin Peaks', year: 1990, genres: ['Drama'] })
  ).id;
  const season = (
    await core.call('catalog.add', { kind: 'season', title: 'Season 1', parentId: series, seasonNumber: 1 })
  ).id;
  for (const n of [1, 2]) {
    await core.call('catalog.add', {
      kind: 'episode',
      title: `Episode ${n}`,
      parentId: season,
      seasonNumber: 1,
      episodeNumber: n,
      runtimeMinutes: 47,
    });
  }

  await core.call('copies.add', { titleId: matrix, format: 'dvd' });
  await core.call('watch.add', { titleId: matrix, watchedOn: '2026-03-14' });
  await core.call('watch.add', { titleId: amelie, watchedOn: '2026-06-01' });
  await core.call('ratings.set', { titleId: amelie, stars: 4.5 });

  const list = (await core.call('lists.create', { name: 'Comfort films', ranked: true })).id;
  for (const titleId of [amelie, spiritedAway, matrix]) await core.call('lists.add', { list, titleId });
  return { matrix, amelie, spiritedAway, series, season, list };
}
