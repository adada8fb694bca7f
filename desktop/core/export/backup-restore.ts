import type Database from 'better-sqlite3';
import { newId, type Ctx } from '../context';
import { BACKUP_TABLES, parseBackup, type Backup, type BackupRow, type BackupTable } from './backup-format';
import { RowWriter, type Outcome, type SqlValue } from './row-writer';

export interface RestoreCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface RestoreReport extends RestoreCounts {
  byTable: Record<BackupTable, RestoreCounts>;
}

/** Parents before children, so a season's series is already there when the season is written. */
const KIND_ORDER = { movie: 0, series: 0, season: 1, episode: 2 } as const;

/** Which `changed` entities a table's writes concern (the names the commands announce). */
const CHANGED_ENTITY: Record<BackupTable, string> = {
  profiles: 'profiles',
  tags: 'tags',
  titles: 'titles',
  people: 'credits',
  credits: 'credits',
  copies: 'copies',
  watchEvents: 'watch_events',
  ratings: 'ratings',
  reviews: 'reviews',
  statuses: 'statuses',
  lists: 'lists',
  listItems: 'lists',
  titleTags: 'tags',
};

const PROGRESS_EVERY = 5_000;

/** Rows looked at so far, of all the backup's rows. */
type ProgressListener = (done: number, total: number) => void;

/**
 * Restores a backup into this library: every row is upserted by id and a row whose
 * values are already the same is not written at all, so restoring the same backup twice
 * changes nothing the second time (and sends no sync ops). Rows the library has and the
 * backup does not are kept. Where the backup and the library both have a row, the
 * backup's values win.
 *
 * Not everything is matched by id:
 * - the backup's default profile is this library's default profile, and system lists are
 *   matched by (profile, system): every library has its own;
 * - a title the library has under another id but with the same IMDb id (or TMDb id and
 *   kind) is that title, as catalog.add would refuse a second one;
 * - a person with another id but the same name and ids is that person (as sync does);
 * - ratings, statuses, list items and tags on titles are identified by what they join
 *   (list items keep their order keys), tags by name, case-insensitively;
 * - a title's credits and genres are one list each: if the backup's differ, they replace
 *   the title's (so a backup's title without credits leaves that title without credits).
 *
 * Runs inside the caller's transaction (the import command's), which the caller commits;
 * `input` is read with `parseBackup` first (a backup already read by `BackupFile` or
 * `parseBackup` is not read twice), so a bad backup throws before anything is written.
 * Titles written are reindexed for search, as catalog.add does.
 */
export function restoreBackup(ctx: Ctx, input: unknown, onProgress?: ProgressListener): RestoreReport {
  const backup = parseBackup(input);
  const restore = new Restore(ctx, backup, onProgress);
  restore.run();
  return restore.report();
}

class Restore {
  private readonly sqlite: Database.Database;
  private readonly counts = Object.fromEntries(
    BACKUP_TABLES.map((t) => [t, { created: 0, updated: 0, unchanged: 0 }]),
  ) as Record<BackupTable, RestoreCounts>;
  /** Backup id → local id, where they differ or to know a row was restored. */
  private readonly profileIds = new Map<string, string>();
  private readonly titleIds = new Map<string, string>();
  private readonly personIds = new Map<string, string>();
  private readonly listIds = new Map<string, string>();
  private readonly tagIds = new Map<string, string>();
  /** Local ids of titles whose searchable text (title, original title, people) may have changed. */
  private readonly reindex = new Set<string>();
  private readonly prepared = new Map<string, Database.Statement>();
  private readonly total: number;
  private done = 0;

  constructor(
    private readonly ctx: Ctx,
    private readonly backup: Backup,
    private readonly onProgress?: ProgressListener,
  ) {
    this.sqlite = ctx.lib.sqlite;
    this.total = BACKUP_TABLES.reduce((n, t) => n + backup[t].length, 0);
  }

