import type { CsrMatrix } from '../matrix/csr.ts';

/**
 * Ranking metrics for offline evaluation. Every function takes one user's
 * `recommended` list (item indices, best first, training items already removed,
 * no repeats) and `relevant` set (that user's held-out items). Only the first k
 * entries of `recommended` are looked at.
 */

export interface MsRankingMetrics {
  readonly precision: number;
  readonly recall: number;
  readonly ndcg: number;
  readonly map: number;
  readonly mapAtK: number;
}

/**
 * One user's metrics as defined by Microsoft Recommenders,
 * recommenders-team/recommenders recommenders/evaluation/python_evaluation.py
 * (relevancy_method='top_k'; the mean over users is RankingAccumulator's job):
 * - precision_at_k = hits / k (k, not the list length: a short list cannot reach 1);
 * - recall_at_k = hits / |relevant|;
 * - ndcg_at_k (score_type='binary'): DCG = Σ_hits 1 / ln(1 + rank), IDCG = Σ_{r=1}^{min(k, |relevant|)} 1 / ln(1 + r),
 *   rank 1-based (the log base cancels in the ratio);
 * - map = Σ_hits (hits so far / rank) / |relevant|, and map_at_k = the same sum / min(|relevant|, k).
 * A user with no hits scores 0 on all of them. `relevant` must not be empty.
 */
export function msRankingMetrics(
  recommended: Int32Array,
  relevant: ReadonlySet<number>,
  k: number,
): MsRankingMetrics {
  checkK(k);
  const relevantCount = relevant.size;
  if (relevantCount === 0) throw new RangeError('a user with no relevant items cannot be scored');
  const n = Math.min(k, recommended.length);
  let hits = 0;
  let dcg = 0;
  let precisionSum = 0;
  for (let r = 0; r < n; r++) {
    if (!relevant.has(recommended[r]!)) continue;
    hits++;
    const rank = r + 1;
    dcg += 1 / Math.log(1 + rank);
    precisionSum += hits / rank;
  }
  let idcg = 0;
  for (let rank = 1, ideal = Math.min(k, relevantCount); rank <= ideal; rank++)
    idcg += 1 / Math.log(1 + rank);
  return {
    precision: hits / k,
    recall: hits / relevantCount,
    ndcg: dcg / idcg,
    map: precisionSum / relevantCount,
    mapAtK: precisionSum / Math.min(relevantCount, k),
  };
}

/**
 * Recall@K of Liang et al. 2018 (VAE-CF, github.com/dawenl/vae_cf `Recall_at_k_batch`):
 * hits in the top K / min(K, |relevant|), so a perfect list scores 1 even when
 * the user has more than K held-out items.
 */
export function liangRecallAtK(recommended: Int32Array, relevant: ReadonlySet<number>, k: number): number {
  checkK(k);
  if (relevant.size === 0) throw new RangeError('a user with no relevant items cannot be scored');
  let hits = 0;
  for (let r = 0, n = Math.min(k, recommended.length); r < n; r++) if (relevant.has(recommended[r]!)) hits++;
  return hits / Math.min(k, relevant.size);
}

/**
 * NDCG@K of Liang et al. 2018 (`NDCG_binary_at_k_batch`): DCG = Σ_hits 1 / log2(rank + 1),
 * IDCG = Σ_{r=1}^{min(K, |relevant|)} 1 / log2(r + 1).
 */
export function liangNdcgAtK(recommended: Int32Array, relevant: ReadonlySet<number>, k: number): number {
  checkK(k);
  if (relevant.size === 0) throw new RangeError('a user with no relevant items cannot be scored');
  let dcg = 0;
  for (let r = 0, n = Math.min(k, recommended.length); r < n; r++) {
    if (relevant.has(recommended[r]!)) dcg += 1 / Math.log2(r + 2);
  }
  let idcg = 0;
  for (let rank = 1, ideal = Math.min(k, relevant.size); rank <= ideal; rank++)
    idcg += 1 / Math.log2(rank + 1);
  return dcg / idcg;
}

/**
 * Genres (or any tags) per item: a lookup, or sets precomputed per item index.
 * An item without an entry has no genres.
 */
export type ItemGenres = ((item: number) => readonly string[]) | readonly (ReadonlySet<string> | undefined)[];

/**
 * Intra-list diversity of one list: the mean over its unordered pairs of
 * 1 − Jaccard(genres(a), genres(b)). Two items that both have no genres count as
 * Jaccard 0 (distance 1): nothing says they are alike. NaN for fewer than 2 items.
 */
