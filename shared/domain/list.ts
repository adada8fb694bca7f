import { z } from 'zod';
import { Id, NonEmptyText, patchOf } from './common';

export const SYSTEM_LISTS = ['watchlist', 'favorites', 'watching', 'completed'] as const;
export const SystemList = z.enum(SYSTEM_LISTS);
export type SystemList = z.infer<typeof SystemList>;

const ListFields = z.object({
  name: NonEmptyText(200),
  description: z.string().max(5_000).optional(),
  ranked: z.boolean(),
});
export const ListCreate = ListFields.extend({ ranked: ListFields.shape.ranked.default(true) });
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
