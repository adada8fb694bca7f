import { transpose, type CsrMatrix } from '../matrix/csr.ts';
import { topN, type TopN } from '../scoring/top-n.ts';
import type { UserHistory, UserScorer } from './scorer.ts';

export interface ItemKnnOptions {
  /** Most similar items kept per item. Default 100; worth tuning on validation users. */
  readonly neighbours?: number;
}

export interface ItemKnn extends UserScorer {
  readonly neighbours: number;
  /**
   * Items × items: row j holds j's kept neighbours i with cosine(j, i), columns
   * ascending. Not symmetric: i can be among j's best without j being among i's.
   */
  readonly similarity: CsrMatrix;
  /** Item j's kept neighbours, most similar first (ties: lower index first), at most n. */
  similarItems(item: number, n?: number): TopN;
  /** score(u, i) = Σ over history items j with positive weight of similarity(j, i); 0 if none reaches i. */
  scoreUser(history: UserHistory, out: Float32Array): void;
}

/**
 * Item-based kNN (Sarwar et al. 2001; Deshpande & Karypis 2004) on the
 * binarised users × items matrix: an entry with positive weight is 1, anything
 * else (dislike, neutral) is 0. cosine(i, j) = co(i, j) / √(n_i · n_j), where
 * co counts users who have both and n_i users who have i.
 *
 * Co-occurrences of item i come from a sparse product: for each user u of i
 * (row i of the transpose), add 1 for every item of u, into one dense counter
 * array that is reset through the list of items touched. Cost is
 * Σ_u |items(u)|² additions, never items² pairs.
 */
export function trainItemKnn(matrix: CsrMatrix, options: ItemKnnOptions = {}): ItemKnn {
  const neighbours = options.neighbours ?? 100;
  if (!Number.isInteger(neighbours) || neighbours < 1) {
    throw new RangeError(`neighbours must be a positive whole number, got ${neighbours}`);
  }
  const items = matrix.cols;
  const byUser = binarise(matrix);
  const byItem = transpose(byUser);
  const userCount = new Int32Array(items);
  for (let i = 0; i < items; i++) userCount[i] = byItem.indptr[i + 1]! - byItem.indptr[i]!;

  const together = new Int32Array(items);
  const touched = new Int32Array(items);
  const similarityTo = new Float32Array(items);
  const selectScratch = new Float32Array(items);
  const kept = new Int32Array(items);
  const ties = new Int32Array(items);
  const indptr = new Int32Array(items + 1);
  let outIndices = new Int32Array(Math.min(items * neighbours, 1 << 20));
  let outValues = new Float32Array(outIndices.length);
  let nnz = 0;

  for (let i = 0; i < items; i++) {
    let touchedCount = 0;
    for (let e = byItem.indptr[i]!; e < byItem.indptr[i + 1]!; e++) {
      const u = byItem.indices[e]!;
      for (let f = byUser.indptr[u]!; f < byUser.indptr[u + 1]!; f++) {
        const j = byUser.indices[f]!;
        if (j === i) continue;
        if (together[j] === 0) touched[touchedCount++] = j;
        together[j]!++;
      }
    }
    const ni = userCount[i]!;
    for (let c = 0; c < touchedCount; c++) {
      const j = touched[c]!;
      const s = Math.fround(together[j]! / Math.sqrt(ni * userCount[j]!));
      similarityTo[j] = s;
      selectScratch[c] = s;
      together[j] = 0;
    }

    // Keep the `neighbours` most similar; at the cut-off value, the lowest item indices.
    let keptCount = 0;
    if (touchedCount <= neighbours) {
      kept.set(touched.subarray(0, touchedCount));
      keptCount = touchedCount;
    } else {
      const cut = kthLargest(selectScratch, touchedCount, neighbours);
      let tieCount = 0;
      for (let c = 0; c < touchedCount; c++) {
        const j = touched[c]!;
        if (similarityTo[j]! > cut) kept[keptCount++] = j;
        else if (similarityTo[j] === cut) ties[tieCount++] = j;
      }
      const admitted = ties
        .subarray(0, tieCount)
        .sort()
        .subarray(0, neighbours - keptCount);
      kept.set(admitted, keptCount);
      keptCount += admitted.length;
    }
    const row = kept.subarray(0, keptCount).sort();

    if (nnz + keptCount > outIndices.length) {
      const capacity = Math.max(2 * outIndices.length, nnz + keptCount);
      outIndices = grow(new Int32Array(capacity), outIndices);
      outValues = grow(new Float32Array(capacity), outValues);
    }
    for (const j of row) {
      outIndices[nnz] = j;
      outValues[nnz] = similarityTo[j]!;
      nnz++;
    }
    indptr[i + 1] = nnz;
  }

  const similarity: CsrMatrix = {
    rows: items,
    cols: items,
    indptr,
    indices: outIndices.slice(0, nnz),
    values: outValues.slice(0, nnz),
  };

  return {
    numItems: items,
    neighbours,
    similarity,
    similarItems(item: number, n = neighbours): TopN {
      const start = indptr[item]!;
      const end = indptr[item + 1]!;
      const best = topN(similarity.values.subarray(start, end), Math.min(n, end - start));
      return { items: best.items.map((at) => similarity.indices[start + at]!), scores: best.scores };
    },
    scoreUser(history: UserHistory, out: Float32Array): void {
      out.fill(0, 0, items);
      for (let h = 0; h < history.indices.length; h++) {
        if (!(history.values[h]! > 0)) continue;
        const j = history.indices[h]!;
        if (j >= items) continue;
        for (let e = indptr[j]!; e < indptr[j + 1]!; e++)
          out[similarity.indices[e]!]! += similarity.values[e]!;
      }
    },
  };
}

/** The entries with positive value, each as 1 (columns stay ascending). */
function binarise(m: CsrMatrix): CsrMatrix {
  const indptr = new Int32Array(m.rows + 1);
  const indices = new Int32Array(m.indices.length);
  let nnz = 0;
  for (let r = 0; r < m.rows; r++) {
    for (let e = m.indptr[r]!; e < m.indptr[r + 1]!; e++)
      if (m.values[e]! > 0) indices[nnz++] = m.indices[e]!;
    indptr[r + 1] = nnz;
  }
  return {
    rows: m.rows,
    cols: m.cols,
    indptr,
    indices: indices.slice(0, nnz),
    values: new Float32Array(nnz).fill(1),
  };
}

/** The k-th largest of a[0 .. n) (k 1-based), by quickselect; reorders a. */
function kthLargest(a: Float32Array, n: number, k: number): number {
  const target = k - 1;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! > pivot) i++;
      while (a[j]! < pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return a[target]!;
  }
  return a[lo]!;
}

function grow<T extends Int32Array | Float32Array>(target: T, source: T): T {
  target.set(source);
  return target;
}
