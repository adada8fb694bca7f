import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreError, type CommandArgs } from '@reelshelf/shared/contracts';
import { tempLibrary } from '../test-support';
import type { Core } from '../core';

let lib: ReturnType<typeof tempLibrary>;
let core: Core;
beforeEach(() => {
  lib = tempLibrary();
  core = lib.core;
});
afterEach(() => lib.cleanup());

const add = async (
  title: string,
  o: { kind?: 'movie' | 'series'; genres?: string[]; director?: string; cast?: string[] } = {},
) =>
  (
    await core.call('catalog.add', {
      kind: o.kind ?? 'movie',
      title,
      genres: o.genres ?? [],
      credits: [
        ...(o.director ? [{ role: 'crew' as const, job: 'Director', person: { name: o.director } }] : []),
        ...(o.cast ?? []).map((name, order) => ({ role: 'cast' as const, order, person: { name } })),
      ],
    })
  ).id;
const similar = async (id: string, limit?: number) =>
  (await core.call('catalog.similar', { id, limit })).map((t) => t.title);

describe('catalog.similar', () => {
  it('ranks a film by the same director above one that only shares genres, and never the title itself', async () => {
    const heat = await add('Heat', {
      genres: ['Crime', 'Drama'],
      director: 'Michael Mann',
      cast: ['Al Pacino'],
    });
    await add('Collateral', { genres: ['Thriller'], director: 'Michael Mann' });
    await add('Same Genres', { genres: ['Crime', 'Drama'] });
    await add('Same Actor', { genres: ['Comedy'], cast: ['Al Pacino'] });
    await add('Unrelated', { genres: ['Animation'], director: 'Someone Else' });
    await add('Crime Series', { kind: 'series', genres: ['Crime', 'Drama'], director: 'Michael Mann' });
    for (let i = 0; i < 6; i++) await add(`Filler ${i}`, { genres: ['Drama'] });

    const titles = await similar(heat);
    expect(titles[0]).toBe('Collateral');
    expect(titles.indexOf('Same Actor')).toBeLessThan(titles.indexOf('Same Genres'));
    expect(titles.indexOf('Same Genres')).toBeLessThan(titles.indexOf('Filler 0'));
    expect(titles).not.toContain('Heat');
    expect(titles).not.toContain('Unrelated');
    expect(titles).not.toContain('Crime Series'); // films with films
    expect(await similar(heat, 2)).toEqual(['Collateral', titles[1]]);
  });

  it('weighs shared keywords, and compares series with series, never their own seasons or episodes', async () => {
    const show = await add('The Wire', { kind: 'series', genres: ['Crime'] });
    const other = await add('The Corner', { kind: 'series', genres: ['Crime'] });
    await add('Treme', { kind: 'series', genres: ['Drama'] });
    await add('Crime Film', { genres: ['Crime'] });
    const season = await core.call('catalog.add', {
      kind: 'season',
      title: 'Season 1',
      parentId: show,
      seasonNumber: 1,
      genres: ['Crime'],
    });
    const episode = await core.call('catalog.add', {
      kind: 'episode',
      title: 'The Target',
      parentId: season.id,
      seasonNumber: 1,
      episodeNumber: 1,
      genres: ['Crime'],
    });
    const keyword = core.library.sqlite.prepare(
      'INSERT INTO title_keywords (title_id, keyword) VALUES (?, ?)',
    );
    keyword.run(show, 'baltimore');
    const treme = (await core.call('catalog.search', { text: 'Treme' })).items[0]!.id;
    keyword.run(treme, 'baltimore');
    keyword.run(treme, 'new orleans');

    expect(await similar(show)).toEqual(expect.arrayContaining(['The Corner', 'Treme']));
    expect(await similar(show)).toHaveLength(2);
    // An episode stands for its series: the series itself is not similar to it.
    expect(await similar(episode.id)).toEqual(await similar(show));
    expect(await similar(other)).toEqual(['The Wire']);
  });

  it('answers quickly on a 2,000-title demo library with films only for a film', async () => {
    await core.call('library.demo', { titles: 2_000 });
    const films = core.library.sqlite
      .prepare("SELECT id FROM titles WHERE kind = 'movie' ORDER BY pk LIMIT 20")
      .pluck()
      .all() as string[];
    const started = performance.now();
    for (const id of films) {
      const result = await core.call('catalog.similar', { id });
      expect(result.length).toBeGreaterThan(0);
      expect(result.length).toBeLessThanOrEqual(12);
      expect(result.every((t) => t.kind === 'movie' && t.id !== id)).toBe(true);
    }
    // Generous for a loaded CI machine; typically a few ms each.
    expect((performance.now() - started) / films.length).toBeLessThan(250);
  });

  it('names the bad field', async () => {
    const bad = async (args: unknown) => {
      const e = await core
        .call('catalog.similar', args as CommandArgs<'catalog.similar'>)
        .catch((x: unknown) => x);
      expect(e).toBeInstanceOf(CoreError);
      return e as CoreError;
    };
    expect((await bad({})).issues[0]!.field).toBe('id');
    expect((await bad({ id: 'x', limit: 0 })).issues[0]!.field).toBe('limit');
    const missing = await bad({ id: 'missing' });
    expect(missing.code).toBe('not_found');
    expect(missing.issues[0]!.field).toBe('id');
  });
});
