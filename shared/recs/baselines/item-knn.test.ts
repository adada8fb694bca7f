import { describe, expect, it } from 'vitest';
import { csrFromTriples, type CsrMatrix } from '../matrix/csr.ts';
import { seededRandom } from '../matrix/random.ts';
import { trainItemKnn } from './item-knn.ts';
import { historyOf, recommendTopN, type UserHistory } from './scorer.ts';

function matrixOf(rows: number, cols: number, entries: readonly [number, number, number][]): CsrMatrix {
  return csrFromTriples(rows, cols, {
    row: Int32Array.from(entries, (e) => e[0]),
    col: Int32Array.from(entries, (e) => e[1]),
    value: Float32Array.from(entries, (e) => e[2]),
  });
}

const history = (items: number[], values = items.map(() => 1)): UserHistory => ({
  indices: Int32Array.from(items),
  values: Float32Array.from(values),
});

describe('item kNN', () => {
  // Items: 0 Alien, 1 Aliens, 2 Amélie, 3 Paddington.
  // Users 0–3 watched Alien and Aliens together; users 4–5 Amélie and Paddington; user 6 Alien and Amélie.
  const matrix = matrixOf(7, 4, [
    [0, 0, 1],
    [0, 1, 1],
    [1, 0, 1],
    [1, 1, 1],
    [2, 0, 1],
    [2, 1, 1],
    [3, 0, 1],
    [3, 1, 3],
    [4, 2, 1],
    [4, 3, 1],
    [5, 2, 1],
    [5, 3, 1],
    [6, 0, 1],
    [6, 2, 1],
  ]);

  it('computes cosine similarity on the binarised matrix', () => {
    const knn = trainItemKnn(matrix);
    // Alien: 5 users, Aliens: 4, co-watched by 4 → 4 / √20; Alien–Amélie: 1 / √(5·3)
    const alien = knn.similarItems(0);
    expect(Array.from(alien.items)).toEqual([1, 2]);
    expect(alien.scores[0]).toBeCloseTo(4 / Math.sqrt(20), 6);
    expect(alien.scores[1]).toBeCloseTo(1 / Math.sqrt(15), 6);
    expect(Array.from(knn.similarItems(3).items)).toEqual([2]);
  });

  it('recommends the item co-watched with the history', () => {
    const knn = trainItemKnn(matrix);
    expect(recommendTopN(knn, history([0]), 1)[0]).toBe(1);
    expect(recommendTopN(knn, history([3]), 1)[0]).toBe(2);
    // user 6 has Alien and Amélie: Aliens (0.89) beats Paddington (0.82)
    expect(Array.from(recommendTopN(knn, historyOf(matrix, 6), 2))).toEqual([1, 3]);
  });

  it('sums similarities over the history', () => {
    const knn = trainItemKnn(matrix);
    const out = new Float32Array(4).fill(99);
    knn.scoreUser(history([0, 2]), out);
    expect(out[1]).toBeCloseTo(4 / Math.sqrt(20), 6);
    expect(out[3]).toBeCloseTo(2 / Math.sqrt(6), 6);
    expect(out[0]).toBeCloseTo(1 / Math.sqrt(15), 6);
  });

  it('ignores dislikes both in training and in the history', () => {
    const withDislikes = matrixOf(3, 3, [
      [0, 0, 1],
      [0, 1, 1],
      [1, 0, 1],
      [1, 2, -1],
      [2, 0, 1],
      [2, 2, -1],
    ]);
    const knn = trainItemKnn(withDislikes);
    expect(Array.from(knn.similarItems(0).items)).toEqual([1]);
    const out = new Float32Array(3);
    knn.scoreUser(history([1, 0], [-1, 0]), out);
    expect(Array.from(out)).toEqual([0, 0, 0]);
  });

  it('keeps only the requested number of neighbours per item, the most similar ones', () => {
    // Item 0 co-occurs with items 1..5; with item k in k users.
    const entries: [number, number, number][] = [];
    let user = 0;
    for (let k = 1; k <= 5; k++) {
      for (let n = 0; n < k; n++, user++) entries.push([user, 0, 1], [user, k, 1]);
    }
    const knn = trainItemKnn(matrixOf(user, 6, entries), { neighbours: 2 });
    expect(Array.from(knn.similarItems(0).items)).toEqual([5, 4]);
    expect(knn.similarity.indptr[1]! - knn.similarity.indptr[0]!).toBe(2);
    expect(() => trainItemKnn(matrix, { neighbours: 0 })).toThrow(RangeError);
  });

  it('breaks ties at the cut-off by lower item index', () => {
    // Item 0 shares one user with each of items 1..4, all equally similar.
    const entries: [number, number, number][] = [1, 2, 3, 4].flatMap((j) => [
      [j, 0, 1] as [number, number, number],
      [j, j, 1] as [number, number, number],
    ]);
    const knn = trainItemKnn(matrixOf(5, 5, entries), { neighbours: 2 });
    expect(Array.from(knn.similarItems(0).items)).toEqual([1, 2]);
  });

  it('agrees with brute-force cosine on a random matrix', () => {
    const random = seededRandom(3);
    const users = 40;
    const items = 25;
    const entries: [number, number, number][] = [];
    for (let u = 0; u < users; u++) {
      for (let i = 0; i < items; i++) {
        const r = random();
        if (r < 0.2) entries.push([u, i, 1 + Math.floor(r * 10)]);
        else if (r < 0.25) entries.push([u, i, -1]);
      }
    }
    const m = matrixOf(users, items, entries);
    const has = (u: number, i: number) => entries.some(([eu, ei, v]) => eu === u && ei === i && v > 0);
    const neighbours = 6;
    const knn = trainItemKnn(m, { neighbours });
    for (let i = 0; i < items; i++) {
      const sims: { j: number; s: number }[] = [];
      for (let j = 0; j < items; j++) {
        if (j === i) continue;
        let co = 0;
        let ni = 0;
        let nj = 0;
        for (let u = 0; u < users; u++) {
          const a = has(u, i);
          const b = has(u, j);
          if (a) ni++;
          if (b) nj++;
          if (a && b) co++;
        }
        if (co > 0) sims.push({ j, s: Math.fround(co / Math.sqrt(ni * nj)) });
      }
      sims.sort((a, b) => b.s - a.s || a.j - b.j);
      const expected = sims.slice(0, neighbours);
      const got = knn.similarItems(i);
      expect(Array.from(got.items)).toEqual(expected.map((x) => x.j));
      expect(Array.from(got.scores)).toEqual(expected.map((x) => x.s));
    }
  });

  it('handles 10k items × 100k interactions with a skewed popularity', () => {
    const random = seededRandom(1);
    const entries: [number, number, number][] = [];
    for (let e = 0; e < 100_000; e++) {
      entries.push([Math.floor(random() * 5_000), Math.floor(10_000 * random() ** 3), 1]);
    }
    const big = matrixOf(5_000, 10_000, entries);
    const knn = trainItemKnn(big, { neighbours: 50 });
    expect(knn.similarity.rows).toBe(10_000);
    for (let i = 0; i < 10_000; i++) {
      expect(knn.similarity.indptr[i + 1]! - knn.similarity.indptr[i]!).toBeLessThanOrEqual(50);
    }
    const best = knn.similarItems(0, 5);
    for (let n = 1; n < best.scores.length; n++)
      expect(best.scores[n]).toBeLessThanOrEqual(best.scores[n - 1]!);
  });
});
