import { describe, expect, it } from 'vitest';
import { csrFromTriples, seededRandom, trainAls } from '@reelshelf/shared/recs';
import { workerRunner } from './als-workers.ts';

describe('training over worker threads', () => {
  it('gives the same factors as training on one thread', async () => {
    const random = seededRandom(5);
    const n = 3000;
    const m = csrFromTriples(300, 200, {
      row: Int32Array.from({ length: n }, () => Math.floor(random() * 300)),
      col: Int32Array.from({ length: n }, () => Math.floor(random() ** 2 * 200)),
      value: Float32Array.from({ length: n }, () => 1 + Math.floor(random() * 5)),
    });
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