export function intraListDiversity(list: Int32Array, genres: ItemGenres): number {
  return listDiversity(list, list.length, genreLookup(genres));
}

/**
 * Self-information −log2 p(i) of every item (column of `train`), where p(i) is
 * the fraction of training users (non-empty rows) that have an entry for i, any
 * weight. An item nobody trained on gets p = 1 / (users + 1), the most novel value.
 * Feed it to RankingAccumulator's `selfInformation` for the novelty metric.
 */
export function itemSelfInformation(train: CsrMatrix): Float64Array {
  let users = 0;
  for (let u = 0; u < train.rows; u++) if (train.indptr[u + 1]! > train.indptr[u]!) users++;
  const counts = new Int32Array(train.cols);
  for (let e = 0; e < train.indices.length; e++) counts[train.indices[e]!]!++;
  const info = new Float64Array(train.cols);
  for (let i = 0; i < train.cols; i++) {
    const p = counts[i]! > 0 ? counts[i]! / users : 1 / (users + 1);
    info[i] = 0 - Math.log2(p); // not -log2(p): that is -0 for p = 1
  }
  return info;
}

export interface RankingAccumulatorOptions {
  /** List length scored. Default 10, as in Microsoft Recommenders' notebooks. */
  readonly k?: number;
  /** Catalogue size; enables `coverage`. */
  readonly numItems?: number;
  /** Enables `diversity`. */
  readonly genres?: ItemGenres;
  /** From itemSelfInformation(train); enables `novelty`. */
  readonly selfInformation?: Float64Array;
}

export type MsMetricName = keyof MsRankingMetrics;

export interface RankingSummary extends MsRankingMetrics {
  readonly k: number;
  /** Users the accuracy metrics average over: those with at least one relevant item. */
  readonly users: number;
  /** All lists added, including those of users with nothing relevant. */
  readonly lists: number;
  /** Distinct items in any top-k list / numItems. */
  readonly coverage?: number;
  /** Mean over lists of ≥ 2 items of their intra-list diversity. */
  readonly diversity?: number;
  /**
   * Mean self-information −log2(share of training users who have the item) over every
   * recommended (user, item) slot (Zhou et al. 2010). Recommenders' `novelty` divides by
   * all interactions instead of users; the ranking of models is the same.
   */
  readonly novelty?: number;
}

/**
 * Collects one user at a time and reports means:
 *
 *   const acc = new RankingAccumulator({ k: 10, numItems, genres, selfInformation });
 *   for (const [user, relevant] of relevantByUser) acc.add(recommend(user), relevant);
 *   acc.summary();
 *
 * The accuracy metrics (msRankingMetrics) are averaged over users that have
 * relevant items, as python_evaluation.py averages over users present in both
 * truth and predictions; users with no hits count as 0. Coverage, diversity and
 * novelty describe the lists themselves, so every added list counts. With no
 * users a mean is NaN.
 */
export class RankingAccumulator {
  readonly k: number;
  private readonly values: Record<MsMetricName, number[]> = {
    precision: [],
    recall: [],
    ndcg: [],
    map: [],
    mapAtK: [],
  };
  private lists = 0;
  private readonly recommendedItems: Uint8Array | undefined;
  private readonly genreOf: ((item: number) => ReadonlySet<string>) | undefined;
  private diversitySum = 0;
  private diversityLists = 0;
  private noveltySum = 0;
  private noveltySlots = 0;

  constructor(private readonly options: RankingAccumulatorOptions = {}) {
    this.k = options.k ?? 10;
    checkK(this.k);
    this.recommendedItems = options.numItems === undefined ? undefined : new Uint8Array(options.numItems);
    this.genreOf = options.genres === undefined ? undefined : genreLookup(options.genres);
  }

  add(recommended: Int32Array, relevant: ReadonlySet<number>): void {
    const n = Math.min(this.k, recommended.length);
    this.lists++;
    if (this.recommendedItems !== undefined) {
      for (let r = 0; r < n; r++) this.recommendedItems[recommended[r]!] = 1;
    }
    if (this.genreOf !== undefined && n >= 2) {
      this.diversitySum += listDiversity(recommended, n, this.genreOf);
      this.diversityLists++;
    }
    const info = this.options.selfInformation;
    if (info !== undefined) {
      for (let r = 0; r < n; r++) this.noveltySum += info[recommended[r]!]!;
      this.noveltySlots += n;
    }
    if (relevant.size === 0) return;
    const m = msRankingMetrics(recommended, relevant, this.k);
    for (const name of Object.keys(this.values) as MsMetricName[]) this.values[name].push(m[name]);
  }

