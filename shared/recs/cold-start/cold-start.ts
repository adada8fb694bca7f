import { ContentInputError, type ContentIndex } from '../content/content-index.ts';
import { topN } from '../scoring/top-n.ts';

/**
 * First recommendations for a profile with no history: the user has picked a few
 * genres and/or a few titles (either list may be empty). Content says what fits
 * the picks; popularity says which of the fitting titles people actually watch,
 * so picking Horror gives the horror everyone knows, not the most "horror-ish" obscurity.
 */

export interface ColdStartPicks {
  /** Genre names as the user saw them; matched case- and accent-insensitively. Unknown ones are ignored. */
  genres?: readonly string[];
  /** Item numbers of titles the user said they like. Never recommended back. */
  items?: readonly number[];
}

export interface ColdStartWeights {
  content: number;
  popularity: number;
}

/**
 * Content leads (it is what the user asked for); popularity orders the titles that fit
 * about equally well. With content above popularity, a title that fits the picks fully
 * (content 1, score >= 0.7) beats even the most popular title that fits nothing (<= 0.3).
 */
export const DEFAULT_COLD_START_WEIGHTS: Readonly<ColdStartWeights> = { content: 0.7, popularity: 0.3 };

/**
 * Within content, picked titles count more than picked genres: a title says
 * "like this" precisely, a genre only narrows the field.
 */
export const TITLE_SHARE = 0.6;
export const GENRE_SHARE = 0.4;

export interface ColdStartOptions {
  n: number;
  /** One score per item, e.g. trendScores(..., { window: 'month' }); compared on a log scale. */
  popularity: Float32Array;
  weights?: ColdStartWeights;
  /** true leaves an item out (wrong kind, already owned, ...). */
  skip?: (item: number) => boolean;
}

export type ColdStartReason =
  { kind: 'similar-to'; item: number } | { kind: 'genre'; genre: string } | { kind: 'popular' };

export interface ColdStartRecommendation {
  item: number;
  score: number;
  /**
   * content: fit to the picks in [0, 1] (the best-fitting title's similarity to the
   * picked titles is 1; a title with every picked genre has genre fit 1).
   * popularity: ln(1 + p) / ln(1 + max p), in [0, 1].
   */
  sources: { content: number; popularity: number };
  /** The largest part of the score: a picked title, a picked genre, or plain popularity. */
  reason: ColdStartReason;
}

