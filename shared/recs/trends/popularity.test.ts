import { describe, expect, it } from 'vitest';
import { trendScores, TrendInputError, type TrendEvent } from './popularity.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2025, 5, 1);

/** Item 0: 10 plays over the last week. Item 1: 30 plays two years ago. Item 2: nothing. */
const events: TrendEvent[] = [
  ...Array.from({ length: 10 }, (_, k) => ({ item: 0, time: NOW - (k % 7) * DAY - 3_600_000, weight: 1 })),
  ...Array.from({ length: 30 }, (_, k) => ({ item: 1, time: NOW - 730 * DAY - k * DAY, weight: 1 })),
];

describe('trending', () => {
  it("last week's 10 plays beat two-year-old 30 plays this week, but not all-time", () => {
    const week = trendScores(events, { now: NOW, window: 'week', itemCount: 3 });
    expect(week[0]!).toBeGreaterThan(week[1]!);
    expect(week[1]!).toBeLessThan(1e-20);
    const month = trendScores(events, { now: NOW, window: 'month', itemCount: 3 });
    expect(month[0]!).toBeGreaterThan(month[1]!);

    const all = trendScores(events, { now: NOW, window: 'all', itemCount: 3 });
    expect(Array.from(all)).toEqual([10, 30, 0]);
  });

  it('an event one window old counts half', () => {
    const scores = trendScores(
      [
        { item: 0, time: NOW, weight: 4 },
        { item: 1, time: NOW - 7 * DAY, weight: 4 },
        { item: 2, time: NOW - 14 * DAY, weight: 4 },
      ],
      { now: NOW, window: 'week', itemCount: 3 },
    );
    expect(scores[0]).toBeCloseTo(4, 5);
    expect(scores[1]).toBeCloseTo(2, 5);
    expect(scores[2]).toBeCloseTo(1, 5);
    const day = trendScores([{ item: 0, time: NOW - DAY, weight: 1 }], {
      now: NOW,
      window: 'day',
      itemCount: 1,
    });
    expect(day[0]).toBeCloseTo(0.5, 6);
  });

  it('an event from the future (clock skew) counts as now, not more', () => {
    const scores = trendScores(
      [
        { item: 0, time: NOW + 30 * DAY, weight: 1 },
        { item: 1, time: NOW, weight: 1 },
      ],
      { now: NOW, window: 'day', itemCount: 2 },
    );
    expect(scores[0]).toBe(1);
    expect(scores[1]).toBe(1);
  });

  it('takes columns of typed arrays the same as a list of events', () => {
    const columns = {
      item: Int32Array.from(events, (e) => e.item),
      time: Float64Array.from(events, (e) => e.time),
      weight: Float32Array.from(events, (e) => e.weight),
    };
    const options = { now: NOW, window: 'week', itemCount: 3 } as const;
    expect(trendScores(columns, options)).toEqual(trendScores(events, options));
  });

  it('log dampening keeps the order but stops one blockbuster flattening the rest', () => {
    const plays = [50_000, 1_000, 10, 0];
    const list = plays.map((weight, item) => ({ item, time: NOW, weight }));
    const raw = trendScores(list, { now: NOW, window: 'all', itemCount: 4 });
    const damped = trendScores(list, { now: NOW, window: 'all', itemCount: 4, dampen: 'log' });
    const order = (s: Float32Array) => Array.from(s.keys()).sort((a, b) => s[b]! - s[a]!);
    expect(order(damped)).toEqual(order(raw));
    // Scaled to the top title, the 1,000-play title is 2% under raw counts and over 60% damped.
    expect(raw[1]! / raw[0]!).toBeLessThan(0.03);
    expect(damped[1]! / damped[0]!).toBeGreaterThan(0.6);
    expect(damped[3]).toBe(0);
  });

  it('rejects a NaN or negative weight, naming the event', () => {
    const options = { now: NOW, window: 'week', itemCount: 3 } as const;
    expect(() => trendScores([...events, { item: 2, time: NOW, weight: NaN }], options)).toThrow(
      /events\[40\]\.weight: NaN is not a finite number/,
    );
    expect(() => trendScores([{ item: 2, time: NOW, weight: -1 }], options)).toThrow(
      /events\[0\]\.weight: -1 is negative/,
    );
    expect(() => trendScores({ item: [0], time: [NOW], weight: Float32Array.of(Infinity) }, options)).toThrow(
      /events\.weight\[0\]/,
    );
    expect(() => trendScores([{ item: 3, time: NOW, weight: 1 }], options)).toThrow(TrendInputError);
    expect(() => trendScores([{ item: 0, time: NaN, weight: 1 }], options)).toThrow(/events\[0\]\.time/);
    expect(() => trendScores([], { ...options, now: NaN })).toThrow(/now/);
    expect(() => trendScores({ item: [0, 1], time: [NOW], weight: [1, 1] }, options)).toThrow(/events\.time/);
  });
});
