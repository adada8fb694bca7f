import { describe, expect, it } from 'vitest';
import { csrFromTriples, plainMemory, seededRandom, trainAls } from '@reelshelf/shared/recs';
import { workerRunner } from './als-workers.ts';

function randomMatrix() {
  const random = seededRandom(5);
  const n = 3000;
  return csrFromTriples(300, 200, {
    row: Int32Array.from({ length: n }, () => Math.floor(random() * 300)),
    col: Int32Array.from({ length: n }, () => Math.floor(random() ** 2 * 200)),
    value: Float32Array.from({ length: n }, () => 1 + Math.floor(random() * 5)),
  });
}

describe('training over worker threads', () => {
  it('uses shared JavaScript arrays when the factor count does not suit the SIMD kernels', async () => {
    const params = { factors: 6, iterations: 3, regularization: 0.01, regExponent: 1 };
    const threaded = await trainAls(randomMatrix(), params, { runner: workerRunner(2) });
    const single = await trainAls(randomMatrix(), params, { memory: plainMemory });
    expect(threaded.itemFactors.buffer).toBeInstanceOf(SharedArrayBuffer);
    let worst = 0;
    single.itemFactors.forEach((x, i) => (worst = Math.max(worst, Math.abs(x - threaded.itemFactors[i]!))));
    expect(worst).toBeLessThan(1e-5);
  });

  it('refuses memory the other threads cannot see', async () => {
    await expect(
      trainAls(randomMatrix(), { factors: 8 }, { runner: workerRunner(2), memory: plainMemory }),
    ).rejects.toThrow(/shared arrays/);
  });

  it('gives the same factors as training on one thread', async () => {
    const m = randomMatrix();
    const params = {
      factors: 16,
      iterations: 5,
      regularization: 0.01,
      regExponent: 1,
      strength: 'log' as const,
    };
    const progress: number[] = [];
    const threaded = await trainAls(m, params, {
      runner: workerRunner(2),
      onIteration: (p) => progress.push(p.iteration),
    });
    const single = await trainAls(m, params);
    expect(progress).toEqual([1, 2, 3, 4, 5]);
    expect(threaded.itemFactors.buffer).toBeInstanceOf(SharedArrayBuffer);
    let worst = 0;
    for (let i = 0; i < single.itemFactors.length; i++) {
      worst = Math.max(worst, Math.abs(single.itemFactors[i]! - threaded.itemFactors[i]!));
    }
    // Only the order of summing the gramian's parts differs.
    expect(worst).toBeLessThan(1e-4);
  });
});
