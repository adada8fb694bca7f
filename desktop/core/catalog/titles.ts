import { and, asc, eq, sql } from 'drizzle-orm';
import { CoreError, type Handlers, type ParsedArgs, type TitleDetails } from '@reelshelf/shared/contracts';
import { defaultSortTitle, type CreditInput, type TitleKind } from '@reelshelf/shared/domain';
import type { z } from 'zod';
import {
  copies,
  credits,
  listItems,
  lists,
  people,
  ratings,
  reviews,
  statuses,
  titleGenres,
  titles,
  watchSummary,
} from '../db/schema';
import { newId, now, titleIdFor, type Ctx } from '../context';
import { statement } from '../db/statements';
import { toCopy, toCredit, toReview, toTitle } from './rows';
import { requireTitle, tagsOf } from './lookup';
import { searchCatalog } from '../lists/smart';

type ParsedCredit = z.output<typeof CreditInput>;

/** Which kind a title's parent must be: seasons hang off series, episodes off seasons. */
const PARENT_KIND: Partial<Record<TitleKind, TitleKind>> = { season: 'series', episode: 'season' };

function genresOf(ctx: Ctx, titleId: string): string[] {
  return ctx.lib.db
    .select({ genre: titleGenres.genre })
    .from(titleGenres)
    .where(eq(titleGenres.titleId, titleId))
    .orderBy(sql`rowid`)
    .all()
    .map((g) => g.genre);
}

export function setGenres(ctx: Ctx, titleId: string, genres: string[]): void {
  statement(ctx.lib.sqlite, 'DELETE FROM title_genres WHERE title_id = ?').run(titleId);
  const insert = statement(ctx.lib.sqlite, 'INSERT INTO title_genres (title_id, genre) VALUES (?, ?)');
  for (const genre of new Map(genres.map((g) => [g.toLowerCase(), g])).values()) insert.run(titleId, genre);
}

/**
 * People are matched by TMDb id, then IMDb id, then exact name — by name only when the
 * ids do not contradict — so credits never duplicate a person nor merge two namesakes.
 */
export function personFor(ctx: Ctx, p: { name: string; tmdbId?: number; imdbId?: string }): string {
  const one = (sql: string, ...params: unknown[]) =>
    statement(ctx.lib.sqlite, sql).get(...params) as
      { id: string; tmdb_id: number | null; imdb_id: string | null } | undefined;
  const match =
    (p.tmdbId !== undefined && one('SELECT id, tmdb_id, imdb_id FROM people WHERE tmdb_id = ?', p.tmdbId)) ||
    (p.imdbId !== undefined && one('SELECT id, tmdb_id, imdb_id FROM people WHERE imdb_id = ?', p.imdbId)) ||
    one(
      `SELECT id, tmdb_id, imdb_id FROM people WHERE name = ?
         AND (? IS NULL OR tmdb_id IS NULL) AND (? IS NULL OR imdb_id IS NULL)`,
      p.name,
      p.tmdbId ?? null,
      p.imdbId ?? null,
    );
  if (match) {
    if ((p.tmdbId && !match.tmdb_id) || (p.imdbId && !match.imdb_id)) {
      statement(ctx.lib.sqlite, 'UPDATE people SET tmdb_id = ?, imdb_id = ? WHERE id = ?').run(
        match.tmdb_id ?? p.tmdbId ?? null,
        match.imdb_id ?? p.imdbId ?? null,
        match.id,
      );
    }
    return match.id;
  }
  const id = newId();
  statement(ctx.lib.sqlite, 'INSERT INTO people (id, name, tmdb_id, imdb_id) VALUES (?, ?, ?, ?)').run(
    id,
    p.name,
    p.tmdbId ?? null,
    p.imdbId ?? null,
  );
  return id;
}

export function replaceCredits(ctx: Ctx, titleId: string, list: ParsedCredit[]): void {
  statement(ctx.lib.sqlite, 'DELETE FROM credits WHERE title_id = ?').run(titleId);
  for (const c of list) {
    const personId = personFor(ctx, c.person);
    ctx.lib.db
      .insert(credits)
      .values(
        c.role === 'cast'
          ? { id: newId(), titleId, personId, role: 'cast', character: c.character, castOrder: c.order }
          : { id: newId(), titleId, personId, role: 'crew', job: c.job, department: c.department },
      )
      .run();
  }
}

