import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { instantiateKernels, kernelModule, WasmHeap } from './kernels.ts';

describe('WebAssembly kernels', () => {
  it('are compiled from the committed kernels.wat (npm run build:wasm was run after the last edit)', () => {
    const script = fileURLToPath(new URL('../../../scripts/build-wasm.mjs', import.meta.url));
    expect(() => execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  it('score every item against a user vector like a plain dot product', () => {
    expect(kernelModule()).not.toBeNull();
    const heap = new WasmHeap(4096);
    const k = 8;
    const items = heap.float32(3 * k);
    items.set(Array.from({ length: 3 * k }, (_, i) => (i % 5) - 2));
    const user = heap.float32(k);
    user.set([1, 0, -1, 2, 0.5, 0, 0, 3]);
    const out = heap.float32(3);
    instantiateKernels(heap.memory).score_items(items.byteOffset, user.byteOffset, out.byteOffset, 3, k);
    const expected = [0, 1, 2].map((i) => user.reduce((s, u, f) => s + u * items[i * k + f]!, 0));
    expect(Array.from(out)).toEqual(expected);
  });

  it('says when a heap is too small instead of writing past it', () => {
    const heap = new WasmHeap(1000);
    heap.float32(10_000);
    expect(() => heap.float32(10_000)).toThrow(/heap is full/);
  });
});
