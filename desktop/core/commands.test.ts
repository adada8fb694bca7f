import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreError, type CommandArgs, type CommandName } from '@reelshelf/shared/contracts';
import { snapshot, tempLibrary } from './test-support';
import type { Core } from './core';

let lib: ReturnType<typeof tempLibrary>;
let core: Core;
beforeEach(() => {
  lib = tempLibrary();
  core = lib.core;
});
afterEach(() => lib.cleanup());

const matrix = () =>
  core.call('catalog.add', {
    kind: 'movie',
    title: 'The Matrix',
    year: 1999,
    runtimeMinutes: 136,
    genres: ['Science Fiction', 'Action'],
    externalIds: { imdb: 'tt0133093', tmdb: 603 },
    credits: [
      { role: 'crew', job: 'Director', person: { name: 'Lana Wachowski' } },
      { role: 'cast', order: 0, character: 'Neo', person: { name: 'Keanu Reeves', tmdbId: 6384 } },
    ],
  });

/** Runs a command that must be refused: returns the error and checks not one row changed. */
async function refused<C extends CommandName>(command: C, args: unknown): Promise<CoreError> {
  const before = snapshot(lib.core.library.sqlite);
  const error = await core.call(command, args as CommandArgs<C>).then(
    () => {
      throw new Error(`${command} was accepted`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CoreError);
  expect(snapshot(lib.core.library.sqlite)).toBe(before);
  return error as CoreError;
}

describe('the command door', () => {
  it('an unknown command is a typed error', async () => {
    await expect(core.callByName('catalog.explode', {})).rejects.toMatchObject({ code: 'unknown_command' });
  });

  it('tells listeners about a change once it is committed, and never about a refused one', async () => {
    const heard: string[][] = [];
    core.on('changed', ({ entities }) => heard.push(entities));
    const m = await matrix();
    expect(heard).toEqual([['titles']]);
    await expect(
      core.call('catalog.add', { kind: 'movie', title: 'Twin', externalIds: { imdb: 'tt0133093' } }),
    ).rejects.toThrow();
    await expect(core.call('lists.add', { list: 'watchlist', titleId: 'missing' })).rejects.toThrow();
    await core.call('watch.setStatus', { titleId: m.id, status: 'watching' });
    expect(heard).toEqual([['titles'], ['statuses', 'lists']]);
  });

  it('a bad argument names the field and writes nothing', async () => {
    const e = await refused('catalog.add', { kind: 'film', title: '' });
    expect(e.code).toBe('invalid_argument');
    expect(e.issues.map((i) => i.field).sort()).toEqual(['kind', 'title']);
    expect(e.message).toContain('title: must not be empty');
  });
});

describe('catalog', () => {
  it('adds a title with genres, ids and credits, and reads it back', async () => {
    const m = await matrix();
    expect(m).toMatchObject({
      title: 'The Matrix',
      sortTitle: 'Matrix',
      year: 1999,
      genres: ['Science Fiction', 'Action'],
      externalIds: { imdb: 'tt0133093', tmdb: 603 },
      watchCount: 0,
      rating: null,
    });
    expect(m.credits.map((c) => [c.role, c.person.name, c.character ?? c.job])).toEqual([
      ['cast', 'Keanu Reeves', 'Neo'],
      ['crew', 'Lana Wachowski', 'Director'],
    ]);
    expect(await core.call('catalog.get', { id: m.id })).toEqual(m);
  });

  it('refuses a second title with the same IMDb id and names the first', async () => {
    const m = await matrix();
    const e = await refused('catalog.add', {
      kind: 'movie',
      title: 'Matrix again',
      externalIds: { imdb: 'tt0133093' },
    });
    expect(e.code).toBe('conflict');
    expect(e.message).toContain(m.id);
  });

  it('shares one person between credits on several titles', async () => {
    const m = await matrix();
    const jw = await core.call('catalog.add', {
      kind: 'movie',
      title: 'John Wick',
      credits: [{ role: 'cast', order: 0, person: { name: 'Keanu Reeves' } }],
    });
    expect(jw.credits[0]!.person.id).toBe(m.credits.find((c) => c.role === 'cast')!.person.id);
  });

  it('updates fields, keeps the rest, and re-derives the sort title', async () => {
    const m = await matrix();
    const u = await core.call('catalog.update', {
      id: m.id,
      title: 'The Matrix (Remastered)',
      genres: ['Action'],
    });
    expect(u).toMatchObject({
      title: 'The Matrix (Remastered)',
      sortTitle: 'Matrix (Remastered)',
      year: 1999,
      genres: ['Action'],
    });
    expect((await core.call('catalog.search', { text: 'remastered' })).items.map((i) => i.id)).toEqual([
      m.id,
    ]);
  });

  it('changes only the fields a patch names; ids can be replaced or removed one by one', async () => {
    const m = await matrix();
    const u = await core.call('catalog.update', { id: m.id, year: 2000 });
    expect(u).toMatchObject({
      year: 2000,
      genres: m.genres,
      externalIds: m.externalIds,
      runtimeMinutes: 136,
    });
    const noImdb = await core.call('catalog.update', { id: m.id, externalIds: { imdb: null, tvdb: 77 } });
    expect(noImdb.externalIds).toEqual({ tmdb: 603, tvdb: 77 });
    const cleared = await core.call('catalog.update', {
      id: m.id,
      runtimeMinutes: null,
      overview: 'A hacker learns the truth.',
    });
    expect(cleared).toMatchObject({
      runtimeMinutes: null,
      overview: 'A hacker learns the truth.',
      year: 2000,
    });
    expect((await core.call('catalog.update', { id: m.id, sortTitle: 'Matrix, The' })).sortTitle).toBe(
      'Matrix, The',
    );
    expect((await core.call('catalog.update', { id: m.id, sortTitle: null })).sortTitle).toBe('Matrix');
    const copy = await core.call('copies.add', {
      titleId: m.id,
      format: 'dvd',
      edition: 'Promo',
      price: { amount: '5', currency: 'EUR' },
    });
    expect(await core.call('copies.update', { id: copy.id, edition: null, price: null })).toMatchObject({
      format: 'dvd',
      edition: null,
      price: null,
    });
    const review = await core.call('reviews.add', {
      titleId: m.id,
      text: 'Spoilers!',
      containsSpoilers: true,
      visibility: 'public',
    });
    expect(await core.call('reviews.update', { id: review.id, text: 'Still spoilers' })).toMatchObject({
      containsSpoilers: true,
      visibility: 'public',
    });
    const list = await core.call('lists.create', { name: 'Loose', ranked: false });
    expect(await core.call('lists.update', { id: list.id, name: 'Loose ends' })).toMatchObject({
      ranked: false,
    });
  });

  it('replaces credits and the new names become searchable', async () => {
    const m = await matrix();
    await core.call('catalog.setCredits', {
      titleId: m.id,
      credits: [{ role: 'crew', job: 'Director', person: { name: 'Lilly Wachowski' } }],
    });
    expect((await core.call('catalog.search', { text: 'lilly' })).total).toBe(1);
    expect((await core.call('catalog.search', { text: 'keanu' })).total).toBe(0);
  });

  it('matches people by id, and by name only when no id says they are someone else', async () => {
    const m = await matrix(); // Keanu Reeves, TMDb 6384
    const other = await core.call('catalog.add', { kind: 'movie', title: 'Another Film' });
    const cast = (person: { name: string; tmdbId?: number }) =>
      core.call('catalog.setCredits', { titleId: other.id, credits: [{ role: 'cast', order: 0, person }] });
    const personOf = async (id: string) => (await core.call('catalog.get', { id })).credits[0]!.person.id;
    const keanu = (await core.call('catalog.get', { id: m.id })).credits.find((c) => c.role === 'cast')!
      .person.id;
    await cast({ name: 'Keanu Reeves' });
    expect(await personOf(other.id)).toBe(keanu); // no id: the name is enough
    await cast({ name: 'Keanu Reeves', tmdbId: 999 });
    expect(await personOf(other.id)).not.toBe(keanu); // a namesake with another TMDb id
    await cast({ name: 'K. Reeves', tmdbId: 6384 });
    expect(await personOf(other.id)).toBe(keanu); // the id wins over the spelling
  });

  it('removes a title with everything hanging off it', async () => {
    const m = await matrix();
    await core.call('watch.add', { titleId: m.id, watchedOn: '2020-02-02' });
    await core.call('copies.add', { titleId: m.id, format: 'dvd' });
    await core.call('lists.add', { list: 'watchlist', titleId: m.id });
    await core.call('catalog.remove', { id: m.id });
    await expect(core.call('catalog.get', { id: m.id })).rejects.toMatchObject({ code: 'not_found' });
    expect((await core.call('catalog.search', { text: 'matrix' })).total).toBe(0);
    expect(await core.call('lists.items', { list: 'watchlist' })).toEqual([]);
    expect((await core.call('stats.summary')).watches.events).toBe(0);
  });

  it('builds series → season → episode and refuses an episode without a season', async () => {
    const series = await core.call('catalog.add', { kind: 'series', title: 'Twin Creeks' });
    const season = await core.call('catalog.add', {
      kind: 'season',
      title: 'Season 1',
      parentId: series.id,
      seasonNumber: 1,
    });
    const ep = await core.call('catalog.add', {
      kind: 'episode',
      title: 'Pilot',
      parentId: season.id,
      seasonNumber: 1,
      episodeNumber: 1,
    });
    expect(ep.parentId).toBe(season.id);
    const e = await refused('catalog.add', { kind: 'episode', title: 'Orphan', parentId: series.id });
    expect(e.issues[0]).toEqual({ field: 'parentId', message: 'must be the id of a season' });
    expect((await refused('catalog.add', { kind: 'season', title: 'S2' })).issues[0]!.field).toBe('parentId');
  });

  it('rejects an impossible date and an unknown id with the field named', async () => {
    expect(
      (await refused('catalog.add', { kind: 'movie', title: 'X', releaseDate: '1999-02-30' })).issues[0],
    ).toEqual({
      field: 'releaseDate',
      message: 'not a real calendar date',
    });
    expect(
      (await refused('catalog.add', { kind: 'movie', title: 'X', externalIds: { imdb: '133093' } }))
        .issues[0]!.field,
    ).toBe('externalIds.imdb');
    expect((await refused('catalog.update', { id: 'nope', title: 'Y' })).code).toBe('not_found');
  });
});

describe('copies', () => {
  it('records a copy with edition, region, barcode, shelf and price, lends and returns it', async () => {
    const m = await matrix();
    const copy = await core.call('copies.add', {
      titleId: m.id,
      format: '4k-uhd',
      edition: 'Steelbook',
      region: 'B',
      barcode: '4006381333931',
      location: 'Shelf 3',
      purchaseDate: '2021-06-01',
      price: { amount: '24.99', currency: 'EUR' },
      boxSet: 'Trilogy box',
    });
    expect(copy).toMatchObject({
      format: '4k-uhd',
      barcode: '4006381333931',
      price: { amount: '24.99', currency: 'EUR' },
      loan: null,
    });
    const lent = await core.call('copies.lend', {
      id: copy.id,
      loan: { borrower: 'Sam', since: '2024-01-01', due: '2024-02-01' },
    });
    expect(lent.loan).toEqual({ borrower: 'Sam', since: '2024-01-01', due: '2024-02-01' });
    expect(await core.call('copies.list', { onLoan: true })).toHaveLength(1);
    expect(
      (await refused('copies.lend', { id: copy.id, loan: { borrower: 'Noor', since: '2024-01-05' } }))
        .message,
    ).toContain('Sam');
    expect((await core.call('copies.return', { id: copy.id })).loan).toBeNull();
    const moved = await core.call('copies.update', { id: copy.id, location: 'Attic' });
    expect(moved).toMatchObject({ location: 'Attic', edition: 'Steelbook' });
    expect((await core.call('stats.summary')).copies).toMatchObject({
      total: 1,
      byFormat: { '4k-uhd': 1 },
      value: { EUR: '24.99' },
    });
    await core.call('copies.remove', { id: copy.id });
    expect(await core.call('copies.list', {})).toEqual([]);
  });

  it('refuses bad copies with the field named and nothing written', async () => {
    const m = await matrix();
    expect((await refused('copies.add', { titleId: m.id, format: 'betamax' })).issues[0]!.field).toBe(
      'format',
    );
    const bad = await refused('copies.add', { titleId: m.id, format: 'dvd', barcode: '4006381333932' });
    expect(bad.issues[0]).toEqual({
      field: 'barcode',
      message: 'invalid barcode "4006381333932": check digit is 2, expected 1',
    });
    expect(
      (
        await refused('copies.add', {
          titleId: m.id,
          format: 'dvd',
          price: { amount: '9.999', currency: 'EUR' },
        })
      ).issues[0]!.field,
    ).toBe('price.amount');
    expect((await refused('copies.add', { titleId: 'missing', format: 'dvd' })).code).toBe('not_found');
    const copy = await core.call('copies.add', { titleId: m.id, format: 'dvd' });
    const early = await refused('copies.lend', {
      id: copy.id,
      loan: { borrower: 'Sam', since: '2024-02-01', due: '2024-01-01' },
    });
    expect(early.issues[0]!.field).toBe('loan.due');
    expect((await refused('copies.return', { id: copy.id })).message).toBe('This copy is not on loan.');
  });
});

describe('history', () => {
  it('counts rewatches and the last-watched date from watch events, undated ones included', async () => {
    const m = await matrix();
    await core.call('watch.add', { titleId: m.id, watchedOn: '2019-03-01' });
    const latest = await core.call('watch.add', { titleId: m.id, watchedOn: '2023-12-24' });
    await core.call('watch.add', { titleId: m.id });
    let t = await core.call('catalog.get', { id: m.id });
    expect(t).toMatchObject({ watchCount: 3, lastWatchedOn: '2023-12-24', watchedUndated: true });
    expect((await core.call('watch.list', { titleId: m.id })).map((w) => w.watchedOn)).toEqual([
      '2023-12-24',
      '2019-03-01',
      null,
    ]);
    await core.call('watch.remove', { id: latest.id });
    t = await core.call('catalog.get', { id: m.id });
    expect(t).toMatchObject({ watchCount: 2, lastWatchedOn: '2019-03-01' });
    const stats = await core.call('stats.summary');
    expect(stats.watches).toEqual({ events: 2, distinctTitles: 1, undated: 1, rewatches: 1, minutes: 272 });
  });

  it('rates in half stars and refuses anything else', async () => {
    const m = await matrix();
    expect(await core.call('ratings.set', { titleId: m.id, stars: 4.5 })).toEqual({
      titleId: m.id,
      stars: 4.5,
    });
    await core.call('ratings.set', { titleId: m.id, stars: 3 });
    expect((await core.call('catalog.get', { id: m.id })).rating).toBe(3);
    for (const stars of [0, 4.2, 5.5, Number.NaN]) {
      expect((await refused('ratings.set', { titleId: m.id, stars })).issues[0]!.field).toBe('stars');
    }
    await core.call('ratings.clear', { titleId: m.id });
    expect((await core.call('catalog.get', { id: m.id })).rating).toBeNull();
  });

  it('keeps reviews with spoiler flag and visibility', async () => {
    const m = await matrix();
    const r = await core.call('reviews.add', { titleId: m.id, text: 'The ending!', containsSpoilers: true });
    expect(r).toMatchObject({ containsSpoilers: true, visibility: 'private' });
    const u = await core.call('reviews.update', { id: r.id, visibility: 'friends' });
    expect(u).toMatchObject({ text: 'The ending!', visibility: 'friends' });
    expect(await core.call('reviews.list', { titleId: m.id })).toHaveLength(1);
    expect((await refused('reviews.add', { titleId: m.id, text: '   ' })).issues[0]!.field).toBe('text');
    await core.call('reviews.remove', { id: r.id });
    expect(await core.call('reviews.list', { titleId: m.id })).toEqual([]);
  });

  it('a status of watching or completed shows on the system list of that name', async () => {
    const m = await matrix();
    await core.call('watch.setStatus', { titleId: m.id, status: 'watching' });
    expect((await core.call('lists.items', { list: 'watching' })).map((i) => i.titleId)).toEqual([m.id]);
    await core.call('watch.setStatus', { titleId: m.id, status: 'completed' });
    expect(await core.call('lists.items', { list: 'watching' })).toEqual([]);
    expect((await core.call('lists.items', { list: 'completed' })).map((i) => i.titleId)).toEqual([m.id]);
    expect((await core.call('catalog.get', { id: m.id })).status).toBe('completed');
    await core.call('watch.setStatus', { titleId: m.id, status: null });
    expect(await core.call('lists.items', { list: 'completed' })).toEqual([]);
    expect((await refused('watch.setStatus', { titleId: m.id, status: 'binging' })).issues[0]!.field).toBe(
      'status',
    );
  });
});

describe('lists', () => {
  it('has the four system lists, which cannot be renamed or removed', async () => {
    const all = await core.call('lists.all');
    expect(all.map((l) => l.system)).toEqual(['watchlist', 'favorites', 'watching', 'completed']);
    expect((await refused('lists.remove', { id: all[0]!.id })).code).toBe('invalid_argument');
    expect((await refused('lists.update', { id: all[0]!.id, name: 'Mine' })).code).toBe('invalid_argument');
  });

  it('keeps a ranked custom list in the order the user sets, with notes', async () => {
    const ids: string[] = [];
    for (const title of ['A', 'B', 'C', 'D'])
      ids.push((await core.call('catalog.add', { kind: 'movie', title })).id);
    const list = await core.call('lists.create', { name: 'Top picks', description: 'Best ever' });
    for (const id of ids.slice(0, 3)) await core.call('lists.add', { list: list.id, titleId: id });
    await core.call('lists.add', { list: list.id, titleId: ids[3]!, position: 0, note: 'the best' });
    const order = async () => (await core.call('lists.items', { list: list.id })).map((i) => i.title);
    expect(await order()).toEqual(['D', 'A', 'B', 'C']);
    await core.call('lists.move', { list: list.id, titleId: ids[0]!, position: 3 });
    expect(await order()).toEqual(['D', 'B', 'C', 'A']);
    await core.call('lists.move', { list: list.id, titleId: ids[2]!, position: 0 });
    expect(await order()).toEqual(['C', 'D', 'B', 'A']);
    expect((await core.call('lists.items', { list: list.id }))[1]).toMatchObject({
      note: 'the best',
      position: 1,
    });
    expect((await refused('lists.add', { list: list.id, titleId: ids[1]! })).code).toBe('conflict');
    await core.call('lists.removeItem', { list: list.id, titleId: ids[1]! });
    expect(await order()).toEqual(['C', 'D', 'A']);
    expect((await core.call('lists.update', { id: list.id, name: 'Top three' })).name).toBe('Top three');
    await core.call('lists.remove', { id: list.id });
    expect((await refused('lists.items', { list: list.id })).code).toBe('not_found');
  });

  it('refuses unknown lists and empty names', async () => {
    expect((await refused('lists.items', { list: 'wishlist' })).issues[0]).toEqual({
      field: 'list',
      message: 'not found',
    });
    expect((await refused('lists.create', { name: ' ' })).issues[0]!.field).toBe('name');
  });
});

describe('tags', () => {
  it('tags case-insensitively and forgets a tag nobody uses', async () => {
    const m = await matrix();
    expect(await core.call('tags.add', { titleId: m.id, tag: 'Cyberpunk' })).toEqual(['Cyberpunk']);
    expect(await core.call('tags.add', { titleId: m.id, tag: 'cyberpunk' })).toEqual(['Cyberpunk']);
    expect(await core.call('tags.all')).toEqual([{ name: 'Cyberpunk', count: 1 }]);
    expect(await core.call('tags.remove', { titleId: m.id, tag: 'CYBERPUNK' })).toEqual([]);
    expect(await core.call('tags.all')).toEqual([]);
    expect((await refused('tags.add', { titleId: m.id, tag: 'a,b' })).issues[0]!.field).toBe('tag');
  });
});

describe('stats and demo', () => {
  it('the demo builds the same library from the same seed, and only into an empty one', async () => {
    const counts = await core.call('library.demo', { titles: 300, seed: 7 });
    expect(counts.titles).toBe(300);
    const stats = await core.call('stats.summary');
    expect(stats.titles.movie + stats.titles.series + stats.titles.season + stats.titles.episode).toBe(300);
    expect(stats.watches.rewatches).toBeGreaterThan(0);
    expect(stats.copies.total).toBe(counts.copies);
    const again = tempLibrary();
    try {
      await again.core.call('library.demo', { titles: 300, seed: 7 });
      const firstPage = (c: Core) => c.call('catalog.search', { sort: 'title', limit: 20 });
      expect(await firstPage(again.core)).toEqual(await firstPage(core));
    } finally {
      again.cleanup();
    }
    expect((await refused('library.demo', { titles: 10 })).message).toContain('already has 300 titles');
  });
});
