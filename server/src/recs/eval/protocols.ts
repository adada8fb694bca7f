import {
  historyOf,
  LiangAccumulator,
  RankingAccumulator,
  relevantItemsByUser,
  stratifiedSplit,
  topN,
  userItemMatrix,
  validationTestUsersSplit,
  itemSelfInformation,
  selectRecords,
  type InteractionLog,
  type ItemGenres,
  type LiangSummary,
  type RankingSummary,
} from '@reelshelf/shared/recs';
import type { Candidate, Scorer } from './candidates.ts';

/**
 * Microsoft Recommenders' MovieLens protocol: every rating is an interaction,
 * 75/25 split stratified per item, all items scored, the user's training items
 * removed, top 10.
 */
export function recommendersSplit(log: InteractionLog, seed: number) {
  return stratifiedSplit(log, { ratio: 0.75, by: 'item', seed });
}

export async function evaluateTopK(
  candidate: Candidate,
  train: InteractionLog,
  test: InteractionLog,
  options: { k: number; genres?: ItemGenres },
): Promise<RankingSummary> {
  const matrix = userItemMatrix(train);
  const scorer = await candidate.fit(matrix, train);
  const accumulator = new RankingAccumulator({
    k: options.k,
    numItems: matrix.cols,
    ...(options.genres ? { genres: options.genres } : {}),
    selfInformation: itemSelfInformation(matrix),
  });
  const scores = new Float32Array(matrix.cols);
  const seen = new Uint8Array(matrix.cols);
  for (const [user, relevant] of relevantItemsByUser(test)) {
    accumulator.add(rankFor(scorer, user, historyOf(matrix, user), scores, seen, options.k), relevant);
  }
  return accumulator.summary();
}

/**
 * Liang et al. 2018 (VAE-CF): ratings ≥ 3.5 are positives; held-out users are
 * not trained on — 80% of each is folded in, the other 20% is scored.
 */
export function liangSplit(log: InteractionLog, seed: number, heldOutUsers: number) {
  const positives = selectRecords(log, (e) => log.weight[e]! >= 3.5);
  return validationTestUsersSplit(positives, {
    validationUsers: heldOutUsers,
    testUsers: heldOutUsers,
    seed,
  });
}

export async function evaluateHeldOut(
  candidate: Candidate,
  split: ReturnType<typeof liangSplit>,
  which: 'validation' | 'test',
): Promise<LiangSummary> {
  const matrix = userItemMatrix(split.train);
  const scorer = await candidate.fit(matrix, split.train);
  const part = split[which];
  const foldIn = userItemMatrix(part.foldIn);
  const accumulator = new LiangAccumulator({ ks: [20, 50, 100] });
  const scores = new Float32Array(matrix.cols);
  const seen = new Uint8Array(matrix.cols);
  for (const [user, relevant] of relevantItemsByUser(part.evaluate)) {
    accumulator.add(rankFor(scorer, undefined, historyOf(foldIn, user), scores, seen, 100), relevant);
  }
  return accumulator.summary();
}

function rankFor(
  scorer: Scorer,
  user: number | undefined,
  history: { indices: Int32Array; values: Float32Array },
  scores: Float32Array,
  seen: Uint8Array,
  k: number,
): Int32Array {
  scorer(user, history, scores);
  for (const item of history.indices) seen[item] = 1;
  const top = topN(scores, scorer.rerank ? 5 * k : k, (item) => seen[item] === 1);
  for (const item of history.indices) seen[item] = 0;
  return scorer.rerank ? scorer.rerank(top, k) : top.items;
}

/** The same split stratified per user, as the Recommenders benchmark README describes it. */
export function perUserSplit(log: InteractionLog, seed: number) {
  return stratifiedSplit(log, { ratio: 0.75, by: 'user', seed });
}