  run(): void {
    this.profiles();
    this.tags();
    this.titles();
    this.people();
    this.credits();
    this.copies();
    this.watchEvents();
    this.keyedByTitle('ratings', 'ratings', ['stars', 'rated_at'], (r) => [r.stars, r.ratedAt]);
    this.reviews();
    this.keyedByTitle('statuses', 'statuses', ['status', 'updated_at'], (s) => [s.status, s.updatedAt]);
    this.lists();
    this.listItems();
    this.titleTags();
    const pkOf = this.sqlite.prepare('SELECT pk FROM titles WHERE id = ?').pluck();
    for (const id of this.reindex) this.ctx.indexer.reindex(pkOf.get(id) as number);
    this.progress(true);
    const entities = BACKUP_TABLES.filter((t) => this.counts[t].created + this.counts[t].updated > 0).map(
      (t) => CHANGED_ENTITY[t],
    );
    if (entities.length) this.ctx.emit('changed', { entities: [...new Set(entities)] });
  }

  report(): RestoreReport {
    const sum = (k: keyof RestoreCounts) => BACKUP_TABLES.reduce((n, t) => n + this.counts[t][k], 0);
    return {
      created: sum('created'),
      updated: sum('updated'),
      unchanged: sum('unchanged'),
      byTable: this.counts,
    };
  }

  private count(table: BackupTable, outcome: Outcome): void {
    this.counts[table][outcome]++;
    this.done++;
    if (this.done % PROGRESS_EVERY === 0) this.progress(false);
  }

  private progress(final: boolean): void {
    if (final && this.done % PROGRESS_EVERY === 0 && this.done > 0) return;
    this.onProgress?.(this.done, this.total);
  }

  /** Statements of this restore, prepared once (not the shared cache: `pluck` would change them for others). */
  private sql(text: string): Database.Statement {
    let stmt = this.prepared.get(text);
    if (!stmt) this.prepared.set(text, (stmt = this.sqlite.prepare(text)));
    return stmt;
  }

  /** The first column of the first row, or undefined. */
  private one(text: string, ...params: SqlValue[]): string | undefined {
    const row = this.sql(text)
      .raw()
      .get(...params) as SqlValue[] | undefined;
    return row?.[0] === undefined || row[0] === null ? undefined : String(row[0]);
  }

  private mapped(ids: Map<string, string>, id: string): string {
    const local = ids.get(id);
    // parseBackup checked every reference, and parents are restored before their children.
    if (local === undefined) throw new Error(`backup restore: ${id} was not restored before its children`);
    return local;
  }

  /** The backup's id for a new row, unless this library already uses it for another row. */
  private freeId(table: string, id: string): string {
    return this.one(`SELECT id FROM "${table}" WHERE id = ?`, id) === undefined ? id : newId();
  }

  private profiles(): void {
    const writer = new RowWriter(
      this.sqlite,
      'profiles',
      ['id'],
      ['id', 'name', 'is_kid', 'certification_ceiling', 'is_default', 'created_at'],
    );
    for (const p of this.backup.profiles) {
      const id = p.isDefault ? this.ctx.profileId : p.id;
      this.profileIds.set(p.id, id);
      const ceiling = p.certificationCeiling;
      this.count(
        'profiles',
        writer.write({
          id,
          name: p.name,
          is_kid: Number(p.isKid),
          // Same key order as drizzle writes it, so an unchanged ceiling compares equal.
          certification_ceiling: ceiling
            ? JSON.stringify({ country: ceiling.country, certification: ceiling.certification })
            : null,
          is_default: Number(id === this.ctx.profileId),
          created_at: p.createdAt,
        }),
      );
    }
  }

  private tags(): void {
    for (const t of this.backup.tags) {
      const found = this.sql('SELECT id, name FROM tags WHERE name = ? COLLATE NOCASE').get(t.name) as
        { id: string; name: string } | undefined;
      if (found) {
        this.tagIds.set(t.id, found.id);
        if (found.name !== t.name) this.sql('UPDATE tags SET name = ? WHERE id = ?').run(t.name, found.id);
        this.count('tags', found.name === t.name ? 'unchanged' : 'updated');
        continue;
      }
      const id = this.freeId('tags', t.id);
      this.sql('INSERT INTO tags (id, name) VALUES (?, ?)').run(id, t.name);
      this.tagIds.set(t.id, id);
      this.count('tags', 'created');
    }
  }

