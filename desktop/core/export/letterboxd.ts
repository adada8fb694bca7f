/**
 * Files for Letterboxd's importers (letterboxd.com/import), in its documented columns.
 * Letterboxd is films only and its importer marks every row as watched, so:
 *
 * - `exportLetterboxdCsv`: one row per diary entry (dated watch) of a movie, with the
 *   movie's current rating and tags; a movie watched only without a date, or rated or
 *   reviewed but never watched, gets one row without WatchedDate ("watched at some point").
 *   The newest review goes on the movie's last row.
 * - `exportLetterboxdWatchlistCsv`: the watchlist's movies for Letterboxd's watchlist
 *   import. They are not in the first file: there a row without a date still means
 *   "watched", which a movie one wants to see is not.
 *
 * Left out: series, seasons and episodes; other reviews of a movie than the newest, and
 * whether a review has spoilers or who may see it (the importer has no column for them);
 * undated watches of a movie that also has dated ones; custom lists, statuses, owned
 * copies and the rating's date (Letterboxd keeps one current rating).
 */
import type { Ctx } from '../context';
import { csvDocument, type Cell, type CsvExport, type CsvOptions } from './csv-writer';
import { WATCH_ORDER } from './csv';

/**
 * No BOM and no formula guard: the file goes to Letterboxd's importer, which would keep a
 * BOM in the first column's name and a guard quote in a title such as "+1".
 */
const FOR_IMPORTER: CsvOptions = { bom: false, guardFormulas: false };

export const LETTERBOXD_COLUMNS = [
  'Title',
  'Year',
  'imdbID',
  'tmdbID',
  'WatchedDate',
  'Rating',
  'Rating10',
  'Rewatch',
  'Tags',
  'Review',
] as const;

interface MovieRow {
  id: string;
  title: string;
  year: number | null;
  imdb_id: string | null;
  tmdb_id: number | null;
  stars: number | null;
  tags: string | null;
  review: string | null;
}

/** Watches, ratings and reviews of the active profile's movies, as Letterboxd diary rows. */
export function exportLetterboxdCsv(ctx: Ctx): CsvExport {
  const { sqlite } = ctx.lib;
  const params = { profile: ctx.profileId };
  const watches = new Map<string, (string | null)[]>();
  const watchRows = sqlite
    .prepare(
      `SELECT w.title_id, w.watched_on FROM watch_events w JOIN titles t ON t.id = w.title_id
       WHERE w.profile_id = @profile AND t.kind = 'movie' ORDER BY w.title_id, ${WATCH_ORDER}`,
    )
    .iterate(params) as IterableIterator<{ title_id: string; watched_on: string | null }>;
  for (const w of watchRows) {
    const list = watches.get(w.title_id);
    if (list) list.push(w.watched_on);
    else watches.set(w.title_id, [w.watched_on]);
  }
  const movies = sqlite
    .prepare(
      `SELECT t.id, t.title, t.year, t.imdb_id, t.tmdb_id, r.stars,
         (SELECT group_concat(name, ', ') FROM
           (SELECT g.name FROM title_tags tt JOIN tags g ON g.id = tt.tag_id
            WHERE tt.title_id = t.id ORDER BY g.name COLLATE NOCASE)) AS tags,
         (SELECT text FROM reviews v WHERE v.profile_id = @profile AND v.title_id = t.id
          ORDER BY v.created_at DESC, v.id DESC LIMIT 1) AS review
       FROM titles t LEFT JOIN ratings r ON r.profile_id = @profile AND r.title_id = t.id
       WHERE t.kind = 'movie' AND (r.stars IS NOT NULL
         OR EXISTS (SELECT 1 FROM watch_events w WHERE w.profile_id = @profile AND w.title_id = t.id)
         OR EXISTS (SELECT 1 FROM reviews v WHERE v.profile_id = @profile AND v.title_id = t.id))
       ORDER BY t.sort_title COLLATE NOCASE, t.year, t.id`,
    )
    .all(params) as MovieRow[];

  function* rows(): Generator<Cell[]> {
    for (const m of movies) {
      const all = watches.get(m.id) ?? [];
      const dated = all.filter((d): d is string => d !== null);
      // Watched only without a date, or never watched but rated or reviewed: one undated row.
      const dates: (string | null)[] = dated.length ? dated : [null];
      // A first diary entry is a rewatch if an undated watch came before it.
      const earlier = all.length - dated.length;
      for (const [i, date] of dates.entries()) {
        const last = i === dates.length - 1;
        yield [
          m.title,
          m.year,
          m.imdb_id,
          m.tmdb_id,
          date,
          m.stars,
          m.stars === null ? null : m.stars * 2,
          date === null ? null : String(i + earlier > 0),
          m.tags,
          last ? m.review : null,
        ];
      }
    }
  }
  return csvDocument(LETTERBOXD_COLUMNS, rows(), FOR_IMPORTER);
}

/** The active profile's watchlisted movies in list order, for Letterboxd's watchlist import. */
export function exportLetterboxdWatchlistCsv(ctx: Ctx): CsvExport {
  const rows = ctx.lib.sqlite
    .prepare(
      `SELECT t.title, t.year, t.imdb_id, t.tmdb_id
       FROM list_items i JOIN lists l ON l.id = i.list_id JOIN titles t ON t.id = i.title_id
       WHERE l.profile_id = ? AND l.system = 'watchlist' AND t.kind = 'movie'
       ORDER BY i.position, i.title_id`,
    )
    .raw()
    .all(ctx.profileId) as Cell[][];
  return csvDocument(['Title', 'Year', 'imdbID', 'tmdbID'], rows, FOR_IMPORTER);
}
