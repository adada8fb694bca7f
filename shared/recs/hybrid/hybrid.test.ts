import { describe, expect, it } from 'vitest';
import { alsModel } from '../als/model.ts';
import { trainAls } from '../als/train.ts';
import { buildContentIndex } from '../content/content-index.ts';
import { parseCatalogue } from '../content/item-content.ts';
import { CATALOGUE } from '../content/test-catalogue.ts';
import { csrFromTriples } from '../matrix/csr.ts';
import { seededRandom } from '../matrix/random.ts';
import { blend, standardize } from './blend.ts';
import { eligibleItems, type ItemFacts } from './filters.ts';
import { learnBlendWeights } from './learn-weights.ts';
import { mmrRerank } from './mmr.ts';
import { recommend, type EngineParts } from './recommend.ts';

const ids = CATALOGUE.map((c) => c.item);
const at = (id: string) => ids.indexOf(id);
const TASTES = {
  scifi: [
    'inception',
    'interstellar',
    'tenet',
    'arrival',
    'blade-runner-2049',
    'dune',
    'gravity',
    'the-martian',
    'alien',
  ],
  romcom: ['notting-hill', 'love-actually', 'four-weddings', 'when-harry-met-sally', 'amelie'],
  horror: ['the-shining', 'get-out', 'hereditary', 'hollow-creek', 'alien'],
};
const SERIES = new Set(['amelie', 'dune']);
const AGES: Record<string, number> = {
  'the-shining': 17,
  'get-out': 17,
  hereditary: 17,
  alien: 17,
  sicario: 17,
  prisoners: 17,
};

/** 90 users, 30 per taste, each watching 5 of their taste's titles. */
async function engine(): Promise<EngineParts> {
  const random = seededRandom(3);
  const row: number[] = [];
  const col: number[] = [];
  Object.values(TASTES).forEach((titles, taste) => {
    for (let u = 0; u < 30; u++) {
      const picked = new Set<string>();
      while (picked.size < 5) picked.add(titles[Math.floor(random() * titles.length)]!);
      for (const title of picked) {
        row.push(taste * 30 + u);
        col.push(at(title));
      }
    }
  });
  const matrix = csrFromTriples(90, ids.length, {
    row: Int32Array.from(row),
    col: Int32Array.from(col),
    value: new Float32Array(row.length).fill(1),
  });
  const facts: ItemFacts = {
    kind: Uint8Array.from(ids, (id) => (SERIES.has(id) ? 1 : 0)),
    minimumAge: Int8Array.from(ids, (id) => AGES[id] ?? 8),
  };
  return {
    facts,
    weights: { collaborative: 1, content: 0.3, trend: 0.1 },
    als: alsModel(await trainAls(matrix, { factors: 4, regularization: 1, alpha: 5, iterations: 10 })),
    content: buildContentIndex(parseCatalogue(CATALOGUE)),
    trend: Float32Array.from(CATALOGUE, (c) => Math.log1p(c.plays)),
  };
}

const history = (...titles: string[]) => titles.map((t) => ({ item: at(t), weight: 1 }));

