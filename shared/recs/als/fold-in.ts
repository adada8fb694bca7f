import { historyRow, type History } from './history.ts';
import { solveRows } from './kernel.ts';
import type { AlsModel } from './model.ts';
import { rowWeight, scaledRegularization } from './regularization.ts';

export type { History } from './history.ts';

/**
 * A user vector from frozen item factors — exactly one ALS user step, so a
 * device can score its private history without the server ever seeing it.
 * Training warm-starts each user from the previous iteration; a fold-in starts
 * from zero, so it runs more conjugate-gradient steps (CG on a k-dimensional
 * system is exact after k steps; 3k/8 is within float error in practice).
 */
export function foldIn(model: AlsModel, history: History): Float32Array {
  const k = model.factors;
  const row = historyRow(model, history);
  const size = row.indices.length;
  const matrix = {
    rows: 1,
    cols: model.itemCount,
    indptr: Int32Array.of(0, size),
    indices: row.indices,
    values: row.confidence,
  };
  const weight = rowWeight(matrix.values, 0, size, model.itemCount);
  const user = new Float32Array(k);
  solveRows(
    {
      target: user,
      other: model.itemFactors,
      matrix,
      gram: model.itemGram,
      regularization: Float32Array.of(scaledRegularization(weight, model.params)),
      factors: k,
      cgSteps: Math.max(model.params.cgSteps, Math.ceil((3 * k) / 8)),
    },
    0,
    1,
  );
  return user;
}
