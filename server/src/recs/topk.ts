import {
  alsModel,
  scoreItems,
  topN,
  trainAls,
  userItemMatrix,
  type AlsParamsInput,
  type InteractionLog,
  type TrainOptions,
} from '@reelshelf/shared/recs';

export interface TopKResult {
  readonly user: string;
  readonly items: string[];
}

/**
 * Trains on `train` and returns a function giving the best k items for a
 * user, never one the user already has in `train`. A user absent from `train`
 * gets the most popular items (there is nothing else to go on). Scoring is
 * one user at a time so that callers can stream results and report progress.
 */
export async function trainTopK(
  train: InteractionLog,
  k: number,
  params: AlsParamsInput,
  options: TrainOptions = {},
): Promise<(user: string) => TopKResult> {
  const matrix = userItemMatrix(train);
  const trained = await trainAls(matrix, params, options);
  const model = alsModel(trained);
  const userIndex = new Map(train.users.map((id, index) => [id, index]));
  const popularity = new Float32Array(matrix.cols);
  for (const item of matrix.indices) popularity[item]!++;
  const popular = Array.from(topN(popularity, k).items, (i) => train.items[i]!);

  const scores = new Float32Array(matrix.cols);
  const seen = new Uint8Array(matrix.cols);
  const factors = model.factors;
  return (user) => {
    const u = userIndex.get(user);
    if (u === undefined) return { user, items: popular };
    const from = matrix.indptr[u]!;
    const to = matrix.indptr[u + 1]!;
    for (let e = from; e < to; e++) seen[matrix.indices[e]!] = 1;
    scoreItems(model, trained.userFactors.subarray(u * factors, (u + 1) * factors), scores);
    const best = topN(scores, k, (i) => seen[i] === 1);
    for (let e = from; e < to; e++) seen[matrix.indices[e]!] = 0;
    return { user, items: Array.from(best.items, (i) => train.items[i]!) };
  };
}

/** trainTopK for a list of users at once. */
export async function topKForUsers(
  train: InteractionLog,
  users: readonly string[],
  k: number,
  params: AlsParamsInput,
  options: TrainOptions = {},
): Promise<TopKResult[]> {
  const recommend = await trainTopK(train, k, params, options);
  return users.map(recommend);
}
