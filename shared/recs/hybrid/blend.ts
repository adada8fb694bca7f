/**
 * The hybrid score of an item is a weighted sum of its standardised source
 * scores. Standardising (z-score over the items still in play) puts a dot
 * product, a cosine and a decayed count on one scale, so the weights mean
 * "how much this source counts" and can be learned once.
 */
export const SOURCES = ['collaborative', 'content', 'trend'] as const;
export type SourceName = (typeof SOURCES)[number];

export type SourceScores = Partial<Record<SourceName, Float32Array>>;
export type BlendWeights = Record<SourceName, number>;

/**
 * Weights to use until a model ships its own: the medians of the weights
 * learned on MovieLens validation splits in `npm run eval:recs` (15 runs,
 * bench/results/recs-eval.json — content 0.5–1, trend 0–0.75).
 */
export const DEFAULT_BLEND_WEIGHTS: Readonly<BlendWeights> = { collaborative: 1, content: 0.75, trend: 0.05 };

/** Rewrites `scores` in place as z-scores over items with eligible[i] === 1 (all, when omitted). */
export function standardize(scores: Float32Array, eligible?: Uint8Array): void {
  let n = 0;
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < scores.length; i++) {
    if (eligible && eligible[i] !== 1) continue;
    const s = scores[i]!;
    n++;
    sum += s;
    squares += s * s;
  }
  const mean = n > 0 ? sum / n : 0;
  const variance = n > 1 ? Math.max(0, squares / n - mean * mean) : 0;
  // A flat source (one item, all-equal scores) carries no ranking information: it becomes 0, not NaN.
  const scale = variance > 1e-12 ? 1 / Math.sqrt(variance) : 0;
  for (let i = 0; i < scores.length; i++) scores[i] = (scores[i]! - mean) * scale;
}

/** out[i] = Σ_s weights[s] · sources[s][i] over the sources present. */
export function blend(sources: SourceScores, weights: BlendWeights, out: Float32Array): void {
  out.fill(0);
  for (const name of SOURCES) {
    const scores = sources[name];
    const w = weights[name];
    if (!scores || w === 0) continue;
    for (let i = 0; i < out.length; i++) out[i]! += w * scores[i]!;
  }
}
