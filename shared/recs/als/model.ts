import { addGramian, dotRow, mirrorUpper } from './kernel.ts';
import type { AlsParams } from './params.ts';
import { instantiateKernels, kernelsFit, WasmHeap, type Kernels } from '../wasm/kernels.ts';
import type { AlsFactors } from './train.ts';

/**
 * What a client needs to score its own history: item factors, their gramian
 * (so a fold-in costs no pass over all items) and the settings of the solve.
 * User factors stay on the server; clients fold in their own.
 */
export interface AlsModel {
  readonly factors: number;
  readonly itemCount: number;
  readonly itemFactors: Float32Array;
  readonly itemGram: Float64Array;
  readonly params: AlsParams;
  /** Set when the item factors live in a WebAssembly heap: scoreItems then runs the SIMD kernel. */
  readonly simd?: SimdScoring;
}

interface SimdScoring {
  readonly kernels: Kernels;
  readonly user: Float32Array;
  readonly out: Float32Array;
}

export function alsModel(trained: AlsFactors): AlsModel {
  const k = trained.factors;
  const itemCount = trained.itemFactors.length / k;
  const itemGram = new Float64Array(k * k);
  addGramian(trained.itemFactors, k, 0, itemCount, itemGram);
  mirrorUpper(itemGram, k);
  if (!kernelsFit(k))
    return { factors: k, itemCount, itemFactors: trained.itemFactors, itemGram, params: trained.params };
  // One heap per model, holding the factors, a user vector and the score output.
  const heap = new WasmHeap((itemCount * k + k + itemCount) * 4 + 64);
  const itemFactors = heap.float32(itemCount * k);
  itemFactors.set(trained.itemFactors);
  const simd = {
    kernels: instantiateKernels(heap.memory),
    user: heap.float32(k),
    out: heap.float32(itemCount),
  };
  return { factors: k, itemCount, itemFactors, itemGram, params: trained.params, simd };
}

/** Scores every item for a user vector: out[i] = x · y_i. */
export function scoreItems(
  model: Pick<AlsModel, 'factors' | 'itemFactors' | 'simd'>,
  user: Float32Array,
  out: Float32Array,
): void {
  const k = model.factors;
  const simd = model.simd;
  if (simd) {
    simd.user.set(user);
    simd.kernels.score_items(
      model.itemFactors.byteOffset,
      simd.user.byteOffset,
      simd.out.byteOffset,
      simd.out.length,
      k,
    );
    out.set(simd.out.subarray(0, out.length));
    return;
  }
  const y = model.itemFactors;
  const n = y.length / k;
  for (let i = 0; i < n; i++) out[i] = dotRow(y, i * k, user, k);
}
