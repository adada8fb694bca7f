/**
 * The library's tables. One file, so a newcomer sees the whole data model at once.
 * drizzle-kit turns changes here into committed migrations (npm run db:generate);
 * the full-text index and its triggers live in a hand-written migration because
 * drizzle has no words for FTS5.
 */
import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from 'drizzle-orm/sqlite-core';
import type { SavedQuery } from '@reelshelf/shared/domain';

const timestamp = (name: string) =>
  text(name)
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);

/** A required reference to a row that takes this row with it when it is deleted. */
const ownedBy = (column: string, target: () => AnySQLiteColumn) =>
  text(column).notNull().references(target, { onDelete: 'cascade' });

export const profiles = sqliteTable('profiles', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  isKid: integer('is_kid', { mode: 'boolean' }).notNull().default(false),
  /** JSON {country, certification}; kid mode filters use it. */
  certificationCeiling: text('certification_ceiling', { mode: 'json' }).$type<{
    country: string;
    certification: string;
  }>(),
  isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
  createdAt: timestamp('created_at'),
});

export const titles = sqliteTable(
  'titles',
  {
    /** Integer key the full-text index points at; stable across VACUUM because it is declared. */
    pk: integer('pk').primaryKey(),
    id: text('id').notNull().unique(),
    kind: text('kind', { enum: ['movie', 'series', 'season', 'episode'] }).notNull(),
    title: text('title').notNull(),
    originalTitle: text('original_title'),
    sortTitle: text('sort_title').notNull(),
    year: integer('year'),
    releaseDate: text('release_date'),
    runtimeMinutes: integer('runtime_minutes'),
    overview: text('overview'),
    language: text('language'),
    certification: text('certification'),
    tmdbId: integer('tmdb_id'),
    imdbId: text('imdb_id'),
    tvdbId: integer('tvdb_id'),
    parentId: text('parent_id').references((): ReturnType<typeof text> => titles.id, { onDelete: 'cascade' }),
    seasonNumber: integer('season_number'),
    episodeNumber: integer('episode_number'),
    /** TMDb image paths (`/abc.jpg`): the artwork cache fetches and resizes them. */
    posterPath: text('poster_path'),
    backdropPath: text('backdrop_path'),
    /**
     * JSON array of the fields a person edited by hand (`overview`, `genres`, `credits`…):
     * a metadata refresh never overwrites them.
     */
    lockedFields: text('locked_fields', { mode: 'json' }).$type<string[]>(),
    /** Words in the (original) title, leading articles aside; written by the search indexer, used for relevance. */
    searchWords: integer('search_words').notNull().default(0),
    createdAt: timestamp('created_at'),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [
    index('titles_kind_year').on(t.kind, t.year),
    index('titles_sort_title').on(t.sortTitle),
    index('titles_created').on(t.createdAt),
    index('titles_parent').on(t.parentId),
    index('titles_imdb').on(t.imdbId),
    index('titles_tmdb').on(t.tmdbId),
  ],
);

export const titleGenres = sqliteTable(
  'title_genres',
  {
    titleId: ownedBy('title_id', () => titles.id),
    genre: text('genre').notNull(),
  },
  (t) => [primaryKey({ columns: [t.titleId, t.genre] }), index('title_genres_genre').on(t.genre, t.titleId)],
);

export const people = sqliteTable(
  'people',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    tmdbId: integer('tmdb_id'),
    imdbId: text('imdb_id'),
    /** TMDb image path of the person's photo, written by metadata enrichment (served as `profile` artwork). */
    profilePath: text('profile_path'),
  },
  (t) => [
    index('people_name').on(t.name),
    index('people_tmdb').on(t.tmdbId),
    index('people_imdb').on(t.imdbId),
  ],
);

export const credits = sqliteTable(
  'credits',
  {
    id: text('id').primaryKey(),
    titleId: ownedBy('title_id', () => titles.id),
    personId: ownedBy('person_id', () => people.id),
    role: text('role', { enum: ['cast', 'crew'] }).notNull(),
    character: text('character'),
    castOrder: integer('cast_order'),
    job: text('job'),
    department: text('department'),
  },
  // credits_person carries role and job so counting a person's credits of one kind
  // (stats.charts' top directors and actors) reads the index alone.
  (t) => [
    index('credits_title').on(t.titleId, t.role, t.castOrder),
    index('credits_person').on(t.personId, t.role, t.job),
  ],
);

