import { selectRecords, type InteractionLog } from '../matrix/interactions.ts';
import { seededRandom, shuffle, type Random } from '../matrix/random.ts';

/**
 * Train/test splits for offline evaluation. Everything is seeded: the same log
 * and seed give the same split on every machine, another seed gives another.
 *
 * The unit that is split is a distinct (user, item) pair, not a raw record: a
 * log may hold repeated events for one pair (rewatches add up), and letting
 * one of them land in train and another in test would put the answer in the
 * training data. On a log without repeated pairs (like MovieLens ratings) a
 * pair is a record, and the splits below are exactly the published ones.
 */
export interface TrainTest {
  readonly train: InteractionLog;
  readonly test: InteractionLog;
}

export interface StratifiedSplitOptions {
  /** Share of each group that goes to train, in (0, 1). Default 0.75. */
  readonly ratio?: number;
  /** Stratify per user (every user keeps ~ratio of their items) or per item. */
  readonly by: 'user' | 'item';
  readonly seed: number;
}

/**
 * Microsoft Recommenders' `python_stratified_split` (recommenders/datasets/
 * python_splitters.py, `_do_stratification` with is_random=True, as in their
 * current main): within each group the pairs are put in random order and the
 * pair at 1-based position p of a group of n goes to train iff
 * p <= round(ratio · n), rounding halves to even as pandas does. With ratio
 * 0.75: a group of 1 or 2 stays in train, 4 → 3 train + 1 test, 5 → 4 + 1,
 * 6 → 4 + 2. (An older version compared p / n <= ratio, which sends every
 * one-rating item to test.) The test part is the complement of train, so no
 * pair is lost to floating-point ratio sums.
 */
export function stratifiedSplit(log: InteractionLog, options: StratifiedSplitOptions): TrainTest {
  const ratio = options.ratio ?? 0.75;
  if (!(ratio > 0 && ratio < 1)) throw new RangeError(`the split ratio must be in (0, 1), got ${ratio}`);
  const pairs = groupPairs(log);
  const groups =
    options.by === 'user' ? { start: pairs.userStart, members: identity(pairs.count) } : byItem(log, pairs);
  const random = seededRandom(options.seed);
  const inTrain = new Uint8Array(pairs.count);
  const groupCount = groups.start.length - 1;
  for (let g = 0; g < groupCount; g++) {
    const start = groups.start[g]!;
    const size = groups.start[g + 1]! - start;
    if (size === 0) continue;
    const members = shuffle(groups.members.slice(start, start + size), random);
    const trainSize = roundHalfToEven(ratio * size);
    for (let p = 0; p < trainSize; p++) inTrain[members[p]!] = 1;
  }
  return {
    train: selectRecords(log, (r) => inTrain[pairs.pairOf[r]!] === 1),
    test: selectRecords(log, (r) => inTrain[pairs.pairOf[r]!] === 0),
  };
}

/** numpy's rounding: 2.5 → 2, 3.5 → 4 (a tiny epsilon absorbs 0.1 · 25 = 2.5000000000000004). */
function roundHalfToEven(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor;
  if (Math.abs(fraction - 0.5) < 1e-9) return floor % 2 === 0 ? floor : floor + 1;
  return Math.round(x);
}

/** Users with fewer distinct items than this are never held out (Liang et al. 2018). */
export const MIN_HELD_OUT_ITEMS = 5;

export interface HeldOutSet {
  /** The held-out users, ascending. Users whose fold-in/evaluate parts are empty are still listed. */
  readonly users: Int32Array;
  /** What the model may see of these users at evaluation time (folded in, never trained on). */
  readonly foldIn: InteractionLog;
  /** What it is scored against. */
  readonly evaluate: InteractionLog;
}

export interface HeldOutUsersSplit extends HeldOutSet {
  /** Every record of every user that was not held out. */
  readonly train: InteractionLog;
}

export interface HeldOutOptions {
  /** Share of each held-out user's pairs in the fold-in part. Default 0.8. */
  readonly foldInRatio?: number;
  readonly seed: number;
  /**
   * Drop held-out records of items that never occur in train (default true), as
   * Liang et al.'s preprocessing does: no model trained on `train` can
   * recommend such an item, so it would only add unreachable targets.
   */
  readonly onlyTrainItems?: boolean;
}

export interface HeldOutUsersOptions extends HeldOutOptions {
  readonly heldOutUsers: number;
}

