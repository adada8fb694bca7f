import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { historyRow, type History } from './history.ts';
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
  const row = historyRow(model, history);
  const a = Array.from({ length: k }, (_, r) => Array.from(model.itemGram.subarray(r * k, r * k + k)));
  row.indices.forEach((j, at) => {
    const cm1 = Math.abs(row.confidence[at]!);
    for (let r = 0; r < k; r++) {
      const yr = cm1 * y[j * k + r]!;
      const target = a[r]!;
      for (let c = 0; c < k; c++) target[c]! += yr * y[j * k + c]!;
    }
  });
  const weight = rowWeight(row.confidence, 0, row.indices.length, model.itemCount);
  const lambda = scaledRegularization(weight, model.params);
  for (let r = 0; r < k; r++) a[r]![r]! += lambda;
  const cholesky = new CholeskyDecomposition(new Matrix(a));
  if (!cholesky.isPositiveDefinite()) return () => undefined;

  return (item) => {
    if (item < 0 || item >= model.itemCount) return undefined;
    const v = cholesky.solve(Matrix.columnVector(Array.from(y.subarray(item * k, item * k + k)))).to1DArray();
    let best: Because | undefined;
    let total = 0;
    let bestContribution = 0;
    row.indices.forEach((j, at) => {
      const s = row.confidence[at]!;
      if (!(s > 0)) return;
      let sij = 0;
      for (let f = 0; f < k; f++) sij += v[f]! * y[j * k + f]!;
      const contribution = sij * (1 + s);
      if (contribution > 0) total += contribution;
      if (contribution > bestContribution) {
        bestContribution = contribution;
        best = { item: j, share: 0 };
      }
    });
    return best && { item: best.item, share: total > 0 ? bestContribution / total : 0 };
  };
}
