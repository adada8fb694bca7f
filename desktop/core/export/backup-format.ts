/**
 * The Reelshelf full backup, version 1: every row a person entered, by id, one array per
 * table, field names as the schema's columns in camelCase. Derived and device-local tables
 * (search index, watch_summary, sync state, library_meta, import and scan state) are not
 * part of it: they are rebuilt or belong to one device.
 *
 * `BackupFile` is the strict reader for a file someone hands us: unknown fields, a wrong
 * type, a reference to a row the backup does not hold or the same row twice are refused,
 * each issue naming its path (`titles[12].year`).
 */
import { z } from 'zod';
import { CoreError, type CoreIssue } from '@reelshelf/shared/contracts';
import {
  CertificationCeiling,
  CopyFormat,
  Currency,
  ExternalIds,
  Id,
  IsoDate,
  Money,
  PersonInput,
  REVIEW_VISIBILITIES,
  SavedQuery,
  Stars,
  SystemList,
  TitleKind,
  WATCH_SOURCES,
  WatchStatus,
  Year,
} from '@reelshelf/shared/domain';

export const BACKUP_FORMAT = 'reelshelf-backup';
export const BACKUP_VERSION = 1;

/** Timestamps as the library writes them (`strftime('%Y-%m-%dT%H:%M:%fZ')`, `toISOString()`). */
const Timestamp = z.iso.datetime();
/** Text kept exactly as stored: no trimming, so a restore writes back what was exported. */
const Text = (max: number) => z.string().max(max);
const Name = (max: number) => z.string().min(1, 'must not be empty').max(max);
/** Every column that may be empty is present as null in an export; a hand-made file may leave it out. */
const orNull = <T extends z.ZodType>(schema: T) => schema.nullable().default(null);

const ProfileRow = z.strictObject({
  id: Id,
  name: Name(100),
  isKid: z.boolean(),
  certificationCeiling: orNull(CertificationCeiling),
  /** The library's own profile: a restore maps it onto the default profile of the library it goes into. */
  isDefault: z.boolean(),
  createdAt: Timestamp,
});

