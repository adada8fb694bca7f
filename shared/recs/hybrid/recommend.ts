import { explainer } from '../als/explain.ts';
import { foldIn } from '../als/fold-in.ts';
import { scoreItems, type AlsModel } from '../als/model.ts';
import { factorCosine } from '../als/similar.ts';
import { coldStart } from '../cold-start/cold-start.ts';
import type { ContentIndex, HistoryEntry, SharedFeature } from '../content/content-index.ts';
import { topN } from '../scoring/top-n.ts';
import {
  blend,
  SOURCES,
  standardize,
  type BlendWeights,
  type SourceName,
  type SourceScores,
} from './blend.ts';
import { eligibleItems, type Filters, type ItemFacts } from './filters.ts';
import { mmrRerank } from './mmr.ts';

/**
 * Everything the engine knows, in one item index space (item i is the same
 * title in every part). Any of the three sources may be missing — no model
 * downloaded yet, no content — and the blend uses what is there.
 */
export interface EngineParts {
  readonly facts: ItemFacts;
  readonly weights: BlendWeights;
  readonly als?: AlsModel;
  readonly content?: ContentIndex;
  /** Trend or popularity per item (e.g. trendScores(..., { dampen: 'log' })). */
  readonly trend?: Float32Array;
}

export interface RecommendRequest {
  /** Signed weights, as in training: watched/rated/liked > 0, disliked < 0. */
  readonly history: readonly HistoryEntry[];
  readonly n: number;
  /** Extra titles never to show (owned, hidden); history titles are always left out. */
  readonly excluded?: Uint8Array;
  readonly filters?: Filters;
  /** MMR strength, 0 (pure relevance) to 1. */
  readonly diversity?: number;
  /** Genres picked by a new profile; used while the history is too short to learn from. */
  readonly genres?: readonly string[];
}

export type Reason =
  | { kind: 'because-you-watched'; item: number }
  | { kind: 'similar-to'; item: number; shared: readonly SharedFeature[] }
  | { kind: 'genre'; genre: string }
  | { kind: 'trending' };

export interface Recommendation {
  readonly item: number;
  readonly score: number;
  /** Each source's standardised score for this item (null: source not available). */
  readonly sources: Record<SourceName, number | null>;
  readonly reason: Reason;
}

/** Below this many liked titles a profile is "new": content and popularity lead. */
export const COLD_START_BELOW = 3;
export const DEFAULT_DIVERSITY = 0.2;

export function recommend(parts: EngineParts, request: RecommendRequest): Recommendation[] {
  const itemCount = parts.facts.kind.length;
  const excluded = new Uint8Array(itemCount);
  if (request.excluded) excluded.set(request.excluded.subarray(0, itemCount));
  for (const { item } of request.history) if (item >= 0 && item < itemCount) excluded[item] = 1;
  const eligible = eligibleItems(parts.facts, request.filters ?? {}, excluded);

  const liked = request.history.filter((h) => h.weight > 0);
  if (liked.length < COLD_START_BELOW && parts.content && parts.trend) {
    return coldStartRecommendations(parts, request, eligible);
  }

  const sources = sourceScores(parts, request.history, eligible);
  const blended = new Float32Array(itemCount);
  blend(sources, parts.weights, blended);
  const pool = topN(blended, Math.max(50, request.n * 5), (i) => eligible[i] !== 1);
  const picked = mmrRerank(
    pool.items,
    pool.scores,
    similarityFor(parts),
    request.n,
    request.diversity ?? DEFAULT_DIVERSITY,
  );
  const because = reasons(parts, request.history, sources);
  return Array.from(picked, (item) => ({
    item,
    score: blended[item]!,
    sources: sourcesAt(sources, item),
    reason: because(item),
  }));
}

/** Standardised scores from every available source for one history. */
export function sourceScores(
  parts: Omit<EngineParts, 'facts' | 'weights'>,
  history: readonly HistoryEntry[],
  eligible: Uint8Array,
): SourceScores {
  const n = eligible.length;
  const sources: SourceScores = {};
  if (parts.als) {
    const user = foldIn(parts.als, {
      items: Int32Array.from(history, (h) => h.item),
      weights: Float32Array.from(history, (h) => h.weight),
    });
    sources.collaborative = new Float32Array(n);
    scoreItems(parts.als, user, sources.collaborative);
  }
  if (parts.content && history.length > 0) {
    sources.content = new Float32Array(n);
    parts.content.profileScores(history, sources.content);
  }
  if (parts.trend) sources.trend = Float32Array.from(parts.trend);
  for (const name of SOURCES) {
    const scores = sources[name];
    if (scores) standardize(scores, eligible);
  }
  return sources;
}

function sourcesAt(sources: SourceScores, item: number): Record<SourceName, number | null> {
  return {
    collaborative: sources.collaborative?.[item] ?? null,
    content: sources.content?.[item] ?? null,
    trend: sources.trend?.[item] ?? null,
  };
}

/** Diversity is judged on content when there is content, else on taste (factor cosine). */
function similarityFor(parts: EngineParts): (a: number, b: number) => number {
  if (parts.content) return (a, b) => parts.content!.similarity(a, b);
  return parts.als ? factorCosine(parts.als) : () => 0;
}

/** The reason is the source that adds most to the item's score, told in that source's terms. */
function reasons(parts: EngineParts, history: readonly HistoryEntry[], sources: SourceScores) {
  const liked = history.filter((h) => h.weight > 0);
  const likedItems = Int32Array.from(liked, (h) => h.item);
  const collaborative =
    parts.als &&
    explainer(parts.als, {
      items: Int32Array.from(history, (h) => h.item),
      weights: Float32Array.from(history, (h) => h.weight),
    });
  return (item: number): Reason => {
    // Sources that are missing, or weighted 0, cannot be the reason.
    const ranked = SOURCES.filter((name) => sources[name] && parts.weights[name] > 0)
      .map((name) => ({ name, part: parts.weights[name] * sources[name]![item]! }))
      .sort((a, b) => b.part - a.part);
    for (const { name } of ranked) {
      if (name === 'collaborative' && collaborative) {
        const why = collaborative(item);
        if (why) return { kind: 'because-you-watched', item: why.item };
      }
      if (name === 'content' && parts.content && likedItems.length > 0) {
        const why = parts.content.explain(item, likedItems);
        if (why) return { kind: 'similar-to', item: why.item, shared: why.shared };
      }
    }
    return { kind: 'trending' };
  };
}

function coldStartRecommendations(
  parts: EngineParts,
  request: RecommendRequest,
  eligible: Uint8Array,
): Recommendation[] {
  const picks = coldStart(
    parts.content!,
    { genres: request.genres ?? [], items: request.history.filter((h) => h.weight > 0).map((h) => h.item) },
    { n: request.n, popularity: parts.trend!, skip: (i) => eligible[i] !== 1 },
  );
  return picks.map((pick) => ({
    item: pick.item,
    score: pick.score,
    sources: { collaborative: null, content: pick.sources.content, trend: pick.sources.popularity },
    reason:
      pick.reason.kind === 'similar-to'
        ? { kind: 'similar-to', item: pick.reason.item, shared: [] }
        : pick.reason.kind === 'genre'
          ? pick.reason
          : { kind: 'trending' },
  }));
}
