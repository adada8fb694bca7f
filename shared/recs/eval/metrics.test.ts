import { describe, expect, it } from 'vitest';
import { csrFromTriples } from '../matrix/csr.ts';
import {
  intraListDiversity,
  itemSelfInformation,
  LiangAccumulator,
  liangNdcgAtK,
  liangRecallAtK,
  meanAndSd,
  msRankingMetrics,
  RankingAccumulator,
} from './metrics.ts';

const list = (...items: number[]) => Int32Array.from(items);
const ln = Math.log;

// Hits at ranks 1 and 3; relevant = {1, 3, 7, 8}.
const recommended = list(1, 2, 3, 4, 5, 6, 9, 10, 11, 12);
const relevant = new Set([1, 3, 7, 8]);

describe('Microsoft Recommenders ranking metrics', () => {
  it('scores hits at ranks 1 and 3 out of 4 relevant items at k = 10', () => {
    const m = msRankingMetrics(recommended, relevant, 10);
    expect(m.precision).toBeCloseTo(2 / 10, 12);
    expect(m.recall).toBeCloseTo(2 / 4, 12);
    const dcg = 1 / ln(2) + 1 / ln(4);
    const idcg = 1 / ln(2) + 1 / ln(3) + 1 / ln(4) + 1 / ln(5);
    expect(m.ndcg).toBeCloseTo(dcg / idcg, 12);
    expect(m.ndcg).toBeCloseTo(0.5855700749881524, 12);
    // (1/1 + 2/3) / 4 for both: min(|relevant|, k) = 4
    expect(m.map).toBeCloseTo(5 / 12, 12);
    expect(m.mapAtK).toBeCloseTo(5 / 12, 12);
  });

  it('divides MAP by |relevant| but MAP@k by min(|relevant|, k)', () => {
    const m = msRankingMetrics(list(1, 2, 3), new Set([1, 3, 7, 8, 9]), 3);
    expect(m.precision).toBeCloseTo(2 / 3, 12);
    expect(m.recall).toBeCloseTo(2 / 5, 12);
    expect(m.map).toBeCloseTo(5 / 3 / 5, 12);
    expect(m.mapAtK).toBeCloseTo(5 / 3 / 3, 12);
    // IDCG stops at k = 3 ideal hits.
    expect(m.ndcg).toBeCloseTo((1 / ln(2) + 1 / ln(4)) / (1 / ln(2) + 1 / ln(3) + 1 / ln(4)), 12);
  });

  it('looks only at the first k items and divides precision by k even for a short list', () => {
    const m = msRankingMetrics(list(9, 1, 3), new Set([1, 3]), 2);
    expect(m.precision).toBeCloseTo(1 / 2, 12);
    expect(m.recall).toBeCloseTo(1 / 2, 12);
    const short = msRankingMetrics(list(1), new Set([1]), 10);
    expect(short.precision).toBeCloseTo(0.1, 12);
    expect(short.ndcg).toBeCloseTo(1, 12);
  });

  it('gives 0 everywhere to a user with no hits and refuses a user with nothing relevant', () => {
    expect(msRankingMetrics(list(4, 5), new Set([1]), 10)).toEqual({
      precision: 0,
      recall: 0,
      ndcg: 0,
      map: 0,
      mapAtK: 0,
    });
    expect(() => msRankingMetrics(list(1), new Set(), 10)).toThrow(RangeError);
  });
});

describe('Liang et al. 2018 metrics', () => {
  it('scores hits at ranks 1 and 3 out of 4 relevant items at K = 10', () => {
    expect(liangRecallAtK(recommended, relevant, 10)).toBeCloseTo(2 / 4, 12);
    const idcg = 1 + 1 / Math.log2(3) + 1 / 2 + 1 / Math.log2(5);
    expect(liangNdcgAtK(recommended, relevant, 10)).toBeCloseTo(1.5 / idcg, 12);
  });

  it('caps the recall denominator at K, unlike Recommenders recall', () => {
    const many = new Set([1, 3, 7, 8, 13]);
    expect(liangRecallAtK(recommended, many, 3)).toBeCloseTo(2 / 3, 12);
    expect(msRankingMetrics(recommended, many, 3).recall).toBeCloseTo(2 / 5, 12);
    expect(liangNdcgAtK(recommended, many, 3)).toBeCloseTo(1.5 / (1 + 1 / Math.log2(3) + 1 / 2), 12);
  });

  it('accumulates several K at once over users with relevant items', () => {
    const acc = new LiangAccumulator({ ks: [1, 3] });
    acc.add(list(1, 2, 3), new Set([1, 3]));
    acc.add(list(2, 3, 4), new Set([4]));
    acc.add(list(5, 6, 7), new Set());
    const s = acc.summary();
    expect(s.users).toBe(2);
    expect(s.recall[1]).toBeCloseTo((1 + 0) / 2, 12);
    expect(s.recall[3]).toBeCloseTo((1 + 1) / 2, 12);
    expect(s.ndcg[3]).toBeCloseTo((1.5 / (1 + 1 / Math.log2(3)) + 1 / 2) / 2, 12);
    expect(acc.perUser('recall', 3)).toEqual([1, 1]);
    expect(() => acc.perUser('recall', 20)).toThrow(RangeError);
    expect(new LiangAccumulator().ks).toEqual([20, 50, 100]);
  });
});

