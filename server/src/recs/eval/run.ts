/**
 * `npm run eval:recs`: offline evaluation of the recommender on MovieLens
 * (read from ../shared/datasets at run time), with baselines measured in the
 * same run. Prints tables and writes bench/results/recs-eval.json.
 *
 *   --data DIR    MovieLens folder (default ../shared/datasets/ml-latest-small)
 *   --seeds N     seeds per protocol (default 5)
 *   --threads N   training threads (default all cores)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  buildContentIndex,
  DEFAULT_DIVERSITY,
  meanAndSd,
  type AlsParamsInput,
  type BlendWeights,
} from '@reelshelf/shared/recs';
import { workerRunner } from '../als-workers.ts';
import { DEFAULT_TOPK_PARAMS } from '../defaults.ts';
import { ials, itemKnn, mostPopular, type Candidate } from './candidates.ts';
import { hybrid } from './hybrid-candidate.ts';
import { loadMovieLens, movieLensContent } from './movielens.ts';
import { evaluateHeldOut, evaluateTopK, liangSplit, perUserSplit, recommendersSplit } from './protocols.ts';
import { PUBLISHED_ML100K } from './published.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: resolve(root, '../shared/datasets/ml-latest-small') },
    seeds: { type: 'string', default: '5' },
    threads: { type: 'string' },
  },
});
const seeds = Array.from({ length: Number(args.seeds) }, (_, i) => i + 1);
const resources = {
  runner: workerRunner(args.threads ? Number(args.threads) : undefined),
};
const say = (text: string) => process.stderr.write(`${text}\n`);

const ml = loadMovieLens(args.data);
say(
  `${args.data}: ${ml.ratings.user.length} ratings, ${ml.ratings.users.length} users, ${ml.ratings.items.length} items`,
);
const content = buildContentIndex(movieLensContent(ml), {
  text: { lexicalReason: 'MovieLens has no plot summaries' },
  weights: { metadata: 1, text: 0 },
});

const KNN_NEIGHBOURS = [10, 20, 50, 100, 200];
const learnedWeights: Array<{
  protocol: string;
  seed: number;
  weights: BlendWeights;
  validationNdcg: number;
}> = [];
const chosenNeighbours: Array<{ protocol: string; seed: number; neighbours: number }> = [];

/**
 * The shipped defaults were tuned on seed 1's training data, which overlaps the
 * other seeds' test data. This row is the clean one: for every seed, a small
 * grid around the defaults is scored on a validation split carved from that
 * seed's training part only, and the winner is then tested.
 */
const NESTED_GRID = [1, 2, 4].flatMap((alpha) =>
  [0.01, 0.014, 0.02].map((regularization) => ({ ...DEFAULT_TOPK_PARAMS, alpha, regularization })),
);
const chosenParams: Array<{ protocol: string; seed: number; params: AlsParamsInput }> = [];

type Split = { train: Parameters<typeof evaluateTopK>[1]; test: Parameters<typeof evaluateTopK>[2] };
type Splitter = (log: Split['train'], seed: number) => Split;

/**
 * The setting whose candidate scores the best nDCG@10 on a validation split
 * carved from this seed's training part — how every tuned row of the report
 * (our nested iALS, item-kNN's neighbourhood) is chosen.
 */
async function bestOnValidation<T>(
  settings: readonly T[],
  candidate: (setting: T) => Candidate,
  split: Splitter,
  train: Split['train'],
  seed: number,
): Promise<T> {
  const validation = split(train, seed + 1000);
  let best: T = settings[0]!;
  let bestNdcg = -1;
  for (const setting of settings) {
    const { ndcg } = await evaluateTopK(candidate(setting), validation.train, validation.test, { k: 10 });
    if (ndcg > bestNdcg) [best, bestNdcg] = [setting, ndcg];
  }
  return best;
}

function candidates(protocol: string, seed: number, split: Splitter): Candidate[] {
  const setup = {
    params: DEFAULT_TOPK_PARAMS,
    content,
    resources,
    validationSplit: (log: Split['train']) => split(log, seed + 1000),
    onWeights: (weights: BlendWeights, validationNdcg: number) =>
      learnedWeights.push({ protocol, seed, weights, validationNdcg }),
    fitted: new WeakMap(),
  };
  return [
    mostPopular,
    ials(DEFAULT_TOPK_PARAMS, resources, 'iALS (shipped defaults)'),
    hybrid(setup),
    hybrid({ ...setup, diversity: DEFAULT_DIVERSITY }, `hybrid + MMR diversity ${DEFAULT_DIVERSITY}`),
  ];
}

type Row = Record<string, number>;
const results: Record<string, Record<string, Row[]>> = {};
const record = (protocol: string, name: string, row: Row) => {
  ((results[protocol] ??= {})[name] ??= []).push(row);
};

