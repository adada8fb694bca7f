import { topN, type TopN } from '../scoring/top-n.ts';
import type { AlsModel } from './model.ts';

/**
 * "More like this" from the factors: cosine between item vectors. Norms are
 * computed once per model; the query item itself is never its own neighbour.
 */
export function similarItemsIndex(model: Pick<AlsModel, 'factors' | 'itemFactors'>) {
  const k = model.factors;
  const y = model.itemFactors;
  const n = y.length / k;
  const inverseNorm = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let f = 0; f < k; f++) s += y[i * k + f]! ** 2;
    inverseNorm[i] = s > 0 ? 1 / Math.sqrt(s) : 0;
  }
  const scores = new Float32Array(n);
  return (item: number, count: number, skip?: (item: number) => boolean): TopN => {
    const q = item * k;
    for (let i = 0; i < n; i++) {
      let s = 0;
      const o = i * k;
      for (let f = 0; f < k; f++) s += y[o + f]! * y[q + f]!;
      scores[i] = s * inverseNorm[i]! * inverseNorm[item]!;
    }
    return topN(scores, count, (i) => i === item || inverseNorm[i] === 0 || (skip?.(i) ?? false));
  };
}