  /**
   * Backup id → local id for every row of a table, decided before any of it is written:
   * first rows whose id the library has, then the others by `alike` (the ids of local rows
   * that are the same thing), taking each local row once, so two rows of the backup are
   * never merged into one. The rest keep their own id.
   */
  private match<T extends { id: string }>(
    rows: readonly T[],
    table: string,
    alike: (row: T) => string[],
  ): Map<string, string> {
    const ids = new Map<string, string>();
    const taken = new Set<string>();
    for (const row of rows) {
      if (this.one(`SELECT id FROM "${table}" WHERE id = ?`, row.id) === undefined) continue;
      ids.set(row.id, row.id);
      taken.add(row.id);
    }
    for (const row of rows) {
      if (ids.has(row.id)) continue;
      const local = alike(row).find((id) => !taken.has(id));
      if (local !== undefined) taken.add(local);
      ids.set(row.id, local ?? row.id);
    }
    return ids;
  }

  private all(text: string, ...params: SqlValue[]): string[] {
    return (
      this.sql(text)
        .raw()
        .all(...params) as SqlValue[][]
    ).map((r) => String(r[0]));
  }

  private titles(): void {
    const writer = new RowWriter(
      this.sqlite,
      'titles',
      ['id'],
      [
        'id',
        'kind',
        'title',
        'original_title',
        'sort_title',
        'year',
        'release_date',
        'runtime_minutes',
        'overview',
        'language',
        'certification',
        'tmdb_id',
        'imdb_id',
        'tvdb_id',
        'parent_id',
        'season_number',
        'episode_number',
        'poster_path',
        'backdrop_path',
        'locked_fields',
        'created_at',
        'updated_at',
      ],
    );
    const genresOf = this.sqlite
      .prepare('SELECT genre FROM title_genres WHERE title_id = ? ORDER BY rowid')
      .pluck();
    const dropGenres = this.sqlite.prepare('DELETE FROM title_genres WHERE title_id = ?');
    const addGenre = this.sqlite.prepare('INSERT INTO title_genres (title_id, genre) VALUES (?, ?)');
    // The same IMDb id, else the same TMDb id and kind: catalog.add would refuse a second such title.
    const local = this.match(this.backup.titles, 'titles', (t) => [
      ...(t.imdbId !== null ? this.all('SELECT id FROM titles WHERE imdb_id = ?', t.imdbId) : []),
      ...(t.tmdbId !== null
        ? this.all('SELECT id FROM titles WHERE tmdb_id = ? AND kind = ?', t.tmdbId, t.kind)
        : []),
    ]);
    const ordered = [...this.backup.titles].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
    for (const t of ordered) {
      const id = local.get(t.id)!;
      this.titleIds.set(t.id, id);
      let outcome = writer.write({
        id,
        kind: t.kind,
        title: t.title,
        original_title: t.originalTitle,
        sort_title: t.sortTitle,
        year: t.year,
        release_date: t.releaseDate,
        runtime_minutes: t.runtimeMinutes,
        overview: t.overview,
        language: t.language,
        certification: t.certification,
        tmdb_id: t.tmdbId,
        imdb_id: t.imdbId,
        tvdb_id: t.tvdbId,
        parent_id: t.parentId === null ? null : this.mapped(this.titleIds, t.parentId),
        season_number: t.seasonNumber,
        episode_number: t.episodeNumber,
        poster_path: t.posterPath,
        backdrop_path: t.backdropPath,
        locked_fields: t.lockedFields.length ? JSON.stringify(t.lockedFields) : null,
        created_at: t.createdAt,
        updated_at: t.updatedAt,
      });
      if (outcome !== 'unchanged') this.reindex.add(id);
      const genres = genresOf.all(id) as string[];
      if (genres.length !== t.genres.length || genres.some((g, i) => g !== t.genres[i])) {
        dropGenres.run(id);
        for (const g of t.genres) addGenre.run(id, g);
        if (outcome === 'unchanged') outcome = 'updated';
      }
      this.count('titles', outcome);
    }
  }

  private people(): void {
    const writer = new RowWriter(this.sqlite, 'people', ['id'], ['id', 'name', 'tmdb_id', 'imdb_id']);
    const titlesOf = this.sqlite.prepare('SELECT DISTINCT title_id FROM credits WHERE person_id = ?').pluck();
    // The same name and ids, as sync matches a credit's person. Unary + keeps the planner on
    // people_name: people_tmdb for `tmdb_id IS NULL` would scan most people for every lookup.
    const local = this.match(this.backup.people, 'people', (p) =>
      this.all(
        'SELECT id FROM people WHERE name = ? AND +tmdb_id IS ? AND +imdb_id IS ?',
        p.name,
        p.tmdbId,
        p.imdbId,
      ),
    );
    for (const p of this.backup.people) {
      const id = local.get(p.id)!;
      this.personIds.set(p.id, id);
      const outcome = writer.write({ id, name: p.name, tmdb_id: p.tmdbId, imdb_id: p.imdbId });
      // A renamed person changes what finds the titles they are credited in.
      if (outcome === 'updated') for (const t of titlesOf.all(id) as string[]) this.reindex.add(t);
      this.count('people', outcome);
    }
  }

