/**
 * Which TMDb entry a library title is. Ids decide first (a TMDb id as is; IMDb and TVDB ids
 * through /find); then a search by title and year. A title is matched only when exactly one
 * result has the same normalised title and year (confidence 'exact'), or, failing that,
 * exactly one has the same title and a year one off ('fuzzy': release years differ between
 * countries and databases). Several equally good results are never guessed between; they come
 * back as candidates for the user to choose from. Popularity orders candidates, never decides.
 */
import type { ExternalIds } from '@reelshelf/shared/domain';
import { titleKey } from '../../import/match';
import type { CallOptions, TmdbClient } from './client';
import type { TmdbMovieSummary, TmdbTvSummary } from './schemas';

export interface MatchQuery {
  kind: 'movie' | 'series';
  title: string;
  year?: number;
  ids?: ExternalIds;
}

export interface MatchCandidate {
  tmdbId: number;
  kind: 'movie' | 'series';
  title: string;
  originalTitle?: string;
  year?: number;
  popularity: number;
  overview?: string;
  posterPath?: string;
}

export type MatchConfidence = 'id' | 'exact' | 'fuzzy';

export type TitleMatch =
  | { tmdbId: number; confidence: MatchConfidence; candidates: MatchCandidate[] }
  /** Nothing fits well enough, or several fit equally well: the user chooses. */
  | { tmdbId: null; confidence: null; candidates: MatchCandidate[] };

/** How many candidates come back for a person to choose from. */
export const MAX_CANDIDATES = 10;

/** null when TMDb has nothing at all for the title. */
export async function matchTitle(
  client: TmdbClient,
  query: MatchQuery,
  options: CallOptions = {},
): Promise<TitleMatch | null> {
  const byId = await matchById(client, query, options);
  if (byId) return byId;

  const key = titleKey(query.title);
  if (!key) return null;
  const search = (year?: number) =>
    query.kind === 'movie'
      ? client.searchMovie(query.title, year, options).then((r) => r.results.map(fromMovie))
      : client.searchTv(query.title, year, options).then((r) => r.results.map(fromTv));

  const sameTitle = (c: MatchCandidate) =>
    titleKey(c.title) === key || (c.originalTitle !== undefined && titleKey(c.originalTitle) === key);
  const yearOff = (c: MatchCandidate) =>
    query.year === undefined ? 0 : c.year === undefined ? Infinity : Math.abs(c.year - query.year);

  let found = await search(query.year);
  let best = found.filter((c) => sameTitle(c) && yearOff(c) === 0);
  let confidence: MatchConfidence = 'exact';
  if (best.length === 0 && query.year !== undefined) {
    // TMDb's year filter is exact; a year one off needs a search without it.
    found = mergeById(found, await search());
    best = found.filter((c) => sameTitle(c) && yearOff(c) <= 1);
    confidence = 'fuzzy';
  }
  if (found.length === 0) return null;

  const candidates = [...found]
    .sort(
      (a, b) =>
        Number(sameTitle(b)) - Number(sameTitle(a)) ||
        Math.min(yearOff(a), 2) - Math.min(yearOff(b), 2) ||
        b.popularity - a.popularity,
    )
    .slice(0, MAX_CANDIDATES);
  return best.length === 1
    ? { tmdbId: best[0]!.tmdbId, confidence, candidates }
    : { tmdbId: null, confidence: null, candidates };
}

async function matchById(
  client: TmdbClient,
  query: MatchQuery,
  options: CallOptions,
): Promise<TitleMatch | undefined> {
  const ids = query.ids ?? {};
  if (ids.tmdb) return { tmdbId: ids.tmdb, confidence: 'id', candidates: [] };
  const lookups: [string, 'imdb_id' | 'tvdb_id'][] = [];
  if (ids.imdb) lookups.push([ids.imdb, 'imdb_id']);
  if (ids.tvdb) lookups.push([String(ids.tvdb), 'tvdb_id']);
  for (const [id, source] of lookups) {
    const found = await client.find(id, source, options);
    const results =
      query.kind === 'movie' ? found.movie_results.map(fromMovie) : found.tv_results.map(fromTv);
    // An id names one title; several results would mean TMDb's own data is muddled.
    if (results.length === 1) return { tmdbId: results[0]!.tmdbId, confidence: 'id', candidates: results };
  }
  return undefined;
}

function mergeById(a: MatchCandidate[], b: MatchCandidate[]): MatchCandidate[] {
  const seen = new Set(a.map((c) => c.tmdbId));
  return [...a, ...b.filter((c) => !seen.has(c.tmdbId))];
}

function fromMovie(m: TmdbMovieSummary): MatchCandidate {
  return candidate(m.id, 'movie', m.title, m.original_title, m.release_date, m);
}

function fromTv(t: TmdbTvSummary): MatchCandidate {
  return candidate(t.id, 'series', t.name, t.original_name, t.first_air_date, t);
}

function candidate(
  tmdbId: number,
  kind: 'movie' | 'series',
  title: string,
  originalTitle: string | null | undefined,
  date: string | null | undefined,
  rest: { popularity?: number | null; overview?: string | null; poster_path?: string | null },
): MatchCandidate {
  const year = date && /^\d{4}/.test(date) ? Number(date.slice(0, 4)) : undefined;
  return {
    tmdbId,
    kind,
    title,
    originalTitle: originalTitle || undefined,
    year,
    popularity: rest.popularity ?? 0,
    overview: rest.overview || undefined,
    posterPath: rest.poster_path || undefined,
  };
}
