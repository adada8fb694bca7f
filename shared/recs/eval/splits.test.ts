import { describe, expect, it } from 'vitest';
import { InteractionLogBuilder, type InteractionLog } from '../matrix/interactions.ts';
import { seededRandom } from '../matrix/random.ts';
import {
  heldOutUsersSplit,
  relevantItemsByUser,
  stratifiedSplit,
  validationTestUsersSplit,
} from './splits.ts';

/** users[u] interacted with `sizes[u]` distinct items. */
function logWithGroupSizes(sizes: readonly number[]): InteractionLog {
  const b = new InteractionLogBuilder();
  sizes.forEach((size, u) => {
    for (let i = 0; i < size; i++) b.add(`u${u}`, `i${(u * 7 + i) % 40}`, 1);
  });
  return b.build();
}

function countBy(values: Int32Array, n: number): number[] {
  const counts = new Array<number>(n).fill(0);
  for (const v of values) counts[v]!++;
  return counts;
}

const records = (log: InteractionLog) =>
  Array.from(log.user, (u, r) => `${log.users[u]}|${log.items[log.item[r]!]}|${log.weight[r]}`);

describe('stratifiedSplit (Recommenders python_stratified_split)', () => {
  it('keeps groups of 1 and 2 in train, splits 4 as 3/1, 5 as 4/1 and 6 as 4/2 at ratio 0.75', () => {
    const log = logWithGroupSizes([1, 4, 5, 8, 2, 6]);
    const { train, test } = stratifiedSplit(log, { by: 'user', seed: 1 });
    expect(countBy(train.user, 6)).toEqual([1, 3, 4, 6, 2, 4]);
    expect(countBy(test.user, 6)).toEqual([0, 1, 1, 2, 0, 2]);
    expect(train.users).toBe(log.users);
    expect(train.items).toBe(log.items);
  });

  it('stratifies per item when asked', () => {
    const b = new InteractionLogBuilder();
    const sizes = [1, 4, 5];
    sizes.forEach((size, i) => {
      for (let u = 0; u < size; u++) b.add(`u${u}`, `i${i}`, 1);
    });
    const { train, test } = stratifiedSplit(b.build(), { by: 'item', seed: 3 });
    expect(countBy(train.item, 3)).toEqual([1, 3, 4]);
    expect(countBy(test.item, 3)).toEqual([0, 1, 1]);
  });

  it('honours another ratio', () => {
    const log = logWithGroupSizes([5, 10]);
    const { train } = stratifiedSplit(log, { by: 'user', ratio: 0.8, seed: 1 });
    expect(countBy(train.user, 2)).toEqual([4, 8]);
    expect(() => stratifiedSplit(log, { by: 'user', ratio: 1, seed: 1 })).toThrow(RangeError);
  });

  it('puts every record in exactly one part, the same way for a seed and differently across seeds', () => {
    const log = logWithGroupSizes(Array.from({ length: 30 }, (_, u) => 3 + (u % 9)));
    const a = stratifiedSplit(log, { by: 'user', seed: 42 });
    const again = stratifiedSplit(log, { by: 'user', seed: 42 });
    const other = stratifiedSplit(log, { by: 'user', seed: 43 });
    expect(records(a.train)).toEqual(records(again.train));
    expect(records(a.test)).toEqual(records(again.test));
    expect(records(a.train)).not.toEqual(records(other.train));
    expect([...records(a.train), ...records(a.test)].sort()).toEqual(records(log).sort());
    // same sizes per user whatever the seed
    expect(countBy(other.train.user, 30)).toEqual(countBy(a.train.user, 30));
  });

  it('keeps repeated events of one pair on the same side', () => {
    const b = new InteractionLogBuilder();
    for (let i = 0; i < 4; i++) {
      b.add('u', `i${i}`, 1);
      b.add('u', `i${i}`, 2);
    }
    for (let seed = 0; seed < 20; seed++) {
      const { train, test } = stratifiedSplit(b.build(), { by: 'user', seed });
      expect(train.user.length).toBe(6);
      expect(test.user.length).toBe(2);
      expect(test.item[0]).toBe(test.item[1]);
    }
  });
});

