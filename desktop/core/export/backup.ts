/**
 * The Reelshelf full backup: export (`exportBackup`) and restore (`restoreBackup`, in
 * backup-restore.ts). The format and its reader are in backup-format.ts.
 */
import desktopPackage from '../../package.json' with { type: 'json' };
import type { Ctx } from '../context';
import { BACKUP_FORMAT, BACKUP_VERSION, type Backup, type BackupRow } from './backup-format';
import type { TitleRecord } from '../db/title-record';

export {
  BACKUP_FORMAT,
  BACKUP_TABLES,
  BACKUP_VERSION,
  BackupFile,
  parseBackup,
  type Backup,
  type BackupRow,
  type BackupTable,
} from './backup-format';
export { restoreBackup, type RestoreCounts, type RestoreReport } from './backup-restore';

const bool = (n: number) => n !== 0;

/**
 * Every table as a plain array, in a fixed order (by id or key) so two exports of the same
 * data are equal whatever order the rows were written in. Rows are read with `iterate()`
 * and mapped straight into the one output array: 1M watch events are never held twice.
 */
function rows<Row, Out>(ctx: Ctx, sql: string, map: (row: Row) => Out): Out[] {
  const out: Out[] = [];
  for (const row of ctx.lib.sqlite.prepare(sql).iterate() as IterableIterator<Row>) out.push(map(row));
  return out;
}

interface CopyRow {
  id: string;
  title_id: string;
  format: BackupRow<'copies'>['format'];
  edition: string | null;
  region: string | null;
  barcode: string | null;
  location: string | null;
  purchase_date: string | null;
  price_amount: string | null;
  price_currency: string | null;
  notes: string | null;
  box_set: string | null;
  loan_borrower: string | null;
  loan_since: string | null;
  loan_due: string | null;
  file_path: string | null;
  file_size: number | null;
  container: string | null;
  resolution: string | null;
  created_at: string;
}

/**
 * Everything a person entered in this library, by id. The caller writes it as JSON
 * (`JSON.stringify(backup)`); `parseBackup` reads it back.
 */
