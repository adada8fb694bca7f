import type { AlsParams } from './params.ts';

/**
 * Stored interaction weights are signed evidence. iALS needs a preference p
 * (1 = wants it, 0 = does not) and a confidence c ≥ 1 for every observed pair:
 *   weight > 0 → p = 1, c = 1 + alpha · strength(weight)
 *   weight < 0 → p = 0, c = 1 + alpha · strength(|weight|)   (a dislike is a
 *                confident "no", pulling the prediction towards 0 harder than
 *                an unseen title does)
 *   weight = 0 → p = 0, c = 1: seen with no opinion, the same as unobserved for
 *                training, but still excluded from the user's recommendations.
 * The kernels store (c − 1) with the sign of p: signed = p ? c − 1 : −(c − 1).
 */
export function signedConfidence(weight: number, params: Pick<AlsParams, 'alpha' | 'strength'>): number {
  if (weight === 0) return 0;
  const magnitude = Math.abs(weight);
  const strength =
    params.strength === 'binary' ? 1 : params.strength === 'linear' ? magnitude : Math.log1p(magnitude);
  const extra = params.alpha * strength;
  return weight > 0 ? extra : -extra;
}

export function toSignedConfidence(
  weights: Float32Array,
  params: Pick<AlsParams, 'alpha' | 'strength'>,
): Float32Array {
  const out = new Float32Array(weights.length);
  for (let e = 0; e < weights.length; e++) out[e] = signedConfidence(weights[e]!, params);
  return out;
}