describe('heldOutUsersSplit (Liang et al. 2018)', () => {
  const random = seededRandom(7);
  const b = new InteractionLogBuilder();
  for (let u = 0; u < 200; u++) {
    const items = new Set<number>();
    for (let n = 1 + Math.floor(random() * 30); items.size < n;) items.add(Math.floor(random() * 150));
    for (const i of items) b.add(`u${u}`, `i${i}`, 1);
  }
  const log = b.build();
  const distinctItems = (user: number) =>
    new Set(Array.from(log.item).filter((_, r) => log.user[r] === user)).size;

  it('holds users out of train entirely, chosen among users with at least 5 items', () => {
    const split = heldOutUsersSplit(log, { heldOutUsers: 40, seed: 5, onlyTrainItems: false });
    expect(split.users.length).toBe(40);
    const held = new Set(split.users);
    for (const u of split.train.user) expect(held.has(u)).toBe(false);
    for (const u of split.users) expect(distinctItems(u)).toBeGreaterThanOrEqual(5);
    for (const u of split.foldIn.user) expect(held.has(u)).toBe(true);
    for (const u of split.evaluate.user) expect(held.has(u)).toBe(true);
    expect(split.train.user.length + split.foldIn.user.length + split.evaluate.user.length).toBe(
      log.user.length,
    );
  });

  it('gives each held-out user floor(20%) of their items to evaluate and the rest to fold in', () => {
    const split = heldOutUsersSplit(log, { heldOutUsers: 40, seed: 5, onlyTrainItems: false });
    const foldIn = countBy(split.foldIn.user, log.users.length);
    const evaluate = countBy(split.evaluate.user, log.users.length);
    for (const u of split.users) {
      const n = foldIn[u]! + evaluate[u]!;
      expect(evaluate[u]).toBe(Math.floor(0.2 * n + 1e-9));
      expect(evaluate[u]).toBeGreaterThanOrEqual(1);
    }
    const relevant = relevantItemsByUser(split.evaluate);
    const seen = relevantItemsByUser(split.foldIn);
    for (const [u, items] of relevant)
      for (const i of items) expect(seen.get(u)?.has(i) ?? false).toBe(false);
  });

  it('drops held-out records of items nobody in train has, by default', () => {
    const split = heldOutUsersSplit(log, { heldOutUsers: 60, seed: 9 });
    const trainItems = new Set(split.train.item);
    for (const i of split.foldIn.item) expect(trainItems.has(i)).toBe(true);
    for (const i of split.evaluate.item) expect(trainItems.has(i)).toBe(true);
  });

  it('is deterministic per seed and differs across seeds', () => {
    const a = heldOutUsersSplit(log, { heldOutUsers: 30, seed: 1 });
    const again = heldOutUsersSplit(log, { heldOutUsers: 30, seed: 1 });
    const other = heldOutUsersSplit(log, { heldOutUsers: 30, seed: 2 });
    expect(Array.from(a.users)).toEqual(Array.from(again.users));
    expect(records(a.evaluate)).toEqual(records(again.evaluate));
    expect(Array.from(a.users)).not.toEqual(Array.from(other.users));
  });

  it('carves disjoint validation and test users in one draw', () => {
    const split = validationTestUsersSplit(log, { validationUsers: 25, testUsers: 25, seed: 11 });
    const validation = new Set(split.validation.users);
    const test = new Set(split.test.users);
    expect(validation.size).toBe(25);
    expect(test.size).toBe(25);
    for (const u of test) expect(validation.has(u)).toBe(false);
    for (const u of split.train.user) expect(validation.has(u) || test.has(u)).toBe(false);
    for (const u of split.test.evaluate.user) expect(test.has(u)).toBe(true);
    for (const u of split.validation.foldIn.user) expect(validation.has(u)).toBe(true);
  });

  it('refuses to hold out more users than have 5 items', () => {
    const eligible = log.users.filter((_, u) => distinctItems(u) >= 5).length;
    expect(() => heldOutUsersSplit(log, { heldOutUsers: eligible + 1, seed: 1 })).toThrow(RangeError);
    expect(heldOutUsersSplit(log, { heldOutUsers: eligible, seed: 1 }).users.length).toBe(eligible);
  });
});

describe('relevantItemsByUser', () => {
  it('keeps items with positive summed weight', () => {
    const b = new InteractionLogBuilder();
    b.add('a', 'x', 1);
    b.add('a', 'y', -1);
    b.add('a', 'z', 1);
    b.add('a', 'z', -1);
    b.add('b', 'y', -2);
    const relevant = relevantItemsByUser(b.build());
    expect([...relevant.keys()]).toEqual([0]);
    expect([...relevant.get(0)!]).toEqual([0]);
  });
});
