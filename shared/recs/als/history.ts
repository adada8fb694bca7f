import { signedConfidence } from './confidence.ts';
import type { AlsModel } from './model.ts';

export interface History {
  /** Item indices in the model. */
  readonly items: Int32Array;
  /** Signed weights, as in training (negative = dislike). */
  readonly weights: Float32Array;
}

/** A history as one CSR row of signed confidences, the form the solver and the explainer read. */
export interface HistoryRow {
  readonly indices: Int32Array;
  readonly confidence: Float32Array;
}

/**
 * Sorts a history by item, sums repeated items (rewatches add up, as in
 * training) and leaves out items the model does not know — a title added after
 * the model was trained has no factors yet, so it cannot count for or against
 * anything. A weight that is not a finite number is a caller's bug: refused.
 */
export function historyRow(model: Pick<AlsModel, 'itemCount' | 'params'>, history: History): HistoryRow {
  const n = history.items.length;
  if (history.weights.length !== n) {
    throw new RangeError(`history has ${n} items but ${history.weights.length} weights`);
  }
  const weight = new Map<number, number>();
  for (let at = 0; at < n; at++) {
    const w = history.weights[at]!;
    if (!Number.isFinite(w)) throw new RangeError(`history.weights[${at}] is ${w}, not a finite number`);
    const item = history.items[at]!;
    if (item < 0 || item >= model.itemCount) continue;
    weight.set(item, (weight.get(item) ?? 0) + w);
  }
  const indices = Int32Array.from([...weight.keys()].sort((a, b) => a - b));
  const confidence = Float32Array.from(indices, (item) => signedConfidence(weight.get(item)!, model.params));
  return { indices, confidence };
}
