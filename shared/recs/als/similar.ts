import { topN, type TopN } from '../scoring/top-n.ts';
import { dotRow } from './kernel.ts';
import type { AlsModel } from './model.ts';

/**
 * Cosine between two items' factor vectors, with the norms computed once per
 * model; `hasFactors(i)` is false for an item whose vector is zero.
 */
export function factorCosine(model: Pick<AlsModel, 'factors' | 'itemFactors'>) {
  const k = model.factors;
  const y = model.itemFactors;
  const n = y.length / k;
  const inverseNorm = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const squared = dotRow(y, i * k, y.subarray(i * k, i * k + k), k);
    inverseNorm[i] = squared > 0 ? 1 / Math.sqrt(squared) : 0;
  }
  const cosine = (a: number, b: number) =>
    dotRow(y, a * k, y.subarray(b * k, b * k + k), k) * inverseNorm[a]! * inverseNorm[b]!;
  return Object.assign(cosine, { hasFactors: (i: number) => inverseNorm[i] !== 0 });
}

/**
 * "More like this" from the factors: cosine between item vectors. An item
 * with a zero vector (never seen in training) is nobody's neighbour, and the
 * query item itself is never its own.
 */
export function similarItemsIndex(model: Pick<AlsModel, 'factors' | 'itemFactors'>) {
  const cosine = factorCosine(model);
  const n = model.itemFactors.length / model.factors;
  const scores = new Float32Array(n);
  return (item: number, count: number, skip?: (item: number) => boolean): TopN => {
    for (let i = 0; i < n; i++) scores[i] = cosine(item, i);
    return topN(scores, count, (i) => i === item || !cosine.hasFactors(i) || (skip?.(i) ?? false));
  };
}
