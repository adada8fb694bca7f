import {
  CoreError,
  type Handlers,
  type NextEpisode,
  type NextUpEntry,
  type SeasonEntry,
  type SeriesEpisodes,
} from '@reelshelf/shared/contracts';
import type { TitleKind } from '@reelshelf/shared/domain';
import type { Ctx } from '../context';
import { statement } from '../db/statements';
import { historyHandlers } from '../history/history';
import { localToday } from '../stats/charts';

interface GuideRow {
  seasonId: string;
  seasonNumber: number | null;
  seasonTitle: string;
  episodeId: string | null;
  episodeNumber: number | null;
  episodeTitle: string | null;
  airDate: string | null;
  watchCount: number;
}

/** A title of the expected kind, or a CoreError naming the argument. */
function requireKind(ctx: Ctx, id: string, kind: TitleKind, field: string) {
  const row = statement(
    ctx.lib.sqlite,
    'SELECT id, kind, title, year, parent_id FROM titles WHERE id = ?',
  ).get(id) as
    { id: string; kind: TitleKind; title: string; year: number | null; parent_id: string | null } | undefined;
  if (!row) throw new CoreError('not_found', `No title with id ${id}.`, [{ field, message: 'not found' }]);
  if (row.kind !== kind) {
    throw new CoreError('invalid_argument', `${row.title} is a ${row.kind}, not a ${kind}.`, [
      { field, message: `must be the id of a ${kind}` },
    ]);
  }
  return row;
}

/**
 * Every season of a series with its episodes, in viewing order: numbered seasons, then
 * seasons without a number, then specials (season 0); episodes by number.
 */
function guide(ctx: Ctx, seriesId: string): SeasonEntry[] {
  const rows = statement(
    ctx.lib.sqlite,
    `SELECT s.id AS seasonId, s.season_number AS seasonNumber, s.title AS seasonTitle,
       e.id AS episodeId, e.episode_number AS episodeNumber, e.title AS episodeTitle, e.release_date AS airDate,
       coalesce(ws.watch_count, 0) AS watchCount
     FROM titles s
     LEFT JOIN titles e ON e.parent_id = s.id AND e.kind = 'episode'
     LEFT JOIN watch_summary ws ON ws.profile_id = ? AND ws.title_id = e.id
     WHERE s.parent_id = ? AND s.kind = 'season'
     ORDER BY CASE WHEN s.season_number = 0 THEN 2 WHEN s.season_number IS NULL THEN 1 ELSE 0 END,
       s.season_number, s.sort_title, s.id,
       e.episode_number IS NULL, e.episode_number, e.sort_title, e.id`,
  ).all(ctx.profileId, seriesId) as GuideRow[];
  const seasons: SeasonEntry[] = [];
  for (const r of rows) {
    let season = seasons.at(-1);
    if (season?.id !== r.seasonId) {
      season = {
        id: r.seasonId,
        seasonNumber: r.seasonNumber,
        title: r.seasonTitle,
        episodes: [],
        watchedCount: 0,
        episodeCount: 0,
      };
      seasons.push(season);
    }
    if (r.episodeId === null) continue;
    season.episodes.push({
      id: r.episodeId,
      episodeNumber: r.episodeNumber,
      title: r.episodeTitle!,
      airDate: r.airDate,
      watched: r.watchCount > 0,
      watchCount: r.watchCount,
    });
    season.episodeCount++;
    if (r.watchCount > 0) season.watchedCount++;
  }
  return seasons;
}

/**
 * The first unwatched episode after the furthest watched one in season and episode order
 * (specials skipped): a rewatch of an early episode does not move it back. With nothing
 * watched it is the first episode; with everything after the furthest watched one seen, null.
 */
