import type { AlsParamsInput } from '@reelshelf/shared/recs';

/**
 * The iALS settings recs-topk and the eval ship with, chosen by `npm run
 * tune:recs` on validation splits of MovieLens training data (trials in
 * bench/results/recs-tune.json). Weights are ratings, so confidence grows with
 * the rating (linear strength); frequency-scaled regularisation (ν = 1) keeps λ
 * meaningful for data sets of other sizes.
 */
export const DEFAULT_TOPK_PARAMS: AlsParamsInput = {
  factors: 128,
  alpha: 1,
  strength: 'linear',
  regularization: 0.014,
  regExponent: 1,
  iterations: 15,
  cgSteps: 3,
};
