/**
 * A provider's details → the library, never over the person: a field they edited by hand
 * (titles.locked_fields) is left alone, and a field whose value is already the provider's is
 * not rewritten (a refresh that changes nothing makes no sync ops). Runs inside the
 * caller's transaction.
 */
import { z } from 'zod';
import { CreditInput, defaultSortTitle } from '@reelshelf/shared/domain';
import { replaceCredits, setGenres } from '../catalog/titles';
import type { Ctx } from '../context';
import { statement } from '../db/statements';
import type { TitleRecord } from '../db/title-record';
import type { EpisodeDetails, TmdbTitleDetails } from './tmdb/map';
import { bestPoster } from './tmdb/map';

export interface ApplyOptions {
  /** Metadata language (`de-DE`): picks the poster. */
  language: string;
  /** Country whose age rating goes into titles.certification. */
  region: string;
}

const Credits = z.array(CreditInput);

/** Returns the fields it changed (empty when the library already said all of it). */
export function applyTitleDetails(ctx: Ctx, titleId: string, d: TmdbTitleDetails, o: ApplyOptions): string[] {
  const sql = (text: string) => statement(ctx.lib.sqlite, text);
  const row = sql('SELECT * FROM titles WHERE id = ?').get(titleId) as TitleRecord | undefined;
  if (!row) return [];
  const locked = new Set(row.locked_fields ? (JSON.parse(row.locked_fields) as string[]) : []);
  const changed: string[] = [];
  const set: Record<string, unknown> = {};
  const offer = (field: string, column: keyof TitleRecord, value: unknown) => {
    if (value === undefined || locked.has(field) || row[column] === value) return;
    set[column] = value;
    changed.push(field);
  };

  offer('title', 'title', d.title);
  // A sort title that was derived follows the title, as when a person renames it.
  if (!locked.has('sortTitle') && row.sort_title === defaultSortTitle(row.title)) {
    offer('sortTitle', 'sort_title', defaultSortTitle(d.title));
  }
  offer('originalTitle', 'original_title', d.originalTitle);
  offer('year', 'year', d.year);
  offer('releaseDate', 'release_date', d.releaseDate);
  offer('runtimeMinutes', 'runtime_minutes', d.runtimeMinutes);
  offer('overview', 'overview', d.overview);
  offer('language', 'language', d.language);
  offer('certification', 'certification', d.certification[o.region]);
  offer('posterPath', 'poster_path', bestPoster(d.images.posters, o.language)?.path);
  // Backdrops read best without text.
  offer('backdropPath', 'backdrop_path', bestPoster(d.images.backdrops, 'xx')?.path);
  if (!locked.has('externalIds')) {
    // Ids are filled in, never changed, and never taken from a title that already has them.
    const free = (column: 'imdb_id' | 'tmdb_id' | 'tvdb_id', value: string | number | undefined) =>
      value !== undefined &&
      row[column] === null &&
      !sql(`SELECT 1 FROM titles WHERE ${column} = ? AND id != ?`).get(value, titleId);
    if (free('tmdb_id', d.externalIds.tmdb)) offer('externalIds', 'tmdb_id', d.externalIds.tmdb);
    if (free('imdb_id', d.externalIds.imdb)) offer('externalIds', 'imdb_id', d.externalIds.imdb);
    if (free('tvdb_id', d.externalIds.tvdb)) offer('externalIds', 'tvdb_id', d.externalIds.tvdb);
  }
  const columns = Object.keys(set);
  if (columns.length) {
    sql(
      `UPDATE titles SET ${columns.map((c) => `${c} = @${c}`).join(', ')},
         updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = @id`,
    ).run({ ...set, id: titleId });
  }

  if (!locked.has('genres') && d.genres.length) {
    const current = sql('SELECT genre FROM title_genres WHERE title_id = ? ORDER BY rowid')
      .pluck()
      .all(titleId);
    if (JSON.stringify(current) !== JSON.stringify(d.genres)) {
      setGenres(ctx, titleId, d.genres);
      changed.push('genres');
    }
  }
  if (!locked.has('credits') && d.credits.length && creditsDiffer(ctx, titleId, d)) {
    replaceCredits(ctx, titleId, Credits.parse(d.credits));
    changed.push('credits');
  }
  // People's photos: a local fact about the person, refreshed with any title they appear in.
  const photo = sql('UPDATE people SET profile_path = ? WHERE tmdb_id = ? AND profile_path IS NOT ?');
  for (const p of d.profiles) photo.run(p.path, p.tmdbId, p.path);
  replaceList(
    ctx,
    'title_keywords',
    titleId,
    d.keywords.map((k) => [k]),
    ['keyword'],
  );
  replaceList(ctx, 'title_certifications', titleId, Object.entries(d.certification), [
    'country',
    'certification',
  ]);
  replaceList(
    ctx,
    'title_providers',
    titleId,
    Object.entries(d.watchProviders).flatMap(([region, offers]) =>
      Object.entries(offers).flatMap(([kind, names]) =>
        (names as string[]).map((name) => [region, kind, name]),
      ),
    ),
    ['region', 'offer', 'provider'],
  );
  if (changed.some((f) => f === 'title' || f === 'originalTitle' || f === 'credits'))
    ctx.indexer.reindex(row.pk);
  if (changed.length) ctx.emit('changed', { entities: ['titles'] });
  return changed;
}

