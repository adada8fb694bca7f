import type { DiscoverReason, DiscoverRow, Handlers } from '@reelshelf/shared/contracts';
import type { Ctx } from '../context';
import { statement } from '../db/statements';

const PER_ROW = 20;

/**
 * Not watched by this profile: neither the title itself nor, for a series, any of its
 * seasons or episodes.
 */
const UNWATCHED = `
  NOT EXISTS (SELECT 1 FROM watch_summary ws WHERE ws.profile_id = @profile AND ws.title_id = t.id)
  AND (t.kind <> 'series' OR NOT EXISTS (
    SELECT 1 FROM titles s
    LEFT JOIN titles e ON e.parent_id = s.id
    JOIN watch_summary ws ON ws.profile_id = @profile AND ws.title_id IN (s.id, e.id)
    WHERE s.parent_id = t.id))`;

const ON_WATCHLIST = `
  EXISTS (SELECT 1 FROM list_items li JOIN lists l ON l.id = li.list_id
          WHERE li.title_id = t.id AND l.profile_id = @profile AND l.system = 'watchlist')`;

/**
 * Each row: the title pks it shows, best first. Placeholders until the recommendation
 * engine is wired in; every row is worked out from this library alone.
 */
const ROWS: Record<DiscoverReason, string> = {
  // Owned films and series never watched, most recently acquired copy first.
  'owned-unwatched': `
    SELECT t.pk FROM copies c JOIN titles t ON t.id = c.title_id
    WHERE t.kind IN ('movie', 'series') AND ${UNWATCHED}
    GROUP BY t.pk ORDER BY max(c.created_at) DESC, t.sort_title, t.pk LIMIT ${PER_ROW}`,
  // The watchlist in its own order, without what has been watched since.
  watchlist: `
    SELECT t.pk FROM lists l
    JOIN list_items li ON li.list_id = l.id
    JOIN titles t ON t.id = li.title_id
    WHERE l.profile_id = @profile AND l.system = 'watchlist' AND ${UNWATCHED}
    ORDER BY li.position, li.title_id LIMIT ${PER_ROW}`,
  // Rated 4 stars or more and seen once: the one seen longest ago first (undated watches last).
  'top-rated-rewatch': `
    SELECT t.pk FROM ratings r
    JOIN watch_summary ws ON ws.profile_id = r.profile_id AND ws.title_id = r.title_id
    JOIN titles t ON t.id = r.title_id
    WHERE r.profile_id = @profile AND r.stars >= 4 AND ws.watch_count = 1 AND t.kind IN ('movie', 'series')
    ORDER BY ws.last_watched_on IS NULL, ws.last_watched_on, t.sort_title, t.pk LIMIT ${PER_ROW}`,
  // The library stores no popularity or vote count (TMDb's are used for matching only), so
  // "popular" is the most credited titles, then the most recent. Owned and watchlisted
  // titles have rows of their own and are left out here.
  'popular-unwatched': `
    SELECT t.pk FROM titles t
    LEFT JOIN (SELECT title_id, count(*) AS n FROM credits GROUP BY title_id) c ON c.title_id = t.id
    WHERE t.kind IN ('movie', 'series')
      AND NOT EXISTS (SELECT 1 FROM copies o WHERE o.title_id = t.id)
      AND NOT ${ON_WATCHLIST}
      AND ${UNWATCHED}
    ORDER BY coalesce(c.n, 0) DESC, t.year IS NULL, t.year DESC, t.sort_title, t.pk LIMIT ${PER_ROW}`,
};

/** Rows for the discover screen; a row with nothing in it is left out. */
export function discoverHandlers(ctx: Ctx): Pick<Handlers, 'discover.rows'> {
  return {
    'discover.rows': () => {
      const rows: DiscoverRow[] = [];
      for (const [reason, sql] of Object.entries(ROWS) as [DiscoverReason, string][]) {
        const pks = statement(ctx.lib.sqlite, sql).pluck().all({ profile: ctx.profileId }) as number[];
        if (pks.length) rows.push({ id: reason, reason, titles: ctx.search.summaries(pks) });
      }
      return { rows };
    },
  };
}
