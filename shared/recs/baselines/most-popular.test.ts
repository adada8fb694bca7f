import { describe, expect, it } from 'vitest';
import { csrFromTriples } from '../matrix/csr.ts';
import { topN } from '../scoring/top-n.ts';
import { trainMostPopular } from './most-popular.ts';
import { historyOf, recommendTopN, scoringScratch } from './scorer.ts';

const ints = (...xs: number[]) => Int32Array.from(xs);

describe('most popular', () => {
  // item 2: 3 users, item 0: 2 users, item 3: 1 user (plus a dislike), item 1: only a dislike and a neutral view.
  const matrix = csrFromTriples(4, 4, {
    row: ints(0, 1, 2, 0, 1, 2, 3, 3, 0),
    col: ints(2, 2, 2, 0, 0, 3, 3, 1, 1),
    value: Float32Array.from([1, 5, 1, 1, 1, 1, -1, -1, 0]),
  });
  const model = trainMostPopular(matrix);

  it('ranks items by how many training users liked them', () => {
    expect(Array.from(model.counts)).toEqual([2, 0, 3, 1]);
    const scores = new Float32Array(4);
    model.scoreUser(historyOf(matrix, 3), scores);
    expect(Array.from(topN(scores, 4).items)).toEqual([2, 0, 3, 1]);
  });

  it('recommends the most popular items the user has not seen, whatever the weight they saw them with', () => {
    // user 0 has 2, 0 and (neutral) 1: only 3 is left
    expect(Array.from(recommendTopN(model, historyOf(matrix, 0), 2))).toEqual([3]);
    expect(Array.from(recommendTopN(model, historyOf(matrix, 3), 2))).toEqual([2, 0]);
    // reused buffers: user 0's history must not leak into user 3's list
    const scratch = scoringScratch(4);
    recommendTopN(model, historyOf(matrix, 0), 2, scratch);
    expect(Array.from(recommendTopN(model, historyOf(matrix, 3), 2, scratch))).toEqual([2, 0]);
  });
});
