import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { signedConfidence } from './confidence.ts';
import type { History } from './fold-in.ts';
import type { AlsModel } from './model.ts';
import { rowWeight, scaledRegularization } from './regularization.ts';

export interface Because {
  /** The history item (model index) that contributes most to the score. */
  readonly item: number;
  /** Its share of the item's score, 0..1. */
  readonly share: number;
}

/**
 * Why iALS recommends items to this user (Hu, Koren, Volinsky 2008, §5): the
 * score of i is Σ_j s_ij c_j p_j with s_ij = y_iᵀ W y_j and
 * W = (YᵀC_uY + λI)⁻¹, so each liked history item j has an exact share.
 * Built once per user (one k × k Cholesky) and then cheap per item.
 */
export function explainer(model: AlsModel, history: History): (item: number) => Because | undefined {
  const k = model.factors;
  const y = model.itemFactors;
  const a = Array.from({ length: k }, (_, r) => Array.from(model.itemGram.subarray(r * k, r * k + k)));
  const confidence: number[] = [];
  for (let at = 0; at < history.items.length; at++) {
    const j = history.items[at]!;
    const s = signedConfidence(history.weights[at]!, model.params);
    confidence.push(s);
    const cm1 = Math.abs(s);
    for (let r = 0; r < k; r++) {
      const yr = cm1 * y[j * k + r]!;
      const row = a[r]!;
      for (let c = 0; c < k; c++) row[c]! += yr * y[j * k + c]!;
    }
  }
  const weight = rowWeight(confidence, 0, confidence.length, model.itemCount);
  const lambda = scaledRegularization(weight, model.params);
  for (let r = 0; r < k; r++) a[r]![r]! += lambda;
  const cholesky = new CholeskyDecomposition(new Matrix(a));
  if (!cholesky.isPositiveDefinite()) return () => undefined;

  return (item) => {
    const v = cholesky.solve(Matrix.columnVector(Array.from(y.subarray(item * k, item * k + k)))).to1DArray();
    let best: Because | undefined;
    let total = 0;
    let bestContribution = 0;
    for (let at = 0; at < history.items.length; at++) {
      const s = confidence[at]!;
      if (!(s > 0)) continue;
      const j = history.items[at]!;
      let sij = 0;
      for (let f = 0; f < k; f++) sij += v[f]! * y[j * k + f]!;
      const contribution = sij * (1 + s);
      if (contribution > 0) total += contribution;
      if (contribution > bestContribution) {
        bestContribution = contribution;
        best = { item: j, share: 0 };
      }
    }
    return best && { item: best.item, share: total > 0 ? bestContribution / total : 0 };
  };
}
