/**
 * `npm run tune:recs`: how the shipped iALS defaults were chosen. A grid
 * search scored by nDCG@10 on validation splits carved (per item, 75/25) from
 * the training part of seed 1 only — never on a test split. Prints the best
 * settings; the winner goes into ../defaults.ts by hand.
 *
 *   --data DIR   MovieLens folder (default ../shared/datasets/ml-latest-small)
 *   --folds N    validation splits to average (default 3)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { AlsParamsInput } from '@reelshelf/shared/recs';
import { workerRunner } from '../als-workers.ts';
import { ials } from './candidates.ts';
import { loadMovieLens } from './movielens.ts';
import { evaluateTopK, recommendersSplit } from './protocols.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: resolve(root, '../shared/datasets/ml-latest-small') },
    folds: { type: 'string', default: '3' },
  },
});

const GRID = {
  factors: [64, 128, 256],
  alpha: [0.5, 1, 2, 4],
  regularization: [0.007, 0.01, 0.014, 0.02],
  strength: ['binary', 'linear', 'log'] as const,
};

const ml = loadMovieLens(args.data);
const { train } = recommendersSplit(ml.ratings, 1);
const folds = Array.from({ length: Number(args.folds) }, (_, f) => recommendersSplit(train, 1001 + f));
const runner = workerRunner();

async function score(params: AlsParamsInput): Promise<number> {
  let total = 0;
  for (const fold of folds)
    total += (await evaluateTopK(ials(params, { runner }), fold.train, fold.test, { k: 10 })).ndcg;
  return total / folds.length;
}

// Coordinate search from a sensible start: one parameter at a time over its grid, twice round.
let best: AlsParamsInput = {
  factors: 128,
  alpha: 1,
  regularization: 0.014,
  regExponent: 1,
  strength: 'linear',
};
let bestScore = await score(best);
const trials: Array<{ params: AlsParamsInput; validationNdcg: number }> = [
  { params: best, validationNdcg: bestScore },
];
process.stderr.write(`start ${JSON.stringify(best)} → ${bestScore.toFixed(4)}\n`);
for (let round = 0; round < 2; round++) {
  for (const [name, values] of Object.entries(GRID)) {
    for (const value of values) {
      const candidate = { ...best, [name]: value };
      if (JSON.stringify(candidate) === JSON.stringify(best)) continue;
      const s = await score(candidate);
      process.stderr.write(`${JSON.stringify(candidate)} → ${s.toFixed(4)}\n`);
      trials.push({ params: candidate, validationNdcg: s });
      const costlier = (candidate.factors ?? 0) > (best.factors ?? 0);
      if (s > bestScore + (costlier ? 0.002 : 0)) [best, bestScore] = [candidate, s];
    }
  }
}
console.log(`best on validation (mean nDCG@10 over ${folds.length} folds): ${bestScore.toFixed(4)}`);
console.log(JSON.stringify(best));
const out = join(root, 'bench/results/recs-tune.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify({ data: args.data, folds: folds.length, best, bestScore, trials }, null, 2)}\n`,
);
