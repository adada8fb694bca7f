import type { AlsParams } from './params.ts';

/**
 * Frequency-scaled regularisation (Rendle et al. 2022, "Revisiting the
 * Performance of iALS"): λ_u = λ · W_u^ν, where W_u = Σ_i c_ui is the row's
 * total confidence in the loss — 1 for each of the other side's entries plus
 * (c − 1) for each interaction. With ν = 1, λ is a fraction of the row's own
 * weight, so one value suits small and large data sets alike; ν = 0 is
 * classic iALS with a fixed λ.
 */
export function rowWeight(
  signedConfidence: ArrayLike<number>,
  from: number,
  to: number,
  otherSide: number,
): number {
  let w = otherSide;
  for (let e = from; e < to; e++) w += Math.abs(signedConfidence[e]!);
  return w;
}

export function scaledRegularization(
  weight: number,
  params: Pick<AlsParams, 'regularization' | 'regExponent'>,
): number {
  return params.regExponent === 0
    ? params.regularization
    : params.regularization * weight ** params.regExponent;
}