export function exportBackup(ctx: Ctx): Backup {
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: new Date().toISOString(),
    app: { name: 'Reelshelf', version: desktopPackage.version },
    profiles: rows(
      ctx,
      'SELECT id, name, is_kid, certification_ceiling, is_default, created_at FROM profiles ORDER BY id',
      (r: {
        id: string;
        name: string;
        is_kid: number;
        certification_ceiling: string | null;
        is_default: number;
        created_at: string;
      }): BackupRow<'profiles'> => ({
        id: r.id,
        name: r.name,
        isKid: bool(r.is_kid),
        certificationCeiling:
          r.certification_ceiling === null
            ? null
            : (JSON.parse(r.certification_ceiling) as BackupRow<'profiles'>['certificationCeiling']),
        isDefault: bool(r.is_default),
        createdAt: r.created_at,
      }),
    ),
    titles: rows(
      ctx,
      // Genres in the order they were given (rowid), as one JSON array per title.
      `SELECT t.*, (SELECT json_group_array(genre) FROM
         (SELECT genre FROM title_genres g WHERE g.title_id = t.id ORDER BY g.rowid)) AS genres
       FROM titles t ORDER BY t.id`,
      (r: TitleRecord & { genres: string }): BackupRow<'titles'> => ({
        id: r.id,
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
        parentId: r.parent_id,
        seasonNumber: r.season_number,
        episodeNumber: r.episode_number,
        genres: JSON.parse(r.genres) as string[],
        posterPath: r.poster_path,
        backdropPath: r.backdrop_path,
        lockedFields: r.locked_fields === null ? [] : (JSON.parse(r.locked_fields) as string[]),
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      }),
    ),
    people: rows(
      ctx,
      'SELECT id, name, tmdb_id, imdb_id FROM people ORDER BY id',
      (r: { id: string; name: string; tmdb_id: number | null; imdb_id: string | null }) => ({
        id: r.id,
        name: r.name,
        tmdbId: r.tmdb_id,
        imdbId: r.imdb_id,
      }),
    ),
    credits: rows(
      ctx,
      // A title's credits in the order they were given: a restore writes them in this order.
      `SELECT id, title_id, person_id, role, character, cast_order, job, department
       FROM credits ORDER BY title_id, rowid`,
      (r: {
        id: string;
        title_id: string;
        person_id: string;
        role: 'cast' | 'crew';
        character: string | null;
        cast_order: number | null;
        job: string | null;
        department: string | null;
      }): BackupRow<'credits'> => ({
        id: r.id,
        titleId: r.title_id,
        personId: r.person_id,
        role: r.role,
        character: r.character,
        castOrder: r.cast_order,
        job: r.job,
        department: r.department,
      }),
    ),
    copies: rows(ctx, 'SELECT * FROM copies ORDER BY id', (r: CopyRow): BackupRow<'copies'> => ({
      id: r.id,
      titleId: r.title_id,
      format: r.format,
      edition: r.edition,
      region: r.region,
      barcode: r.barcode,
      location: r.location,
      purchaseDate: r.purchase_date,
      priceAmount: r.price_amount,
      priceCurrency: r.price_currency,
      notes: r.notes,
      boxSet: r.box_set,
      loanBorrower: r.loan_borrower,
      loanSince: r.loan_since,
      loanDue: r.loan_due,
      filePath: r.file_path,
      fileSize: r.file_size,
      container: r.container,
      resolution: r.resolution,
      createdAt: r.created_at,
    })),
    watchEvents: rows(
      ctx,
      'SELECT id, profile_id, title_id, watched_on, source, created_at FROM watch_events ORDER BY id',
      (r: {
        id: string;
        profile_id: string;
        title_id: string;
        watched_on: string | null;
        source: BackupRow<'watchEvents'>['source'];
        created_at: string;
      }): BackupRow<'watchEvents'> => ({
        id: r.id,
        profileId: r.profile_id,
        titleId: r.title_id,
        watchedOn: r.watched_on,
        source: r.source,
        createdAt: r.created_at,
      }),
    ),
    ratings: rows(
      ctx,
      'SELECT profile_id, title_id, stars, rated_at FROM ratings ORDER BY profile_id, title_id',
      (r: { profile_id: string; title_id: string; stars: number; rated_at: string }) => ({
        profileId: r.profile_id,
        titleId: r.title_id,
        stars: r.stars,
        ratedAt: r.rated_at,
      }),
    ),
    reviews: rows(
      ctx,
      'SELECT * FROM reviews ORDER BY id',
      (r: {
        id: string;
        profile_id: string;
        title_id: string;
        text: string;
        contains_spoilers: number;
        visibility: BackupRow<'reviews'>['visibility'];
        created_at: string;
        updated_at: string;
      }): BackupRow<'reviews'> => ({
        id: r.id,
        profileId: r.profile_id,
        titleId: r.title_id,
        text: r.text,
        containsSpoilers: bool(r.contains_spoilers),
        visibility: r.visibility,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      }),
    ),
    statuses: rows(
      ctx,
      'SELECT profile_id, title_id, status, updated_at FROM statuses ORDER BY profile_id, title_id',
      (r: {
        profile_id: string;
        title_id: string;
        status: BackupRow<'statuses'>['status'];
        updated_at: string;
      }): BackupRow<'statuses'> => ({
        profileId: r.profile_id,
        titleId: r.title_id,
        status: r.status,
        updatedAt: r.updated_at,
      }),
    ),
    lists: rows(
      ctx,
      'SELECT id, profile_id, name, description, system, ranked, query, created_at FROM lists ORDER BY id',
      (r: {
        id: string;
        profile_id: string;
        name: string;
        description: string | null;
        system: BackupRow<'lists'>['system'];
        ranked: number;
        query: string | null;
        created_at: string;
      }): BackupRow<'lists'> => ({
        id: r.id,
        profileId: r.profile_id,
        name: r.name,
        description: r.description,
        system: r.system,
        ranked: bool(r.ranked),
        query: r.query === null ? null : (JSON.parse(r.query) as BackupRow<'lists'>['query']),
        createdAt: r.created_at,
      }),
    ),
    listItems: rows(
      ctx,
      'SELECT id, list_id, title_id, position, note, added_at FROM list_items ORDER BY id',
      (r: {
        id: string;
        list_id: string;
        title_id: string;
        position: string;
        note: string | null;
        added_at: string;
      }): BackupRow<'listItems'> => ({
        id: r.id,
        listId: r.list_id,
        titleId: r.title_id,
        position: r.position,
        note: r.note,
        addedAt: r.added_at,
      }),
    ),
    tags: rows(ctx, 'SELECT id, name FROM tags ORDER BY id', (r: { id: string; name: string }) => ({
      id: r.id,
      name: r.name,
    })),
    titleTags: rows(
      ctx,
      'SELECT title_id, tag_id FROM title_tags ORDER BY title_id, tag_id',
      (r: { title_id: string; tag_id: string }) => ({ titleId: r.title_id, tagId: r.tag_id }),
    ),
  };
}
