import type { CopyFormat, SavedQuery, TitleKind, WatchStatus } from '@reelshelf/shared/domain';

/**
 * The library's filters live in the URL (`#/library?genre=Drama&sort=year`) so Back undoes a
 * filter and a copied link shows the same titles. This module turns that query into
 * catalog.search's arguments (which are also a smart list's saved query) and back.
 */
export type LibraryQuery = Partial<SavedQuery> & { sort: SavedQuery['sort'] };

export type Sort = SavedQuery['sort'];

/*
 * The choices, written out here rather than imported: the shared modules carry the zod
 * schemas, which the start screen should not load. `same` fails the type check when the
 * shared lists change.
 */
export const SORTS = ['relevance', 'title', 'year', 'rating', 'added', 'lastWatched'] as const;
export const KINDS = ['movie', 'series', 'season', 'episode'] as const;
export const FORMATS = [
  'dvd',
  'blu-ray',
  '4k-uhd',
  'hd-dvd',
  'vhs',
  'laserdisc',
  'digital-file',
  'digital-purchase',
] as const;
export const STATUSES = ['planned', 'watching', 'on-hold', 'dropped', 'completed'] as const;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same: [
  Same<(typeof SORTS)[number], Sort>,
  Same<(typeof KINDS)[number], TitleKind>,
  Same<(typeof FORMATS)[number], CopyFormat>,
  Same<(typeof STATUSES)[number], WatchStatus>,
] = [true, true, true, true];
void same;

const pick = <T extends string>(values: readonly T[], raw: string[]): T[] =>
  raw.filter((v): v is T => (values as readonly string[]).includes(v));

const yearOf = (raw: string | null): number | undefined => {
  const n = Number(raw);
  return raw && Number.isInteger(n) && n >= 1870 && n <= 2200 ? n : undefined;
};

const yesNo = (raw: string | null): boolean | undefined =>
  raw === 'yes' ? true : raw === 'no' ? false : undefined;

/** Unknown or malformed parameters are ignored: a hand-edited link never breaks the screen. */
export function queryFromParams(params: URLSearchParams): LibraryQuery {
  const q: LibraryQuery = { sort: 'relevance' };
  const text = params.get('q')?.trim();
  if (text) q.text = text.slice(0, 200);
  const kinds = pick(KINDS, params.getAll('kind'));
  if (kinds.length) q.kinds = kinds;
  const genres = params.getAll('genre').filter(Boolean);
  if (genres.length) q.genres = genres;
  const yearFrom = yearOf(params.get('from'));
  const yearTo = yearOf(params.get('to'));
  if (yearFrom !== undefined) q.yearFrom = yearFrom;
  if (yearTo !== undefined) q.yearTo = yearTo;
  const formats = pick(FORMATS, params.getAll('format'));
  if (formats.length) q.formats = formats;
  const owned = yesNo(params.get('owned'));
  if (owned !== undefined) q.owned = owned;
  const watched = yesNo(params.get('watched'));
  if (watched !== undefined) q.watched = watched;
  const rating = Number(params.get('rating'));
  if (params.get('rating') && rating >= 0.5 && rating <= 5 && Number.isInteger(rating * 2))
    q.ratingMin = rating;
  const tags = params.getAll('tag').filter(Boolean);
  if (tags.length) q.tags = tags;
  const statuses = pick(STATUSES, params.getAll('status'));
  if (statuses.length) q.statuses = statuses;
  const sort = pick(SORTS, [params.get('sort') ?? ''])[0];
  if (sort) q.sort = sort;
  const order = params.get('order');
  if (order === 'asc' || order === 'desc') q.order = order;
  return q;
}

export function paramsFromQuery(q: Partial<SavedQuery>): URLSearchParams {
  const p = new URLSearchParams();
  if (q.text) p.set('q', q.text);
  q.kinds?.forEach((k) => p.append('kind', k));
  q.genres?.forEach((g) => p.append('genre', g));
  if (q.yearFrom !== undefined) p.set('from', String(q.yearFrom));
  if (q.yearTo !== undefined) p.set('to', String(q.yearTo));
  q.formats?.forEach((f) => p.append('format', f));
  if (q.owned !== undefined) p.set('owned', q.owned ? 'yes' : 'no');
  if (q.watched !== undefined) p.set('watched', q.watched ? 'yes' : 'no');
  if (q.ratingMin !== undefined) p.set('rating', String(q.ratingMin));
  q.tags?.forEach((t) => p.append('tag', t));
  q.statuses?.forEach((s) => p.append('status', s));
  if (q.sort && q.sort !== 'relevance') p.set('sort', q.sort);
  if (q.order) p.set('order', q.order);
  return p;
}

export function libraryHref(q: Partial<SavedQuery>): string {
  const search = paramsFromQuery(q).toString();
  return `#/library${search ? `?${search}` : ''}`;
}

/** Whether anything narrows the library (sorting alone does not). */
export function isFiltered(q: LibraryQuery): boolean {
  const { sort: _sort, order: _order, ...filters } = q;
  return Object.values(filters).some((v) => v !== undefined && v !== '');
}

/** The query as a smart list stores it: only the fields set (the schema is strict). */
export function toSavedQuery(q: LibraryQuery): SavedQuery {
  return Object.fromEntries(
    Object.entries({ text: '', ...q }).filter(([, v]) => v !== undefined),
  ) as SavedQuery;
}
