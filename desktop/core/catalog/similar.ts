import type { Handlers } from '@reelshelf/shared/contracts';
import type { Ctx } from '../context';
import { statement } from '../db/statements';
import { requireTitle } from './lookup';

/**
 * Weight of one shared feature before rarity. A shared director says most about a film,
 * then a shared lead actor; keywords and genres say least, and genres are also the most
 * common, so rarity (below) shrinks them further.
 */
const WEIGHT = { director: 3, actor: 1.5, keyword: 1, genre: 1 } as const;
/** Only the top-billed cast counts: a shared extra says nothing. */
const BILLED_CAST = 10;

/**
 * Titles like this one. Every feature it shares with another title — a genre, a director,
 * a top-billed actor, a keyword — adds its weight × ln(1 + N / df), N being the number of
 * titles of the same kind family and df the number of them that have the feature (IDF):
 * sharing a director who made three films counts far more than sharing "Drama". Films
 * are compared with films, series with series; a season or episode stands for its series.
 *
 * One query: features of the title → titles that share each (through the indexes on
 * genre, person and keyword) → summed score. On the 100k-title demo library it takes a
 * few tens of ms, most of it the titles sharing a common genre.
 */
const SIMILAR = `
  WITH src(id) AS (VALUES (@self), (@root)),
  feat(kind, key, weight) AS MATERIALIZED (
    SELECT 'g', genre, ${WEIGHT.genre} FROM title_genres WHERE title_id IN (SELECT id FROM src)
    UNION
    SELECT 'k', keyword, ${WEIGHT.keyword} FROM title_keywords WHERE title_id IN (SELECT id FROM src)
    UNION
    SELECT 'd', person_id, ${WEIGHT.director} FROM credits
      WHERE title_id IN (SELECT id FROM src) AND role = 'crew' AND job = 'Director'
    UNION
    SELECT 'a', person_id, ${WEIGHT.actor} FROM credits
      WHERE title_id IN (SELECT id FROM src) AND role = 'cast' AND coalesce(cast_order, 0) < ${BILLED_CAST}
  ),
  -- CROSS JOIN keeps the few features outermost, so each is one index seek (genre, keyword, person).
  hit(kind, key, title_id) AS MATERIALIZED (
    SELECT f.kind, f.key, g.title_id FROM feat f CROSS JOIN title_genres g ON g.genre = f.key WHERE f.kind = 'g'
    UNION
    SELECT f.kind, f.key, k.title_id FROM feat f CROSS JOIN title_keywords k ON k.keyword = f.key
      WHERE f.kind = 'k'
    UNION
    SELECT f.kind, f.key, c.title_id FROM feat f CROSS JOIN credits c ON c.person_id = f.key
      WHERE f.kind = 'd' AND c.role = 'crew' AND c.job = 'Director'
    UNION
    SELECT f.kind, f.key, c.title_id FROM feat f CROSS JOIN credits c ON c.person_id = f.key
      WHERE f.kind = 'a' AND c.role = 'cast' AND coalesce(c.cast_order, 0) < ${BILLED_CAST}
  ),
  df(kind, key, n) AS MATERIALIZED (SELECT kind, key, count(*) FROM hit GROUP BY kind, key),
  scored(title_id, score) AS MATERIALIZED (
    SELECT h.title_id, sum(f.weight * ln(1.0 + @total * 1.0 / df.n))
    FROM hit h CROSS JOIN feat f ON f.kind = h.kind AND f.key = h.key
    CROSS JOIN df ON df.kind = h.kind AND df.key = h.key
    WHERE h.title_id NOT IN (SELECT id FROM src)
    GROUP BY h.title_id
  )
  SELECT title_id FROM scored ORDER BY score DESC, title_id LIMIT @take OFFSET @skip`;

export function similarHandlers(ctx: Ctx): Pick<Handlers, 'catalog.similar'> {
  return {
    'catalog.similar': ({ id, limit }) => {
      const title = requireTitle(ctx, id);
      // A season or an episode stands for its series (its own credits and keywords count too).
      let root = title;
      while (root.parentId) root = requireTitle(ctx, root.parentId);
      const family = root.kind === 'movie' ? 'movie' : 'series';
      const total = statement(ctx.lib.sqlite, 'SELECT count(*) FROM titles WHERE kind = ?')
        .pluck()
        .get(family) as number;
      // Candidates come best first, a page at a time; their kind is looked up only for those
      // pages (joining all of them to titles, thousands for a common genre, was most of the time).
      const take = Math.max(200, limit * 16);
      const pks: number[] = [];
      for (let skip = 0; pks.length < limit; skip += take) {
        const ids = statement(ctx.lib.sqlite, SIMILAR)
          .pluck()
          .all({ self: title.id, root: root.id, total, take, skip }) as string[];
        if (!ids.length) break;
        const kinds = new Map(
          (
            ctx.lib.sqlite
              .prepare(`SELECT id, pk, kind FROM titles WHERE id IN (${ids.map(() => '?').join(',')})`)
              .all(...ids) as { id: string; pk: number; kind: string }[]
          ).map((r) => [r.id, r]),
        );
        for (const id of ids) {
          const t = kinds.get(id);
          if (t?.kind === family && pks.length < limit) pks.push(t.pk);
        }
        if (ids.length < take) break;
      }
      return ctx.search.summaries(pks);
    },
  };
}