function checkParent(ctx: Ctx, kind: TitleKind, parentId: string | undefined): void {
  const expected = PARENT_KIND[kind];
  if (!expected) {
    if (parentId)
      throw new CoreError('invalid_argument', `A ${kind} has no parent.`, [
        { field: 'parentId', message: `a ${kind} has no parent` },
      ]);
    return;
  }
  if (!parentId) {
    throw new CoreError('invalid_argument', `A ${kind} needs parentId (its ${expected}).`, [
      { field: 'parentId', message: `required for a ${kind}` },
    ]);
  }
  const parent = statement(ctx.lib.sqlite, 'SELECT kind FROM titles WHERE id = ?').get(parentId) as
    { kind: TitleKind } | undefined;
  if (!parent || parent.kind !== expected) {
    throw new CoreError('invalid_argument', `parentId ${parentId} is not a ${expected}.`, [
      { field: 'parentId', message: `must be the id of a ${expected}` },
    ]);
  }
}

/** The same IMDb or TMDb id twice would be the same film twice: refuse and name the one we have. */
function checkUniqueIds(
  ctx: Ctx,
  ids: { imdb?: string; tmdb?: number },
  kind: TitleKind,
  exceptId?: string,
  /** A new title's id derived from its database ids: a row synced in part may hold it before its ids arrived. */
  newId?: string,
): void {
  if (ids.imdb === undefined && ids.tmdb === undefined) return;
  const clash = statement(
    ctx.lib.sqlite,
    'SELECT id, title, year FROM titles WHERE id = ? OR imdb_id = ? OR (tmdb_id = ? AND kind = ?) LIMIT 1',
  ).get(newId ?? null, ids.imdb ?? null, ids.tmdb ?? null, kind) as
    { id: string; title: string; year: number | null } | undefined;
  if (clash && clash.id !== exceptId) {
    throw new CoreError(
      'conflict',
      `"${clash.title}" (${clash.year ?? 'no year'}) already has this id; its id is ${clash.id}.`,
      [{ field: 'externalIds', message: `already used by ${clash.id}` }],
    );
  }
}

export function titleDetails(ctx: Ctx, id: string): TitleDetails {
  const { db } = ctx.lib;
  const row = requireTitle(ctx, id);
  const creditRows = db
    .select()
    .from(credits)
    .innerJoin(people, eq(people.id, credits.personId))
    .where(eq(credits.titleId, id))
    .orderBy(asc(credits.role), asc(credits.castOrder), asc(people.name))
    .all();
  const summary = db
    .select()
    .from(watchSummary)
    .where(and(eq(watchSummary.profileId, ctx.profileId), eq(watchSummary.titleId, id)))
    .get();
  const undated = ctx.lib.sqlite
    .prepare(
      'SELECT 1 FROM watch_events WHERE profile_id = ? AND title_id = ? AND watched_on IS NULL LIMIT 1',
    )
    .get(ctx.profileId, id);
  const rating = db
    .select()
    .from(ratings)
    .where(and(eq(ratings.profileId, ctx.profileId), eq(ratings.titleId, id)))
    .get();
  const status = db
    .select()
    .from(statuses)
    .where(and(eq(statuses.profileId, ctx.profileId), eq(statuses.titleId, id)))
    .get();
  return {
    ...toTitle(row, genresOf(ctx, id)),
    credits: creditRows.map((r) => toCredit(r.credits, r.people)),
    copies: db
      .select()
      .from(copies)
      .where(eq(copies.titleId, id))
      .orderBy(asc(copies.createdAt))
      .all()
      .map(toCopy),
    watchCount: summary?.watchCount ?? 0,
    lastWatchedOn: summary?.lastWatchedOn ?? null,
    watchedUndated: undated !== undefined,
    rating: rating?.stars ?? null,
    status: (status?.status as TitleDetails['status']) ?? null,
    tags: tagsOf(ctx, id),
    lists: db
      .select({ id: lists.id, name: lists.name })
      .from(listItems)
      .innerJoin(lists, eq(lists.id, listItems.listId))
      .where(and(eq(listItems.titleId, id), eq(lists.profileId, ctx.profileId)))
      .orderBy(asc(lists.name))
      .all(),
    reviews: db
      .select()
      .from(reviews)
      .where(and(eq(reviews.profileId, ctx.profileId), eq(reviews.titleId, id)))
      .orderBy(asc(reviews.createdAt))
      .all()
      .map(toReview),
    ...providerData(ctx, id),
  };
}

