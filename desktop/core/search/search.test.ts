import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchQuery } from '@reelshelf/shared/contracts';
import { tempLibrary } from '../test-support';
import type { Core } from '../core';

let lib: ReturnType<typeof tempLibrary>;
let core: Core;
const ids: Record<string, string> = {};

const director = (name: string) => ({ role: 'crew' as const, job: 'Director', person: { name } });

beforeAll(async () => {
  lib = tempLibrary();
  core = lib.core;
  const add = async (key: string, args: Parameters<Core['call']>[1] & object) => {
    ids[key] = (await core.call('catalog.add', args as never)).id;
  };
  await add('matrix', {
    kind: 'movie',
    title: 'The Matrix',
    year: 1999,
    genres: ['Science Fiction', 'Action'],
    credits: [director('Lana Wachowski')],
  });
  await add('reloaded', {
    kind: 'movie',
    title: 'The Matrix Reloaded',
    year: 2003,
    genres: ['Science Fiction'],
  });
  await add('amelie', {
    kind: 'movie',
    title: 'Amélie',
    originalTitle: 'Le Fabuleux Destin d’Amélie Poulain',
    year: 2001,
    genres: ['Comedy', 'Romance'],
  });
  await add('odyssey', {
    kind: 'movie',
    title: '2001: A Space Odyssey',
    year: 1968,
    genres: ['Science Fiction'],
    credits: [director('Stanley Kubrick')],
  });
  await add('shining', {
    kind: 'movie',
    title: 'The Shining',
    year: 1980,
    genres: ['Horror'],
    credits: [director('Stanley Kubrick')],
  });
  await add('clockwork', {
    kind: 'movie',
    title: 'A Clockwork Orange',
    year: 1971,
    genres: ['Crime'],
    credits: [director('Stanley Kubrick')],
  });
  await add('spirited', {
    kind: 'movie',
    title: 'Spirited Away',
    originalTitle: 'Sen to Chihiro no Kamikakushi',
    year: 2001,
    genres: ['Animation', 'Fantasy'],
  });
  await add('wire', { kind: 'series', title: 'The Wire', year: 2002, genres: ['Crime', 'Drama'] });
  const season = await core.call('catalog.add', {
    kind: 'season',
    title: 'Season 1',
    parentId: ids.wire!,
    seasonNumber: 1,
  });
  ids.wireS1 = season.id;

  await core.call('copies.add', { titleId: ids.matrix!, format: 'blu-ray' });
  await core.call('copies.add', { titleId: ids.shining!, format: '4k-uhd' });
  await core.call('copies.add', { titleId: ids.amelie!, format: 'dvd' });
  await core.call('watch.add', { titleId: ids.matrix!, watchedOn: '2021-01-01' });
  await core.call('watch.add', { titleId: ids.shining!, watchedOn: '2023-10-31' });
  await core.call('watch.add', { titleId: ids.amelie!, watchedOn: null });
  await core.call('ratings.set', { titleId: ids.matrix!, stars: 5 });
  await core.call('ratings.set', { titleId: ids.shining!, stars: 3.5 });
  await core.call('ratings.set', { titleId: ids.amelie!, stars: 4 });
  await core.call('tags.add', { titleId: ids.clockwork!, tag: 'Cult' });
  await core.call('lists.add', { list: 'watchlist', titleId: ids.spirited! });
  await core.call('watch.setStatus', { titleId: ids.wire!, status: 'on-hold' });
});
afterAll(() => lib.cleanup());

const titles = async (q: SearchQuery) => (await core.call('catalog.search', q)).items.map((i) => i.title);

