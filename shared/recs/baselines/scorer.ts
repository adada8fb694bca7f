import type { CsrMatrix } from '../matrix/csr.ts';
import { topN } from '../scoring/top-n.ts';

/** One user's known interactions: item indices (ascending) and their weights, like a CSR row. */
export interface UserHistory {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/** What every baseline (and the eval loop) speaks: a score for every item, written into `out`. */
export interface UserScorer {
  readonly numItems: number;
  /** Overwrites out[0 .. numItems) with this user's score for each item; higher is better. */
  scoreUser(history: UserHistory, out: Float32Array): void;
}

/** Row `user` of a users × items matrix, as views (no copy). */
export function historyOf(matrix: CsrMatrix, user: number): UserHistory {
  const start = matrix.indptr[user]!;
  const end = matrix.indptr[user + 1]!;
  return { indices: matrix.indices.subarray(start, end), values: matrix.values.subarray(start, end) };
}

/**
 * Reusable buffers for recommendTopN, so an eval loop over 100k users does not
 * allocate two catalogue-sized arrays per user.
 */
export interface ScoringScratch {
  readonly scores: Float32Array;
  readonly seen: Uint8Array;
}

export function scoringScratch(numItems: number): ScoringScratch {
  return { scores: new Float32Array(numItems), seen: new Uint8Array(numItems) };
}

/**
 * The user's best n items, leaving out every item in their history (whatever
 * its weight: watched, disliked or neutral, it is not a recommendation).
 */
export function recommendTopN(
  scorer: UserScorer,
  history: UserHistory,
  n: number,
  scratch: ScoringScratch = scoringScratch(scorer.numItems),
): Int32Array {
  const { scores, seen } = scratch;
  scorer.scoreUser(history, scores);
  for (const i of history.indices) seen[i] = 1;
  const best = topN(scores, n, (item) => seen[item] !== 0);
  for (const i of history.indices) seen[i] = 0;
  return best.items;
}
