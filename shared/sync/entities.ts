import { z } from 'zod';
import { COPY_FORMATS } from '../domain/copy';
import { REVIEW_VISIBILITIES, WATCH_SOURCES, WATCH_STATUSES } from '../domain/history';
import { SavedQuery, SYSTEM_LISTS } from '../domain/list';
import { TITLE_KINDS } from '../domain/title';

/**
 * What syncs, entity by entity, and the type of each field's value on the wire. One op
 * carries one field, so these schemas are how the server refuses a malformed op and how
 * a device refuses one it pulled — with a reason that names the entity and the field.
 *
 * Row keys: entities with their own UUID use it. Rows that are identified by what they
 * join use a key derived from it, so two devices doing the same thing make the same row:
 * rating and status `<profile>|<title>`, list item `<list>|<title>`, tag on a title
 * `<title>|<tag in lower case>`, tag `<tag in lower case>`, system list `<profile>|system|<name>`. The profile every
 * library starts with is `@default` on every device.
 */
export const RowKey = z.string().min(1).max(400);

/**
 * A tag in a row key: ASCII letters in lower case, nothing else changed — the same
 * folding as SQLite's NOCASE, which is how a library finds a tag by name ("Noir" and
 * "noir" are one tag; "Émigré" and "émigré" are two, as they are on one device).
 */
export const tagKey = (name: string): string => name.replace(/[A-Z]/g, (c) => c.toLowerCase());
export const DEFAULT_PROFILE_KEY = '@default';

const text = (max: number) => z.string().max(max);
const optText = (max: number) => text(max).nullable();
const optInt = z.number().int().nullable();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const timestamp = z.string().regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/, 'expected an ISO timestamp');
/** Every row can be deleted and restored: deletion is a field like any other (a tombstone). */
const deleted = z.boolean();

export const SyncCredit = z.object({
  role: z.enum(['cast', 'crew']),
  /** People travel by name and ids: person rows are local, matched by TMDb id, IMDb id, then name. */
  name: text(300).min(1),
  tmdbId: optInt,
  imdbId: optText(20),
  character: optText(300),
  order: optInt,
  job: optText(100),
  department: optText(100),
});
export type SyncCredit = z.infer<typeof SyncCredit>;

export const ENTITY_FIELDS = {
  profile: {
    name: text(100).min(1),
    isKid: z.boolean(),
    certificationCeiling: z.object({ country: text(2), certification: text(20) }).nullable(),
    deleted,
  },
  title: {
    kind: z.enum(TITLE_KINDS),
    title: text(500).min(1),
    originalTitle: optText(500),
    sortTitle: text(500).min(1),
    year: optInt,
    releaseDate: date.nullable(),
    runtimeMinutes: optInt,
    overview: optText(20_000),
    language: optText(20),
    certification: optText(20),
    tmdbId: optInt,
    imdbId: optText(20),
    tvdbId: optInt,
    parent: RowKey.nullable(),
    seasonNumber: optInt,
    episodeNumber: optInt,
    genres: z.array(text(60)).max(30),
    credits: z.array(SyncCredit).max(2_000),
    posterPath: optText(300),
    backdropPath: optText(300),
    /** Fields a person edited by hand: a metadata refresh on any device leaves them alone. */
    lockedFields: z.array(text(40)).max(40).nullable(),
    createdAt: timestamp,
    deleted,
  },
  copy: {
    title: RowKey,
    format: z.enum(COPY_FORMATS),
    edition: optText(200),
    region: optText(20),
    barcode: optText(32),
    location: optText(200),
    purchaseDate: date.nullable(),
    priceAmount: optText(20),
    priceCurrency: optText(3),
    notes: optText(5_000),
    boxSet: optText(300),
    filePath: optText(4_096),
    fileSize: optInt,
    container: optText(20),
    resolution: optText(20),
    loanBorrower: optText(200),
    loanSince: date.nullable(),
    loanDue: date.nullable(),
    createdAt: timestamp,
    deleted,
  },
  /** Insert-only: a watch is never edited, only removed by the person (and restorable). */
  watch: {
    profile: RowKey,
    title: RowKey,
    watchedOn: date.nullable(),
    source: z.enum(WATCH_SOURCES),
    createdAt: timestamp,
    deleted,
  },
  rating: {
    profile: RowKey,
    title: RowKey,
    stars: z.number().min(0.5).max(5),
    ratedAt: timestamp,
    deleted,
  },
  review: {
    profile: RowKey,
    title: RowKey,
    text: text(50_000),
    containsSpoilers: z.boolean(),
    visibility: z.enum(REVIEW_VISIBILITIES),
    createdAt: timestamp,
    updatedAt: timestamp,
    deleted,
  },
  status: {
    profile: RowKey,
    title: RowKey,
    status: z.enum(WATCH_STATUSES),
    deleted,
  },
  list: {
    profile: RowKey,
    name: text(200).min(1),
    description: optText(5_000),
    system: z.enum(SYSTEM_LISTS).nullable(),
    ranked: z.boolean(),
    /** A smart list's saved search (null: an ordinary list). */
    query: SavedQuery.nullable(),
    createdAt: timestamp,
    deleted,
  },
  listItem: {
    list: RowKey,
    title: RowKey,
    /** Fractional-index key; equal keys are ordered by title key. */
    position: text(200).min(1),
    note: optText(5_000),
    addedAt: timestamp,
    deleted,
  },
  /** A tag's spelling ("Noir"), keyed by the tag in lower case: one spelling on every device. */
  tag: {
    name: text(100).min(1),
    deleted,
  },
  /** A tag on a title, keyed `<title>|<tag in lower case>`. */
  titleTag: {
    title: RowKey,
    deleted,
  },
} as const satisfies Record<string, Record<string, z.ZodType>>;

export type EntityName = keyof typeof ENTITY_FIELDS;
export const ENTITY_NAMES = Object.keys(ENTITY_FIELDS) as EntityName[];
export type EntityFields<E extends EntityName> = {
  [F in keyof (typeof ENTITY_FIELDS)[E]]: z.infer<(typeof ENTITY_FIELDS)[E][F]>;
};
/** Field name → value, as held for one row. */
export type FieldValues = Record<string, unknown>;

export const isEntity = (name: string): name is EntityName => Object.hasOwn(ENTITY_FIELDS, name);

export function fieldSchema(entity: EntityName, field: string): z.ZodType | undefined {
  const fields: Record<string, z.ZodType> = ENTITY_FIELDS[entity];
  return Object.hasOwn(fields, field) ? fields[field] : undefined;
}
