import type { CsrMatrix } from '../matrix/csr.ts';

/**
 * One half-step of implicit ALS for rows [start, end): each row's factors are
 * improved by a few conjugate-gradient steps on
 *   (YᵀY + λ_u I + Σ_i (c_ui − 1) y_i y_iᵀ) x_u = Σ_i c_ui p_ui y_i
 * warm-started from the current x_u (Takács et al. 2011; the solver in
 * benfred/implicit). Cost per row: (steps + 1) · (k² + 2·k·nnz) multiply-adds,
 * against k³ + k²·nnz for an exact Cholesky solve.
 *
 * Factors are Float32Array rows of length k; sums are accumulated in float64
 * locals. Everything is typed-array loops with four accumulators, because V8
 * does not vectorise and a single accumulator stalls on add latency.
 */
export interface HalfStepInput {
  /** Factors being solved (rows of `matrix`). */
  readonly target: Float32Array;
  /** Frozen factors of the other side (columns of `matrix`). */
  readonly other: Float32Array;
  /** Signed confidence (see confidence.ts), rows = target. */
  readonly matrix: CsrMatrix;
  /** YᵀY of `other`, k × k, float64. */
  readonly gram: Float64Array;
  /** Regularisation per target row. */
  readonly regularization: Float32Array;
  readonly factors: number;
  readonly cgSteps: number;
}

export function solveRows(input: HalfStepInput, start: number, end: number): void {
  const { target, other, matrix, gram, regularization, factors: k, cgSteps } = input;
  const { indptr, indices, values } = matrix;
  const r = new Float64Array(k);
  const p = new Float64Array(k);
  const ap = new Float64Array(k);
  const x = new Float64Array(k);

  for (let u = start; u < end; u++) {
    const base = u * k;
    const lambda = regularization[u]!;
    for (let f = 0; f < k; f++) x[f] = target[base + f]!;

    // r = b − A x, with b = Σ c p y and A x = (YᵀY + λ) x + Σ (c − 1)(y·x) y
    gramTimes(gram, x, r, k, lambda);
    for (let f = 0; f < k; f++) r[f] = -r[f]!;
    const from = indptr[u]!;
    const to = indptr[u + 1]!;
    for (let e = from; e < to; e++) {
      const s = values[e]!;
      if (s === 0) continue;
      const cm1 = s > 0 ? s : -s;
      const cp = s > 0 ? 1 + s : 0;
      const yo = indices[e]! * k;
      const coef = cp - cm1 * dotRow(other, yo, x, k);
      addScaledRow(r, other, yo, coef, k);
    }

    let rsOld = dot(r, r, k);
    if (rsOld < 1e-20) continue;
    for (let f = 0; f < k; f++) p[f] = r[f]!;

    for (let step = 0; step < cgSteps; step++) {
      gramTimes(gram, p, ap, k, lambda);
      for (let e = from; e < to; e++) {
        const s = values[e]!;
        if (s === 0) continue;
        const cm1 = s > 0 ? s : -s;
        const yo = indices[e]! * k;
        addScaledRow(ap, other, yo, cm1 * dotRow(other, yo, p, k), k);
      }
      const pAp = dot(p, ap, k);
      if (!(pAp > 0)) break;
      const alpha = rsOld / pAp;
      for (let f = 0; f < k; f++) {
        x[f]! += alpha * p[f]!;
        r[f]! -= alpha * ap[f]!;
      }
      const rsNew = dot(r, r, k);
      if (rsNew < 1e-20) break;
      const beta = rsNew / rsOld;
      for (let f = 0; f < k; f++) p[f] = r[f]! + beta * p[f]!;
      rsOld = rsNew;
    }
    for (let f = 0; f < k; f++) target[base + f] = x[f]!;
  }
}

/** out = (G + λI) v */
function gramTimes(gram: Float64Array, v: Float64Array, out: Float64Array, k: number, lambda: number): void {
  for (let a = 0; a < k; a++) out[a] = dotRow(gram, a * k, v, k) + lambda * v[a]!;
}

/** rows[offset .. offset + k) · v */
export function dotRow(
  rows: Float32Array | Float64Array,
  offset: number,
  v: Float32Array | Float64Array,
  k: number,
): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let f = 0;
  for (; f + 3 < k; f += 4) {
    s0 += rows[offset + f]! * v[f]!;
    s1 += rows[offset + f + 1]! * v[f + 1]!;
    s2 += rows[offset + f + 2]! * v[f + 2]!;
    s3 += rows[offset + f + 3]! * v[f + 3]!;
  }
  for (; f < k; f++) s0 += rows[offset + f]! * v[f]!;
  return s0 + s1 + s2 + s3;
}

function addScaledRow(out: Float64Array, rows: Float32Array, offset: number, scale: number, k: number): void {
  let f = 0;
  for (; f + 3 < k; f += 4) {
    out[f]! += scale * rows[offset + f]!;
    out[f + 1]! += scale * rows[offset + f + 1]!;
    out[f + 2]! += scale * rows[offset + f + 2]!;
    out[f + 3]! += scale * rows[offset + f + 3]!;
  }
  for (; f < k; f++) out[f]! += scale * rows[offset + f]!;
}

function dot(a: Float64Array, b: Float64Array, k: number): number {
  let s0 = 0;
  let s1 = 0;
  let f = 0;
  for (; f + 1 < k; f += 2) {
    s0 += a[f]! * b[f]!;
    s1 += a[f + 1]! * b[f + 1]!;
  }
  for (; f < k; f++) s0 += a[f]! * b[f]!;
  return s0 + s1;
}

/** Adds Σ f_r f_rᵀ over rows [start, end) to the upper triangle of `out` (k × k); see mirrorUpper. */
export function addGramian(
  factors: Float32Array,
  k: number,
  start: number,
  end: number,
  out: Float64Array,
): void {
  const row = new Float64Array(k);
  for (let r = start; r < end; r++) {
    const base = r * k;
    for (let f = 0; f < k; f++) row[f] = factors[base + f]!;
    for (let a = 0; a < k; a++) {
      const va = row[a]!;
      if (va === 0) continue;
      const o = a * k;
      for (let b = a; b < k; b++) out[o + b]! += va * row[b]!;
    }
  }
}

/** addGramian fills the upper triangle; mirror it once all parts are summed. */
export function mirrorUpper(gram: Float64Array, k: number): void {
  for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) gram[b * k + a] = gram[a * k + b]!;
}
