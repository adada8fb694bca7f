import { describe, expect, it } from 'vitest';
import { InteractionLogBuilder, seededRandom, trainAls, userItemMatrix } from '@reelshelf/shared/recs';
import { DEFAULT_TOPK_PARAMS } from './defaults.ts';
import { topKForUsers } from './topk.ts';

/**
 * 1,500 users in 30 taste clusters of 100 titles each (3,000 titles), 25
 * ratings per user inside their cluster; 5 per user are held back. A working
 * model finds the held-back titles far more often than "most popular" does —
 * which degenerate settings (over-regularised factors collapsing to zero) do not.
 */
function clusteredRatings() {
  const random = seededRandom(9);
  const train = new InteractionLogBuilder();
  const heldBack = new Map<string, Set<string>>();
  for (let u = 0; u < 1500; u++) {
    const cluster = u % 30;
    const picked = new Set<number>();
    while (picked.size < 30) picked.add(cluster * 100 + Math.floor(random() ** 2 * 100));
    const items = [...picked];
    heldBack.set(`u${u}`, new Set(items.slice(25).map((i) => `m${i}`)));
    for (const i of items.slice(0, 25)) train.add(`u${u}`, `m${i}`, 1 + Math.floor(random() * 5));
  }
  return { train: train.build(), heldBack };
}

function hitRate(results: { user: string; items: string[] }[], heldBack: Map<string, Set<string>>): number {
  let hits = 0;
  for (const { user, items } of results) hits += items.filter((i) => heldBack.get(user)!.has(i)).length;
  return hits / (results.length * 10);
}

describe('top-k with the shipped defaults', () => {
  it('finds held-back titles several times more often than most-popular on a few thousand titles', async () => {
    const { train, heldBack } = clusteredRatings();
    const users = [...heldBack.keys()].slice(0, 300);
    const ours = await topKForUsers(train, users, 10, DEFAULT_TOPK_PARAMS);
    const popular = await topKForUsers(
      train,
      users.map((u) => `stranger-${u}`),
      10,
      DEFAULT_TOPK_PARAMS,
    );
    const popularHits = hitRate(
      popular.map((p, i) => ({ user: users[i]!, items: p.items })),
      heldBack,
    );
    const ourHits = hitRate(ours, heldBack);
    expect(ourHits).toBeGreaterThan(0.1);
    expect(ourHits).toBeGreaterThan(3 * popularHits);
  }, 60_000);

  it('fits what people watched (predicted preference well above zero), not a collapsed model', async () => {
    const { train } = clusteredRatings();
    const matrix = userItemMatrix(train);
    const trained = await trainAls(matrix, DEFAULT_TOPK_PARAMS);
    const k = trained.factors;
    let sum = 0;
    for (let u = 0; u < matrix.rows; u++) {
      for (let e = matrix.indptr[u]!; e < matrix.indptr[u + 1]!; e++) {
        const i = matrix.indices[e]!;
        for (let f = 0; f < k; f++) sum += trained.userFactors[u * k + f]! * trained.itemFactors[i * k + f]!;
      }
    }
    // iALS pulls watched titles towards preference 1 and unwatched ones towards 0.
    expect(sum / matrix.indices.length).toBeGreaterThan(0.2);
  }, 60_000);
});