export const copies = sqliteTable(
  'copies',
  {
    id: text('id').primaryKey(),
    titleId: ownedBy('title_id', () => titles.id),
    format: text('format').notNull(),
    edition: text('edition'),
    region: text('region'),
    barcode: text('barcode'),
    location: text('location'),
    purchaseDate: text('purchase_date'),
    priceAmount: text('price_amount'),
    priceCurrency: text('price_currency'),
    notes: text('notes'),
    boxSet: text('box_set'),
    loanBorrower: text('loan_borrower'),
    loanSince: text('loan_since'),
    loanDue: text('loan_due'),
    /** A digital file: where it is on the device that found it, and what its name says. */
    filePath: text('file_path'),
    fileSize: integer('file_size'),
    container: text('container'),
    resolution: text('resolution'),
    createdAt: timestamp('created_at'),
  },
  (t) => [
    index('copies_title').on(t.titleId, t.format),
    index('copies_format').on(t.format, t.titleId),
    index('copies_file').on(t.filePath),
  ],
);

export const watchEvents = sqliteTable(
  'watch_events',
  {
    id: text('id').primaryKey(),
    profileId: ownedBy('profile_id', () => profiles.id),
    titleId: ownedBy('title_id', () => titles.id),
    /** null = watched, date unknown. */
    watchedOn: text('watched_on'),
    source: text('source').notNull(),
    createdAt: timestamp('created_at'),
  },
  (t) => [
    index('watch_events_profile_title').on(t.profileId, t.titleId, t.watchedOn),
    // Watch days in order (stats.charts' streaks and months) without sorting every watch.
    index('watch_events_profile_day').on(t.profileId, t.watchedOn),
  ],
);

/**
 * Watch count and last-watched date per profile and title, derived from watch_events
 * by triggers in the same transaction (never written by code, never synced) so that
 * sorting and filtering a 100k-title library by them stays an index lookup.
 */
export const watchSummary = sqliteTable(
  'watch_summary',
  {
    profileId: text('profile_id').notNull(),
    titleId: text('title_id').notNull(),
    watchCount: integer('watch_count').notNull(),
    lastWatchedOn: text('last_watched_on'),
  },
  (t) => [
    primaryKey({ columns: [t.profileId, t.titleId] }),
    index('watch_summary_last').on(t.profileId, t.lastWatchedOn),
  ],
);

export const ratings = sqliteTable(
  'ratings',
  {
    profileId: ownedBy('profile_id', () => profiles.id),
    titleId: ownedBy('title_id', () => titles.id),
    stars: real('stars').notNull(),
    ratedAt: timestamp('rated_at'),
  },
  (t) => [primaryKey({ columns: [t.profileId, t.titleId] }), index('ratings_stars').on(t.profileId, t.stars)],
);

