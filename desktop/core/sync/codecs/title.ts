import type { FieldValues, SyncCredit } from '@reelshelf/shared/sync';
import { newId } from '../../context';
import type { TitleRecord } from '../../db/title-record';
import { titleExists } from './keys';
import { orNull, type Codec, type CodecDeps } from './types';

interface CreditRow {
  role: 'cast' | 'crew';
  name: string;
  tmdb_id: number | null;
  imdb_id: string | null;
  character: string | null;
  cast_order: number | null;
  job: string | null;
  department: string | null;
}

/**
 * A title with its genres and credits: genres and credits are whole-list fields (set
 * together by the person or by metadata), people travel inside the credits by name and
 * ids and are matched to local person rows on arrival.
 */
export function titleCodec(d: CodecDeps): Codec {
  return {
    entity: 'title',
    refs: { titles: 'R.id', title_genres: 'R.title_id', credits: 'R.title_id' },
    allRefs: () => d.sql('SELECT id FROM titles ORDER BY pk').pluck().all() as string[],
    keyOf: (ref) => ref,
    read(id) {
      const r = d.sql('SELECT * FROM titles WHERE id = ?').get(id) as TitleRecord | undefined;
      if (!r) return undefined;
      const genres = d
        .sql('SELECT genre FROM title_genres WHERE title_id = ? ORDER BY rowid')
        .pluck()
        .all(id) as string[];
      const credits = (
        d
          .sql(
            `SELECT c.role, p.name, p.tmdb_id, p.imdb_id, c.character, c.cast_order, c.job, c.department
             FROM credits c JOIN people p ON p.id = c.person_id WHERE c.title_id = ? ORDER BY c.rowid`,
          )
          .all(id) as CreditRow[]
      ).map((c): SyncCredit => ({
        role: c.role,
        name: c.name,
        tmdbId: c.tmdb_id,
        imdbId: c.imdb_id,
        character: c.character,
        order: c.cast_order,
        job: c.job,
        department: c.department,
      }));
      return {
        key: id,
        fields: {
          kind: r.kind,
          title: r.title,
          originalTitle: r.original_title,
          sortTitle: r.sort_title,
          year: r.year,
          releaseDate: r.release_date,
          runtimeMinutes: r.runtime_minutes,
          overview: r.overview,
          language: r.language,
          certification: r.certification,
          tmdbId: r.tmdb_id,
          imdbId: r.imdb_id,
          tvdbId: r.tvdb_id,
          parent: r.parent_id,
          seasonNumber: r.season_number,
          episodeNumber: r.episode_number,
          genres,
          credits,
          posterPath: r.poster_path,
          backdropPath: r.backdrop_path,
          lockedFields: r.locked_fields === null ? null : (JSON.parse(r.locked_fields) as string[]),
          createdAt: r.created_at,
        },
      };
    },
    parents: (_key, f) => (typeof f.parent === 'string' ? [{ entity: 'title', key: f.parent }] : []),
    write(id, f: FieldValues) {
      if (f.kind === undefined || f.title === undefined || f.sortTitle === undefined) return '';
      const parent = orNull(f.parent as string | null | undefined);
      if (parent !== null && !titleExists(d, parent)) return parent;
      const row = {
        id,
        kind: f.kind,
        title: f.title,
        original_title: orNull(f.originalTitle),
        sort_title: f.sortTitle,
        year: orNull(f.year),
        release_date: orNull(f.releaseDate),
        runtime_minutes: orNull(f.runtimeMinutes),
        overview: orNull(f.overview),
        language: orNull(f.language),
        certification: orNull(f.certification),
        tmdb_id: orNull(f.tmdbId),
        imdb_id: orNull(f.imdbId),
        tvdb_id: orNull(f.tvdbId),
        parent_id: parent,
        season_number: orNull(f.seasonNumber),
        episode_number: orNull(f.episodeNumber),
        poster_path: orNull(f.posterPath),
        backdrop_path: orNull(f.backdropPath),
        locked_fields: Array.isArray(f.lockedFields) ? JSON.stringify(f.lockedFields) : null,
        created_at: orNull(f.createdAt),
      };
      const pk = d
        .sql(
          `INSERT INTO titles (id, kind, title, original_title, sort_title, year, release_date, runtime_minutes,
             overview, language, certification, tmdb_id, imdb_id, tvdb_id, parent_id, season_number,
             episode_number, poster_path, backdrop_path, locked_fields, created_at)
           VALUES (@id, @kind, @title, @original_title, @sort_title, @year, @release_date, @runtime_minutes,
             @overview, @language, @certification, @tmdb_id, @imdb_id, @tvdb_id, @parent_id, @season_number,
             @episode_number, @poster_path, @backdrop_path, @locked_fields,
             coalesce(@created_at, strftime('%Y-%m-%dT%H:%M:%fZ','now')))
           ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, title = excluded.title,
             original_title = excluded.original_title, sort_title = excluded.sort_title, year = excluded.year,
             release_date = excluded.release_date, runtime_minutes = excluded.runtime_minutes,
             overview = excluded.overview, language = excluded.language, certification = excluded.certification,
             tmdb_id = excluded.tmdb_id, imdb_id = excluded.imdb_id, tvdb_id = excluded.tvdb_id,
             parent_id = excluded.parent_id, season_number = excluded.season_number,
             episode_number = excluded.episode_number, poster_path = excluded.poster_path,
             backdrop_path = excluded.backdrop_path, locked_fields = excluded.locked_fields,
             created_at = excluded.created_at,
             updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
           RETURNING pk`,
        )
        .pluck()
        .get(row) as number;
      if (Array.isArray(f.genres)) {
        d.sql('DELETE FROM title_genres WHERE title_id = ?').run(id);
        const add = d.sql('INSERT OR IGNORE INTO title_genres (title_id, genre) VALUES (?, ?)');
        for (const g of f.genres as string[]) add.run(id, g);
      }
      if (Array.isArray(f.credits)) writeCredits(d, id, f.credits as SyncCredit[]);
      d.ctx.indexer.reindex(pk);
      return null;
    },
    remove: (id) => void d.sql('DELETE FROM titles WHERE id = ?').run(id),
  };
}

/**
 * Credits from another device name their people exactly as that device had them. They
 * are matched to a local person with exactly that name and those ids (or a new one), not
 * through the looser matching of a local edit: a match that depended on which people this
 * device happens to have would read back differently here than there.
 */
function writeCredits(d: CodecDeps, titleId: string, list: SyncCredit[]): void {
  d.sql('DELETE FROM credits WHERE title_id = ?').run(titleId);
  // `+` keeps SQLite on the name index: with `tmdb_id IS NULL` it chose the TMDb index and
  // walked every person without one (seconds per title in a 12k-person library).
  const find = d
    .sql('SELECT id FROM people WHERE name = ? AND +tmdb_id IS ? AND +imdb_id IS ? LIMIT 1')
    .pluck();
  const addPerson = d.sql('INSERT INTO people (id, name, tmdb_id, imdb_id) VALUES (?, ?, ?, ?)');
  const add = d.sql(
    `INSERT INTO credits (id, title_id, person_id, role, character, cast_order, job, department)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const c of list) {
    let person = find.get(c.name, c.tmdbId, c.imdbId) as string | undefined;
    if (!person) {
      person = newId();
      addPerson.run(person, c.name, c.tmdbId, c.imdbId);
    }
    add.run(newId(), titleId, person, c.role, c.character, c.order, c.job, c.department);
  }
}
