import { z } from 'zod';
import { Id, NonEmptyText, patchOf, Year } from './common';
import { CopyFormat } from './copy';
import { Stars, WatchStatus } from './history';
import { Tag } from './profile';
import { Genre, TitleKind } from './title';

export const SYSTEM_LISTS = ['watchlist', 'favorites', 'watching', 'completed'] as const;
export const SystemList = z.enum(SYSTEM_LISTS);
export type SystemList = z.infer<typeof SystemList>;

/** The sorts of catalog.search and of a smart list's saved search. */
export const SEARCH_SORTS = ['relevance', 'title', 'year', 'rating', 'added', 'lastWatched'] as const;

/** catalog.search's filters and sort: what a search is, apart from which page of it is shown. */
export const SEARCH_FILTER_FIELDS = {
  text: z.string().max(200).default(''),
  /** Default: movies and series; seasons and episodes only when asked for. */
  kinds: z.array(TitleKind).min(1).optional(),
  genres: z.array(Genre).min(1).optional(),
  yearFrom: Year.optional(),
  yearTo: Year.optional(),
  /** Owned in any of these formats. */
  formats: z.array(CopyFormat).min(1).optional(),
  owned: z.boolean().optional(),
  watched: z.boolean().optional(),
  ratingMin: Stars.optional(),
  ratingMax: Stars.optional(),
  tags: z.array(Tag).min(1).optional(),
  /** Titles on this list (a system list's key or a list id); a smart list draws from an ordinary list. */
  list: z.union([SystemList, Id]).optional(),
  statuses: z.array(WatchStatus).min(1).optional(),
  sort: z.enum(SEARCH_SORTS).default('relevance'),
  order: z.enum(['asc', 'desc']).optional(),
};

type Ranges = { yearFrom?: number; yearTo?: number; ratingMin?: number; ratingMax?: number };
/** A year or rating range that ends before it starts is refused, naming its first field. */
export function checkedRanges<S extends z.ZodType<Ranges>>(schema: S) {
  return schema
    .refine((q) => q.yearFrom === undefined || q.yearTo === undefined || q.yearFrom <= q.yearTo, {
      message: 'yearFrom is after yearTo',
      path: ['yearFrom'],
    })
    .refine((q) => q.ratingMin === undefined || q.ratingMax === undefined || q.ratingMin <= q.ratingMax, {
      message: 'ratingMin is above ratingMax',
      path: ['ratingMin'],
    });
}

/**
 * A smart list's saved search: catalog.search's filters and sort, without its page
 * (limit and offset belong to whoever shows the list). Strict: a field catalog.search does
 * not know, or a page, is refused rather than dropped. Synced as the list's `query` field.
 */
export const SavedQuery = checkedRanges(z.strictObject(SEARCH_FILTER_FIELDS));
export type SavedQuery = z.output<typeof SavedQuery>;

const ListFields = z.object({
  name: NonEmptyText(200),
  description: z.string().max(5_000).optional(),
  ranked: z.boolean(),
  /** A smart list: its titles are whatever this search finds now (null or left out: an ordinary list). */
  query: SavedQuery.optional(),
});
export const ListCreate = ListFields.extend({
  ranked: ListFields.shape.ranked.default(true),
  query: SavedQuery.nullable().optional(),
});
/** Only what is given changes (no defaults, see TitlePatch). */
export const ListPatch = patchOf(ListFields).extend({ id: Id });

export const ListItemAdd = z.object({
  listId: Id,
  titleId: Id,
  note: z.string().max(5_000).optional(),
  /** Where to put it: 0-based rank; omitted = at the end. */
  position: z.number().int().min(0).optional(),
});

export interface List {
  id: string;
  name: string;
  description: string | null;
  system: SystemList | null;
  ranked: boolean;
  /** Set for a smart list: its items are what this search finds now, and cannot be added or moved by hand. */
  query: SavedQuery | null;
  /** For a smart list, how many titles its search finds now. */
  itemCount: number;
  createdAt: string;
}

export interface ListItem {
  id: string;
  listId: string;
  titleId: string;
  title: string;
  year: number | null;
  /** 0-based place in the list. */
  position: number;
  note: string | null;
  addedAt: string;
}