  /** One value per scored user, in the order added (for standard errors or paired tests). */
  perUser(metric: MsMetricName): readonly number[] {
    return this.values[metric];
  }

  summary(): RankingSummary {
    const mean = (name: MsMetricName) => meanOf(this.values[name]);
    let coverage: number | undefined;
    if (this.recommendedItems !== undefined) {
      let distinct = 0;
      for (const seen of this.recommendedItems) distinct += seen;
      coverage = distinct / this.recommendedItems.length;
    }
    return {
      k: this.k,
      users: this.values.precision.length,
      lists: this.lists,
      precision: mean('precision'),
      recall: mean('recall'),
      ndcg: mean('ndcg'),
      map: mean('map'),
      mapAtK: mean('mapAtK'),
      ...(coverage === undefined ? {} : { coverage }),
      ...(this.genreOf === undefined ? {} : { diversity: this.diversitySum / this.diversityLists }),
      ...(this.options.selfInformation === undefined ? {} : { novelty: this.noveltySum / this.noveltySlots }),
    };
  }
}

export interface LiangSummary {
  /** Users averaged over: those with at least one relevant item. */
  readonly users: number;
  /** Mean Recall@K per K. */
  readonly recall: Readonly<Record<number, number>>;
  /** Mean NDCG@K per K. */
  readonly ndcg: Readonly<Record<number, number>>;
}

/**
 * Liang et al. 2018 metrics at several K at once (default 20, 50, 100, their
 * reported cut-offs). Pass lists at least max(K) long.
 */
export class LiangAccumulator {
  readonly ks: readonly number[];
  private readonly recall: number[][];
  private readonly ndcg: number[][];

  constructor(options: { readonly ks?: readonly number[] } = {}) {
    this.ks = options.ks ?? [20, 50, 100];
    this.ks.forEach(checkK);
    this.recall = this.ks.map(() => []);
    this.ndcg = this.ks.map(() => []);
  }

  add(recommended: Int32Array, relevant: ReadonlySet<number>): void {
    if (relevant.size === 0) return;
    this.ks.forEach((k, at) => {
      this.recall[at]!.push(liangRecallAtK(recommended, relevant, k));
      this.ndcg[at]!.push(liangNdcgAtK(recommended, relevant, k));
    });
  }

  perUser(metric: 'recall' | 'ndcg', k: number): readonly number[] {
    const at = this.ks.indexOf(k);
    if (at < 0) throw new RangeError(`K=${k} is not one of ${this.ks.join(', ')}`);
    return (metric === 'recall' ? this.recall : this.ndcg)[at]!;
  }

  summary(): LiangSummary {
    const recall: Record<number, number> = {};
    const ndcg: Record<number, number> = {};
    this.ks.forEach((k, at) => {
      recall[k] = meanOf(this.recall[at]!);
      ndcg[k] = meanOf(this.ndcg[at]!);
    });
    return { users: this.recall[0]?.length ?? 0, recall, ndcg };
  }
}

export interface MeanAndSd {
  readonly n: number;
  readonly mean: number;
  /** Sample standard deviation (n − 1); NaN when n < 2. */
  readonly sd: number;
  /** Standard error of the mean, sd / √n; NaN when n < 2. */
  readonly se: number;
}

export function meanAndSd(values: readonly number[]): MeanAndSd {
  const n = values.length;
  const mean = meanOf(values);
  if (n < 2) return { n, mean, sd: NaN, se: NaN };
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  const sd = Math.sqrt(squares / (n - 1));
  return { n, mean, sd, se: sd / Math.sqrt(n) };
}

function meanOf(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

function checkK(k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive whole number, got ${k}`);
}

const NO_GENRES: ReadonlySet<string> = new Set();

function genreLookup(genres: ItemGenres): (item: number) => ReadonlySet<string> {
  if (typeof genres !== 'function') return (item) => genres[item] ?? NO_GENRES;
  const cache = new Map<number, ReadonlySet<string>>();
  return (item) => {
    let set = cache.get(item);
    if (set === undefined) cache.set(item, (set = new Set(genres(item))));
    return set;
  };
}

function listDiversity(list: Int32Array, n: number, genreOf: (item: number) => ReadonlySet<string>): number {
  let sum = 0;
  let pairs = 0;
  for (let a = 0; a < n; a++) {
    const ga = genreOf(list[a]!);
    for (let b = a + 1; b < n; b++) {
      sum += 1 - jaccard(ga, genreOf(list[b]!));
      pairs++;
    }
  }
  return sum / pairs;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const g of small) if (large.has(g)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}
