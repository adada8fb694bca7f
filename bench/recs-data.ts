import { csrFromTriples, seededRandom, type CsrMatrix } from '@reelshelf/shared/recs';

/**
 * A synthetic users × items matrix with exactly `interactions` distinct pairs,
 * skewed like real viewing data: a few heavy users, a long tail of titles
 * (item popularity ∝ rank^-0.8 via inverse-transform sampling). Deterministic.
 */
export function syntheticInteractions(
  users: number,
  items: number,
  interactions: number,
  seed = 1,
): CsrMatrix {
  const random = seededRandom(seed);
  // Degrees: lognormal-ish spread, rescaled to the exact total, each within [1, items / 2].
  const raw = Float64Array.from({ length: users }, () => Math.exp(1.2 * gaussian(random)));
  const scale = interactions / raw.reduce((a, b) => a + b, 0);
  const degree = Int32Array.from(raw, (r) => Math.max(1, Math.min(items >> 1, Math.round(r * scale))));
  let total = degree.reduce((a, b) => a + b, 0);
  for (let u = 0; total !== interactions; u = (u + 1) % users) {
    if (total < interactions && degree[u]! < items >> 1) {
      degree[u]!++;
      total++;
    } else if (total > interactions && degree[u]! > 1) {
      degree[u]!--;
      total--;
    }
  }
  const row = new Int32Array(interactions);
  const col = new Int32Array(interactions);
  const taken = new Uint8Array(items);
  const exponent = 1 / (1 - 0.8);
  let e = 0;
  for (let u = 0; u < users; u++) {
    const start = e;
    while (e - start < degree[u]!) {
      const item = Math.min(items - 1, Math.floor(items * random() ** exponent));
      if (taken[item]) continue;
      taken[item] = 1;
      row[e] = u;
      col[e++] = item;
    }
    for (let x = start; x < e; x++) taken[col[x]!] = 0;
  }
  return csrFromTriples(users, items, { row, col, value: new Float32Array(interactions).fill(1) });
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}
