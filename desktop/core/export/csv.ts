/**
 * Spreadsheet exports of the active profile's library: catalog, watch history, ratings
 * and lists. Each is one CSV document (UTF-8 with BOM, one header row, formula-looking
 * text defused) returned as a string for the caller to write.
 */
import { SYSTEM_LISTS } from '@reelshelf/shared/domain';
import type { Ctx } from '../context';
import { csvDocument, type Cell, type CsvExport, type CsvOptions } from './csv-writer';

const SPREADSHEET: CsvOptions = { bom: true, guardFormulas: true };

function* query<Row>(ctx: Ctx, sql: string, params: Record<string, unknown>): Generator<Row> {
  yield* ctx.lib.sqlite.prepare(sql).iterate(params) as IterableIterator<Row>;
}

/** Columns that say which title a row is about, with its series for seasons and episodes. */
const TITLE_COLUMNS = `t.kind, t.title, t.year, t.imdb_id, t.tmdb_id, t.season_number, t.episode_number,
  CASE t.kind WHEN 'season' THEN p.title WHEN 'episode' THEN gp.title END AS series`;
const TITLE_JOINS = `LEFT JOIN titles p ON p.id = t.parent_id LEFT JOIN titles gp ON gp.id = p.parent_id`;

interface TitleColumns {
  kind: string;
  title: string;
  year: number | null;
  imdb_id: string | null;
  tmdb_id: number | null;
  season_number: number | null;
  episode_number: number | null;
  series: string | null;
}

const pad = (n: number | null) => String(n ?? 0).padStart(2, '0');

/** "Severance S01E03 – In Perpetuity", "Severance – Season 1": an episode's own name alone says little. */
export function displayTitle(t: TitleColumns): string {
  if (t.kind === 'episode' && t.series !== null)
    return `${t.series} S${pad(t.season_number)}E${pad(t.episode_number)} – ${t.title}`;
  if (t.kind === 'season' && t.series !== null) return `${t.series} – ${t.title}`;
  return t.title;
}

const dateOf = (timestamp: string) => timestamp.slice(0, 10);

/**
 * One row per title (series, then their seasons and episodes). Rating, watch count and
 * last watched are the active profile's; owned formats, genres and tags are joined with ", ".
 */
export function exportCatalogCsv(ctx: Ctx): CsvExport {
  const rows = query<
    TitleColumns & {
      id: string;
      original_title: string | null;
      runtime_minutes: number | null;
      genres: string | null;
      tvdb_id: number | null;
      formats: string | null;
      stars: number | null;
      watch_count: number;
      last_watched_on: string | null;
      tags: string | null;
    }
  >(
    ctx,
    `SELECT t.id, ${TITLE_COLUMNS}, t.original_title, t.runtime_minutes, t.tvdb_id,
       (SELECT group_concat(genre, ', ') FROM
         (SELECT genre FROM title_genres WHERE title_id = t.id ORDER BY rowid)) AS genres,
       (SELECT group_concat(format, ', ') FROM
         (SELECT DISTINCT format FROM copies WHERE title_id = t.id ORDER BY format)) AS formats,
       r.stars, coalesce(ws.watch_count, 0) AS watch_count, ws.last_watched_on,
       (SELECT group_concat(name, ', ') FROM
         (SELECT g.name FROM title_tags tt JOIN tags g ON g.id = tt.tag_id
          WHERE tt.title_id = t.id ORDER BY g.name COLLATE NOCASE)) AS tags
     FROM titles t ${TITLE_JOINS}
     LEFT JOIN ratings r ON r.profile_id = @profile AND r.title_id = t.id
     LEFT JOIN watch_summary ws ON ws.profile_id = @profile AND ws.title_id = t.id
     ORDER BY coalesce(gp.sort_title, p.sort_title, t.sort_title) COLLATE NOCASE,
       coalesce(gp.id, p.id, t.id), t.parent_id IS NOT NULL,
       coalesce(t.season_number, -1), coalesce(t.episode_number, -1), t.id`,
    { profile: ctx.profileId },
  );
  return csvDocument(
    [
      'ID',
      'Kind',
      'Title',
      'Original Title',
      'Year',
      'Runtime (min)',
      'Genres',
      'IMDb ID',
      'TMDb ID',
      'TVDB ID',
      'Series',
      'Season',
      'Episode',
      'Owned Formats',
      'Rating',
      'Watch Count',
      'Last Watched',
      'Tags',
    ],
    (function* (): Generator<Cell[]> {
      for (const r of rows) {
        yield [
          r.id,
          r.kind,
          r.title,
          r.original_title,
          r.year,
          r.runtime_minutes,
          r.genres,
          r.imdb_id,
          r.tmdb_id,
          r.tvdb_id,
          r.series,
          r.season_number,
          r.episode_number,
          r.formats,
          r.stars,
          r.watch_count,
          r.last_watched_on,
          r.tags,
        ];
      }
    })(),
    SPREADSHEET,
  );
}