const TitleRow = z.strictObject({
  id: Id,
  kind: TitleKind,
  title: Name(500),
  originalTitle: orNull(Name(500)),
  sortTitle: Name(500),
  year: orNull(Year),
  releaseDate: orNull(IsoDate),
  runtimeMinutes: orNull(z.number().int().positive().max(100_000)),
  overview: orNull(Text(20_000)),
  language: orNull(Name(35)),
  certification: orNull(Name(20)),
  tmdbId: orNull(ExternalIds.shape.tmdb.unwrap()),
  imdbId: orNull(ExternalIds.shape.imdb.unwrap()),
  tvdbId: orNull(ExternalIds.shape.tvdb.unwrap()),
  parentId: orNull(Id),
  seasonNumber: orNull(z.number().int().min(0).max(10_000)),
  episodeNumber: orNull(z.number().int().min(0).max(100_000)),
  /** In the order they were given. */
  genres: z.array(Name(60)).max(30).default([]),
  posterPath: orNull(Name(300)).default(null),
  backdropPath: orNull(Name(300)).default(null),
  /** Fields edited by hand, which a metadata refresh leaves alone. */
  lockedFields: z.array(Name(40)).max(40).default([]),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const PersonRow = z.strictObject({
  id: Id,
  name: Name(300),
  tmdbId: orNull(PersonInput.shape.tmdbId.unwrap()),
  imdbId: orNull(PersonInput.shape.imdbId.unwrap()),
});

/** Credits of one title are in the order they were given (the order the array holds them in). */
const CreditRow = z.strictObject({
  id: Id,
  titleId: Id,
  personId: Id,
  role: z.enum(['cast', 'crew']),
  character: orNull(Text(300)),
  castOrder: orNull(z.number().int().min(0).max(10_000)),
  job: orNull(Name(100)),
  department: orNull(Text(100)),
});

const CopyRow = z.strictObject({
  id: Id,
  titleId: Id,
  format: CopyFormat,
  edition: orNull(Text(200)),
  region: orNull(Text(20)),
  barcode: orNull(z.string().regex(/^\d{6,20}$/, 'expected the digits of a barcode')),
  location: orNull(Text(200)),
  purchaseDate: orNull(IsoDate),
  priceAmount: orNull(Money.shape.amount),
  priceCurrency: orNull(Currency),
  notes: orNull(Text(5_000)),
  boxSet: orNull(Text(300)),
  loanBorrower: orNull(Name(200)),
  loanSince: orNull(IsoDate),
  loanDue: orNull(IsoDate),
  filePath: orNull(Name(4_096)),
  fileSize: orNull(z.number().int().min(0)),
  container: orNull(Text(20)),
  resolution: orNull(Text(20)),
  createdAt: Timestamp,
});

const WatchEventRow = z.strictObject({
  id: Id,
  profileId: Id,
  titleId: Id,
  /** null = watched, date unknown. */
  watchedOn: orNull(IsoDate),
  source: z.enum(WATCH_SOURCES),
  createdAt: Timestamp,
});

const RatingRow = z.strictObject({ profileId: Id, titleId: Id, stars: Stars, ratedAt: Timestamp });

const ReviewRow = z.strictObject({
  id: Id,
  profileId: Id,
  titleId: Id,
  text: Name(100_000),
  containsSpoilers: z.boolean(),
  visibility: z.enum(REVIEW_VISIBILITIES),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const StatusRow = z.strictObject({ profileId: Id, titleId: Id, status: WatchStatus, updatedAt: Timestamp });

const ListRow = z.strictObject({
  id: Id,
  profileId: Id,
  name: Name(200),
  description: orNull(Text(5_000)),
  /** Set for the four system lists, which a restore matches by profile and system, not by id. */
  system: orNull(SystemList),
  ranked: z.boolean(),
  /** A smart list's saved search; null (or left out, as in backups made before smart lists) for an ordinary list. */
  query: orNull(SavedQuery),
  createdAt: Timestamp,
});

const ListItemRow = z.strictObject({
  id: Id,
  listId: Id,
  titleId: Id,
  /** Fractional-index key (base 62 digits): string order is list order. */
  position: z
    .string()
    .min(1)
    .max(1_000)
    .regex(/^[0-9A-Za-z]+$/, 'expected a list order key'),
  note: orNull(Text(5_000)),
  addedAt: Timestamp,
});

const TagRow = z.strictObject({
  id: Id,
  name: Name(100).refine((s) => !/[,\n]/.test(s), 'a tag cannot contain commas or newlines'),
});

const TitleTagRow = z.strictObject({ titleId: Id, tagId: Id });

const newerVersion = (input: unknown) =>
  typeof input === 'number' && input > BACKUP_VERSION
    ? `this backup was made by a newer Reelshelf (backup version ${input}); update Reelshelf to restore it`
    : `expected backup version ${BACKUP_VERSION}`;

const BackupShape = z.strictObject({
  format: z.literal(BACKUP_FORMAT, { error: 'not a Reelshelf backup' }),
  version: z.literal(BACKUP_VERSION, { error: (issue) => newerVersion(issue.input) }),
  exportedAt: Timestamp,
  app: z.object({ name: z.string().max(100), version: z.string().max(100) }),
  profiles: z.array(ProfileRow).min(1),
  titles: z.array(TitleRow),
  people: z.array(PersonRow),
  credits: z.array(CreditRow),
  copies: z.array(CopyRow),
  watchEvents: z.array(WatchEventRow),
  ratings: z.array(RatingRow),
  reviews: z.array(ReviewRow),
  statuses: z.array(StatusRow),
  lists: z.array(ListRow),
  listItems: z.array(ListItemRow),
  tags: z.array(TagRow),
  titleTags: z.array(TitleTagRow),
});

type Shape = z.output<typeof BackupShape>;
type Table = Exclude<keyof Shape, 'format' | 'version' | 'exportedAt' | 'app'>;

/** The tables a backup holds, in the order a restore writes them (parents first). */
export const BACKUP_TABLES = [
  'profiles',
  'tags',
  'titles',
  'people',
  'credits',
  'copies',
  'watchEvents',
  'ratings',
  'reviews',
  'statuses',
  'lists',
  'listItems',
  'titleTags',
] as const satisfies readonly Table[];
export type BackupTable = (typeof BACKUP_TABLES)[number];

/** Which kind a title's parent must be (as catalog.add checks it). */
const PARENT_KIND: Partial<Record<z.output<typeof TitleKind>, z.output<typeof TitleKind>>> = {
  season: 'series',
  episode: 'season',
};

/** SQLite's NOCASE folds ASCII letters only; tag names are unique under that rule. */
const nocase = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/**
 * What the column types cannot say: every reference points at a row of the backup, no row
 * is there twice, one default profile, a season's parent is a series and an episode's a season.
 */
function checkReferences(b: Shape, ctx: z.RefinementCtx): void {
  const issue = (table: Table, index: number, field: string, message: string) =>
    ctx.addIssue({ code: 'custom', path: [table, index, field], message });

  function keyed<T>(table: Table, rows: readonly T[], field: string, key: (row: T) => string): Set<string> {
    const seen = new Set<string>();
    rows.forEach((row, i) => {
      const k = key(row);
      if (seen.has(k)) issue(table, i, field, 'the same row appears twice');
      seen.add(k);
    });
    return seen;
  }
  function refers<T>(
    table: Table,
    rows: readonly T[],
    field: keyof T & string,
    to: Set<string>,
    what: string,
  ) {
    rows.forEach((row, i) => {
      const ref = row[field];
      if (typeof ref === 'string' && !to.has(ref))
        issue(table, i, field, `no ${what} with id ${ref} in the backup`);
    });
  }

  const profiles = keyed('profiles', b.profiles, 'id', (p) => p.id);
  const defaults = b.profiles.filter((p) => p.isDefault).length;
  if (defaults !== 1) {
    ctx.addIssue({
      code: 'custom',
      path: ['profiles'],
      message: `expected one default profile, found ${defaults}`,
    });
  }
  const titleKinds = new Map(b.titles.map((t) => [t.id, t.kind]));
  const titles = keyed('titles', b.titles, 'id', (t) => t.id);
  b.titles.forEach((t, i) => {
    const expected = PARENT_KIND[t.kind];
    if (!expected && t.parentId !== null) issue('titles', i, 'parentId', `a ${t.kind} has no parent`);
    if (expected && (t.parentId === null || titleKinds.get(t.parentId) !== expected)) {
      issue('titles', i, 'parentId', `a ${t.kind} needs the id of a ${expected} in the backup`);
    }
    const genres = new Set<string>();
    t.genres.forEach((g, j) => {
      if (genres.has(g))
        ctx.addIssue({ code: 'custom', path: ['titles', i, 'genres', j], message: 'listed twice' });
      genres.add(g);
    });
  });
  const people = keyed('people', b.people, 'id', (p) => p.id);
  keyed('credits', b.credits, 'id', (c) => c.id);
  refers('credits', b.credits, 'titleId', titles, 'title');
  refers('credits', b.credits, 'personId', people, 'person');
  keyed('copies', b.copies, 'id', (c) => c.id);
  refers('copies', b.copies, 'titleId', titles, 'title');
  keyed('watchEvents', b.watchEvents, 'id', (w) => w.id);
  keyed('reviews', b.reviews, 'id', (r) => r.id);
  keyed('ratings', b.ratings, 'titleId', (r) => `${r.profileId}|${r.titleId}`);
  keyed('statuses', b.statuses, 'titleId', (s) => `${s.profileId}|${s.titleId}`);
  for (const table of ['watchEvents', 'reviews', 'ratings', 'statuses'] as const) {
    const rows: readonly { profileId: string; titleId: string }[] = b[table];
    refers(table, rows, 'profileId', profiles, 'profile');
    refers(table, rows, 'titleId', titles, 'title');
  }
  const lists = keyed('lists', b.lists, 'id', (l) => l.id);
  keyed(
    'lists',
    b.lists.filter((l) => l.system !== null),
    'system',
    (l) => `${l.profileId}|${l.system}`,
  );
  refers('lists', b.lists, 'profileId', profiles, 'profile');
  keyed('listItems', b.listItems, 'id', (i) => i.id);
  keyed('listItems', b.listItems, 'titleId', (i) => `${i.listId}|${i.titleId}`);
  refers('listItems', b.listItems, 'listId', lists, 'list');
  refers('listItems', b.listItems, 'titleId', titles, 'title');
  const tags = keyed('tags', b.tags, 'id', (t) => t.id);
  keyed('tags', b.tags, 'name', (t) => nocase(t.name));
  keyed('titleTags', b.titleTags, 'tagId', (t) => `${t.titleId}|${t.tagId}`);
  refers('titleTags', b.titleTags, 'titleId', titles, 'title');
  refers('titleTags', b.titleTags, 'tagId', tags, 'tag');
}

/** Backups this process has read through `BackupFile`: a restore need not read them again. */
const validated = new WeakSet<object>();

/** A backup file as read: strict columns, then references checked across tables. */
export const BackupFile = BackupShape.superRefine(checkReferences).transform((b) => {
  validated.add(b);
  return b;
});
export type Backup = z.output<typeof BackupFile>;
/** One row of each table, as `exportBackup` writes it. */
export type BackupRow<T extends BackupTable> = Backup[T][number];

/** `titles[12].year` */
export function issuePath(path: readonly PropertyKey[]): string {
  return (
    path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('') ||
    '(backup)'
  );
}

/** Issues spelled out in the error message; all of them are in `issues`. */
const MESSAGE_ISSUES = 10;

/**
 * Reads a parsed JSON value as a backup, or throws CoreError('invalid_argument') whose
 * message and issues name each bad path. A newer backup version is refused on its own,
 * before the rest is read: its tables may well look different.
 */
export function parseBackup(input: unknown): Backup {
  if (typeof input === 'object' && input !== null && validated.has(input)) return input as Backup;
  const header = z.looseObject({ format: z.unknown(), version: z.unknown() }).safeParse(input);
  if (header.success && header.data.format === BACKUP_FORMAT && header.data.version !== BACKUP_VERSION) {
    const message = newerVersion(header.data.version);
    throw new CoreError('invalid_argument', `version: ${message}.`, [{ field: 'version', message }]);
  }
  const result = BackupFile.safeParse(input);
  if (result.success) return result.data;
  const issues: CoreIssue[] = result.error.issues.map((i) => ({
    field: issuePath(i.path),
    message: i.message,
  }));
  const shown = issues.slice(0, MESSAGE_ISSUES).map((i) => `${i.field}: ${i.message}`);
  if (issues.length > MESSAGE_ISSUES) shown.push(`and ${issues.length - MESSAGE_ISSUES} more`);
  throw new CoreError('invalid_argument', `Not a valid Reelshelf backup: ${shown.join('; ')}.`, issues);
}
