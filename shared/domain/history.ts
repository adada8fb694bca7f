import { z } from 'zod';
import { Id, IsoDate, patchOf } from './common';

export const WATCH_SOURCES = ['manual', 'import', 'scan', 'sync', 'demo'] as const;

export const WatchInput = z.object({
  titleId: Id,
  /** null = the person watched it but does not know when. */
  watchedOn: IsoDate.nullable().default(null),
  source: z.enum(WATCH_SOURCES).default('manual'),
});
export type WatchInput = z.input<typeof WatchInput>;

export interface WatchEvent {
  id: string;
  titleId: string;
  watchedOn: string | null;
  source: (typeof WATCH_SOURCES)[number];
  createdAt: string;
}

/** Half stars from 0.5 to 5. */
export const Stars = z
  .number()
  .min(0.5, 'ratings go from 0.5 to 5 stars')
  .max(5, 'ratings go from 0.5 to 5 stars')
  .refine((n) => Number.isInteger(n * 2), 'ratings are in half stars (0.5, 1, 1.5 … 5)');

export const RatingInput = z.object({ titleId: Id, stars: Stars });

export const REVIEW_VISIBILITIES = ['private', 'friends', 'public'] as const;
const ReviewFields = z.object({
  text: z.string().trim().min(1, 'a review needs text').max(100_000),
  containsSpoilers: z.boolean(),
  visibility: z.enum(REVIEW_VISIBILITIES),
});
export const ReviewInput = ReviewFields.extend({
  titleId: Id,
  containsSpoilers: ReviewFields.shape.containsSpoilers.default(false),
  visibility: ReviewFields.shape.visibility.default('private'),
});
/** Only what is given changes (no defaults, see TitlePatch). */
export const ReviewPatch = patchOf(ReviewFields).extend({ id: Id });
export interface Review {
  id: string;
  titleId: string;
  text: string;
  containsSpoilers: boolean;
  visibility: (typeof REVIEW_VISIBILITIES)[number];
  createdAt: string;
  updatedAt: string;
}

export const WATCH_STATUSES = ['planned', 'watching', 'on-hold', 'dropped', 'completed'] as const;
export const WatchStatus = z.enum(WATCH_STATUSES);
export type WatchStatus = z.infer<typeof WatchStatus>;