describe('typo-tolerant search', () => {
  it('"matrx" finds The Matrix first', async () => {
    const r = await core.call('catalog.search', { text: 'matrx' });
    expect(r.items[0]!.title).toBe('The Matrix');
    expect(r.corrections).toEqual([{ from: 'matrx', to: ['matrix'] }]);
  });

  it('"amelie" finds Amélie', async () => {
    expect(await titles({ text: 'amelie' })).toEqual(['Amélie']);
    expect(await titles({ text: 'AMÉLIE poulain' })).toEqual(['Amélie']);
  });

  it('"kubrik" finds Kubrick\'s films through the director', async () => {
    expect((await titles({ text: 'kubrik' })).sort()).toEqual([
      '2001: A Space Odyssey',
      'A Clockwork Orange',
      'The Shining',
    ]);
  });

  it('forgives swapped and wrong letters', async () => {
    expect(await titles({ text: 'shinnig' })).toEqual(['The Shining']);
    expect(await titles({ text: 'clockwrok orange' })).toEqual(['A Clockwork Orange']);
  });

  it('finds titles by their original title', async () => {
    expect(await titles({ text: 'chihiro' })).toEqual(['Spirited Away']);
  });

  it('completes the last word as a prefix (autocomplete)', async () => {
    expect((await titles({ text: 'matr' })).sort()).toEqual(['The Matrix', 'The Matrix Reloaded']);
    expect(await titles({ text: 'matrix rel' })).toEqual(['The Matrix Reloaded']);
    const s = await core.call('catalog.suggest', { prefix: 'spir' });
    expect(s.map((x) => x.title)).toEqual(['Spirited Away']);
  });

  it('never corrects to a word only a removed title had', async () => {
    const fresh = tempLibrary();
    try {
      const c = fresh.core;
      const gone = await c.call('catalog.add', { kind: 'movie', title: 'Zeppelinfahrt' });
      expect((await c.call('catalog.search', { text: 'zepelinfahrt' })).corrections).toEqual([
        { from: 'zepelinfahrt', to: ['zeppelinfahrt'] },
      ]);
      await c.call('catalog.remove', { id: gone.id });
      expect(await c.call('catalog.search', { text: 'zepelinfahrt' })).toMatchObject({
        total: 0,
        corrections: [],
      });
    } finally {
      fresh.cleanup();
    }
  });

  it('a word nothing resembles finds nothing rather than something random', async () => {
    const r = await core.call('catalog.search', { text: 'zzyzx' });
    expect(r.total).toBe(0);
  });
});