/** What enrichment stored about a title beside its own fields (metadata/apply-details.ts). */
function providerData(
  ctx: Ctx,
  id: string,
): Pick<TitleDetails, 'keywords' | 'certifications' | 'providers' | 'metadata'> {
  const all = (text: string) => statement(ctx.lib.sqlite, text).all(id);
  return {
    keywords: statement(
      ctx.lib.sqlite,
      'SELECT keyword FROM title_keywords WHERE title_id = ? ORDER BY keyword',
    )
      .pluck()
      .all(id) as string[],
    certifications: Object.fromEntries(
      (
        all(
          'SELECT country, certification FROM title_certifications WHERE title_id = ? ORDER BY country',
        ) as {
          country: string;
          certification: string;
        }[]
      ).map((r) => [r.country, r.certification]),
    ),
    providers: all(
      'SELECT region, offer, provider FROM title_providers WHERE title_id = ? ORDER BY region, offer, provider',
    ) as TitleDetails['providers'],
    metadata:
      (statement(
        ctx.lib.sqlite,
        'SELECT state, refreshed_at AS refreshedAt, matched_by AS matchedBy FROM title_metadata WHERE title_id = ?',
      ).get(id) as TitleDetails['metadata'] | undefined) ?? null,
  };
}

/**
 * Fields a person typed stay theirs: a metadata refresh never overwrites a locked field.
 * Identity (kind, title, year, ids) is not locked by adding a title — it is how the
 * provider finds the title — but editing it later is.
 */
export function lockFields(ctx: Ctx, titleId: string, fields: string[]): void {
  if (!fields.length) return;
  const row = statement(ctx.lib.sqlite, 'SELECT locked_fields FROM titles WHERE id = ?')
    .pluck()
    .get(titleId) as string | null;
  const locked = new Set([...(row ? (JSON.parse(row) as string[]) : []), ...fields]);
  statement(ctx.lib.sqlite, 'UPDATE titles SET locked_fields = ? WHERE id = ?').run(
    JSON.stringify([...locked].sort()),
    titleId,
  );
}

/** Lets a metadata refresh fill these fields again; returns the fields still locked. */
export function unlockFields(ctx: Ctx, titleId: string, fields: string[]): string[] {
  const row = requireTitle(ctx, titleId);
  const drop = new Set(fields);
  const left = (row.lockedFields ?? []).filter((f) => !drop.has(f));
  statement(ctx.lib.sqlite, 'UPDATE titles SET locked_fields = ? WHERE id = ?').run(
    left.length ? JSON.stringify(left) : null,
    titleId,
  );
  return left;
}

const TYPED_ON_ADD = [
  'originalTitle',
  'releaseDate',
  'runtimeMinutes',
  'overview',
  'language',
  'certification',
] as const;

function addTitle(ctx: Ctx, input: ParsedArgs<'catalog.add'>): TitleDetails {
  const id = insertTitle(ctx, input);
  lockFields(ctx, id, [
    ...TYPED_ON_ADD.filter((f) => input[f] !== undefined),
    ...(input.genres.length ? ['genres'] : []),
    ...(input.credits.length ? ['credits'] : []),
  ]);
  ctx.emit('changed', { entities: ['titles'] });
  return titleDetails(ctx, id);
}