/**
 * Strong generalisation, the protocol of Liang et al. 2018 ("Variational
 * Autoencoders for Collaborative Filtering", github.com/dawenl/vae_cf): a random
 * set of users (among those with at least 5 distinct items) is removed from
 * training entirely; each held-out user's pairs are split at random into a
 * fold-in part and an evaluation part of floor((1 − foldInRatio) · n) pairs (their
 * `int(test_prop * n_items_u)`). A held-out user left with fewer than 5 pairs after
 * `onlyTrainItems` filtering keeps them all as fold-in, as in their
 * `split_train_test_proportion`, and so has nothing to be evaluated on.
 */
export function heldOutUsersSplit(log: InteractionLog, options: HeldOutUsersOptions): HeldOutUsersSplit {
  const { train, sets } = carveHeldOutUsers(log, [options.heldOutUsers], options);
  return { train, ...sets[0]! };
}

export interface ValidationTestUsersOptions extends HeldOutOptions {
  readonly validationUsers: number;
  readonly testUsers: number;
}

export interface ValidationTestUsersSplit {
  readonly train: InteractionLog;
  /** Tune on these users... */
  readonly validation: HeldOutSet;
  /** ...and report on these; the two sets are disjoint and both disjoint from train. */
  readonly test: HeldOutSet;
}

/** Two disjoint held-out user sets in one draw, as Liang et al. carve validation and test users. */
export function validationTestUsersSplit(
  log: InteractionLog,
  options: ValidationTestUsersOptions,
): ValidationTestUsersSplit {
  const { train, sets } = carveHeldOutUsers(log, [options.validationUsers, options.testUsers], options);
  return { train, validation: sets[0]!, test: sets[1]! };
}

/**
 * Per user, the items whose summed weight is positive: the `relevant` sets that
 * metrics.ts scores against (a test-time dislike is not a hit).
 */
export function relevantItemsByUser(log: InteractionLog): Map<number, Set<number>> {
  const sums = new Map<number, Map<number, number>>();
  for (let r = 0; r < log.user.length; r++) {
    const u = log.user[r]!;
    let items = sums.get(u);
    if (items === undefined) sums.set(u, (items = new Map()));
    const i = log.item[r]!;
    items.set(i, (items.get(i) ?? 0) + log.weight[r]!);
  }
  const relevant = new Map<number, Set<number>>();
  for (const [u, items] of sums) {
    const positive = new Set<number>();
    for (const [i, w] of items) if (w > 0) positive.add(i);
    if (positive.size > 0) relevant.set(u, positive);
  }
  return relevant;
}

function carveHeldOutUsers(
  log: InteractionLog,
  sizes: readonly number[],
  options: HeldOutOptions,
): { train: InteractionLog; sets: HeldOutSet[] } {
  const foldInRatio = options.foldInRatio ?? 0.8;
  if (!(foldInRatio > 0 && foldInRatio < 1)) {
    throw new RangeError(`foldInRatio must be in (0, 1), got ${foldInRatio}`);
  }
  for (const size of sizes) {
    if (!Number.isInteger(size) || size < 0)
      throw new RangeError(`a held-out user count must be a whole number, got ${size}`);
  }
  const pairs = groupPairs(log);
  const userCount = log.users.length;
  const eligible: number[] = [];
  for (let u = 0; u < userCount; u++) {
    if (pairs.userStart[u + 1]! - pairs.userStart[u]! >= MIN_HELD_OUT_ITEMS) eligible.push(u);
  }
  const wanted = sizes.reduce((a, b) => a + b, 0);
  if (wanted > eligible.length) {
    throw new RangeError(
      `cannot hold out ${wanted} users: only ${eligible.length} have at least ${MIN_HELD_OUT_ITEMS} distinct items`,
    );
  }
  const random = seededRandom(options.seed);
  const drawn = shuffle(Int32Array.from(eligible), random);
  // role 0 = train, s + 1 = held-out set s
  const role = new Uint8Array(userCount);
  let next = 0;
  sizes.forEach((size, s) => {
    for (let n = 0; n < size; n++) role[drawn[next++]!] = s + 1;
  });

  const seenInTrain = new Uint8Array(log.items.length);
  for (let r = 0; r < log.user.length; r++) if (role[log.user[r]!] === 0) seenInTrain[log.item[r]!] = 1;
  const onlyTrainItems = options.onlyTrainItems ?? true;

  // pair → 0 dropped, 1 fold-in, 2 evaluate (held-out users only)
  const part = new Uint8Array(pairs.count);
  const sets = sizes.map((_, s) => {
    const users: number[] = [];
    for (let u = 0; u < userCount; u++) {
      if (role[u] !== s + 1) continue;
      users.push(u);
      splitUser(pairs, u, foldInRatio, onlyTrainItems ? seenInTrain : undefined, part, random);
    }
    const isMember = (r: number) => role[log.user[r]!] === s + 1;
    return {
      users: Int32Array.from(users),
      foldIn: selectRecords(log, (r) => isMember(r) && part[pairs.pairOf[r]!] === 1),
      evaluate: selectRecords(log, (r) => isMember(r) && part[pairs.pairOf[r]!] === 2),
    };
  });
  return { train: selectRecords(log, (r) => role[log.user[r]!] === 0), sets };
}

