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
 *
 * Speed (100,000 titles, the Discover screen asks on open): `+t.kind` keeps SQLite off
 * titles_kind_year where nearly every title is a film or a series — that index then only
 * adds a random row read per title (4× slower than reading the table in order) — and each
 * row starts from the smallest set it can (copies, the watchlist, ratings).
 */
const ROWS: Record<DiscoverReason, string> = {
  // Owned films and series never watched, most recently acquired copy first.
  // Copies grouped per title first (the watched ones dropped there), then tied to their title.
  'owned-unwatched': `
    SELECT t.pk FROM (
      SELECT c.title_id, max(c.created_at) AS acquired FROM copies c
      WHERE NOT EXISTS (SELECT 1 FROM watch_summary ws WHERE ws.profile_id = @profile AND ws.title_id = c.title_id)
      GROUP BY c.title_id
    ) o CROSS JOIN titles t ON t.id = o.title_id
    WHERE +t.kind IN ('movie', 'series') AND ${UNWATCHED}
    ORDER BY o.acquired DESC, t.sort_title, t.pk LIMIT ${PER_ROW}`,
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
  // Watched titles (the most) are dropped first; credits are counted only for what is left
  // (counting every title's credits up front was a scan of all of them).
  'popular-unwatched': `
    SELECT t.pk FROM titles t
    WHERE +t.kind IN ('movie', 'series')
      AND ${UNWATCHED}
      AND NOT EXISTS (SELECT 1 FROM copies o WHERE o.title_id = t.id)
      AND NOT ${ON_WATCHLIST}
    ORDER BY (SELECT count(*) FROM credits c WHERE c.title_id = t.id) DESC,
      t.year IS NULL, t.year DESC, t.sort_title, t.pk LIMIT ${PER_ROW}`,
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