/** Writes a new title with its genres, credits and search entry; returns its id. Imports call it per row. */
export function insertTitle(ctx: Ctx, input: ParsedArgs<'catalog.add'>): string {
  checkParent(ctx, input.kind, input.parentId);
  const id = titleIdFor(input.kind, input.externalIds);
  checkUniqueIds(ctx, input.externalIds, input.kind, undefined, id);
  const pk = statement(
    ctx.lib.sqlite,
    `INSERT INTO titles (id, kind, title, original_title, sort_title, year, release_date, runtime_minutes, overview,
       language, certification, tmdb_id, imdb_id, tvdb_id, parent_id, season_number, episode_number)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING pk`,
  )
    .pluck()
    .get(
      id,
      input.kind,
      input.title,
      input.originalTitle ?? null,
      input.sortTitle ?? defaultSortTitle(input.title),
      input.year ?? (input.releaseDate ? Number(input.releaseDate.slice(0, 4)) : null),
      input.releaseDate ?? null,
      input.runtimeMinutes ?? null,
      input.overview ?? null,
      input.language ?? null,
      input.certification ?? null,
      input.externalIds.tmdb ?? null,
      input.externalIds.imdb ?? null,
      input.externalIds.tvdb ?? null,
      input.parentId ?? null,
      input.seasonNumber ?? null,
      input.episodeNumber ?? null,
    ) as number;
  setGenres(ctx, id, input.genres);
  replaceCredits(ctx, id, input.credits);
  ctx.indexer.reindex(pk);
  return id;
}

function updateTitle(ctx: Ctx, patch: ParsedArgs<'catalog.update'>): TitleDetails {
  const row = requireTitle(ctx, patch.id);
  if (patch.externalIds) {
    const { imdb, tmdb } = patch.externalIds;
    checkUniqueIds(ctx, { imdb: imdb ?? undefined, tmdb: tmdb ?? undefined }, row.kind, row.id);
  }
  const { id, genres, externalIds, sortTitle, ...fields } = patch;
  lockFields(
    ctx,
    id,
    Object.keys(patch).filter((f) => f !== 'id' && patch[f as keyof typeof patch] !== undefined),
  );
  const set: Partial<typeof titles.$inferInsert> = { ...fields, updatedAt: now() };
  const title = fields.title ?? row.title;
  // A sort title that was derived follows the title; null goes back to the derived one.
  if (sortTitle) set.sortTitle = sortTitle;
  else if (sortTitle === null || (fields.title && row.sortTitle === defaultSortTitle(row.title))) {
    set.sortTitle = defaultSortTitle(title);
  }
  if (externalIds) {
    if (externalIds.tmdb !== undefined) set.tmdbId = externalIds.tmdb;
    if (externalIds.imdb !== undefined) set.imdbId = externalIds.imdb;
    if (externalIds.tvdb !== undefined) set.tvdbId = externalIds.tvdb;
  }
  ctx.lib.db.update(titles).set(set).where(eq(titles.id, id)).run();
  if (genres) setGenres(ctx, id, genres);
  ctx.indexer.reindex(row.pk);
  ctx.emit('changed', { entities: ['titles'] });
  return titleDetails(ctx, id);
}

export function catalogHandlers(
  ctx: Ctx,
): Pick<
  Handlers,
  | 'catalog.add'
  | 'catalog.update'
  | 'catalog.remove'
  | 'catalog.get'
  | 'catalog.search'
  | 'catalog.suggest'
  | 'catalog.setCredits'
> {
  return {
    'catalog.add': (input) => addTitle(ctx, input),
    'catalog.update': (patch) => updateTitle(ctx, patch),
    'catalog.remove': ({ id }) => {
      requireTitle(ctx, id);
      ctx.lib.db.delete(titles).where(eq(titles.id, id)).run();
      ctx.emit('changed', { entities: ['titles'] });
      return { removed: true };
    },
    'catalog.get': ({ id }) => titleDetails(ctx, id),
    // `list` may name a smart list: its titles are searched (lists/smart.ts).
    'catalog.search': (query) => searchCatalog(ctx, query),
    'catalog.suggest': ({ prefix, limit }) => ctx.search.suggest(prefix, limit),
    'catalog.setCredits': ({ titleId, credits: list }) => {
      const row = requireTitle(ctx, titleId);
      replaceCredits(ctx, titleId, list);
      lockFields(ctx, titleId, ['credits']);
      ctx.indexer.reindex(row.pk);
      ctx.emit('changed', { entities: ['credits'] });
      return titleDetails(ctx, titleId).credits;
    },
  };
}
