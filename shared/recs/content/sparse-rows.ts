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