function nextUpOf(seasons: SeasonEntry[]): { next: NextEpisode | null; started: boolean } {
  const order = seasons
    .filter((s) => s.seasonNumber !== 0)
    .flatMap((s) => s.episodes.map((e) => ({ season: s, episode: e })));
  let furthest = -1;
  order.forEach((x, i) => {
    if (x.episode.watched) furthest = i;
  });
  const found = order.slice(furthest + 1).find((x) => !x.episode.watched);
  return {
    started: furthest >= 0,
    next: found
      ? {
          episodeId: found.episode.id,
          seasonNumber: found.season.seasonNumber,
          episodeNumber: found.episode.episodeNumber,
          title: found.episode.title,
        }
      : null,
  };
}

function seriesEpisodes(ctx: Ctx, seriesId: string, field: string): SeriesEpisodes {
  const series = requireKind(ctx, seriesId, 'series', field);
  const seasons = guide(ctx, seriesId);
  return {
    series: { id: series.id, title: series.title, year: series.year },
    seasons,
    nextUp: nextUpOf(seasons).next,
  };
}

/** The TV view: a series' seasons and episodes, marking a season watched, what to watch next. */
export function seriesHandlers(
  ctx: Ctx,
): Pick<Handlers, 'series.episodes' | 'series.markSeasonWatched' | 'series.nextUp'> {
  // Watches go through watch.add itself: the same checks, sync capture and `changed` event.
  const addWatch = historyHandlers(ctx)['watch.add'];
  return {
    'series.episodes': ({ seriesId }) => seriesEpisodes(ctx, seriesId, 'seriesId'),
    'series.markSeasonWatched': ({ seasonId, on, dateUnknown }) => {
      const season = requireKind(ctx, seasonId, 'season', 'seasonId');
      const watchedOn = dateUnknown ? null : (on ?? localToday());
      const missing = statement(
        ctx.lib.sqlite,
        `SELECT e.id FROM titles e
         WHERE e.parent_id = ? AND e.kind = 'episode'
           AND NOT EXISTS (SELECT 1 FROM watch_summary ws WHERE ws.profile_id = ? AND ws.title_id = e.id)
         ORDER BY e.episode_number IS NULL, e.episode_number, e.sort_title, e.id`,
      )
        .pluck()
        .all(seasonId, ctx.profileId) as string[];
      for (const titleId of missing) addWatch({ titleId, watchedOn, source: 'manual' });
      return seriesEpisodes(ctx, season.parent_id!, 'seasonId');
    },
    'series.nextUp': ({ limit }) => {
      // Series with a watched episode, newest activity first: an undated watch counts on the day it was logged.
      const active = statement(
        ctx.lib.sqlite,
        `SELECT s.parent_id AS seriesId, max(
           (SELECT max(coalesce(w.watched_on, substr(w.created_at, 1, 10)) || ' ' || w.created_at)
            FROM watch_events w WHERE w.profile_id = @profile AND w.title_id = e.id)) AS activity
         FROM titles e
         JOIN watch_summary ws ON ws.profile_id = @profile AND ws.title_id = e.id
         JOIN titles s ON s.id = e.parent_id AND s.kind = 'season'
         WHERE e.kind = 'episode'
         GROUP BY s.parent_id
         ORDER BY activity DESC, s.parent_id`,
      ).all({ profile: ctx.profileId }) as { seriesId: string; activity: string }[];
      const seriesTitle = statement(ctx.lib.sqlite, 'SELECT title FROM titles WHERE id = ?').pluck();
      const entries: NextUpEntry[] = [];
      for (const { seriesId } of active) {
        if (entries.length >= limit) break;
        const { next, started } = nextUpOf(guide(ctx, seriesId));
        if (!started || !next) continue;
        entries.push({
          seriesId,
          seriesTitle: seriesTitle.get(seriesId) as string,
          episodeId: next.episodeId,
          seasonNumber: next.seasonNumber,
          episodeNumber: next.episodeNumber,
          episodeTitle: next.title,
        });
      }
      return entries;
    },
  };
}
