import type { AlsParamsInput } from '@reelshelf/shared/recs';

/** Tuned on a validation split of MovieLens training data; see docs/RECOMMENDATIONS.md. */
export const DEFAULT_TOPK_PARAMS: AlsParamsInput = {
  factors: 128,
  alpha: 3,
  regularization: 30,
  regExponent: 1,
  iterations: 15,
};
