import { z } from 'zod';

/**
 * What one person did with one title, as the app records it.
 * `rating` is in stars (0.5–5, half stars), as in shared/domain.
 */
export const TitleSignals = z
  .object({
    watches: z.number().int().min(0).default(0),
    rating: z.number().min(0.5).max(5).multipleOf(0.5).optional(),
    listAdds: z.number().int().min(0).default(0),
    liked: z.boolean().default(false),
    disliked: z.boolean().default(false),
  })
  .strict();
export type TitleSignals = z.input<typeof TitleSignals>;

/**
 * The interaction weight the engine trains and folds in with. Positive weights
 * say "more like this"; their size is how sure we are (see als/confidence.ts).
 *
 * - A watch is the basic evidence (1); each rewatch adds less (0.5, at most 3
 *   counted), because a comfort film rewatched weekly is not ten times the signal.
 * - A rating moves the weight around 3 stars: 5 stars adds 1, 1 star takes 1 away.
 * - Adding to a list (watchlist included) is intent without experience: 0.5.
 * - A like adds 1.
 * - A dislike overrides everything: the weight becomes negative (−2), which
 *   iALS treats as a confident "no" — pulling the title and its neighbours
 *   down — and which the recommender also excludes outright. A watch followed
 *   by a 1-star rating stays positive but weak (a watch is still a choice).
 * - Nothing at all → 0 (the title is not part of the history).
 */
export function interactionWeight(input: TitleSignals): number {
  const s = TitleSignals.parse(input);
  if (s.disliked) return -2;
  let weight = 0;
  if (s.watches > 0) weight += 1 + 0.5 * Math.min(3, s.watches - 1);
  if (s.rating !== undefined) weight += (s.rating - 3) / 2;
  weight += 0.5 * Math.min(2, s.listAdds);
  if (s.liked) weight += 1;
  // Rated but low, or listed then rated down: still known, never below a whisper of interest.
  return s.watches > 0 || s.listAdds > 0 || s.rating !== undefined ? Math.max(0.1, weight) : weight;
}
