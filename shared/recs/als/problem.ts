import { transpose, type CsrMatrix } from '../matrix/csr.ts';
import { seededRandom } from '../matrix/random.ts';
import { toSignedConfidence } from './confidence.ts';
import type { AlsParams } from './params.ts';
import { rowWeight, scaledRegularization } from './regularization.ts';
import {
  allocateKernelArea,
  kernelAreaBytes,
  kernelsFit,
  WasmHeap,
  type KernelArea,
  type WasmMemory,
} from '../wasm/kernels.ts';

/**
 * Everything a half-step reads or writes, in typed arrays that an allocator
 * hands out — plain memory for one thread, SharedArrayBuffer for workers.
 */
export interface AlsProblem {
  readonly factors: number;
  readonly cgSteps: number;
  readonly userItem: CsrMatrix;
  readonly itemUser: CsrMatrix;
  readonly userFactors: Float32Array;
  readonly itemFactors: Float32Array;
  readonly userRegularization: Float32Array;
  readonly itemRegularization: Float32Array;
  /** Present when the arrays live in a WebAssembly heap: the SIMD kernels run the half-steps. */
  readonly kernels?: { readonly memory: WasmMemory; readonly area: KernelArea };
}

export interface Allocator {
  float32(length: number): Float32Array;
  int32(length: number): Int32Array;
}

export const plainMemory: Allocator = {
  float32: (length) => new Float32Array(length),
  int32: (length) => new Int32Array(length),
};

/** SharedArrayBuffer-backed arrays, for threads when the WebAssembly heap cannot be used. */
export const sharedMemory: Allocator = {
  float32: (length) => new Float32Array(new SharedArrayBuffer(length * 4)),
  int32: (length) => new Int32Array(new SharedArrayBuffer(length * 4)),
};

/**
 * Where a problem's arrays go by default: a WebAssembly heap when the SIMD
 * kernels can run (shared memory, so worker threads see it too), else plain memory.
 */
export function defaultMemory(weights: CsrMatrix, factors: number, shared = false): Allocator {
  if (!kernelsFit(factors)) return shared ? sharedMemory : plainMemory;
  const rows = weights.rows + weights.cols;
  const nnz = weights.indices.length;
  const floats = 2 * (rows + 2) + 4 * nnz + rows * factors + rows;
  return new WasmHeap(floats * 4 + kernelAreaBytes(factors) + 16 * 16);
}

export function prepareProblem(
  weights: CsrMatrix,
  params: AlsParams,
  memory: Allocator = plainMemory,
): AlsProblem {
  const confidence = { ...weights, values: toSignedConfidence(weights.values, params) };
  const userItem = copyCsr(confidence, memory);
  const itemUser = copyCsr(transpose(confidence), memory);
  const k = params.factors;
  const random = seededRandom(params.seed);
  const scale = params.initScale / Math.sqrt(k);
  const init = (rows: number): Float32Array => {
    const f = memory.float32(rows * k);
    for (let i = 0; i < f.length; i++) f[i] = (random() * 2 - 1) * scale;
    return f;
  };
  return {
    factors: k,
    cgSteps: params.cgSteps,
    userItem,
    itemUser,
    userFactors: init(weights.rows),
    itemFactors: init(weights.cols),
    userRegularization: regularization(userItem, params, weights.cols, memory),
    itemRegularization: regularization(itemUser, params, weights.rows, memory),
    ...(memory instanceof WasmHeap && kernelsFit(k)
      ? { kernels: { memory: memory.memory, area: allocateKernelArea(memory, k) } }
      : {}),
  };
}

function regularization(m: CsrMatrix, params: AlsParams, otherSide: number, memory: Allocator): Float32Array {
  const perRow = memory.float32(m.rows);
  for (let r = 0; r < m.rows; r++) {
    perRow[r] = scaledRegularization(rowWeight(m.values, m.indptr[r]!, m.indptr[r + 1]!, otherSide), params);
  }
  return perRow;
}

function copyCsr(m: CsrMatrix, memory: Allocator): CsrMatrix {
  const indptr = memory.int32(m.indptr.length);
  indptr.set(m.indptr);
  const indices = memory.int32(m.indices.length);
  indices.set(m.indices);
  const values = memory.float32(m.values.length);
  values.set(m.values);
  return { rows: m.rows, cols: m.cols, indptr, indices, values };
}

/** Splits rows into `parts` contiguous ranges of about equal solve cost (k/2 + nnz per row). */
export function balancedRanges(m: CsrMatrix, parts: number, factors: number): Array<[number, number]> {
  const rowCost = factors / 2;
  const total = m.rows * rowCost + m.indices.length;
  const ranges: Array<[number, number]> = [];
  let start = 0;
  for (let part = 1; part <= parts; part++) {
    const goal = (total * part) / parts;
    let end = start;
    while (end < m.rows && (end + 1) * rowCost + m.indptr[end + 1]! <= goal) end++;
    if (part === parts) end = m.rows;
    ranges.push([start, end]);
    start = end;
  }
  return ranges.filter(([s, e]) => e > s);
}