describe('hybrid recommendations', () => {
  it('recommends within the taste of the history, never a watched title, each with sources and a reason', async () => {
    const parts = await engine();
    const picks = recommend(parts, {
      history: history('inception', 'interstellar', 'arrival'),
      n: 5,
      diversity: 0,
    });
    expect(picks).toHaveLength(5);
    for (const pick of picks) {
      expect(['inception', 'interstellar', 'arrival']).not.toContain(ids[pick.item]);
      expect(TASTES.romcom).not.toContain(ids[pick.item]);
      expect(Number.isFinite(pick.score)).toBe(true);
      for (const value of Object.values(pick.sources)) expect(Number.isFinite(value)).toBe(true);
      if (pick.reason.kind === 'because-you-watched' || pick.reason.kind === 'similar-to') {
        expect([at('inception'), at('interstellar'), at('arrival')]).toContain(pick.reason.item);
      }
    }
    expect(picks.some((p) => p.reason.kind !== 'trending')).toBe(true);
  });

  it('only shows the kind asked for, and keeps a kid profile under its age ceiling', async () => {
    const parts = await engine();
    const series = recommend(parts, {
      history: history('inception', 'interstellar', 'tenet'),
      n: 5,
      filters: { kinds: ['series'] },
    });
    expect(series.map((p) => ids[p.item]).sort()).toEqual(['amelie', 'dune']);
    const kid = recommend(parts, {
      history: history('get-out', 'hereditary', 'hollow-creek'),
      n: 10,
      filters: { maximumAge: 12 },
    });
    expect(kid.length).toBeGreaterThan(0);
    for (const pick of kid) expect(AGES[ids[pick.item]!] ?? 8).toBeLessThanOrEqual(12);
  });

  it('diversifies the list when asked: lower average similarity between picks', async () => {
    const parts = await engine();
    const request = { history: history('inception', 'interstellar', 'tenet'), n: 6 };
    const meanSimilarity = (items: number[]) => {
      let total = 0;
      let pairs = 0;
      for (let a = 0; a < items.length; a++)
        for (let b = a + 1; b < items.length; b++, pairs++)
          total += parts.content!.similarity(items[a]!, items[b]!);
      return total / pairs;
    };
    const focused = recommend(parts, { ...request, diversity: 0 }).map((p) => p.item);
    const varied = recommend(parts, { ...request, diversity: 0.8 }).map((p) => p.item);
    expect(meanSimilarity(varied)).toBeLessThan(meanSimilarity(focused));
  });

  it('still works when the catalogue has titles the downloaded model has never seen', async () => {
    const parts = await engine();
    // A model trained before the last two titles were added to the catalogue.
    const older = csrFromTriples(2, ids.length - 2, {
      row: Int32Array.of(0, 0, 1, 1),
      col: Int32Array.of(0, 1, 10, 11),
      value: new Float32Array(4).fill(1),
    });
    const stale = {
      ...parts,
      als: alsModel(await trainAls(older, { factors: 4, regularization: 1, iterations: 3 })),
    };
    const picks = recommend(stale, {
      history: history('inception', 'interstellar', 'alien', 'the-martian'),
      n: 5,
    });
    expect(picks).toHaveLength(5);
    for (const pick of picks) expect(Number.isFinite(pick.score)).toBe(true);
  });

  it('serves a brand-new profile from the genres it picked', async () => {
    const parts = await engine();
    const picks = recommend(parts, { history: [], genres: ['Horror'], n: 3 });
    expect(picks).toHaveLength(3);
    for (const pick of picks) expect(CATALOGUE[pick.item]!.genres).toContain('Horror');
    expect(picks.every((p) => p.sources.collaborative === null)).toBe(true);
  });
});

describe('blend pieces', () => {
  it('standardises a flat source to zeros instead of NaN', () => {
    const flat = new Float32Array([2, 2, 2]);
    standardize(flat);
    expect(Array.from(flat)).toEqual([0, 0, 0]);
    const out = new Float32Array(3);
    blend(
      { collaborative: Float32Array.of(1, 0, -1), trend: flat },
      { collaborative: 2, content: 1, trend: 5 },
      out,
    );
    expect(Array.from(out)).toEqual([2, 0, -2]);
  });

  it('MMR keeps the ranking at strength 0 and swaps in a different item at higher strength', () => {
    const candidates = Int32Array.of(0, 1, 2);
    const relevance = Float32Array.of(1, 0.9, 0.8);
    const similarity = (a: number, b: number) => (a < 2 && b < 2 ? 1 : 0);
    expect(Array.from(mmrRerank(candidates, relevance, similarity, 2, 0))).toEqual([0, 1]);
    expect(Array.from(mmrRerank(candidates, relevance, similarity, 2, 0.5))).toEqual([0, 2]);
    expect(() => mmrRerank(candidates, relevance, similarity, 2, 1.5)).toThrow(/between 0 and 1/);
  });

  it('filters out excluded titles, other kinds and unrated titles in kid mode', () => {
    const facts: ItemFacts = { kind: Uint8Array.of(0, 1, 0, 0), minimumAge: Int8Array.of(0, 0, 17, -1) };
    expect(Array.from(eligibleItems(facts, {}, Uint8Array.of(1, 0, 0, 0)))).toEqual([0, 1, 1, 1]);
    expect(Array.from(eligibleItems(facts, { kinds: ['movie'] }))).toEqual([1, 0, 1, 1]);
    expect(Array.from(eligibleItems(facts, { maximumAge: 12 }))).toEqual([1, 1, 0, 0]);
  });

  it('learns the blend weights that maximise validation quality', () => {
    const quality = (w: { content: number; trend: number }) =>
      -((w.content - 0.2) ** 2) - (w.trend - 0.1) ** 2;
    const learned = learnBlendWeights(quality, { content: true, trend: true });
    expect(learned.weights).toEqual({ collaborative: 1, content: 0.2, trend: 0.1 });
    expect(learnBlendWeights(quality, { content: true, trend: false }).weights.trend).toBe(0);
  });
});