function creditsDiffer(ctx: Ctx, titleId: string, d: TmdbTitleDetails): boolean {
  const current = statement(
    ctx.lib.sqlite,
    `SELECT p.name, c.role, c.character, c.job FROM credits c JOIN people p ON p.id = c.person_id
      WHERE c.title_id = ? ORDER BY c.rowid`,
  ).all(titleId) as { name: string; role: string; character: string | null; job: string | null }[];
  const next = d.credits.map((c) => ({
    name: c.person.name,
    role: c.role,
    character: c.role === 'cast' ? (c.character ?? null) : null,
    job: c.role === 'crew' ? c.job : null,
  }));
  return JSON.stringify(current) !== JSON.stringify(next);
}

/** Keywords, ratings per country, providers per region: the provider's list replaces ours when it differs. */
function replaceList(ctx: Ctx, table: string, titleId: string, rows: unknown[][], columns: string[]): void {
  const sql = (text: string) => statement(ctx.lib.sqlite, text);
  const order = columns.join(', ');
  // Not .raw(): statements are cached and shared, and raw mode would stick to this SQL text.
  const current = (
    sql(`SELECT ${order} FROM ${table} WHERE title_id = ? ORDER BY ${order}`).all(titleId) as Record<
      string,
      unknown
    >[]
  ).map((row) => columns.map((c) => row[c]));
  const next = [...new Map(rows.map((r) => [JSON.stringify(r), r])).values()].sort((a, b) =>
    JSON.stringify(a) < JSON.stringify(b) ? -1 : 1,
  );
  if (JSON.stringify(current) === JSON.stringify(next)) return;
  sql(`DELETE FROM ${table} WHERE title_id = ?`).run(titleId);
  const insert = sql(
    `INSERT INTO ${table} (title_id, ${order}) VALUES (?, ${columns.map(() => '?').join(', ')})`,
  );
  for (const r of next) insert.run(titleId, ...r);
}

/** A series' seasons and episodes that are in the library get their names, plots and air dates. */
export function applyEpisodes(ctx: Ctx, seriesId: string, episodes: EpisodeDetails[]): number {
  const sql = (text: string) => statement(ctx.lib.sqlite, text);
  let changed = 0;
  for (const e of episodes) {
    const row = sql(
      `SELECT ep.id, ep.pk, ep.title, ep.overview, ep.release_date AS releaseDate, ep.runtime_minutes AS runtime,
              ep.poster_path AS still, ep.locked_fields AS locked
         FROM titles ep JOIN titles s ON s.id = ep.parent_id
        WHERE s.parent_id = ? AND s.season_number = ? AND ep.episode_number = ?`,
    ).get(seriesId, e.seasonNumber, e.episodeNumber) as
      | {
          id: string;
          pk: number;
          title: string;
          overview: string | null;
          releaseDate: string | null;
          runtime: number | null;
          still: string | null;
          locked: string | null;
        }
      | undefined;
    if (!row) continue;
    const locked = new Set(row.locked ? (JSON.parse(row.locked) as string[]) : []);
    const next = {
      title: locked.has('title') ? row.title : e.title,
      overview: locked.has('overview') ? row.overview : (e.overview ?? row.overview),
      releaseDate: locked.has('releaseDate') ? row.releaseDate : (e.airDate ?? row.releaseDate),
      runtime: locked.has('runtimeMinutes') ? row.runtime : (e.runtimeMinutes ?? row.runtime),
      // An episode's picture is its still, kept where a film keeps its poster.
      still: locked.has('posterPath') ? row.still : (e.stillPath ?? row.still),
    };
    if (
      next.title === row.title &&
      next.overview === row.overview &&
      next.releaseDate === row.releaseDate &&
      next.runtime === row.runtime &&
      next.still === row.still
    ) {
      continue;
    }
    sql(
      `UPDATE titles SET title = ?, sort_title = ?, overview = ?, release_date = ?, runtime_minutes = ?,
         poster_path = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?`,
    ).run(
      next.title,
      defaultSortTitle(next.title),
      next.overview,
      next.releaseDate,
      next.runtime,
      next.still,
      row.id,
    );
    ctx.indexer.reindex(row.pk);
    changed++;
  }
  if (changed) ctx.emit('changed', { entities: ['titles'] });
  return changed;
}
