import { z } from 'zod';
import { Id, IsoDate, NonEmptyText, patchOf, Year } from './common';

export const TITLE_KINDS = ['movie', 'series', 'season', 'episode'] as const;
export const TitleKind = z.enum(TITLE_KINDS);
export type TitleKind = z.infer<typeof TitleKind>;

export const ExternalIds = z.object({
  tmdb: z.number().int().positive().optional(),
  imdb: z
    .string()
    .regex(/^tt\d{7,10}$/, 'expected an IMDb id such as tt0133093')
    .optional(),
  tvdb: z.number().int().positive().optional(),
});
export type ExternalIds = z.infer<typeof ExternalIds>;

export const Genre = NonEmptyText(60);

/**
 * A title's fields with no defaults. Patches are built from this: a patch made from a
 * schema with defaults would fill in the defaults and wipe what the user left out.
 */
const TitleFields = z.object({
  kind: TitleKind,
  title: NonEmptyText(500),
  originalTitle: NonEmptyText(500).optional(),
  sortTitle: NonEmptyText(500).optional(),
  year: Year.optional(),
  releaseDate: IsoDate.optional(),
  runtimeMinutes: z.number().int().positive().max(100_000).optional(),
  overview: z.string().max(20_000).optional(),
  genres: z.array(Genre).max(30),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'expected a language code such as en or pt-BR')
    .optional(),
  certification: z.string().trim().min(1).max(20).optional(),
  externalIds: ExternalIds,
  /** A season belongs to a series, an episode to a season. */
  parentId: Id.optional(),
  seasonNumber: z.number().int().min(0).max(10_000).optional(),
  episodeNumber: z.number().int().min(0).max(100_000).optional(),
});

/** What a person (or an import) supplies to create a title. */
export const TitleInput = TitleFields.extend({
  genres: TitleFields.shape.genres.default([]),
  externalIds: ExternalIds.default({}),
});
export type TitleInput = z.input<typeof TitleInput>;

/** Fields left out stay; null clears one that may be empty; each external id likewise. */
export const TitlePatch = patchOf(TitleFields.omit({ kind: true, parentId: true })).extend({
  id: Id,
  externalIds: patchOf(ExternalIds).optional(),
});
export type TitlePatch = z.input<typeof TitlePatch>;

export interface Title {
  id: string;
  kind: TitleKind;
  title: string;
  originalTitle: string | null;
  sortTitle: string;
  year: number | null;
  releaseDate: string | null;
  runtimeMinutes: number | null;
  overview: string | null;
  genres: string[];
  language: string | null;
  certification: string | null;
  externalIds: ExternalIds;
  parentId: string | null;
  seasonNumber: number | null;
  episodeNumber: number | null;
  /** TMDb image paths; the artwork door serves them resized. */
  posterPath: string | null;
  backdropPath: string | null;
  /** Fields edited by hand: a metadata refresh never overwrites them. */
  lockedFields: string[];
  createdAt: string;
  updatedAt: string;
}

/**
 * Leading articles are moved out of the way for sorting ("The Matrix" files under M),
 * in the languages of our locales.
 */
export const LEADING_ARTICLES: ReadonlySet<string> = new Set([
  'the',
  'a',
  'an',
  'der',
  'die',
  'das',
  'ein',
  'eine',
  'el',
  'la',
  'los',
  'las',
  'le',
  'les',
  'l',
  'un',
  'une',
]);
const ARTICLES = new RegExp(
  `^(${[...LEADING_ARTICLES].map((a) => (a === 'l' ? "l'" : a)).join('|')})\\s+`,
  'i',
);
export function defaultSortTitle(title: string): string {
  return title.replace(ARTICLES, '').trim() || title;
}
