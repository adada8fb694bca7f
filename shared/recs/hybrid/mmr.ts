/**
 * Maximal marginal relevance (Carbonell & Goldstein 1998): picks one at a
 * time the candidate with the best (1 − strength) · relevance − strength ·
 * (similarity to anything already picked). strength 0 keeps the ranking;
 * higher values trade relevance for variety. Relevance is rescaled to [0, 1]
 * over the candidates so strength means the same for any score scale.
 */
export function mmrRerank(
  candidates: Int32Array,
  relevance: Float32Array,
  similarity: (a: number, b: number) => number,
  n: number,
  strength: number,
): Int32Array {
  if (!(strength >= 0 && strength <= 1))
    throw new RangeError(`diversity strength ${strength} is not between 0 and 1`);
  const count = Math.min(n, candidates.length);
  if (strength === 0 || count <= 1) return candidates.slice(0, count);

  let low = Infinity;
  let high = -Infinity;
  for (const r of relevance) {
    low = Math.min(low, r);
    high = Math.max(high, r);
  }
  const span = high > low ? high - low : 1;
  const maxSimilarity = new Float32Array(candidates.length).fill(0);
  const taken = new Uint8Array(candidates.length);
  const picked = new Int32Array(count);
  for (let slot = 0; slot < count; slot++) {
    let best = -1;
    let bestValue = -Infinity;
    for (let c = 0; c < candidates.length; c++) {
      if (taken[c]) continue;
      const value = (1 - strength) * ((relevance[c]! - low) / span) - strength * maxSimilarity[c]!;
      if (value > bestValue) {
        bestValue = value;
        best = c;
      }
    }
    taken[best] = 1;
    picked[slot] = candidates[best]!;
    for (let c = 0; c < candidates.length; c++) {
      if (taken[c]) continue;
      const s = similarity(candidates[c]!, candidates[best]!);
      if (s > maxSimilarity[c]!) maxSimilarity[c] = s;
    }
  }
  return picked;
}
