import {
  alsModel,
  historyOf,
  learnBlendWeights,
  msRankingMetrics,
  relevantItemsByUser,
  sourceScores,
  topN,
  trainAls,
  trendScores,
  userItemMatrix,
  blend,
  mmrRerank,
  type AlsParamsInput,
  type BlendWeights,
  type ContentIndex,
  type CsrMatrix,
  type InteractionLog,
  type TopN,
} from '@reelshelf/shared/recs';
import type { Candidate, Scorer, TrainingResources } from './candidates.ts';

export interface HybridSetup {
  readonly params: AlsParamsInput;
  readonly content: ContentIndex;
  readonly resources: TrainingResources;
  /** Carves the validation split the blend weights are learned on, from the training log only. */
  readonly validationSplit: (train: InteractionLog) => { train: InteractionLog; test: InteractionLog };
  /** Called with the learned weights, for the report. */
  readonly onWeights?: (weights: BlendWeights, validationNdcg: number) => void;
  /** MMR strength for the final list (0: the blend's own order). */
  readonly diversity?: number;
  /**
   * Shared by candidates that differ only in `diversity`, so the blend weights
   * and the model for one training log are learned and trained once.
   */
  readonly fitted?: WeakMap<InteractionLog, Promise<Fitted>>;
}

type Fitted = { weights: BlendWeights; parts: Awaited<ReturnType<typeof trainParts>> };

/** iALS + content + popularity, blend weights learned on validation data carved from training data. */
export function hybrid(setup: HybridSetup, name = 'hybrid (iALS + content + popularity)'): Candidate {
  return {
    name,
    async fit(train, log) {
      let fitted = setup.fitted?.get(log);
      if (!fitted) {
        fitted = fitHybrid(setup, train, log);
        setup.fitted?.set(log, fitted);
      }
      const { weights, parts } = await fitted;
      const score: Scorer = (_user, history, out) => {
        const eligible = new Uint8Array(train.cols).fill(1);
        for (const item of history.indices) eligible[item] = 0;
        blend(sourceScores(parts, historyEntries(history), eligible), weights, out);
      };
      const diversity = setup.diversity ?? 0;
      if (diversity === 0) return score;
      const similarity = (a: number, b: number) => setup.content.similarity(a, b);
      return Object.assign(score, {
        rerank: (pool: TopN, k: number) => mmrRerank(pool.items, pool.scores, similarity, k, diversity),
      });
    },
  };
}

async function fitHybrid(setup: HybridSetup, train: CsrMatrix, log: InteractionLog): Promise<Fitted> {
  const validation = setup.validationSplit(log);
  const weights = await learnWeights(setup, validation.train, validation.test);
  return { weights, parts: await trainParts(setup, train) };
}

async function trainParts(setup: HybridSetup, train: CsrMatrix) {
  const als = alsModel(await trainAls(train, setup.params, setup.resources));
  return { als, content: setup.content, trend: popularity(train) };
}

/** Interaction counts, log-dampened so one blockbuster does not flatten the rest. */
function popularity(train: CsrMatrix): Float32Array {
  const items = train.indices;
  return trendScores(
    { item: items, time: new Float64Array(items.length), weight: new Float32Array(items.length).fill(1) },
    { now: 0, window: 'all', itemCount: train.cols, dampen: 'log' },
  );
}

async function learnWeights(setup: HybridSetup, train: InteractionLog, test: InteractionLog) {
  const matrix = userItemMatrix(train);
  const parts = await trainParts(setup, matrix);
  const users = [...relevantItemsByUser(test)];
  const perUser = users.map(([user, relevant]) => {
    const history = historyOf(matrix, user);
    const eligible = new Uint8Array(matrix.cols).fill(1);
    for (const item of history.indices) eligible[item] = 0;
    return { relevant, eligible, sources: sourceScores(parts, historyEntries(history), eligible) };
  });
  const scores = new Float32Array(matrix.cols);
  const learned = learnBlendWeights(
    (weights) => {
      let total = 0;
      for (const { relevant, eligible, sources } of perUser) {
        blend(sources, weights, scores);
        total += msRankingMetrics(topN(scores, 10, (i) => eligible[i] !== 1).items, relevant, 10).ndcg;
      }
      return total / Math.max(1, perUser.length);
    },
    { content: true, trend: true },
  );
  setup.onWeights?.(learned.weights, learned.quality);
  return learned.weights;
}

function historyEntries(history: { indices: Int32Array; values: Float32Array }) {
  return Array.from(history.indices, (item, at) => ({ item, weight: history.values[at]! }));
}

export type { Scorer };
