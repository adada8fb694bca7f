/**
 * Compressed sparse rows: the one layout every training and scoring loop reads.
 * Row r's entries are indices/values[indptr[r] .. indptr[r + 1]), columns ascending.
 */
export interface CsrMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

export interface Triples {
  readonly row: Int32Array;
  readonly col: Int32Array;
  readonly value: Float32Array;
}

/** Builds a CSR matrix; repeated (row, col) pairs are summed, as repeated events add up. */
export function csrFromTriples(rows: number, cols: number, t: Triples): CsrMatrix {
  const n = t.row.length;
  const counts = new Int32Array(rows + 1);
  for (let e = 0; e < n; e++) counts[t.row[e]! + 1]!++;
  for (let r = 0; r < rows; r++) counts[r + 1]! += counts[r]!;
  const order = new Int32Array(n);
  const fill = counts.slice(0, rows);
  for (let e = 0; e < n; e++) order[fill[t.row[e]!]!++] = e;

  const indptr = new Int32Array(rows + 1);
  const indices = new Int32Array(n);
  const values = new Float32Array(n);
  let out = 0;
  for (let r = 0; r < rows; r++) {
    const start = counts[r]!;
    const end = counts[r + 1]!;
    const entries = Array.from(order.subarray(start, end)).sort((a, b) => t.col[a]! - t.col[b]!);
    for (const e of entries) {
      const c = t.col[e]!;
      if (out > indptr[r]! && indices[out - 1] === c) values[out - 1]! += t.value[e]!;
      else {
        indices[out] = c;
        values[out] = t.value[e]!;
        out++;
      }
    }
    indptr[r + 1] = out;
  }
  return { rows, cols, indptr, indices: indices.slice(0, out), values: values.slice(0, out) };
}

export function transpose(m: CsrMatrix): CsrMatrix {
  const nnz = m.indices.length;
  const indptr = new Int32Array(m.cols + 1);
  for (let e = 0; e < nnz; e++) indptr[m.indices[e]! + 1]!++;
  for (let c = 0; c < m.cols; c++) indptr[c + 1]! += indptr[c]!;
  const fill = indptr.slice(0, m.cols);
  const indices = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  for (let r = 0; r < m.rows; r++) {
    for (let e = m.indptr[r]!; e < m.indptr[r + 1]!; e++) {
      const at = fill[m.indices[e]!]!++;
      indices[at] = r;
      values[at] = m.values[e]!;
    }
  }
  return { rows: m.cols, cols: m.rows, indptr, indices, values };
}

export function rowLength(m: CsrMatrix, r: number): number {
  return m.indptr[r + 1]! - m.indptr[r]!;
}