/**
 * Which watch of a title is a rewatch: all but its first. Undated watches count as the
 * earliest ("seen it at some point" is nearly always from before the diary was kept).
 */
export const WATCH_ORDER = 'w.watched_on IS NOT NULL, w.watched_on, w.created_at, w.id';

/** One row per watch of the active profile, oldest first (undated ones first, see WATCH_ORDER). */
export function exportHistoryCsv(ctx: Ctx): CsvExport {
  const rows = query<TitleColumns & { watched_on: string | null; rewatch: number }>(
    ctx,
    `SELECT w.watched_on, ${TITLE_COLUMNS},
       row_number() OVER (PARTITION BY w.title_id ORDER BY ${WATCH_ORDER}) > 1 AS rewatch
     FROM watch_events w JOIN titles t ON t.id = w.title_id ${TITLE_JOINS}
     WHERE w.profile_id = @profile
     ORDER BY ${WATCH_ORDER}`,
    { profile: ctx.profileId },
  );
  return csvDocument(
    ['Date', 'Title', 'Year', 'Kind', 'IMDb ID', 'TMDb ID', 'Rewatch'],
    (function* (): Generator<Cell[]> {
      for (const r of rows) {
        yield [r.watched_on, displayTitle(r), r.year, r.kind, r.imdb_id, r.tmdb_id, r.rewatch ? 'yes' : 'no'];
      }
    })(),
    SPREADSHEET,
  );
}

/** The active profile's ratings, in the order they were given: half stars, and the same on a 1–10 scale. */
export function exportRatingsCsv(ctx: Ctx): CsvExport {
  const rows = query<TitleColumns & { stars: number; rated_at: string }>(
    ctx,
    `SELECT r.stars, r.rated_at, ${TITLE_COLUMNS}
     FROM ratings r JOIN titles t ON t.id = r.title_id ${TITLE_JOINS}
     WHERE r.profile_id = @profile ORDER BY r.rated_at, t.id`,
    { profile: ctx.profileId },
  );
  return csvDocument(
    ['Date Rated', 'Title', 'Year', 'Kind', 'IMDb ID', 'TMDb ID', 'Rating', 'Rating (1-10)'],
    (function* (): Generator<Cell[]> {
      for (const r of rows) {
        yield [
          dateOf(r.rated_at),
          displayTitle(r),
          r.year,
          r.kind,
          r.imdb_id,
          r.tmdb_id,
          r.stars,
          r.stars * 2,
        ];
      }
    })(),
    SPREADSHEET,
  );
}

/**
 * Every list of the active profile, system lists first (in their fixed order), then
 * custom lists by name; items in list order, numbered from 1.
 */
export function exportListsCsv(ctx: Ctx): CsvExport {
  const systemOrder = SYSTEM_LISTS.map((s, i) => `WHEN '${s}' THEN ${i}`).join(' ');
  const rows = query<TitleColumns & { list: string; position: number; note: string | null }>(
    ctx,
    `SELECT l.name AS list, ${TITLE_COLUMNS}, i.note,
       row_number() OVER (PARTITION BY i.list_id ORDER BY i.position, i.title_id) AS position
     FROM list_items i JOIN lists l ON l.id = i.list_id JOIN titles t ON t.id = i.title_id ${TITLE_JOINS}
     WHERE l.profile_id = @profile
     ORDER BY CASE l.system ${systemOrder} ELSE ${SYSTEM_LISTS.length} END, l.name COLLATE NOCASE, l.id,
       i.position, i.title_id`,
    { profile: ctx.profileId },
  );
  return csvDocument(
    ['List', 'Position', 'Title', 'Year', 'IMDb ID', 'TMDb ID', 'Note'],
    (function* (): Generator<Cell[]> {
      for (const r of rows) yield [r.list, r.position, displayTitle(r), r.year, r.imdb_id, r.tmdb_id, r.note];
    })(),
    SPREADSHEET,
  );
}
