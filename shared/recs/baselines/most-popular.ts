import type { CsrMatrix } from '../matrix/csr.ts';
import type { UserHistory, UserScorer } from './scorer.ts';

export interface MostPopular extends UserScorer {
  /** Per item, how many training users have a positive summed weight for it. */
  readonly counts: Float32Array;
}

/**
 * The floor every model must beat: the same list for everyone, items ranked by
 * how many training users liked them (positive summed weight; a dislike or a
 * zero-weight view does not count). Ties go to the lower item index, as topN
 * breaks them.
 */
export function trainMostPopular(matrix: CsrMatrix): MostPopular {
  const counts = new Float32Array(matrix.cols);
  for (let e = 0; e < matrix.indices.length; e++) if (matrix.values[e]! > 0) counts[matrix.indices[e]!]!++;
  return {
    numItems: matrix.cols,
    counts,
    scoreUser(_history: UserHistory, out: Float32Array): void {
      out.set(counts);
    },
  };
}
