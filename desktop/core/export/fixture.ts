import type { Core } from '../core';

/**
 * A small library that uses every command family, for the export tests: titles of every
 * kind with credits and genres, copies with a price, a loan and a file, dated, undated
 * and repeated watches, ratings, reviews, statuses, system and custom lists in a chosen
 * order with notes, and tags with non-ASCII names.
 */
export async function buildRichLibrary(core: Core) {
  const matrix = await core.call('catalog.add', {
    kind: 'movie',
    title: 'The Matrix',
    year: 1999,
    releaseDate: '1999-03-31',
    runtimeMinutes: 136,
    overview: 'A hacker learns, "the truth".\nThen fights.',
    language: 'en',
    certification: 'R',
    genres: ['Science Fiction', 'Action'],
    externalIds: { imdb: 'tt0133093', tmdb: 603 },
    credits: [
      { role: 'crew', job: 'Director', department: 'Directing', person: { name: 'Lana Wachowski' } },
      { role: 'cast', order: 0, character: 'Neo', person: { name: 'Keanu Reeves', tmdbId: 6384 } },
      {
        role: 'cast',
        order: 1,
        character: 'Trinity',
        person: { name: 'Carrie-Anne Moss', imdbId: 'nm0005251' },
      },
    ],
  });
  const amelie = await core.call('catalog.add', {
    kind: 'movie',
    title: 'Amélie',
    originalTitle: 'Le Fabuleux Destin d’Amélie Poulain',
    year: 2001,
    genres: ['Comédie', 'Romance'],
    credits: [{ role: 'cast', order: 0, character: 'Amélie', person: { name: 'Audrey Tautou' } }],
  });
  const formula = await core.call('catalog.add', { kind: 'movie', title: '=1+1', year: 2020 });
  const series = await core.call('catalog.add', {
    kind: 'series',
    title: 'Severance',
    year: 2022,
    externalIds: { tmdb: 95396, tvdb: 371980 },
    genres: ['Drama'],
  });
  const season = await core.call('catalog.add', {
    kind: 'season',
    title: 'Season 1',
    parentId: series.id,
    seasonNumber: 1,
  });
  const episode = await core.call('catalog.add', {
    kind: 'episode',
    title: 'Good News About Hell',
    parentId: season.id,
    seasonNumber: 1,
    episodeNumber: 1,
    runtimeMinutes: 57,
  });

  const bluRay = await core.call('copies.add', {
    titleId: matrix.id,
    format: 'blu-ray',
    edition: 'Collector’s',
    region: 'B',
    barcode: '4006381333931',
    location: 'Shelf 2',
    purchaseDate: '2020-05-01',
    price: { amount: '19.99', currency: 'EUR' },
    notes: 'Bought, used',
    boxSet: 'The Matrix Trilogy',
  });
  await core.call('copies.lend', {
    id: bluRay.id,
    loan: { borrower: 'Zoë', since: '2024-01-02', due: '2024-02-01' },
  });
  await core.call('copies.add', {
    titleId: amelie.id,
    format: 'digital-file',
    file: { path: '/films/Amélie (2001).mkv', size: 4_294_967_296, container: 'mkv', resolution: '1080p' },
  });

  await core.call('watch.add', { titleId: matrix.id, watchedOn: '2001-06-01' });
  await core.call('watch.add', { titleId: matrix.id, watchedOn: '2021-12-24' });
  await core.call('watch.add', { titleId: matrix.id, watchedOn: null });
  await core.call('watch.add', { titleId: amelie.id, watchedOn: null });
  await core.call('watch.add', { titleId: episode.id, watchedOn: '2022-02-18' });

  await core.call('ratings.set', { titleId: matrix.id, stars: 4.5 });
  await core.call('ratings.set', { titleId: amelie.id, stars: 3 });
  await core.call('ratings.set', { titleId: series.id, stars: 5 });
  await core.call('reviews.add', {
    titleId: matrix.id,
    text: 'Neo is the One, "obviously".',
    containsSpoilers: true,
    visibility: 'friends',
  });
  await core.call('reviews.add', { titleId: amelie.id, text: 'Charmant.' });

  await core.call('watch.setStatus', { titleId: series.id, status: 'watching' });
  await core.call('watch.setStatus', { titleId: matrix.id, status: 'completed' });
  await core.call('watch.setStatus', { titleId: amelie.id, status: 'on-hold' });

  await core.call('lists.add', { list: 'watchlist', titleId: formula.id, note: 'someday' });
  await core.call('lists.add', { list: 'watchlist', titleId: amelie.id, position: 0 });
  await core.call('lists.add', { list: 'favorites', titleId: matrix.id });
  const custom = await core.call('lists.create', {
    name: 'Mind benders',
    description: 'Weird, good.',
    ranked: true,
  });
  await core.call('lists.add', { list: custom.id, titleId: matrix.id, note: 'start here' });
  await core.call('lists.add', { list: custom.id, titleId: series.id });
  await core.call('lists.add', { list: custom.id, titleId: amelie.id, note: 'a break, "light"' });
  await core.call('lists.move', { list: custom.id, titleId: amelie.id, position: 0 });
  const unranked = await core.call('lists.create', { name: 'Ça', ranked: false });
  await core.call('lists.add', { list: unranked.id, titleId: episode.id });

  for (const tag of ['Noir', 'Ästhetik', '日本映画'])
    await core.call('tags.add', { titleId: matrix.id, tag });
  await core.call('tags.add', { titleId: amelie.id, tag: 'café' });
  await core.call('tags.add', { titleId: amelie.id, tag: 'noir' });

  return { matrix, amelie, formula, series, season, episode, custom, unranked };
}
