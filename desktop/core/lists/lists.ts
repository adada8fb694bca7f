import { and, asc, count, eq } from 'drizzle-orm';
import { generateNKeysBetween } from 'fractional-indexing';
import { CoreError, type Handlers } from '@reelshelf/shared/contracts';
import { SYSTEM_LISTS, type List, type ListItem, type SystemList } from '@reelshelf/shared/domain';
import { listItems, lists, titles } from '../db/schema';
import { newId, type Ctx } from '../context';
import { requireTitle, resolveListId } from '../catalog/lookup';
import { checkSavedQuery, refuseSmartList, smartListCount, smartListItems, smartQueryOf } from './smart';

/**
 * List order is kept as fractional-index keys (rocicorp's fractional-indexing): moving
 * an item rewrites only that item's key, and two devices inserting at once still get a
 * total order (ties broken by id) — what the sync design needs.
 */
function orderedItems(ctx: Ctx, listId: string): ListItem[] {
  return ctx.lib.db
    .select({
      id: listItems.id,
      listId: listItems.listId,
      titleId: listItems.titleId,
      title: titles.title,
      year: titles.year,
      note: listItems.note,
      addedAt: listItems.addedAt,
      key: listItems.position,
    })
    .from(listItems)
    .innerJoin(titles, eq(titles.id, listItems.titleId))
    .where(eq(listItems.listId, listId))
    .orderBy(asc(listItems.position), asc(listItems.titleId))
    .all()
    .map(({ key: _key, ...item }, position) => ({ ...item, position }));
}

interface Keyed {
  key: string;
  titleId: string;
}

function keyed(ctx: Ctx, listId: string, exceptTitleId?: string): Keyed[] {
  return ctx.lib.db
    .select({ key: listItems.position, titleId: listItems.titleId })
    .from(listItems)
    .where(eq(listItems.listId, listId))
    .orderBy(asc(listItems.position), asc(listItems.titleId))
    .all()
    .filter((r) => r.titleId !== exceptTitleId);
}

/**
 * A key that sorts at `position` among `items` (clamped to the end). After a sync two
 * items can share a key (both devices added at the end); no key sorts strictly between
 * equal keys, so the tied items right of the spot get new keys too.
 */
function placeAt(ctx: Ctx, listId: string, items: Keyed[], position?: number): string {
  const at = position === undefined ? items.length : Math.min(position, items.length);
  const left = items[at - 1]?.key ?? null;
  let end = at;
  while (left !== null && end < items.length && items[end]!.key <= left) end++;
  const [key, ...moved] = generateNKeysBetween(left, items[end]?.key ?? null, 1 + end - at);
  items.slice(at, end).forEach((item, i) =>
    ctx.lib.db
      .update(listItems)
      .set({ position: moved[i]! })
      .where(and(eq(listItems.listId, listId), eq(listItems.titleId, item.titleId)))
      .run(),
  );
  return key!;
}

export function addToList(ctx: Ctx, listId: string, titleId: string, note?: string, position?: number): void {
  ctx.lib.db
    .insert(listItems)
    .values({
      id: newId(),
      listId,
      titleId,
      note,
      position: placeAt(ctx, listId, keyed(ctx, listId), position),
    })
    .run();
}

export function removeFromList(ctx: Ctx, listId: string, titleId: string): boolean {
  const removed = ctx.lib.db
    .delete(listItems)
    .where(and(eq(listItems.listId, listId), eq(listItems.titleId, titleId)))
    .returning()
    .get();
  return removed !== undefined;
}

const systemRank = (l: List) => (l.system ? SYSTEM_LISTS.indexOf(l.system) : SYSTEM_LISTS.length);

function listInfo(ctx: Ctx, id: string): List {
  const row = ctx.lib.db
    .select()
    .from(lists)
    .where(and(eq(lists.id, id), eq(lists.profileId, ctx.profileId)))
    .get();
  if (!row)
    throw new CoreError('not_found', `No list with id ${id}.`, [{ field: 'id', message: 'not found' }]);
  const items = row.query
    ? undefined
    : ctx.lib.db.select({ n: count() }).from(listItems).where(eq(listItems.listId, id)).get();
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    system: row.system as SystemList | null,
    ranked: row.ranked,
    query: row.query ?? null,
    itemCount: row.query ? smartListCount(ctx, id, row.query) : (items?.n ?? 0),
    createdAt: row.createdAt,
  };
}

function requireCustom(ctx: Ctx, id: string): List {
  const list = listInfo(ctx, id);
  if (list.system) {
    throw new CoreError(
      'invalid_argument',
      `${list.name} is a system list; it cannot be renamed or removed.`,
      [{ field: 'id', message: 'system list' }],
    );
  }
  return list;
}

