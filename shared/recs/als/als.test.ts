import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { csrFromTriples, type CsrMatrix } from '../matrix/csr.ts';
import { InteractionError, InteractionLogBuilder, userItemMatrix } from '../matrix/interactions.ts';
import { seededRandom } from '../matrix/random.ts';
import { topN } from '../scoring/top-n.ts';
import { explainer } from './explain.ts';
import { foldIn } from './fold-in.ts';
import { alsModel, scoreItems, type AlsModel } from './model.ts';
import { similarItemsIndex } from './similar.ts';
import { trainAls, type AlsFactors } from './train.ts';
import { plainMemory } from './problem.ts';
import { kernelsFit } from '../wasm/kernels.ts';

/**
 * Two taste groups: users 0–39 watch items 0–29, users 40–79 watch items
 * 30–59, ten titles each. A working recommender keeps each group to its own.
 */
function twoGroups(seed = 1): CsrMatrix {
  const random = seededRandom(seed);
  const row: number[] = [];
  const col: number[] = [];
  for (let u = 0; u < 80; u++) {
    const offset = u < 40 ? 0 : 30;
    const picked = new Set<number>();
    while (picked.size < 10) picked.add(offset + Math.floor(random() * 30));
    for (const i of picked) {
      row.push(u);
      col.push(i);
    }
  }
  return csrFromTriples(80, 60, {
    row: Int32Array.from(row),
    col: Int32Array.from(col),
    value: new Float32Array(row.length).fill(1),
  });
}

const params = { factors: 8, iterations: 10, regularization: 3, alpha: 5 };

function userVector(trained: AlsFactors, u: number): Float32Array {
  const k = trained.factors;
  return trained.userFactors.subarray(u * k, u * k + k);
}

function historyOf(m: CsrMatrix, u: number) {
  return {
    items: m.indices.slice(m.indptr[u]!, m.indptr[u + 1]!),
    weights: m.values.slice(m.indptr[u]!, m.indptr[u + 1]!),
  };
}

function recommend(model: AlsModel, vector: Float32Array, exclude: ArrayLike<number>, n: number) {
  const scores = new Float32Array(model.itemCount);
  scoreItems(model, vector, scores);
  const skip = new Set(Array.from(exclude));
  return topN(scores, n, (i) => skip.has(i));
}

