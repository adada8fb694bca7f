import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempLibrary } from '../test-support';

const lib = tempLibrary();
const { core } = lib;
afterAll(() => lib.cleanup());

beforeAll(async () => {
  // Fourteen genres, none of them watched: the filter must offer every one.
  for (let i = 0; i < 14; i++)
    await core.call('catalog.add', { kind: 'movie', title: `Film ${i}`, genres: [`Genre ${i}`] });
  await core.call('catalog.add', { kind: 'movie', title: 'Amélie', genres: ['Comedy', 'Romance'] });
  await core.call('catalog.add', { kind: 'movie', title: 'Airplane!', genres: ['comedy'] });
  const show = await core.call('catalog.add', { kind: 'series', title: 'Twin Peaks', genres: ['Mystery'] });
  const season = await core.call('catalog.add', {
    kind: 'season',
    title: 'Season 1',
    parentId: show.id,
    seasonNumber: 1,
  });
  await core.call('catalog.add', {
    kind: 'episode',
    title: 'Pilot',
    parentId: season.id,
    episodeNumber: 1,
    genres: ['Pilot genre'],
  });
});

describe('catalog.genres', () => {
  it("lists every genre of the library's films and series with its title count, whatever was watched", async () => {
    const genres = await core.call('catalog.genres');
    expect(genres).toHaveLength(14 + 3);
    expect(genres.find((g) => g.name.toLowerCase() === 'comedy')).toEqual({ name: 'Comedy', count: 2 });
    expect(genres).toContainEqual({ name: 'Mystery', count: 1 });
    expect(genres).toContainEqual({ name: 'Genre 13', count: 1 });
    expect(genres.map((g) => g.name)).not.toContain('Pilot genre');
  });

  it('every genre it lists finds its titles in catalog.search', async () => {
    for (const { name, count } of await core.call('catalog.genres'))
      expect((await core.call('catalog.search', { genres: [name] })).total).toBe(count);
  });
});
