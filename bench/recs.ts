/**
 * Recommendation benchmarks (npm run bench -- recs), each case in a fresh
 * process for an honest peak RSS:
 *   iALS training at k = 64 on synthetic 1M (6,040 × 3,706) and 10M
 *   (138,000 × 27,000) interaction matrices over 2 worker threads, with
 *   the JavaScript kernels on one thread measured in the same run as the baseline;
 *   fold-in of a 500-interaction user and fold-in + top-20 over 60,000 items,
 *   against a textbook dense Cholesky solve.
 * Prints a table and writes bench/results/recs.json.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { resultHeader, saveResult } from './results.ts';

const TARGETS = { train1mSeconds: 0.5, train10mSeconds: 5, foldInMs: 2, foldInTop20Ms: 5 };
const tsx = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url));
const worker = fileURLToPath(new URL('./recs-case.ts', import.meta.url));

function runCase(name: string) {
  process.stderr.write(`running ${name}…\n`);
  const out = execFileSync(process.execPath, [tsx, worker, name], {
    maxBuffer: 1 << 24,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.toString()) as Record<string, unknown> & { peakRssMiB: number };
}

type Training = ReturnType<typeof runCase> & {
  secondsPerIteration: number;
  speedup: number;
  baselineJavaScriptOneThread: { secondsPerIteration: number };
};
type FoldIn = ReturnType<typeof runCase> & {
  foldInMs: Record<string, number>;
  foldInPlusTop20Ms: Record<string, number>;
  baselineExactCholeskyMs: Record<string, number>;
};

const train1m = runCase('train-1m') as Training;
const train10m = runCase('train-10m') as Training;
const fold = runCase('fold-in') as FoldIn;

const targets = {
  train1mSecondsPerIteration: {
    target: TARGETS.train1mSeconds,
    met: train1m.secondsPerIteration <= TARGETS.train1mSeconds,
  },
  train10mSecondsPerIteration: {
    target: TARGETS.train10mSeconds,
    met: train10m.secondsPerIteration <= TARGETS.train10mSeconds,
  },
  foldInP95Ms: { target: TARGETS.foldInMs, met: fold.foldInMs.p95! <= TARGETS.foldInMs },
  foldInTop20P95Ms: {
    target: TARGETS.foldInTop20Ms,
    met: fold.foldInPlusTop20Ms.p95! <= TARGETS.foldInTop20Ms,
  },
};
const result = {
  ...resultHeader('recs'),
  train1m,
  train10m,
  foldIn: fold,
  targets,
};
saveResult('recs', result);

console.table({
  'iALS 1M, k=64, 2 threads (s/iteration)': {
    value: train1m.secondsPerIteration,
    note: `target ≤ ${TARGETS.train1mSeconds}; JS kernels, 1 thread: ${train1m.baselineJavaScriptOneThread.secondsPerIteration} s (${train1m.speedup}×); peak ${train1m.peakRssMiB} MiB`,
  },
  'iALS 10M, k=64, 2 threads (s/iteration)': {
    value: train10m.secondsPerIteration,
    note: `target ≤ ${TARGETS.train10mSeconds}; JS kernels, 1 thread: ${train10m.baselineJavaScriptOneThread.secondsPerIteration} s (${train10m.speedup}×); peak ${train10m.peakRssMiB} MiB`,
  },
  'fold-in, 500 interactions, p50/p95 (ms)': {
    value: `${fold.foldInMs.p50} / ${fold.foldInMs.p95}`,
    note: `target p95 ≤ ${TARGETS.foldInMs}; dense Cholesky baseline p50 ${fold.baselineExactCholeskyMs.p50}`,
  },
  'fold-in + top-20 of 60,000, p50/p95 (ms)': {
    value: `${fold.foldInPlusTop20Ms.p50} / ${fold.foldInPlusTop20Ms.p95}`,
    note: `target p95 ≤ ${TARGETS.foldInTop20Ms}; peak ${fold.peakRssMiB} MiB`,
  },
});
console.log('Results: bench/results/recs.json');
if (!Object.values(targets).every((t) => t.met)) process.exitCode = 1;