describe('iALS', () => {
  it('recommends titles from the taste group a user belongs to, none already watched', async () => {
    const m = twoGroups();
    const trained = await trainAls(m, params);
    const model = alsModel(trained);
    for (const u of [0, 17, 40, 79]) {
      const history = historyOf(m, u).items;
      const top = recommend(model, userVector(trained, u), history, 5);
      expect(top.items).toHaveLength(5);
      for (const item of top.items) {
        expect(item < 30).toBe(u < 40);
        expect(Array.from(history)).not.toContain(item);
      }
    }
  });

  it('gives identical factors for the same seed and different ones for another seed', async () => {
    const m = twoGroups();
    const a = await trainAls(m, { ...params, seed: 7 });
    const b = await trainAls(m, { ...params, seed: 7 });
    const c = await trainAls(m, { ...params, seed: 8 });
    expect(Array.from(a.itemFactors)).toEqual(Array.from(b.itemFactors));
    expect(Array.from(a.itemFactors)).not.toEqual(Array.from(c.itemFactors));
  });

  it('folds in a history to the exact one-user ALS solution, close to the trained vector', async () => {
    const m = twoGroups();
    const trained = await trainAls(m, { ...params, iterations: 20 });
    const model = alsModel(trained);
    for (const u of [3, 55]) {
      const history = historyOf(m, u);
      const folded = foldIn(model, history);
      const exact = exactUserSolve(model, history);
      expect(cosine(folded, exact)).toBeGreaterThan(0.9999);
      const top = (v: Float32Array) => Array.from(recommend(model, v, history.items, 5).items);
      expect(top(folded)).toEqual(top(exact));
      // The trained vector was solved against the previous iteration's item factors.
      expect(cosine(folded, userVector(trained, u))).toBeGreaterThan(0.99);
    }
  });

  it('treats a dislike as evidence against similar titles', async () => {
    const m = twoGroups();
    const model = alsModel(await trainAls(m, params));
    const liked = { items: Int32Array.of(0, 1, 2, 30), weights: Float32Array.of(1, 1, 1, 1) };
    const disliked = { items: Int32Array.of(0, 1, 2, 30), weights: Float32Array.of(1, 1, 1, -3) };
    const groupBScore = (vector: Float32Array) => {
      const scores = new Float32Array(model.itemCount);
      scoreItems(model, vector, scores);
      return scores.slice(31, 60).reduce((a, b) => a + b, 0);
    };
    expect(groupBScore(foldIn(model, disliked))).toBeLessThan(groupBScore(foldIn(model, liked)));
  });

  it('explains a pick with the watched title that contributes most, from the same taste group', async () => {
    const m = twoGroups();
    const trained = await trainAls(m, params);
    const model = alsModel(trained);
    const history = { items: Int32Array.of(2, 5, 40, 41, 42, 43), weights: new Float32Array(6).fill(1) };
    const vector = foldIn(model, history);
    const top = recommend(model, vector, history.items, 3);
    const why = explainer(model, history);
    for (const item of top.items) {
      const because = why(item);
      expect(because).toBeDefined();
      expect(Array.from(history.items)).toContain(because!.item);
      expect(because!.item >= 30).toBe(item >= 30);
      expect(because!.share).toBeGreaterThan(0);
      expect(because!.share).toBeLessThanOrEqual(1);
    }
  });

  it('finds similar titles inside the same taste group', async () => {
    const model = alsModel(await trainAls(twoGroups(), params));
    const similar = similarItemsIndex(model);
    for (const item of [4, 33]) {
      const top = similar(item, 5);
      expect(Array.from(top.items)).not.toContain(item);
      for (const other of top.items) expect(other < 30).toBe(item < 30);
    }
  });
});