describe('beyond-accuracy metrics', () => {
  const genres = [new Set(['a', 'b']), new Set(['b']), new Set(['c']), undefined];

  it('measures intra-list diversity as mean pairwise Jaccard distance of genres', () => {
    // (0,1): 1 − 1/2, (0,2): 1, (1,2): 1
    expect(intraListDiversity(list(0, 1, 2), genres)).toBeCloseTo(2.5 / 3, 12);
    expect(intraListDiversity(list(0, 0), genres)).toBe(0);
    expect(intraListDiversity(list(2, 3), (i) => (i === 2 ? ['c'] : []))).toBe(1);
    expect(intraListDiversity(list(0), genres)).toBeNaN();
  });

  it('takes novelty from the share of training users who interacted with an item', () => {
    // 5 user rows, one empty: 4 training users. Item 0: all 4, item 1: 2, item 2: 1, item 3: nobody.
    const train = csrFromTriples(5, 4, {
      row: list(0, 1, 2, 3, 0, 1, 2),
      col: list(0, 0, 0, 0, 1, 1, 2),
      value: Float32Array.from([1, 1, 1, 1, 1, -1, 1]),
    });
    const info = itemSelfInformation(train);
    expect(Array.from(info.subarray(0, 3))).toEqual([0, 1, 2]);
    expect(info[3]).toBeCloseTo(Math.log2(5), 12);
  });

  it('reports coverage, diversity and novelty over every list, accuracy over users with relevant items', () => {
    const acc = new RankingAccumulator({
      k: 2,
      numItems: 8,
      genres,
      selfInformation: Float64Array.from([0, 1, 2, 3, 4, 5, 6, 7]),
    });
    acc.add(list(0, 1, 5), new Set([1]));
    acc.add(list(2, 0), new Set([3]));
    acc.add(list(3), new Set());
    const s = acc.summary();
    expect(s.users).toBe(2);
    expect(s.lists).toBe(3);
    expect(s.precision).toBeCloseTo((1 / 2 + 0) / 2, 12);
    expect(s.recall).toBeCloseTo(1 / 2, 12);
    expect(s.ndcg).toBeCloseTo((1 / ln(3) / (1 / ln(2)) + 0) / 2, 12);
    expect(s.map).toBeCloseTo(1 / 2 / 2, 12);
    // items 0, 1, 2, 3 (item 5 is beyond k)
    expect(s.coverage).toBeCloseTo(4 / 8, 12);
    // lists {0,1}: 1/2 and {2,0}: 1; the 1-item list has no pairs
    expect(s.diversity).toBeCloseTo(0.75, 12);
    expect(s.novelty).toBeCloseTo((0 + 1 + 2 + 0 + 3) / 5, 12);
    expect(acc.perUser('precision')).toEqual([0.5, 0]);
  });

  it('leaves out what it was not given the data for', () => {
    const acc = new RankingAccumulator();
    acc.add(list(1), new Set([1]));
    const s = acc.summary();
    expect(s.k).toBe(10);
    expect(s).not.toHaveProperty('coverage');
    expect(s).not.toHaveProperty('diversity');
    expect(s).not.toHaveProperty('novelty');
    expect(new RankingAccumulator().summary().precision).toBeNaN();
  });
});

describe('meanAndSd', () => {
  it('uses the sample standard deviation', () => {
    const r = meanAndSd([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(r.mean).toBe(5);
    expect(r.sd).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(r.se).toBeCloseTo(Math.sqrt(32 / 7) / Math.sqrt(8), 12);
    expect(meanAndSd([3]).sd).toBeNaN();
  });
});