/** Ranked recommendations for a new profile; with nothing picked, the popular titles. */
export function coldStart(
  index: ContentIndex,
  picks: ColdStartPicks,
  options: ColdStartOptions,
): ColdStartRecommendation[] {
  const size = index.size;
  const { n, popularity, skip } = options;
  if (!Number.isInteger(n) || n < 0) {
    throw new ContentInputError('n', `expected a whole number >= 0, got ${n}`);
  }
  if (popularity.length !== size) {
    throw new ContentInputError(
      'popularity',
      `has ${popularity.length} scores, expected one per item (${size})`,
    );
  }
  const weights = options.weights ?? DEFAULT_COLD_START_WEIGHTS;
  for (const key of ['content', 'popularity'] as const) {
    if (!Number.isFinite(weights[key]) || weights[key] < 0) {
      throw new ContentInputError(`weights.${key}`, `${weights[key]} is not a finite number >= 0`);
    }
  }

  const pickedItems = [...new Set(picks.items ?? [])];
  const excluded = new Uint8Array(size);
  pickedItems.forEach((item, at) => {
    if (!Number.isInteger(item) || item < 0 || item >= size) {
      throw new ContentInputError(`picks.items[${at}]`, `${item} is not an item number (0 .. ${size - 1})`);
    }
    excluded[item] = 1;
  });

  // Popularity on a log scale, 0 .. 1.
  let maxPopularity = 0;
  for (let i = 0; i < size; i++) {
    const p = popularity[i]!;
    if (!Number.isFinite(p) || p < 0) {
      throw new ContentInputError(`popularity[${i}]`, `${p} is not a finite number >= 0`);
    }
    if (p > maxPopularity) maxPopularity = p;
  }
  const popular = new Float32Array(size);
  if (maxPopularity > 0) {
    const scale = 1 / Math.log1p(maxPopularity);
    for (let i = 0; i < size; i++) popular[i] = Math.log1p(popularity[i]!) * scale;
  }

  // Similarity to the picked titles, best non-picked title = 1, negatives clipped.
  const titleFit = new Float32Array(size);
  if (pickedItems.length > 0) {
    index.profileScores(
      pickedItems.map((item) => ({ item, weight: 1 })),
      titleFit,
    );
    let best = 0;
    for (let i = 0; i < size; i++) if (excluded[i] === 0 && titleFit[i]! > best) best = titleFit[i]!;
    const scale = best > 0 ? 1 / best : 0;
    for (let i = 0; i < size; i++) titleFit[i] = Math.max(0, titleFit[i]! * scale);
  }

  // Share of the picked genres a title has.
  const genrePostings: { label: string; items: Int32Array }[] = [];
  for (const genre of picks.genres ?? []) {
    const label = index.labelOf('genre', genre);
    if (label === undefined || genrePostings.some((g) => g.label === label)) continue;
    genrePostings.push({ label, items: index.itemsWith('genre', genre) });
  }
  const genreFit = new Float32Array(size);
  for (const { items } of genrePostings) {
    const share = 1 / genrePostings.length;
    for (let p = 0; p < items.length; p++) genreFit[items[p]!]! += share;
  }

  const titleShare = pickedItems.length > 0 ? TITLE_SHARE : 0;
  const genreShare = genrePostings.length > 0 ? GENRE_SHARE : 0;
  const contentTotal = titleShare + genreShare;
  const titleWeight = contentTotal > 0 ? titleShare / contentTotal : 0;
  const genreWeight = contentTotal > 0 ? genreShare / contentTotal : 0;
  // With nothing to fit, popularity alone decides.
  const wc = contentTotal > 0 ? weights.content : 0;
  const wp = contentTotal > 0 ? weights.popularity : 1;

  const content = new Float32Array(size);
  const scores = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    const c = titleWeight * titleFit[i]! + genreWeight * genreFit[i]!;
    content[i] = c;
    scores[i] = wc * c + wp * popular[i]!;
  }

  const best = topN(scores, n, (i) => excluded[i] !== 0 || (skip?.(i) ?? false));
  const out: ColdStartRecommendation[] = [];
  for (let r = 0; r < best.items.length; r++) {
    const item = best.items[r]!;
    const byTitle = wc * titleWeight * titleFit[item]!;
    const byGenre = wc * genreWeight * genreFit[item]!;
    const byPopularity = wp * popular[item]!;
    let reason: ColdStartReason = { kind: 'popular' };
    if (byTitle > 0 && byTitle >= byGenre && byTitle >= byPopularity) {
      reason = { kind: 'similar-to', item: mostSimilarPick(index, item, pickedItems) };
    } else if (byGenre > 0 && byGenre >= byPopularity) {
      const genre = genrePostings.find((g) => contains(g.items, item));
      if (genre !== undefined) reason = { kind: 'genre', genre: genre.label };
    }
    out.push({
      item,
      score: best.scores[r]!,
      sources: { content: content[item]!, popularity: popular[item]! },
      reason,
    });
  }
  return out;
}

function mostSimilarPick(index: ContentIndex, item: number, picked: readonly number[]): number {
  let best = picked[0]!;
  let bestSimilarity = -Infinity;
  for (const p of picked) {
    const s = index.similarity(item, p);
    if (s > bestSimilarity) {
      best = p;
      bestSimilarity = s;
    }
  }
  return best;
}

/** Binary search in ascending item numbers. */
function contains(sorted: Int32Array, item: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid]!;
    if (v === item) return true;
    if (v < item) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