describe('filters', () => {
  it('by kind: movies and series by default, seasons when asked', async () => {
    expect(await titles({ text: 'wire' })).toEqual(['The Wire']);
    expect(await titles({ kinds: ['season'] })).toEqual(['Season 1']);
    expect(await titles({ kinds: ['series'] })).toEqual(['The Wire']);
  });

  it('by genre and year range together', async () => {
    expect(
      await titles({ genres: ['science fiction'], yearFrom: 1990, yearTo: 2005, sort: 'year', order: 'asc' }),
    ).toEqual(['The Matrix', 'The Matrix Reloaded']);
  });

  it('by owned format, owned or not', async () => {
    expect(await titles({ formats: ['4k-uhd', 'dvd'], sort: 'title' })).toEqual(['Amélie', 'The Shining']);
    expect(await titles({ owned: false, text: 'matrix' })).toEqual(['The Matrix Reloaded']);
  });

  it('watched and unwatched', async () => {
    expect(await titles({ watched: true, sort: 'title' })).toEqual(['Amélie', 'The Matrix', 'The Shining']);
    expect(await titles({ watched: false, text: 'kubrick', sort: 'title' })).toEqual([
      '2001: A Space Odyssey',
      'A Clockwork Orange',
    ]);
  });

  it('by rating range, tag, list and status', async () => {
    expect(await titles({ ratingMin: 4, sort: 'rating' })).toEqual(['The Matrix', 'Amélie']);
    expect(await titles({ tags: ['cult'] })).toEqual(['A Clockwork Orange']);
    expect(await titles({ list: 'watchlist' })).toEqual(['Spirited Away']);
    expect(await titles({ statuses: ['on-hold'] })).toEqual(['The Wire']);
  });

  it('rejects contradictory ranges with the field named', async () => {
    await expect(core.call('catalog.search', { yearFrom: 2000, yearTo: 1990 })).rejects.toMatchObject({
      code: 'invalid_argument',
      issues: [{ field: 'yearFrom', message: 'yearFrom is after yearTo' }],
    });
    await expect(core.call('catalog.search', { list: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('sorting and pages', () => {
  it('sorts by title ignoring leading articles', async () => {
    expect(await titles({ kinds: ['movie'], sort: 'title' })).toEqual([
      '2001: A Space Odyssey',
      'Amélie',
      'A Clockwork Orange',
      'The Matrix',
      'The Matrix Reloaded',
      'The Shining',
      'Spirited Away',
    ]);
  });

  it('sorts by year, rating, date added and last watched', async () => {
    // Same year (2001): alphabetical, whichever way the years run.
    expect((await titles({ kinds: ['movie'], sort: 'year' })).slice(0, 3)).toEqual([
      'The Matrix Reloaded',
      'Amélie',
      'Spirited Away',
    ]);
    expect(await titles({ text: 'matrix', sort: 'year', order: 'asc' })).toEqual([
      'The Matrix',
      'The Matrix Reloaded',
    ]);
    expect((await titles({ kinds: ['movie'], sort: 'year', order: 'asc' }))[0]).toBe('2001: A Space Odyssey');
    expect((await titles({ sort: 'rating' })).slice(0, 3)).toEqual(['The Matrix', 'Amélie', 'The Shining']);
    expect((await titles({ sort: 'added' }))[0]).toBe('The Wire');
    // Amélie was watched on an unknown date: it has no last-watched date and goes last.
    expect(await titles({ watched: true, sort: 'lastWatched' })).toEqual([
      'The Shining',
      'The Matrix',
      'Amélie',
    ]);
  });

  it('pages through results with a stable total', async () => {
    const all = await titles({ kinds: ['movie'], sort: 'title' });
    const page1 = await core.call('catalog.search', { kinds: ['movie'], sort: 'title', limit: 3 });
    const page3 = await core.call('catalog.search', { kinds: ['movie'], sort: 'title', limit: 3, offset: 6 });
    expect(page1.total).toBe(7);
    expect(page3.total).toBe(7);
    expect([...page1.items, ...page3.items].map((i) => i.title)).toEqual([
      ...all.slice(0, 3),
      ...all.slice(6),
    ]);
    const beyond = await core.call('catalog.search', { kinds: ['movie'], limit: 3, offset: 30 });
    expect(beyond).toMatchObject({ total: 7, items: [] });
  });

  it('each result carries what a list view shows', async () => {
    const [m] = (await core.call('catalog.search', { text: 'the matrix', limit: 1 })).items;
    expect(m).toMatchObject({
      title: 'The Matrix',
      year: 1999,
      genres: ['Science Fiction', 'Action'],
      rating: 5,
      watchCount: 1,
      lastWatchedOn: '2021-01-01',
      formats: ['blu-ray'],
    });
  });
});

describe('filters stay true after every kind of change', () => {
  it('sees writes made after the first search', async () => {
    const fresh = tempLibrary();
    const c = fresh.core;
    try {
      const count = async (q: SearchQuery) => (await c.call('catalog.search', q)).total;
      const a = await c.call('catalog.add', { kind: 'movie', title: 'Alpha', year: 1990, genres: ['Drama'] });
      expect(await count({ text: 'alpha' })).toBe(1);
      // Load every facet group now, so each write below must be picked up incrementally.
      const everything: SearchQuery = {
        genres: ['drama'],
        owned: true,
        watched: true,
        ratingMin: 1,
        tags: ['noir'],
        list: 'favorites',
        statuses: ['dropped'],
        sort: 'lastWatched',
      };
      expect(await count({ ...everything, sort: 'rating' })).toBe(0);

      const b = await c.call('catalog.add', { kind: 'movie', title: 'Alphaville', year: 1965 });
      expect(await count({ text: 'alph' })).toBe(2);
      await c.call('catalog.update', { id: a.id, year: 2005, genres: ['Comedy', 'Épouvante'] });
      expect(await count({ genres: ['ÉPOUVANTE'] })).toBe(1);
      expect(await count({ genres: ['drama'] })).toBe(0);
      expect(await count({ genres: ['comedy'], yearFrom: 2000 })).toBe(1);
      const copy = await c.call('copies.add', { titleId: b.id, format: 'laserdisc' });
      expect(await count({ formats: ['laserdisc'] })).toBe(1);
      await c.call('copies.remove', { id: copy.id });
      expect(await count({ owned: true })).toBe(0);
      const w = await c.call('watch.add', { titleId: a.id, watchedOn: '2024-01-01' });
      expect(await count({ watched: true })).toBe(1);
      await c.call('watch.remove', { id: w.id });
      expect(await count({ watched: true })).toBe(0);
      await c.call('ratings.set', { titleId: b.id, stars: 2 });
      expect(await count({ ratingMax: 2 })).toBe(1);
      await c.call('ratings.set', { titleId: b.id, stars: 4 });
      expect(await count({ ratingMax: 2 })).toBe(0);
      await c.call('tags.add', { titleId: a.id, tag: 'Noir' });
      expect(await count({ tags: ['noir'] })).toBe(1);
      await c.call('lists.add', { list: 'favorites', titleId: b.id });
      expect(await count({ list: 'favorites' })).toBe(1);
      await c.call('watch.setStatus', { titleId: a.id, status: 'dropped' });
      expect(await count({ statuses: ['dropped'] })).toBe(1);
      expect((await c.call('catalog.search', { sort: 'title' })).items.map((i) => i.title)).toEqual([
        'Alpha',
        'Alphaville',
      ]);
      await c.call('catalog.update', { id: a.id, title: 'Zulu' });
      expect((await c.call('catalog.search', { sort: 'title' })).items.map((i) => i.title)).toEqual([
        'Alphaville',
        'Zulu',
      ]);
      await c.call('catalog.remove', { id: b.id });
      expect(await count({})).toBe(1);
      expect(await count({ list: 'favorites' })).toBe(0);
    } finally {
      fresh.cleanup();
    }
  });
});
