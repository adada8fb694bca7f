import type { Handlers } from '@reelshelf/shared/contracts';
import type { Ctx } from '../context';
import { statement } from '../db/statements';

/**
 * Every genre of the library's films and series with how many titles have it: the library's
 * genre filter. Spellings that differ only in case are one genre, as the search treats them.
 */
export function genreHandlers(ctx: Ctx): Pick<Handlers, 'catalog.genres'> {
  return {
    'catalog.genres': () =>
      statement(
        ctx.lib.sqlite,
        `SELECT min(g.genre) AS name, count(*) AS count
         FROM title_genres g JOIN titles t ON t.id = g.title_id
         WHERE t.kind IN ('movie', 'series')
         GROUP BY lower(g.genre) ORDER BY name COLLATE NOCASE`,
      ).all() as { name: string; count: number }[],
  };
}
