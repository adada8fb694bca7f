import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { CoreError, type Handlers } from '@reelshelf/shared/contracts';
import { listItems, lists, ratings, reviews, statuses, watchEvents } from '../db/schema';
import { newId, now, type Ctx } from '../context';
import { toReview, toWatch } from '../catalog/rows';
import { requireTitle } from '../catalog/lookup';
import { addToList, removeFromList } from '../lists/lists';

/** Statuses with a system list of the same name: the list shows what the status says. */
const STATUS_LISTS = ['watching', 'completed'] as const;

export function syncStatusLists(ctx: Ctx, titleId: string, status: string | null): void {
  for (const system of STATUS_LISTS) {
    const list = ctx.lib.db
      .select({ id: lists.id })
      .from(lists)
      .where(and(eq(lists.profileId, ctx.profileId), eq(lists.system, system)))
      .get();
    if (!list) continue;
    const onList = ctx.lib.db
      .select({ id: listItems.id })
      .from(listItems)
      .where(and(eq(listItems.listId, list.id), eq(listItems.titleId, titleId)))
      .get();
    if (status === system && !onList) addToList(ctx, list.id, titleId);
    if (status !== system && onList) removeFromList(ctx, list.id, titleId);
  }
}

export function historyHandlers(
  ctx: Ctx,
): Pick<
  Handlers,
  | 'watch.add'
  | 'watch.remove'
  | 'watch.list'
  | 'watch.setStatus'
  | 'ratings.set'
  | 'ratings.clear'
  | 'reviews.add'
  | 'reviews.update'
  | 'reviews.remove'
  | 'reviews.list'
> {
  const { db } = ctx.lib;
  const mine = (table: typeof reviews | typeof watchEvents, id: string) =>
    and(eq(table.id, id), eq(table.profileId, ctx.profileId));
  const requireReview = (id: string) => {
    const row = db.select().from(reviews).where(mine(reviews, id)).get();
    if (!row)
      throw new CoreError('not_found', `No review with id ${id}.`, [{ field: 'id', message: 'not found' }]);
    return row;
  };
  return {
    'watch.add': ({ titleId, watchedOn, source }) => {
      requireTitle(ctx, titleId);
      const id = newId();
      const row = db
        .insert(watchEvents)
        .values({ id, profileId: ctx.profileId, titleId, watchedOn, source })
        .returning()
        .get();
      ctx.emit('changed', { entities: ['watch_events'] });
      return toWatch(row);
    },
    'watch.remove': ({ id }) => {
      const removed = db.delete(watchEvents).where(mine(watchEvents, id)).returning().get();
      if (!removed)
        throw new CoreError('not_found', `No watch event with id ${id}.`, [
          { field: 'id', message: 'not found' },
        ]);
      ctx.emit('changed', { entities: ['watch_events'] });
      return { removed: true };
    },
    'watch.list': ({ titleId, limit }) =>
      db
        .select()
        .from(watchEvents)
        .where(
          and(
            eq(watchEvents.profileId, ctx.profileId),
            titleId ? eq(watchEvents.titleId, titleId) : undefined,
          ),
        )
        // Undated watches sort after dated ones: we know they happened, not when.
        .orderBy(
          sql`${watchEvents.watchedOn} IS NULL`,
          desc(watchEvents.watchedOn),
          desc(watchEvents.createdAt),
        )
        .limit(limit)
        .all()
        .map(toWatch),
    'watch.setStatus': ({ titleId, status }) => {
      requireTitle(ctx, titleId);
      const key = and(eq(statuses.profileId, ctx.profileId), eq(statuses.titleId, titleId));
      if (status === null) db.delete(statuses).where(key).run();
      else
        db.insert(statuses)
          .values({ profileId: ctx.profileId, titleId, status })
          .onConflictDoUpdate({
            target: [statuses.profileId, statuses.titleId],
            set: { status, updatedAt: now() },
          })
          .run();
      syncStatusLists(ctx, titleId, status);
      ctx.emit('changed', { entities: ['statuses', 'lists'] });
      return { titleId, status };
    },
    'ratings.set': ({ titleId, stars }) => {
      requireTitle(ctx, titleId);
      db.insert(ratings)
        .values({ profileId: ctx.profileId, titleId, stars })
        .onConflictDoUpdate({ target: [ratings.profileId, ratings.titleId], set: { stars, ratedAt: now() } })
        .run();
      ctx.emit('changed', { entities: ['ratings'] });
      return { titleId, stars };
    },
    'ratings.clear': ({ titleId }) => {
      requireTitle(ctx, titleId);
      db.delete(ratings)
        .where(and(eq(ratings.profileId, ctx.profileId), eq(ratings.titleId, titleId)))
        .run();
      ctx.emit('changed', { entities: ['ratings'] });
      return { titleId, stars: null };
    },
    'reviews.add': ({ titleId, ...fields }) => {
      requireTitle(ctx, titleId);
      const row = db
        .insert(reviews)
        .values({ id: newId(), profileId: ctx.profileId, titleId, ...fields })
        .returning()
        .get();
      ctx.emit('changed', { entities: ['reviews'] });
      return toReview(row);
    },
    'reviews.update': ({ id, ...fields }) => {
      requireReview(id);
      const row = db
        .update(reviews)
        .set({ ...fields, updatedAt: now() })
        .where(eq(reviews.id, id))
        .returning()
        .get();
      ctx.emit('changed', { entities: ['reviews'] });
      return toReview(row!);
    },
    'reviews.remove': ({ id }) => {
      requireReview(id);
      db.delete(reviews).where(eq(reviews.id, id)).run();
      ctx.emit('changed', { entities: ['reviews'] });
      return { removed: true };
    },
    'reviews.list': ({ titleId }) => {
      requireTitle(ctx, titleId);
      return db
        .select()
        .from(reviews)
        .where(and(eq(reviews.profileId, ctx.profileId), eq(reviews.titleId, titleId)))
        .orderBy(asc(reviews.createdAt))
        .all()
        .map(toReview);
    },
  };
}
