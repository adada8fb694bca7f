import type { AlsParams } from './params.ts';

/**
 * Frequency-scaled regularisation (Rendle et al. 2022, "Revisiting the
 * Performance of iALS"): λ_u = λ · (w_u / mean w)^ν, where w_u is the weight
 * row u carries in the loss — Σ(c − 1) over its interactions plus the implicit
 * zeros, |other side| / (1 + α) in Hu et al.'s scale. Dividing by the mean keeps
 * λ meaning "the average row's regularisation" for every ν.
 */
export function rowWeight(
  signedConfidence: ArrayLike<number>,
  from: number,
  to: number,
  otherSide: number,
  alpha: number,
): number {
  let w = otherSide / (1 + alpha);
  for (let e = from; e < to; e++) w += Math.abs(signedConfidence[e]!);
  return w;
}

export function scaledRegularization(
  weight: number,
  meanWeight: number,
  params: Pick<AlsParams, 'regularization' | 'regExponent'>,
): number {
  if (params.regExponent === 0 || !(meanWeight > 0)) return params.regularization;
  return params.regularization * (weight / meanWeight) ** params.regExponent;
}
