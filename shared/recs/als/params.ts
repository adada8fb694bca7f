import { z } from 'zod';

/**
 * iALS hyperparameters. The shipped defaults were tuned on a validation split
 * carved from MovieLens training data only (see docs/RECOMMENDATIONS.md).
 */
export const AlsParams = z
  .object({
    factors: z.number().int().min(1).max(1024).default(64),
    iterations: z.number().int().min(1).max(200).default(15),
    /** λ; with regExponent > 0 it is scaled per row (see regularization.ts). */
    regularization: z.number().min(0).max(1e6).default(0.05),
    /** Frequency scaling ν of Rendle et al. 2022; 0 = classic iALS. */
    regExponent: z.number().min(0).max(2).default(0),
    /** Confidence of an interaction: c = 1 + alpha · strength(weight). */
    alpha: z.number().positive().max(1e6).default(10),
    /** How a weight becomes a strength: all the same, proportional, or log(1 + w). */
    strength: z.enum(['binary', 'linear', 'log']).default('binary'),
    cgSteps: z.number().int().min(1).max(64).default(3),
    /** Initial factors are uniform in ±initScale / sqrt(factors). */
    initScale: z.number().positive().max(10).default(0.1),
    seed: z.number().int().default(42),
  })
  .strict();
export type AlsParams = z.infer<typeof AlsParams>;
export type AlsParamsInput = z.input<typeof AlsParams>;
