import { describe, expect, it } from 'vitest';
import { buildContentIndex } from '../content/content-index.ts';
import { parseCatalogue } from '../content/item-content.ts';
import { CATALOGUE } from '../content/test-catalogue.ts';
import { trendScores } from '../trends/popularity.ts';
import { coldStart } from './cold-start.ts';

const items = parseCatalogue(CATALOGUE);
const index = buildContentIndex(items, { text: { lexicalReason: 'the text model is not downloaded' } });
const at = (id: string) => index.indexOf(id);
const popularity = trendScores(
  CATALOGUE.map((x, item) => ({ item, time: 0, weight: x.plays })),
  { now: 0, window: 'all', itemCount: items.length },
);
const ids = (results: { item: number }[]) => results.map((r) => items[r.item]!.item);
const isHorror = (id: string) => items[at(id)]!.genres.includes('Horror');

describe('cold start', () => {
  it('with only Horror picked, the well-known horror comes first, the obscure one after it', () => {
    const results = coldStart(index, { genres: ['Horror'] }, { n: 8, popularity });
    const found = ids(results);
    expect(found.slice(0, 5)).toEqual(['the-shining', 'alien', 'get-out', 'hereditary', 'hollow-creek']);
    expect(found.slice(5).some(isHorror)).toBe(false);
    expect(results[0]!.reason).toEqual({ kind: 'genre', genre: 'Horror' });
    expect(results[0]!.sources.content).toBe(1);
    expect(results[0]!.sources.popularity).toBeGreaterThan(results[4]!.sources.popularity);
  });

  it('matches genre names however they are written', () => {
    const lower = ids(coldStart(index, { genres: ['horror', 'HORROR'] }, { n: 5, popularity }));
    expect(lower).toEqual(ids(coldStart(index, { genres: ['Horror'] }, { n: 5, popularity })));
  });

  it('titles with both picked genres come before titles with one', () => {
    const found = ids(coldStart(index, { genres: ['Horror', 'Science Fiction'] }, { n: 3, popularity }));
    expect(found[0]).toBe('alien');
  });

  it('with a picked title, recommends its neighbours, never the title itself, and says why', () => {
    const results = coldStart(index, { items: [at('inception')] }, { n: 3, popularity });
    expect(ids(results)).not.toContain('inception');
    for (const r of results) {
      expect(items[r.item]!.directors).toContain('Christopher Nolan');
      expect(r.reason).toEqual({ kind: 'similar-to', item: at('inception') });
    }
  });

  it('names the picked title each recommendation is like', () => {
    const results = coldStart(index, { items: [at('inception'), at('notting-hill')] }, { n: 6, popularity });
    const reasons = new Map(results.map((r) => [items[r.item]!.item, r.reason]));
    expect(reasons.get('tenet')).toEqual({ kind: 'similar-to', item: at('inception') });
    expect(reasons.get('love-actually')).toEqual({ kind: 'similar-to', item: at('notting-hill') });
  });

  it('blends picked titles and picked genres', () => {
    const results = coldStart(index, { items: [at('alien')], genres: ['Romance'] }, { n: 10, popularity });
    const kinds = new Set(results.map((r) => r.reason.kind));
    expect(kinds).toContain('similar-to');
    expect(kinds).toContain('genre');
    for (const r of results) expect(r.sources.content).toBeGreaterThan(0);
  });

  it('with nothing picked, the most popular titles, because they are popular', () => {
    const results = coldStart(index, {}, { n: 3, popularity });
    expect(ids(results)).toEqual(['dark-knight', 'inception', 'interstellar']);
    for (const r of results) {
      expect(r.reason).toEqual({ kind: 'popular' });
      expect(r.sources.content).toBe(0);
    }
    expect(ids(coldStart(index, { genres: ['Polka'], items: [] }, { n: 3, popularity }))).toEqual(
      ids(results),
    );
  });

  it('leaves out what skip says', () => {
    const found = ids(coldStart(index, {}, { n: 3, popularity, skip: (i) => i === at('dark-knight') }));
    expect(found).toEqual(['inception', 'interstellar', 'dune']);
  });

  it('names bad input', () => {
    expect(() => coldStart(index, { items: [99] }, { n: 3, popularity })).toThrow(/picks\.items\[0\]/);
    expect(() => coldStart(index, {}, { n: 3, popularity: new Float32Array(2) })).toThrow(
      /popularity: has 2/,
    );
    const broken = popularity.slice();
    broken[4] = NaN;
    expect(() => coldStart(index, {}, { n: 3, popularity: broken })).toThrow(/popularity\[4\]: NaN/);
  });
});
