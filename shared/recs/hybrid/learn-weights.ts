import type { BlendWeights } from './blend.ts';

/** Collaborative is the anchor (weight 1); the others are searched on this grid. */
export const WEIGHT_GRID = [0, 0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1] as const;

/**
 * Learns blend weights on a validation split: coordinate ascent over the grid
 * for content and trend with collaborative fixed at 1 (only ratios matter),
 * maximising `quality` (e.g. nDCG@10 on validation users). Two sweeps are
 * enough — the surface is smooth and has two free variables.
 */
export function learnBlendWeights(
  quality: (weights: BlendWeights) => number,
  available: { content: boolean; trend: boolean },
): { weights: BlendWeights; quality: number } {
  let best: BlendWeights = { collaborative: 1, content: 0, trend: 0 };
  let bestQuality = quality(best);
  const free = (['content', 'trend'] as const).filter((name) => available[name]);
  for (let sweep = 0; sweep < 2; sweep++) {
    for (const name of free) {
      for (const value of WEIGHT_GRID) {
        if (value === best[name]) continue;
        const candidate = { ...best, [name]: value };
        const q = quality(candidate);
        if (q > bestQuality) {
          best = candidate;
          bestQuality = q;
        }
      }
    }
  }
  return { weights: best, quality: bestQuality };
}
