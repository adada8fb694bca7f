import { signedConfidence } from './confidence.ts';
import { solveRows } from './kernel.ts';
import type { AlsModel } from './model.ts';
import { rowWeight, scaledRegularization } from './regularization.ts';

export interface History {
  /** Item indices in the model. */
  readonly items: Int32Array;
  /** Signed weights, as in training (negative = dislike). */
  readonly weights: Float32Array;
}

/**
 * A user vector from frozen item factors — exactly one ALS user step, so a
 * device can score its private history without the server ever seeing it.
 * Training warm-starts each user from the previous iteration; a fold-in starts
 * from zero, so it runs more conjugate-gradient steps (CG on a k-dimensional
 * system is exact after k steps; 3k/8 is within float error in practice).
 */
export function foldIn(model: AlsModel, history: History): Float32Array {
  const k = model.factors;
  const n = history.items.length;
  const order = Array.from(history.items.keys()).sort((a, b) => history.items[a]! - history.items[b]!);
  const indices = new Int32Array(n);
  const values = new Float32Array(n);
  let size = 0;
  for (const at of order) {
    const item = history.items[at]!;
    if (item < 0 || item >= model.itemCount) continue;
    const value = signedConfidence(history.weights[at]!, model.params);
    if (size > 0 && indices[size - 1] === item) values[size - 1]! += value;
    else {
      indices[size] = item;
      values[size++] = value;
    }
  }
  const matrix = {
    rows: 1,
    cols: model.itemCount,
    indptr: Int32Array.of(0, size),
    indices: indices.subarray(0, size),
    values: values.subarray(0, size),
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