export const reviews = sqliteTable(
  'reviews',
  {
    id: text('id').primaryKey(),
    profileId: ownedBy('profile_id', () => profiles.id),
    titleId: ownedBy('title_id', () => titles.id),
    text: text('text').notNull(),
    containsSpoilers: integer('contains_spoilers', { mode: 'boolean' }).notNull(),
    visibility: text('visibility').notNull(),
    createdAt: timestamp('created_at'),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [index('reviews_title').on(t.profileId, t.titleId)],
);

export const statuses = sqliteTable(
  'statuses',
  {
    profileId: ownedBy('profile_id', () => profiles.id),
    titleId: ownedBy('title_id', () => titles.id),
    status: text('status').notNull(),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [
    primaryKey({ columns: [t.profileId, t.titleId] }),
    index('statuses_status').on(t.profileId, t.status),
  ],
);

export const lists = sqliteTable(
  'lists',
  {
    id: text('id').primaryKey(),
    profileId: ownedBy('profile_id', () => profiles.id),
    name: text('name').notNull(),
    description: text('description'),
    /** watchlist | favorites | watching | completed for the four system lists, null for custom ones. */
    system: text('system'),
    ranked: integer('ranked', { mode: 'boolean' }).notNull().default(true),
    /** JSON SavedQuery for a smart list (its items are what the search finds now); null for an ordinary list. */
    query: text('query', { mode: 'json' }).$type<SavedQuery>(),
    createdAt: timestamp('created_at'),
  },
  (t) => [uniqueIndex('lists_system').on(t.profileId, t.system)],
);

export const listItems = sqliteTable(
  'list_items',
  {
    id: text('id').primaryKey(),
    listId: ownedBy('list_id', () => lists.id),
    titleId: ownedBy('title_id', () => titles.id),
    /** Fractional-index key: string order is list order, so a move rewrites one row. */
    position: text('position').notNull(),
    note: text('note'),
    addedAt: timestamp('added_at'),
  },
  (t) => [
    uniqueIndex('list_items_title').on(t.listId, t.titleId),
    // Equal keys (two devices inserting at the same place) are ordered by title: the same on every device.
    index('list_items_order').on(t.listId, t.position, t.titleId),
    index('list_items_by_title').on(t.titleId),
  ],
);

export const tags = sqliteTable('tags', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
});

export const titleTags = sqliteTable(
  'title_tags',
  {
    titleId: ownedBy('title_id', () => titles.id),
    tagId: ownedBy('tag_id', () => tags.id),
  },
  (t) => [primaryKey({ columns: [t.titleId, t.tagId] }), index('title_tags_tag').on(t.tagId, t.titleId)],
);

/** Words of titles and names, each with its one-letter deletions, for typo-tolerant search. */
export const searchTerms = sqliteTable(
  'search_terms',
  {
    variant: text('variant').notNull(),
    term: text('term').notNull(),
  },
  (t) => [primaryKey({ columns: [t.variant, t.term] }), index('search_terms_term').on(t.term)],
);

/** Small key/value facts about the file itself, e.g. which version of the search index it holds. */
export const libraryMeta = sqliteTable('library_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * Sync state (see docs/SYNC.md). A register holds the newest value of one field of one
 * synced row and the clock stamp that wrote it: last writer wins per field. Registers
 * outlive the rows they describe, which is what makes a delete restorable and lets a
 * row whose parent is missing wait for it instead of being dropped.
 */
export const syncRegisters = sqliteTable(
  'sync_registers',
  {
    entity: text('entity').notNull(),
    rowKey: text('row_key').notNull(),
    field: text('field').notNull(),
    hlc: text('hlc').notNull(),
    /** JSON. */
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.rowKey, t.field] })],
);

/** Local ops the server has not acknowledged yet, oldest first; kept across restarts. */
export const syncOutbox = sqliteTable('sync_outbox', {
  seq: integer('seq').primaryKey({ autoIncrement: true }),
  opId: text('op_id').notNull().unique(),
  hlc: text('hlc').notNull(),
  entity: text('entity').notNull(),
  rowKey: text('row_key').notNull(),
  field: text('field').notNull(),
  value: text('value').notNull(),
});

/** Live synced rows that cannot be shown yet because a row they belong to is missing or deleted. */
export const syncWaiting = sqliteTable(
  'sync_waiting',
  {
    entity: text('entity').notNull(),
    rowKey: text('row_key').notNull(),
    /** Key of the row this one waits for ('' = some of its own fields have not arrived). */
    needs: text('needs').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.rowKey] }), index('sync_waiting_needs').on(t.needs)],
);

/** Ops the server refused or a pulled op that failed validation: kept with the reason, never dropped silently. */
export const syncRejected = sqliteTable('sync_rejected', {
  opId: text('op_id').primaryKey(),
  direction: text('direction', { enum: ['push', 'pull'] }).notNull(),
  /** The op as JSON. */
  op: text('op').notNull(),
  reason: text('reason').notNull(),
  at: timestamp('at'),
});

/** Per scope, the server sequence number up to which ops have been pulled and applied. */
export const syncCursors = sqliteTable('sync_cursors', {
  scope: text('scope').primaryKey(),
  seq: integer('seq').notNull(),
});

/** One run of an importer: what was read and what came of it (the report). Local to this device. */
export const imports = sqliteTable('imports', {
  id: text('id').primaryKey(),
  format: text('format').notNull(),
  /** The file or ZIP the person chose, as they named it. */
  source: text('source').notNull(),
  startedAt: timestamp('started_at'),
  /** JSON ImportReport. */
  report: text('report', { mode: 'json' }).notNull(),
});

/**
 * Rows an import could not tie to one title (no usable name, or several equally good
 * candidates). Kept with the original row until the person picks a title or dismisses it:
 * an import never drops a row.
 */
