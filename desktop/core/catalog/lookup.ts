import { and, asc, eq, or } from 'drizzle-orm';
import { CoreError } from '@reelshelf/shared/contracts';
import { lists, tags, titles, titleTags } from '../db/schema';
import type { Ctx } from '../context';

/** Small reads that several capabilities share. */

export function requireTitle(ctx: Ctx, id: string): typeof titles.$inferSelect {
  const row = ctx.lib.db.select().from(titles).where(eq(titles.id, id)).get();
  if (!row)
    throw new CoreError('not_found', `No title with id ${id}.`, [{ field: 'id', message: 'not found' }]);
  return row;
}

/** System lists are named by key ("watchlist"), custom lists by id. */
export function resolveListId(ctx: Ctx, ref: string): string {
  const row = ctx.lib.db
    .select({ id: lists.id })
    .from(lists)
    .where(and(eq(lists.profileId, ctx.profileId), or(eq(lists.id, ref), eq(lists.system, ref))))
    .get();
  if (!row) throw new CoreError('not_found', `No list "${ref}".`, [{ field: 'list', message: 'not found' }]);
  return row.id;
}

export function tagsOf(ctx: Ctx, titleId: string): string[] {
  return ctx.lib.db
    .select({ name: tags.name })
    .from(titleTags)
    .innerJoin(tags, eq(tags.id, titleTags.tagId))
    .where(eq(titleTags.titleId, titleId))
    .orderBy(asc(tags.name))
    .all()
    .map((t) => t.name);
}