describe('the WebAssembly SIMD kernels', () => {
  it('train to the same factors as the JavaScript kernels, which remain the fallback', async () => {
    expect(kernelsFit(8)).toBe(true);
    const m = twoGroups();
    const wasm = await trainAls(m, params);
    const js = await trainAls(m, params, { memory: plainMemory });
    expect(wasm.itemFactors.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(js.itemFactors.buffer).not.toBeInstanceOf(SharedArrayBuffer);
    let worst = 0;
    for (let i = 0; i < js.itemFactors.length; i++) {
      worst = Math.max(worst, Math.abs(js.itemFactors[i]! - wasm.itemFactors[i]!));
    }
    // float32 sums in SIMD lanes against float64 sums in JavaScript.
    expect(worst).toBeLessThan(1e-3);
    expect(worst).toBeGreaterThan(0);
  });

  it('are skipped for factor counts that are not whole SIMD lanes', async () => {
    expect(kernelsFit(6)).toBe(false);
    const trained = await trainAls(twoGroups(), { ...params, factors: 6 });
    expect(trained.itemFactors.buffer).not.toBeInstanceOf(SharedArrayBuffer);
    expect(trained.itemFactors.every((x) => Number.isFinite(x))).toBe(true);
    const model = alsModel(trained);
    expect(model.simd).toBeUndefined();
    const scores = new Float32Array(model.itemCount);
    scoreItems(model, userVector(trained, 0), scores);
    const expected = Array.from({ length: model.itemCount }, (_, i) =>
      userVector(trained, 0).reduce((sum, x, f) => sum + x * model.itemFactors[i * 6 + f]!, 0),
    );
    scores.forEach((s, i) => expect(s).toBeCloseTo(expected[i]!, 5));
  });
});

describe('iALS on degenerate data', () => {
  const finite = (xs: Float32Array) => xs.every((x) => Number.isFinite(x));

  it('trains on a single user with a single title without NaN', async () => {
    const m = csrFromTriples(1, 1, {
      row: Int32Array.of(0),
      col: Int32Array.of(0),
      value: Float32Array.of(1),
    });
    const trained = await trainAls(m, params);
    expect(finite(trained.userFactors) && finite(trained.itemFactors)).toBe(true);
  });

  it('trains on all-equal weights, zero weights and users with nothing, without NaN', async () => {
    const m = csrFromTriples(4, 3, {
      row: Int32Array.of(0, 0, 1, 1, 2),
      col: Int32Array.of(0, 1, 0, 2, 1),
      value: Float32Array.of(5, 5, 5, 0, 5),
    });
    const trained = await trainAls(m, { ...params, strength: 'linear' });
    const model = alsModel(trained);
    expect(finite(trained.userFactors) && finite(trained.itemFactors)).toBe(true);
    const scores = new Float32Array(3);
    scoreItems(model, userVector(trained, 3), scores);
    expect(finite(scores)).toBe(true);
  });

  it('folds in an empty history or unknown items to a zero vector, not NaN', async () => {
    const model = alsModel(await trainAls(twoGroups(), params));
    expect(Array.from(foldIn(model, { items: new Int32Array(0), weights: new Float32Array(0) }))).toEqual(
      new Array(8).fill(0),
    );
    const unknown = foldIn(model, { items: Int32Array.of(-1, 999), weights: Float32Array.of(1, 1) });
    expect(Array.from(unknown)).toEqual(new Array(8).fill(0));
  });

  it('folds in and explains a history holding titles the model does not know, and refuses NaN weights', async () => {
    const model = alsModel(await trainAls(twoGroups(), params));
    const history = { items: Int32Array.of(2, 5, 60, 999), weights: Float32Array.of(1, 1, 1, 1) };
    const known = { items: Int32Array.of(2, 5), weights: Float32Array.of(1, 1) };
    expect(Array.from(foldIn(model, history))).toEqual(Array.from(foldIn(model, known)));
    const why = explainer(model, history);
    expect([2, 5]).toContain(why(7)!.item);
    expect(why(999)).toBeUndefined();
    expect(() => foldIn(model, { items: Int32Array.of(2), weights: Float32Array.of(Number.NaN) })).toThrow(
      /history.weights\[0\] is NaN/,
    );
  });

  it('refuses NaN and infinite weights, naming the record', () => {
    const builder = new InteractionLogBuilder();
    builder.add('u1', 'i1', 4);
    expect(() => builder.add('u1', 'i2', Number.NaN, 2)).toThrow(InteractionError);
    expect(() => builder.add('u1', 'i2', Number.POSITIVE_INFINITY, 3)).toThrow(/record 3: the weight/);
    expect(() => builder.add('', 'i2', 1, 4)).toThrow(/record 4: the user id is empty/);
    expect(userItemMatrix(builder.build()).indices).toHaveLength(1);
  });

  it('rejects nonsense hyperparameters with the field named', async () => {
    await expect(trainAls(twoGroups(), { factors: 0 })).rejects.toThrow(/factors/);
    await expect(trainAls(twoGroups(), { alpha: -1 })).rejects.toThrow(/alpha/);
  });
});

/** (YᵀY + λI + Σ (c − 1) y yᵀ)⁻¹ Σ c y, solved directly — what a fold-in approximates with CG. */
function exactUserSolve(
  model: AlsModel,
  history: { items: Int32Array; weights: Float32Array },
): Float32Array {
  const k = model.factors;
  const y = (i: number, f: number) => model.itemFactors[i * k + f]!;
  const a = Matrix.from1DArray(k, k, Array.from(model.itemGram));
  const b = Matrix.zeros(k, 1);
  const c = model.params.alpha;
  for (const i of history.items) {
    for (let r = 0; r < k; r++) {
      b.set(r, 0, b.get(r, 0) + (1 + c) * y(i, r));
      for (let s = 0; s < k; s++) a.set(r, s, a.get(r, s) + c * y(i, r) * y(i, s));
    }
  }
  for (let r = 0; r < k; r++) a.set(r, r, a.get(r, r) + model.params.regularization);
  return Float32Array.from(new CholeskyDecomposition(a).solve(b).to1DArray());
}

function cosine(a: Float32Array, b: Float32Array): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i]! * b[i]!;
    aa += a[i]! ** 2;
    bb += b[i]! ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}