async function topKProtocol(protocol: string, split: Splitter) {
  for (const seed of seeds) {
    const { train, test } = split(ml.ratings, seed);
    const neighbours = await bestOnValidation(KNN_NEIGHBOURS, itemKnn, split, train, seed);
    chosenNeighbours.push({ protocol, seed, neighbours });
    // An optimistic baseline too: item-kNN with the neighbourhood that scores best on the test split itself.
    let oracle: Row | undefined;
    for (const size of KNN_NEIGHBOURS) {
      const summary = pickNumbers(
        await evaluateTopK(itemKnn(size), train, test, { k: 10, genres: ml.genres }),
      );
      if (!oracle || summary.ndcg! > oracle.ndcg!) oracle = { ...summary, neighbours: size };
    }
    record(protocol, 'item-kNN (cosine, best neighbourhood on test: optimistic)', oracle!);
    const tuned = await bestOnValidation(
      NESTED_GRID,
      (params) => ials(params, resources),
      split,
      train,
      seed,
    );
    chosenParams.push({ protocol, seed, params: tuned });
    for (const candidate of [
      itemKnn(neighbours),
      ...candidates(protocol, seed, split),
      ials(tuned, resources, "iALS (tuned on this seed's validation split)"),
    ]) {
      const started = performance.now();
      const summary = await evaluateTopK(candidate, train, test, { k: 10, genres: ml.genres });
      const name = candidate.name.startsWith('item-kNN') ? 'item-kNN (cosine, tuned)' : candidate.name;
      record(protocol, name, { ...pickNumbers(summary), seconds: (performance.now() - started) / 1000 });
      say(`${protocol} seed ${seed} ${candidate.name}: nDCG@10 ${summary.ndcg.toFixed(4)}`);
    }
  }
}

async function heldOutProtocol(protocol: string) {
  const heldOut = Math.max(10, Math.round(ml.ratings.users.length * 0.1));
  for (const seed of seeds) {
    const split = liangSplit(ml.ratings, seed, heldOut);
    const within = (log: Split['train'], s: number) => recommendersSplit(log, s);
    let best: Candidate = itemKnn(KNN_NEIGHBOURS[0]!);
    let bestNdcg = -1;
    for (const neighbours of KNN_NEIGHBOURS) {
      const summary = await evaluateHeldOut(itemKnn(neighbours), split, 'validation');
      if (summary.ndcg[100]! > bestNdcg) [best, bestNdcg] = [itemKnn(neighbours), summary.ndcg[100]!];
    }
    for (const candidate of [best, ...candidates(protocol, seed, within)]) {
      const summary = await evaluateHeldOut(candidate, split, 'test');
      const name = candidate.name.startsWith('item-kNN') ? 'item-kNN (cosine, tuned)' : candidate.name;
      record(protocol, name, {
        'Recall@20': summary.recall[20]!,
        'Recall@50': summary.recall[50]!,
        'NDCG@100': summary.ndcg[100]!,
        users: summary.users,
      });
      say(`${protocol} seed ${seed} ${candidate.name}: Recall@20 ${summary.recall[20]!.toFixed(4)}`);
    }
  }
}

function pickNumbers(summary: object): Row {
  return Object.fromEntries(Object.entries(summary).filter(([, v]) => typeof v === 'number')) as Row;
}

const started = performance.now();
await topKProtocol('recommenders (75/25 stratified per item, k=10)', recommendersSplit);
await topKProtocol('recommenders, per-user variant (75/25 stratified per user, k=10)', perUserSplit);
await heldOutProtocol('Liang et al. 2018 held-out users (ratings ≥ 3.5, fold-in 80%)');

const summary = Object.fromEntries(
  Object.entries(results).map(([protocol, byModel]) => [
    protocol,
    Object.fromEntries(
      Object.entries(byModel).map(([model, rows]) => [
        model,
        Object.fromEntries(
          Object.keys(rows[0]!).map((metric) => [metric, meanAndSd(rows.map((r) => r[metric]!))]),
        ),
      ]),
    ),
  ]),
);

for (const [protocol, byModel] of Object.entries(summary)) {
  console.log(`\n## ${protocol} — mean ± sd over ${seeds.length} seeds`);
  const metrics = Object.keys(Object.values(byModel)[0]!).filter(
    (m) => !['k', 'users', 'lists', 'seconds', 'neighbours'].includes(m),
  );
  console.log(`| model | ${metrics.join(' | ')} |`);
  console.log(`|---|${metrics.map(() => '---').join('|')}|`);
  for (const [model, stats] of Object.entries(byModel)) {
    const cell = (m: string) => (stats[m] ? `${stats[m].mean.toFixed(4)} ± ${stats[m].sd.toFixed(4)}` : '—');
    console.log(`| ${model} | ${metrics.map(cell).join(' | ')} |`);
  }
}
console.log('\nPublished Microsoft Recommenders table (MovieLens 100k, same protocol), for reference:');
for (const row of PUBLISHED_ML100K)
  console.log(`  ${row.model}: nDCG@10 ${row.ndcg} P@10 ${row.precision} R@10 ${row.recall} MAP ${row.map}`);

const out = join(root, 'bench/results/recs-eval.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify(
    {
      data: args.data,
      seeds,
      shippedParams: DEFAULT_TOPK_PARAMS,
      seconds: (performance.now() - started) / 1000,
      summary,
      learnedWeights,
      chosenNeighbours,
      chosenParams,
      contentTextSource: content.textSource,
      published: PUBLISHED_ML100K,
    },
    null,
    2,
  )}\n`,
);
say(`wrote ${out}`);