export function listHandlers(
  ctx: Ctx,
): Pick<
  Handlers,
  | 'lists.all'
  | 'lists.create'
  | 'lists.update'
  | 'lists.remove'
  | 'lists.items'
  | 'lists.add'
  | 'lists.removeItem'
  | 'lists.move'
  | 'lists.setNote'
> {
  const { db } = ctx.lib;
  const changed = () => ctx.emit('changed', { entities: ['lists'] });
  return {
    'lists.all': () =>
      db
        .select({ id: lists.id })
        .from(lists)
        .where(eq(lists.profileId, ctx.profileId))
        .orderBy(asc(lists.name))
        .all()
        .map(({ id }) => listInfo(ctx, id))
        // System lists first in their fixed order, then custom lists by name.
        .sort((a, b) => systemRank(a) - systemRank(b)),
    'lists.create': (input) => {
      if (input.query) checkSavedQuery(ctx, input.query);
      const id = newId();
      db.insert(lists)
        .values({ id, profileId: ctx.profileId, ...input })
        .run();
      changed();
      return listInfo(ctx, id);
    },
    'lists.update': ({ id, ...fields }) => {
      const list = requireCustom(ctx, id);
      if (fields.query) {
        checkSavedQuery(ctx, fields.query, id);
        const held = list.query ? 0 : list.itemCount;
        if (held) {
          throw new CoreError(
            'conflict',
            `"${list.name}" holds ${held} title${held === 1 ? '' : 's'}; a smart list holds none of its own. Remove them first, or create a new smart list.`,
            [{ field: 'query', message: 'the list is not empty' }],
          );
        }
      }
      if (Object.keys(fields).length) db.update(lists).set(fields).where(eq(lists.id, id)).run();
      changed();
      return listInfo(ctx, id);
    },
    'lists.remove': ({ id }) => {
      requireCustom(ctx, id);
      db.delete(lists).where(eq(lists.id, id)).run();
      changed();
      return { removed: true };
    },
    'lists.items': ({ list }) => {
      const listId = resolveListId(ctx, list);
      const query = smartQueryOf(ctx, listId);
      return query ? smartListItems(ctx, listId, query) : orderedItems(ctx, listId);
    },
    'lists.add': ({ list, titleId, note, position }) => {
      const listId = resolveListId(ctx, list);
      refuseSmartList(ctx, listId);
      const title = requireTitle(ctx, titleId);
      const existing = orderedItems(ctx, listId).find((i) => i.titleId === titleId);
      if (existing) {
        throw new CoreError(
          'conflict',
          `"${title.title}" is already on this list (position ${existing.position + 1}).`,
          [{ field: 'titleId', message: 'already on the list' }],
        );
      }
      addToList(ctx, listId, titleId, note, position);
      changed();
      return orderedItems(ctx, listId).find((i) => i.titleId === titleId)!;
    },
    'lists.removeItem': ({ list, titleId }) => {
      const listId = resolveListId(ctx, list);
      refuseSmartList(ctx, listId);
      if (!removeFromList(ctx, listId, titleId)) {
        throw new CoreError('not_found', 'That title is not on this list.', [
          { field: 'titleId', message: 'not on the list' },
        ]);
      }
      changed();
      return { removed: true };
    },
    'lists.move': ({ list, titleId, position }) => {
      const listId = resolveListId(ctx, list);
      refuseSmartList(ctx, listId);
      const item = db
        .select({ id: listItems.id })
        .from(listItems)
        .where(and(eq(listItems.listId, listId), eq(listItems.titleId, titleId)))
        .get();
      if (!item)
        throw new CoreError('not_found', 'That title is not on this list.', [
          { field: 'titleId', message: 'not on the list' },
        ]);
      db.update(listItems)
        .set({ position: placeAt(ctx, listId, keyed(ctx, listId, titleId), position) })
        .where(eq(listItems.id, item.id))
        .run();
      changed();
      return orderedItems(ctx, listId);
    },
    'lists.setNote': ({ list, titleId, note }) => {
      const listId = resolveListId(ctx, list);
      refuseSmartList(ctx, listId);
      // An update of the row, like lists.move: the sync triggers note it and the command's
      // transaction captures the changed note field.
      const updated = db
        .update(listItems)
        .set({ note: note || null })
        .where(and(eq(listItems.listId, listId), eq(listItems.titleId, titleId)))
        .returning({ id: listItems.id })
        .get();
      if (!updated)
        throw new CoreError('not_found', 'That title is not on this list.', [
          { field: 'titleId', message: 'not on the list' },
        ]);
      changed();
      return orderedItems(ctx, listId).find((i) => i.titleId === titleId)!;
    },
  };
}
