/**
 * Smart lists: a list that carries a saved search (`lists.query`, a SavedQuery) instead of
 * items. Its titles are whatever the search finds now, in the search's order; nothing is
 * stored per title, so there is nothing to add, move or remove by hand.
 */
import { CoreError, type ParsedArgs, type SearchResult } from '@reelshelf/shared/contracts';
import type { ListItem, SavedQuery } from '@reelshelf/shared/domain';
import type { Ctx } from '../context';
import { statement } from '../db/statements';
import { resolveListId } from '../catalog/lookup';

/** `lists.items` of a smart list returns at most this many titles; `catalog.search` with `list` pages through all. */
export const SMART_LIST_ITEMS_MAX = 1_000;

interface ListRef {
  id: string;
  name: string;
  query: SavedQuery | null;
}

function findList(ctx: Ctx, ref: string): ListRef | undefined {
  const row = statement(
    ctx.lib.sqlite,
    'SELECT id, name, query FROM lists WHERE profile_id = ? AND (id = ? OR system = ?)',
  ).get(ctx.profileId, ref, ref) as { id: string; name: string; query: string | null } | undefined;
  return row && { ...row, query: row.query === null ? null : (JSON.parse(row.query) as SavedQuery) };
}

/** The saved query of this list (by id), or null for an ordinary list. */
export function smartQueryOf(ctx: Ctx, listId: string): SavedQuery | null {
  return findList(ctx, listId)?.query ?? null;
}

/**
 * Every title a saved query finds now (pks, in its order). A query that draws from a list
 * that is gone finds nothing; one that draws from a smart list uses that list's titles, and
 * a loop of smart lists (possible only after a sync) finds nothing.
 */
export function smartListPks(ctx: Ctx, query: SavedQuery, seen: ReadonlySet<string>): number[] {
  let listId: string | undefined;
  let within: Set<number> | undefined;
  if (query.list !== undefined) {
    const source = findList(ctx, query.list);
    if (!source) return [];
    if (source.query) {
      if (seen.has(source.id)) return [];
      within = new Set(smartListPks(ctx, source.query, new Set([...seen, source.id])));
    } else listId = source.id;
  }
  return ctx.search.matching(query, listId, within).matched;
}

/** How many titles a smart list holds now. */
export const smartListCount = (ctx: Ctx, listId: string, query: SavedQuery): number =>
  smartListPks(ctx, query, new Set([listId])).length;

/**
 * A smart list's items in the ListItem shape: `id` is `<list id>|<title id>` (no row
 * stands behind it), `note` is null, `addedAt` is when the title entered the library, and
 * `position` is its place in the search's order. At most SMART_LIST_ITEMS_MAX.
 */
export function smartListItems(ctx: Ctx, listId: string, query: SavedQuery): ListItem[] {
  const pks = smartListPks(ctx, query, new Set([listId])).slice(0, SMART_LIST_ITEMS_MAX);
  const byPk = new Map<number, { id: string; title: string; year: number | null; created_at: string }>();
  for (let i = 0; i < pks.length; i += 500) {
    const chunk = pks.slice(i, i + 500);
    const rows = ctx.lib.sqlite
      .prepare(
        `SELECT pk, id, title, year, created_at FROM titles WHERE pk IN (${chunk.map(() => '?').join(',')})`,
      )
      .all(...chunk) as { pk: number; id: string; title: string; year: number | null; created_at: string }[];
    for (const r of rows) byPk.set(r.pk, r);
  }
  return pks
    .flatMap((pk) => {
      const t = byPk.get(pk);
      return t
        ? [
            {
              id: `${listId}|${t.id}`,
              listId,
              titleId: t.id,
              title: t.title,
              year: t.year,
              position: 0,
              note: null,
              addedAt: t.created_at,
            },
          ]
        : [];
    })
    .map((item, position) => ({ ...item, position }));
}

/** lists.add, lists.move, lists.removeItem and lists.setNote: a smart list's titles come from its query. */
export function refuseSmartList(ctx: Ctx, listId: string): void {
  const list = findList(ctx, listId);
  if (list?.query) {
    throw new CoreError(
      'invalid_argument',
      `"${list.name}" is a smart list: its titles are what its saved search finds, so they cannot be added, moved, removed or given notes by hand. Change its query instead.`,
      [{ field: 'list', message: 'smart list' }],
    );
  }
}

/**
 * A query about to be saved on list `selfId` (undefined while creating): the list it draws
 * from must exist and be an ordinary list (not this one, not another smart list).
 */
export function checkSavedQuery(ctx: Ctx, query: SavedQuery, selfId?: string): void {
  if (query.list === undefined) return;
  const source = findList(ctx, query.list);
  const refuse = (message: string) =>
    new CoreError('invalid_argument', `query.list: ${message}`, [{ field: 'query.list', message }]);
  if (!source) throw refuse(`no list "${query.list}"`);
  if (source.id === selfId) throw refuse('a smart list cannot draw from itself');
  if (source.query)
    throw refuse(`"${source.name}" is a smart list; a smart list draws from an ordinary list`);
}

/** catalog.search: `list` may name a smart list; its titles are then searched with the other filters. */
export function searchCatalog(ctx: Ctx, query: ParsedArgs<'catalog.search'>): SearchResult {
  if (query.list === undefined) return ctx.search.search(query);
  const listId = resolveListId(ctx, query.list);
  const saved = smartQueryOf(ctx, listId);
  if (!saved) return ctx.search.search(query, listId);
  return ctx.search.search(query, undefined, new Set(smartListPks(ctx, saved, new Set([listId]))));
}
