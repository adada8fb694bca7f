import {
  alsModel,
  foldIn,
  scoreItems,
  trainAls,
  trainItemKnn,
  trainMostPopular,
  type AlsParamsInput,
  type CsrMatrix,
  type RunnerFactory,
  type Allocator,
  type UserHistory,
  type InteractionLog,
  type TopN,
} from '@reelshelf/shared/recs';

/**
 * Scores every item for one user into `out`; `user` is undefined for a user
 * unseen in training. A scorer may also re-rank its best candidates (MMR).
 */
export type Scorer = ((user: number | undefined, history: UserHistory, out: Float32Array) => void) & {
  readonly rerank?: (pool: TopN, k: number) => Int32Array;
};

export interface Candidate {
  readonly name: string;
  /** `train` is `log` as a users × items matrix; `log` lets a candidate carve its own validation split. */
  fit(train: CsrMatrix, log: InteractionLog): Promise<Scorer>;
}

export interface TrainingResources {
  readonly runner?: RunnerFactory;
  readonly memory?: Allocator;
}

export const mostPopular: Candidate = {
  name: 'most popular',
  fit(train) {
    const model = trainMostPopular(train);
    return Promise.resolve((_user, history, out) => model.scoreUser(history, out));
  },
};

export function itemKnn(neighbours: number): Candidate {
  return {
    name: `item-kNN (cosine, ${neighbours} neighbours)`,
    fit(train) {
      const model = trainItemKnn(train, { neighbours });
      return Promise.resolve((_user, history, out) => model.scoreUser(history, out));
    },
  };
}

/** Known users score with their trained vector; held-out users are folded in, as a device would. */
export function ials(params: AlsParamsInput, resources: TrainingResources, name = 'iALS'): Candidate {
  return {
    name,
    async fit(train) {
      const trained = await trainAls(train, params, resources);
      const model = alsModel(trained);
      const k = model.factors;
      return (user, history, out) => {
        const vector =
          user === undefined
            ? foldIn(model, { items: history.indices, weights: history.values })
            : trained.userFactors.subarray(user * k, user * k + k);
        scoreItems(model, vector, out);
      };
    },
  };
}