export const importUnmatched = sqliteTable(
  'import_unmatched',
  {
    id: text('id').primaryKey(),
    importId: text('import_id')
      .notNull()
      .references(() => imports.id, { onDelete: 'cascade' }),
    file: text('file').notNull(),
    line: integer('line').notNull(),
    /** JSON: the original row, verbatim. */
    raw: text('raw').notNull(),
    /** JSON ImportItem: what the row was read as, applied when the person picks a title. */
    item: text('item').notNull(),
    reason: text('reason').notNull(),
    /** JSON: ids of the titles that matched equally well. */
    candidates: text('candidates').notNull(),
    /** Same row, same import source: a re-import replaces instead of adding a second entry. */
    dedupeKey: text('dedupe_key').notNull().unique(),
  },
  (t) => [index('import_unmatched_import').on(t.importId)],
);

/**
 * What a source's own ids became here (a Letterboxd diary entry, a Trakt play): the strongest
 * dedupe key — re-importing the entry finds its row even if the entry's date was edited,
 * and a row the person deleted here is not brought back.
 */
export const importLinks = sqliteTable('import_links', {
  key: text('key').primaryKey(),
  entity: text('entity').notNull(),
  rowId: text('row_id').notNull(),
});

/** Folders the library scan watches. */
export const scanRoots = sqliteTable('scan_roots', {
  id: text('id').primaryKey(),
  path: text('path').notNull().unique(),
  addedAt: timestamp('added_at'),
  lastScanAt: text('last_scan_at'),
});

/**
 * Every media file (or disc structure) a scan found, with the size and modification time
 * it had then: a rescan reads only what changed. `copy_id` is the owned copy it became.
 */
export const scanFiles = sqliteTable(
  'scan_files',
  {
    path: text('path').primaryKey(),
    rootId: text('root_id')
      .notNull()
      .references(() => scanRoots.id, { onDelete: 'cascade' }),
    size: integer('size').notNull(),
    mtimeMs: integer('mtime_ms').notNull(),
    titleId: text('title_id'),
    copyId: text('copy_id'),
    /** Why it is not linked to a title (no name to go on, several candidates), else null. */
    problem: text('problem'),
    /** Set when a rescan no longer finds the file; cleared if it comes back. */
    missingSince: text('missing_since'),
  },
  (t) => [index('scan_files_root').on(t.rootId), index('scan_files_copy').on(t.copyId)],
);

/** Keywords from the metadata provider (content similarity uses them). */
export const titleKeywords = sqliteTable(
  'title_keywords',
  {
    titleId: ownedBy('title_id', () => titles.id),
    keyword: text('keyword').notNull(),
  },
  // By keyword: catalog.similar finds the titles sharing each keyword.
  (t) => [
    primaryKey({ columns: [t.titleId, t.keyword] }),
    index('title_keywords_keyword').on(t.keyword, t.titleId),
  ],
);

/** Age rating per country (`US` → `PG-13`, `DE` → `12`); titles.certification is the profile country's. */
export const titleCertifications = sqliteTable(
  'title_certifications',
  {
    titleId: ownedBy('title_id', () => titles.id),
    country: text('country').notNull(),
    certification: text('certification').notNull(),
  },
  (t) => [primaryKey({ columns: [t.titleId, t.country] })],
);

/** Where a title can be streamed, rented or bought, per region. */
export const titleProviders = sqliteTable(
  'title_providers',
  {
    titleId: ownedBy('title_id', () => titles.id),
    region: text('region').notNull(),
    offer: text('offer', { enum: ['flatrate', 'rent', 'buy', 'free', 'ads'] }).notNull(),
    provider: text('provider').notNull(),
  },
  (t) => [primaryKey({ columns: [t.titleId, t.region, t.offer, t.provider] })],
);

/**
 * Metadata enrichment per title, on this device: the persisted queue (state `queued` with
 * the time of the next attempt) and what came of the last refresh. A trigger queues every
 * new film and series, so titles added by hand, by an import, a scan or sync all get data.
 */
export const titleMetadata = sqliteTable(
  'title_metadata',
  {
    titleId: text('title_id')
      .primaryKey()
      .references(() => titles.id, { onDelete: 'cascade' }),
    state: text('state', { enum: ['queued', 'done', 'not-found', 'ambiguous', 'failed'] }).notNull(),
    queuedAt: text('queued_at'),
    nextAttemptAt: text('next_attempt_at'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    refreshedAt: text('refreshed_at'),
    /** How the provider's title was chosen: by id, exact title + year, or picked by the person. */
    matchedBy: text('matched_by'),
  },
  (t) => [index('title_metadata_due').on(t.state, t.nextAttemptAt)],
);