function splitUser(
  pairs: Pairs,
  user: number,
  foldInRatio: number,
  seenInTrain: Uint8Array | undefined,
  part: Uint8Array,
  random: Random,
): void {
  const kept: number[] = [];
  for (let p = pairs.userStart[user]!; p < pairs.userStart[user + 1]!; p++) {
    if (seenInTrain === undefined || seenInTrain[pairs.item[p]!] === 1) kept.push(p);
  }
  const n = kept.length;
  // Liang et al. compute int(0.2 * n); 1e-9 keeps (1 - 0.8) * 5 = 0.9999999999999998 from flooring to 0.
  const evaluateCount = n >= MIN_HELD_OUT_ITEMS ? Math.floor((1 - foldInRatio) * n + 1e-9) : 0;
  const order = shuffle(kept, random);
  order.forEach((p, at) => (part[p] = at < evaluateCount ? 2 : 1));
}

/**
 * Records grouped into distinct (user, item) pairs, pairs ordered by user then item.
 * Pair p has item item[p]; user u's pairs are userStart[u] .. userStart[u + 1].
 */
interface Pairs {
  readonly count: number;
  readonly item: Int32Array;
  readonly userStart: Int32Array;
  /** Record → its pair. */
  readonly pairOf: Int32Array;
}

function groupPairs(log: InteractionLog): Pairs {
  const n = log.user.length;
  const userCount = log.users.length;
  const recordStart = new Int32Array(userCount + 1);
  for (let r = 0; r < n; r++) recordStart[log.user[r]! + 1]!++;
  for (let u = 0; u < userCount; u++) recordStart[u + 1]! += recordStart[u]!;
  const fill = recordStart.slice(0, userCount);
  const order = new Int32Array(n);
  for (let r = 0; r < n; r++) order[fill[log.user[r]!]!++] = r;

  const pairOf = new Int32Array(n);
  const pairItem = new Int32Array(n);
  const userStart = new Int32Array(userCount + 1);
  let count = 0;
  for (let u = 0; u < userCount; u++) {
    const records = order.subarray(recordStart[u]!, recordStart[u + 1]!);
    const byItem = Array.from(records).sort((a, b) => log.item[a]! - log.item[b]! || a - b);
    let previous = -1;
    for (const r of byItem) {
      const i = log.item[r]!;
      if (i !== previous) {
        pairItem[count] = i;
        count++;
        previous = i;
      }
      pairOf[r] = count - 1;
    }
    userStart[u + 1] = count;
  }
  return { count, item: pairItem.slice(0, count), userStart, pairOf };
}

/** Pairs regrouped by item (counting sort): item i's pairs are members[start[i] .. start[i + 1]). */
function byItem(log: InteractionLog, pairs: Pairs): { start: Int32Array; members: Int32Array } {
  const itemCount = log.items.length;
  const start = new Int32Array(itemCount + 1);
  for (let p = 0; p < pairs.count; p++) start[pairs.item[p]! + 1]!++;
  for (let i = 0; i < itemCount; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, itemCount);
  const members = new Int32Array(pairs.count);
  for (let p = 0; p < pairs.count; p++) members[fill[pairs.item[p]!]!++] = p;
  return { start, members };
}

function identity(n: number): Int32Array {
  const xs = new Int32Array(n);
  for (let i = 0; i < n; i++) xs[i] = i;
  return xs;
}
