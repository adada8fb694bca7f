import type { CsrMatrix } from '../matrix/csr.ts';

/** Helpers for building CSR rows in place (shared by the metadata and overview vectors). */

/** Sorts entries [start, end) by column, values alongside (CSR rows are column-ascending). */
export function sortRowByColumn(indices: Int32Array, values: Float32Array, start: number, end: number): void {
  if (end - start > 64) {
    const order = Array.from({ length: end - start }, (_, k) => start + k).sort(
      (a, b) => indices[a]! - indices[b]!,
    );
    const sortedIndices = Int32Array.from(order, (e) => indices[e]!);
    const sortedValues = Float32Array.from(order, (e) => values[e]!);
    indices.set(sortedIndices, start);
    values.set(sortedValues, start);
    return;
  }
  for (let e = start + 1; e < end; e++) {
    const c = indices[e]!;
    const v = values[e]!;
    let at = e - 1;
    while (at >= start && indices[at]! > c) {
      indices[at + 1] = indices[at]!;
      values[at + 1] = values[at]!;
      at--;
    }
    indices[at + 1] = c;
    values[at + 1] = v;
  }
}

/** A buffer twice the size holding the old contents. */
export function doubled<T extends Int32Array | Float32Array>(buffer: T): T {
  const bigger = new (buffer.constructor as new (length: number) => T)(Math.max(16, buffer.length * 2));
  bigger.set(buffer);
  return bigger;
}

/**
 * Builds a CSR matrix row by row while counting document frequencies. Columns
 * are numbered by the caller (as it meets new features or words); a column
 * added twice to one row is merged — the larger value kept ('max': a name
 * listed twice in one title) or the values added ('sum': a word's count).
 */
export class SparseRowsBuilder {
  private indices = new Int32Array(1024);
  private values = new Float32Array(1024);
  private size = 0;
  private readonly indptr: number[] = [0];
  private readonly df: number[] = [];
  /** Per column: the last row that used it, and where its entry is. */
  private readonly lastRow: number[] = [];
  private readonly lastAt: number[] = [];

  constructor(private readonly merge: 'max' | 'sum') {}

  add(column: number, value: number): void {
    const row = this.indptr.length - 1;
    while (this.df.length <= column) {
      this.df.push(0);
      this.lastRow.push(-1);
      this.lastAt.push(0);
    }
    if (this.lastRow[column] === row) {
      const at = this.lastAt[column]!;
      if (this.merge === 'sum') this.values[at]! += value;
      else if (value > this.values[at]!) this.values[at] = value;
      return;
    }
    this.lastRow[column] = row;
    this.lastAt[column] = this.size;
    this.df[column]!++;
    if (this.size === this.indices.length) {
      this.indices = doubled(this.indices);
      this.values = doubled(this.values);
    }
    this.indices[this.size] = column;
    this.values[this.size] = value;
    this.size++;
  }

  /** Closes the current row (sorting it by column) and starts the next. */
  endRow(): void {
    sortRowByColumn(this.indices, this.values, this.indptr.at(-1)!, this.size);
    this.indptr.push(this.size);
  }

  /** The matrix of the rows ended so far, and each column's document frequency. */
  build(cols: number): { matrix: CsrMatrix; df: Int32Array } {
    const df = new Int32Array(cols);
    df.set(this.df.slice(0, cols));
    return {
      matrix: {
        rows: this.indptr.length - 1,
        cols,
        indptr: Int32Array.from(this.indptr),
        indices: this.indices.slice(0, this.size),
        values: this.values.slice(0, this.size),
      },
      df,
    };
  }
}

/** Smooth idf, ln((1 + N) / (1 + df)) + 1: a term in every document still counts a little. */
export function smoothIdf(df: Int32Array, documents: number): Float32Array {
  return Float32Array.from(df, (d) => Math.log((1 + documents) / (1 + d)) + 1);
}