  /** Each title's credits as one list, like its genres: equal lists stay, differing ones are replaced. */
  private credits(): void {
    const byTitle = new Map<string, BackupRow<'credits'>[]>();
    for (const c of this.backup.credits) {
      const list = byTitle.get(c.titleId);
      if (list) list.push(c);
      else byTitle.set(c.titleId, [c]);
    }
    const localOf = this.sqlite.prepare(
      `SELECT id, person_id, role, character, cast_order, job, department
       FROM credits WHERE title_id = ? ORDER BY rowid`,
    );
    const drop = this.sqlite.prepare('DELETE FROM credits WHERE title_id = ?');
    const add = this.sqlite.prepare(
      `INSERT INTO credits (id, title_id, person_id, role, character, cast_order, job, department)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const t of this.backup.titles) {
      const titleId = this.mapped(this.titleIds, t.id);
      const wanted = (byTitle.get(t.id) ?? []).map((c) => ({
        ...c,
        personId: this.mapped(this.personIds, c.personId),
      }));
      const local = localOf.all(titleId) as {
        id: string;
        person_id: string;
        role: string;
        character: string | null;
        cast_order: number | null;
        job: string | null;
        department: string | null;
      }[];
      // Same people in the same roles and order: unchanged even if the ids differ (sync gives each device its own).
      const same =
        local.length === wanted.length &&
        local.every((l, i) => {
          const w = wanted[i]!;
          return (
            l.person_id === w.personId &&
            l.role === w.role &&
            l.character === w.character &&
            l.cast_order === w.castOrder &&
            l.job === w.job &&
            l.department === w.department
          );
        });
      if (same) {
        for (let i = 0; i < wanted.length; i++) this.count('credits', 'unchanged');
        continue;
      }
      const hadIds = new Set(local.map((l) => l.id));
      drop.run(titleId);
      for (const c of wanted) {
        const id = hadIds.has(c.id) ? c.id : this.freeId('credits', c.id);
        add.run(id, titleId, c.personId, c.role, c.character, c.castOrder, c.job, c.department);
        this.count('credits', hadIds.has(c.id) ? 'updated' : 'created');
      }
      this.reindex.add(titleId);
    }
  }

  private copies(): void {
    const writer = new RowWriter(
      this.sqlite,
      'copies',
      ['id'],
      [
        'id',
        'title_id',
        'format',
        'edition',
        'region',
        'barcode',
        'location',
        'purchase_date',
        'price_amount',
        'price_currency',
        'notes',
        'box_set',
        'loan_borrower',
        'loan_since',
        'loan_due',
        'file_path',
        'file_size',
        'container',
        'resolution',
        'created_at',
      ],
    );
    for (const c of this.backup.copies) {
      this.count(
        'copies',
        writer.write({
          id: c.id,
          title_id: this.mapped(this.titleIds, c.titleId),
          format: c.format,
          edition: c.edition,
          region: c.region,
          barcode: c.barcode,
          location: c.location,
          purchase_date: c.purchaseDate,
          price_amount: c.priceAmount,
          price_currency: c.priceCurrency,
          notes: c.notes,
          box_set: c.boxSet,
          loan_borrower: c.loanBorrower,
          loan_since: c.loanSince,
          loan_due: c.loanDue,
          file_path: c.filePath,
          file_size: c.fileSize,
          container: c.container,
          resolution: c.resolution,
          created_at: c.createdAt,
        }),
      );
    }
  }

  private watchEvents(): void {
    const writer = new RowWriter(
      this.sqlite,
      'watch_events',
      ['id'],
      ['id', 'profile_id', 'title_id', 'watched_on', 'source', 'created_at'],
    );
    for (const w of this.backup.watchEvents) {
      this.count(
        'watchEvents',
        writer.write({
          id: w.id,
          profile_id: this.mapped(this.profileIds, w.profileId),
          title_id: this.mapped(this.titleIds, w.titleId),
          watched_on: w.watchedOn,
          source: w.source,
          created_at: w.createdAt,
        }),
      );
    }
  }

  /** Ratings and statuses: one row per profile and title. */
  private keyedByTitle<T extends 'ratings' | 'statuses'>(
    table: T,
    sqlTable: string,
    columns: readonly string[],
    values: (row: BackupRow<T>) => SqlValue[],
  ): void {
    const writer = new RowWriter(
      this.sqlite,
      sqlTable,
      ['profile_id', 'title_id'],
      ['profile_id', 'title_id', ...columns],
    );
    for (const row of this.backup[table] as BackupRow<T>[]) {
      const own = values(row);
      this.count(
        table,
        writer.write({
          profile_id: this.mapped(this.profileIds, row.profileId),
          title_id: this.mapped(this.titleIds, row.titleId),
          ...Object.fromEntries(columns.map((c, i) => [c, own[i] ?? null])),
        }),
      );
    }
  }

  private reviews(): void {
    const writer = new RowWriter(
      this.sqlite,
      'reviews',
      ['id'],
      ['id', 'profile_id', 'title_id', 'text', 'contains_spoilers', 'visibility', 'created_at', 'updated_at'],
    );
    for (const r of this.backup.reviews) {
      this.count(
        'reviews',
        writer.write({
          id: r.id,
          profile_id: this.mapped(this.profileIds, r.profileId),
          title_id: this.mapped(this.titleIds, r.titleId),
          text: r.text,
          contains_spoilers: Number(r.containsSpoilers),
          visibility: r.visibility,
          created_at: r.createdAt,
          updated_at: r.updatedAt,
        }),
      );
    }
  }

  private lists(): void {
    const writer = new RowWriter(
      this.sqlite,
      'lists',
      ['id'],
      ['id', 'profile_id', 'name', 'description', 'system', 'ranked', 'query', 'created_at'],
    );
    for (const l of this.backup.lists) {
      const profileId = this.mapped(this.profileIds, l.profileId);
      const id =
        (l.system !== null
          ? this.one('SELECT id FROM lists WHERE profile_id = ? AND system = ?', profileId, l.system)
          : this.one('SELECT id FROM lists WHERE id = ?', l.id)) ?? this.freeId('lists', l.id);
      this.listIds.set(l.id, id);
    }
    for (const l of this.backup.lists) {
      const profileId = this.mapped(this.profileIds, l.profileId);
      const id = this.mapped(this.listIds, l.id);
      // A smart list that draws from another list of the backup follows that list's id here.
      const query = l.query && {
        ...l.query,
        ...(l.query.list !== undefined && { list: this.listIds.get(l.query.list) ?? l.query.list }),
      };
      this.count(
        'lists',
        writer.write({
          id,
          profile_id: profileId,
          name: l.name,
          description: l.description,
          system: l.system,
          ranked: Number(l.ranked),
          query: query ? JSON.stringify(query) : null,
          created_at: l.createdAt,
        }),
      );
    }
  }

  /** One item per list and title; a new one keeps the backup's id unless that id is taken here. */
  private listItems(): void {
    const writer = new RowWriter(
      this.sqlite,
      'list_items',
      ['list_id', 'title_id'],
      ['list_id', 'title_id', 'position', 'note', 'added_at'],
    );
    const insert = this.sqlite.prepare(
      'INSERT INTO list_items (id, list_id, title_id, position, note, added_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const item of this.backup.listItems) {
      const values = {
        list_id: this.mapped(this.listIds, item.listId),
        title_id: this.mapped(this.titleIds, item.titleId),
        position: item.position,
        note: item.note,
        added_at: item.addedAt,
      };
      if (writer.existing(values)) {
        this.count('listItems', writer.write(values));
        continue;
      }
      const id = this.freeId('list_items', item.id);
      insert.run(id, values.list_id, values.title_id, values.position, values.note, values.added_at);
      this.count('listItems', 'created');
    }
  }

  private titleTags(): void {
    const writer = new RowWriter(this.sqlite, 'title_tags', ['title_id', 'tag_id'], ['title_id', 'tag_id']);
    for (const tt of this.backup.titleTags) {
      this.count(
        'titleTags',
        writer.write({
          title_id: this.mapped(this.titleIds, tt.titleId),
          tag_id: this.mapped(this.tagIds, tt.tagId),
        }),
      );
    }
  }
}
