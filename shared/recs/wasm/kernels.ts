import type { Allocator } from '../als/problem.ts';
import { KERNELS_WASM_BASE64 } from './kernels-wasm.ts';

/** The exports of kernels.wat; every pointer is a byte offset into the heap's memory. */
export interface Kernels {
  score_items(y: number, u: number, out: number, n: number, k: number): void;
  add_gramian(factors: number, start: number, end: number, k: number, out: number): void;
  solve_rows(
    indptr: number,
    indices: number,
    values: number,
    target: number,
    other: number,
    gram: number,
    regularization: number,
    k: number,
    steps: number,
    start: number,
    end: number,
    scratch: number,
  ): void;
}

/**
 * The few WebAssembly APIs used here, typed locally: the repo's TypeScript
 * setup has no DOM library (which is where TypeScript keeps these types), and
 * this code must not assume a browser or Node either.
 */
export interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
}
interface WasmModule {
  readonly brand?: 'WebAssembly.Module';
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { exports: unknown };
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
}
const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

let compiled: WasmModule | null | undefined;

/**
 * The compiled kernels, or null where this runtime lacks WebAssembly SIMD or
 * shared memory (a browser page without cross-origin isolation, say) — callers
 * then use the JavaScript kernels, which give the same results more slowly.
 */
export function kernelModule(): WasmModule | null {
  if (compiled !== undefined) return compiled;
  try {
    if (!wasm) throw new Error('no WebAssembly');
    const bytes = Uint8Array.from(atob(KERNELS_WASM_BASE64), (c) => c.charCodeAt(0));
    compiled = new wasm.Module(bytes);
    new wasm.Memory({ initial: 1, maximum: 1, shared: true });
  } catch {
    compiled = null;
  }
  return compiled;
}

/** Vectors must be whole SIMD lanes. */
export function kernelsFit(factors: number): boolean {
  return factors % 4 === 0 && kernelModule() !== null;
}

export function instantiateKernels(memory: WasmMemory): Kernels {
  const module = kernelModule();
  if (!module || !wasm) throw new Error('WebAssembly SIMD kernels are not available in this runtime.');
  return new wasm.Instance(module, { env: { memory } }).exports as Kernels;
}

const PAGE = 65_536;

/**
 * A bump allocator over one shared WebAssembly memory: typed arrays handed out
 * here are views the kernels can read through their byte offset, and (being on
 * a SharedArrayBuffer) views every worker thread sees too. Sized once; running
 * out is a bug in the size estimate, reported as such.
 */
export class WasmHeap implements Allocator {
  readonly memory: WasmMemory;
  private readonly buffer: SharedArrayBuffer;
  private next = 16;

  constructor(bytes: number) {
    const pages = Math.ceil((bytes + 64) / PAGE);
    if (pages > 65_536) throw new RangeError(`${bytes} bytes is more than WebAssembly's 4 GiB memory`);
    if (!wasm) throw new Error('WebAssembly is not available in this runtime.');
    this.memory = new wasm.Memory({ initial: pages, maximum: pages, shared: true });
    this.buffer = this.memory.buffer as SharedArrayBuffer;
  }

  float32(length: number): Float32Array {
    return new Float32Array(this.buffer, this.take(length * 4), length);
  }

  int32(length: number): Int32Array {
    return new Int32Array(this.buffer, this.take(length * 4), length);
  }

  float64(length: number): Float64Array {
    return new Float64Array(this.buffer, this.take(length * 8), length);
  }

  private take(bytes: number): number {
    const at = this.next;
    const end = at + Math.ceil(bytes / 16) * 16;
    if (end > this.buffer.byteLength) {
      throw new RangeError(
        `The WebAssembly heap is full (${this.buffer.byteLength} bytes): its size estimate is wrong.`,
      );
    }
    this.next = end;
    return at;
  }
}

/** Most threads a training run reserves kernel scratch space for. */
export const MAX_KERNEL_THREADS = 16;

/** Per-thread scratch of the kernels: CG vectors and a float64 gramian part; plus the float32 gramian they solve with. */
export interface KernelArea {
  readonly gram: Float32Array;
  readonly threads: ReadonlyArray<{ readonly scratch: Float32Array; readonly gramPart: Float64Array }>;
}

export function kernelAreaBytes(factors: number): number {
  const k = factors;
  return MAX_KERNEL_THREADS * (k * k * 8 + 4 * k * 4 + 32) + k * k * 4 + 16;
}

export function allocateKernelArea(heap: WasmHeap, factors: number): KernelArea {
  const k = factors;
  return {
    gram: heap.float32(k * k),
    threads: Array.from({ length: MAX_KERNEL_THREADS }, () => ({
      scratch: heap.float32(4 * k),
      gramPart: heap.float64(k * k),
    })),
  };
}
