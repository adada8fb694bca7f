import { FieldError } from '../field-error.ts';

/**
 * Popularity and trending: weighted event counts where an event's weight halves
 * every `window` of age. 'week' = what people watched lately, 'all' = all-time.
 */
export type TrendWindow = 'day' | 'week' | 'month' | 'all';

const DAY_MS = 86_400_000;

/** The half-life of each window: an event one window old counts half, two windows a quarter. */
export const WINDOW_HALF_LIFE_MS: Readonly<Record<Exclude<TrendWindow, 'all'>, number>> = {
  day: DAY_MS,
  week: 7 * DAY_MS,
  month: 30 * DAY_MS,
};

export interface TrendEvent {
  item: number;
  /** Milliseconds since the Unix epoch. */
  time: number;
  /** Evidence of interest: a play = 1, a purchase could be more. Finite and >= 0. */
  weight: number;
}

/**
 * The same events as parallel columns (no object per event). Keep `time` in a
 * Float64Array: a Float32Array rounds epoch milliseconds to about two minutes.
 */
export interface TrendEventColumns {
  item: ArrayLike<number>;
  time: ArrayLike<number>;
  weight: ArrayLike<number>;
}

export interface TrendOptions {
  /** Milliseconds since the Unix epoch; events after it (clock skew) count as happening now. */
  now: number;
  window: TrendWindow;
  /** Scores has this length; every event's item must be below it. */
  itemCount: number;
  /**
   * 'log' returns ln(1 + score) instead of the score. The order of items is the same,
   * but when scores are scaled to [0, 1] or blended with other signals, one
   * blockbuster with 50,000 plays no longer squashes every other title to ~0:
   * 10 vs 1,000 plays becomes 2.4 vs 6.9 instead of 0.01 vs 1. Default 'none'.
   */
  dampen?: 'none' | 'log';
}

/** A bad event or option; `field` names it, e.g. "events[3].weight". */
export class TrendInputError extends FieldError {
  override readonly name = 'TrendInputError';
}

/**
 * One score per item: Σ weight × 2^(-age / halfLife) over its events (for 'all',
 * the plain Σ weight). Items without events score 0.
 */
export function trendScores(
  events: readonly TrendEvent[] | TrendEventColumns,
  options: TrendOptions,
): Float32Array {
  const { now, window, itemCount } = options;
  if (!Number.isFinite(now)) throw new TrendInputError('now', `${now} is not a finite time in milliseconds`);
  if (!Number.isInteger(itemCount) || itemCount < 0) {
    throw new TrendInputError('itemCount', `${itemCount} is not a whole number >= 0`);
  }
  if (window !== 'all' && !(window in WINDOW_HALF_LIFE_MS)) {
    throw new TrendInputError('window', `"${String(window)}" is not one of day, week, month, all`);
  }
  const dampen = options.dampen ?? 'none';
  if (dampen !== 'none' && dampen !== 'log') {
    throw new TrendInputError('dampen', `"${String(dampen)}" is not one of none, log`);
  }
  // ln 2 / half-life, so that decay = exp(-rate × age); 0 for 'all'.
  const rate = window === 'all' ? 0 : Math.LN2 / WINDOW_HALF_LIFE_MS[window];
  const sums = new Float64Array(itemCount);

  const list = isEventList(events);
  const field = (e: number, name: string) => (list ? `events[${e}].${name}` : `events.${name}[${e}]`);
  const add = (e: number, item: number, time: number, weight: number) => {
    if (!Number.isInteger(item) || item < 0 || item >= itemCount) {
      throw new TrendInputError(field(e, 'item'), `${item} is not an item number (0 .. ${itemCount - 1})`);
    }
    if (!Number.isFinite(weight)) {
      throw new TrendInputError(field(e, 'weight'), `${weight} is not a finite number`);
    }
    if (weight < 0) {
      throw new TrendInputError(field(e, 'weight'), `${weight} is negative; weights must be >= 0`);
    }
    if (!Number.isFinite(time)) throw new TrendInputError(field(e, 'time'), `${time} is not a finite time`);
    if (rate === 0 || time >= now) sums[item]! += weight;
    else sums[item]! += weight * Math.exp(-rate * (now - time));
  };

  if (isEventList(events)) {
    for (let e = 0; e < events.length; e++) {
      const event = events[e]!;
      add(e, event.item, event.time, event.weight);
    }
  } else {
    const n = events.item.length;
    for (const name of ['time', 'weight'] as const) {
      if (events[name].length !== n) {
        throw new TrendInputError(
          `events.${name}`,
          `has ${events[name].length} entries, events.item has ${n}`,
        );
      }
    }
    const { item, time, weight } = events;
    for (let e = 0; e < n; e++) add(e, item[e]!, time[e]!, weight[e]!);
  }

  const scores = new Float32Array(itemCount);
  for (let i = 0; i < itemCount; i++) scores[i] = dampen === 'log' ? Math.log1p(sums[i]!) : sums[i]!;
  return scores;
}

function isEventList(events: readonly TrendEvent[] | TrendEventColumns): events is readonly TrendEvent[] {
  return Array.isArray(events);
}
