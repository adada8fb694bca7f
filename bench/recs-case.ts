/**
 * One recommendation benchmark case per process, so its peak RSS is its own.
 * Prints one JSON object on stdout. Cases: train-1m, train-10m, fold-in.
 */
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import {
  alsModel,
  AlsParams,
  plainMemory,
  foldIn,
  scoreItems,
  seededRandom,
  topN,
  trainAls,
  type AlsModel,
  type CsrMatrix,
  type TrainOptions,
} from '@reelshelf/shared/recs';
import { workerRunner } from '../server/src/recs/als-workers.ts';
import { DEFAULT_TOPK_PARAMS } from '../server/src/recs/defaults.ts';
import { syntheticInteractions } from './recs-data.ts';
import { peakRssMiB, percentiles } from './stats.ts';

const FACTORS = 64;

async function iterationSeconds(m: CsrMatrix, iterations: number, options: TrainOptions): Promise<number[]> {
  const ends: number[] = [];
  await trainAls(
    m,
    { ...DEFAULT_TOPK_PARAMS, factors: FACTORS, iterations },
    { ...options, onIteration: (p) => ends.push(p.seconds) },
  );
  return ends.map((end, i) => Math.round((end - (ends[i - 1] ?? 0)) * 1000) / 1000);
}

async function training(
  users: number,
  items: number,
  interactions: number,
  iterations: number,
  baselineIterations: number,
) {
  const built = performance.now();
  const m = syntheticInteractions(users, items, interactions);
  const buildSeconds = (performance.now() - built) / 1000;
  const threads = 2;
  const parallel = await iterationSeconds(m, iterations, { runner: workerRunner(threads) });
  const peakParallel = peakRssMiB();
  // Baseline: the same training with the JavaScript kernels on one thread.
  const single = await iterationSeconds(m, baselineIterations, { memory: plainMemory });
  // The first iteration pays for JIT warm-up in fresh threads; the steady state is what a long run sees.
  const steady = parallel.length > 1 ? parallel.slice(1) : parallel;
  return {
    matrix: {
      users,
      items,
      interactions: m.indices.length,
      buildSeconds: Math.round(buildSeconds * 10) / 10,
    },
    factors: FACTORS,
    threads,
    secondsPerIteration: median(steady),
    iterations: parallel,
    baselineJavaScriptOneThread: { secondsPerIteration: median(single), iterations: single },
    speedup: Math.round((median(single) / median(steady)) * 100) / 100,
    peakRssMiB: peakParallel,
  };
}

function randomModel(items: number): AlsModel {
  const random = seededRandom(11);
  const itemFactors = Float32Array.from({ length: items * FACTORS }, () => (random() - 0.5) * 0.2);
  return alsModel({
    factors: FACTORS,
    userFactors: new Float32Array(FACTORS),
    itemFactors,
    params: AlsParams.parse({ ...DEFAULT_TOPK_PARAMS, factors: FACTORS }),
  });
}

function foldInCase() {
  const items = 60_000;
  const model = randomModel(items);
  const random = seededRandom(12);
  const histories = Array.from({ length: 300 }, () => {
    const picked = new Set<number>();
    while (picked.size < 500) picked.add(Math.floor(items * random() ** 3));
    return { items: Int32Array.from(picked), weights: new Float32Array(500).fill(1) };
  });
  const scores = new Float32Array(items);
  const foldMs: number[] = [];
  const foldTopMs: number[] = [];
  const exactMs: number[] = [];
  for (const [i, history] of histories.entries()) {
    let t = performance.now();
    const user = foldIn(model, history);
    foldMs.push(performance.now() - t);
    t = performance.now();
    const seen = new Set(history.items);
    scoreItems(model, foldIn(model, history), scores);
    topN(scores, 20, (item) => seen.has(item));
    foldTopMs.push(performance.now() - t);
    if (i < 50) {
      t = performance.now();
      exactSolve(model, history);
      exactMs.push(performance.now() - t);
    }
    if (!Number.isFinite(user[0])) throw new Error('fold-in produced NaN');
  }
  // Drop the first 20 runs: JIT warm-up, not what a running app sees.
  return {
    items,
    factors: FACTORS,
    historyLength: 500,
    foldInMs: percentiles(foldMs.slice(20)),
    foldInPlusTop20Ms: percentiles(foldTopMs.slice(20)),
    baselineExactCholeskyMs: percentiles(exactMs.slice(10)),
    peakRssMiB: peakRssMiB(),
  };
}

/** The textbook solve (build YᵀC_uY + λI densely, Cholesky) with ml-matrix — the baseline. */
function exactSolve(model: AlsModel, history: { items: Int32Array }) {
  const k = model.factors;
  const a = Matrix.from1DArray(k, k, Array.from(model.itemGram));
  const b = Matrix.zeros(k, 1);
  const alpha = model.params.alpha;
  for (const i of history.items) {
    const y = model.itemFactors.subarray(i * k, i * k + k);
    for (let r = 0; r < k; r++) {
      b.set(r, 0, b.get(r, 0) + (1 + alpha) * y[r]!);
      for (let c = 0; c < k; c++) a.set(r, c, a.get(r, c) + alpha * y[r]! * y[c]!);
    }
  }
  for (let r = 0; r < k; r++) a.set(r, r, a.get(r, r) + model.params.regularization);
  return new CholeskyDecomposition(a).solve(b);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

const which = process.argv[2];
const result =
  which === 'train-1m'
    ? await training(6_040, 3_706, 1_000_000, 6, 2)
    : which === 'train-10m'
      ? await training(138_000, 27_000, 10_000_000, 4, 1)
      : which === 'fold-in'
        ? foldInCase()
        : undefined;
if (!result) throw new Error(`unknown case ${which}`);
process.stdout.write(`${JSON.stringify(result)}\n`);
