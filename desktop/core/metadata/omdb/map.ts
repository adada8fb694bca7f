/**
 * OMDb's answers → the fields of TmdbTitleDetails that OMDb has, for enrichment to merge when
 * TMDb finds nothing; and omdbMatch, which IMDb entry a library title is, on matchTitle's terms.
 *
 * OMDb's "N/A" (and empty values) become absent, so they never replace a value the library has.
 * OMDb has no original titles, keywords, per-country ratings, providers or TMDb images; its
 * rating is the US one and its poster a full URL (`posterUrl`).
 */
import type { CreditInput } from '@reelshelf/shared/domain';
import { titleKey } from '../../import/match';
import type { TmdbTitleDetails } from '../tmdb/map';
import type { MatchConfidence, MatchQuery } from '../tmdb/match';
import { RequestError } from '../tmdb/http';
import type { OmdbCallOptions, OmdbClient, OmdbSummary, OmdbTitle } from './client';

export type OmdbTitleDetails = Pick<
  TmdbTitleDetails,
  'genres' | 'credits' | 'certification' | 'externalIds'
> &
  Partial<
    Pick<
      TmdbTitleDetails,
      'kind' | 'title' | 'overview' | 'releaseDate' | 'year' | 'runtimeMinutes' | 'language'
    >
  > & {
    /** The poster's full address (OMDb's, on Amazon's image server). */
    posterUrl?: string;
  };

/** OMDb's language names → ISO 639-1, for a title in one of these languages only. */
const LANGUAGES: Record<string, string> = {
  english: 'en',
  french: 'fr',
  german: 'de',
  spanish: 'es',
  italian: 'it',
  japanese: 'ja',
  korean: 'ko',
  chinese: 'zh',
  mandarin: 'zh',
};

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

export function mapOmdb(answer: OmdbTitle): OmdbTitleDetails {
  const releaseDate = releasedDate(answer.Released);
  const imdb = known(answer.imdbID, 20);
  const rated = known(answer.Rated, 20);
  const details: OmdbTitleDetails = {
    kind: answer.Type === 'movie' ? 'movie' : answer.Type === 'series' ? 'series' : undefined,
    title: known(answer.Title, 500),
    overview: known(answer.Plot, 20_000),
    releaseDate,
    year: firstYear(answer.Year) ?? firstYear(releaseDate),
    runtimeMinutes: minutes(answer.Runtime),
    genres: list(answer.Genre)
      .filter((g) => g.length <= 60)
      .slice(0, 30),
    language: language(answer.Language),
    externalIds: imdb && /^tt\d{7,10}$/.test(imdb) ? { imdb } : {},
    credits: credits(answer),
    certification: rated ? { US: rated } : {},
    posterUrl: posterUrl(answer.Poster),
  };
  // Absent, not undefined: spread over details the library has, it must not blank them.
  return Object.fromEntries(
    Object.entries(details).filter(([, value]) => value !== undefined),
  ) as OmdbTitleDetails;
}

// ---- Pieces ----

function credits(answer: OmdbTitle): CreditInput[] {
  const cast: CreditInput[] = people(answer.Actors).map((name, order) => ({
    role: 'cast',
    person: { name },
    order,
  }));
  const crew = (value: string | undefined, job: string, department: string): CreditInput[] =>
    people(value).map((name) => ({ role: 'crew', person: { name }, job, department }));
  return [
    ...cast,
    ...crew(answer.Director, 'Director', 'Directing'),
    ...crew(answer.Writer, 'Writer', 'Writing'),
  ];
}

/** "Andrei Tarkovsky (screenplay), Fridrikh Gorenshteyn (screenplay)" → the names, once each. */
function people(value: string | undefined): string[] {
  return [
    ...new Set(
      list(value)
        .map((entry) => entry.replace(/\s*\([^)]*\)/g, '').trim())
        .filter((name) => name && name.length <= 300 && name !== 'N/A'),
    ),
  ];
}

/** "Action, Sci-Fi" → ["Action", "Sci-Fi"]; "N/A" → []. */
function list(value: string | undefined): string[] {
  const items = (value ?? '').split(',').map((item) => known(item, 100_000));
  return [...new Set(items.filter((item): item is string => item !== undefined))];
}

/** The value, unless OMDb says it does not know it. */
function known(value: string | undefined, max: number): string | undefined {
  const trimmed = value?.trim();
  return trimmed && trimmed.toUpperCase() !== 'N/A' ? trimmed.slice(0, max) : undefined;
}

/** "31 Mar 1999" → "1999-03-31". */
function releasedDate(value: string | undefined): string | undefined {
  const m = known(value, 40)?.match(/^(\d{1,2}) ([A-Za-z]{3}) (\d{4})$/);
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[2]!.toLowerCase()) + 1;
  if (month === 0) return undefined;
  const iso = `${m[3]}-${String(month).padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : undefined;
}

/** "1999", "2016–2022", "2016–" → the first year, when plausible. */
function firstYear(value: string | undefined): number | undefined {
  const m = known(value, 40)?.match(/^(\d{4})/);
  const year = m ? Number(m[1]) : undefined;
  return year && year >= 1870 && year <= 2200 ? year : undefined;
}

/** "136 min", "1 h 30 min", "2h" → minutes. */
function minutes(value: string | undefined): number | undefined {
  const m = known(value, 40)?.match(/^(?:(\d+)\s*h(?:ours?|rs?)?)?\s*(?:(\d+)\s*min)?$/i);
  if (!m || (m[1] === undefined && m[2] === undefined)) return undefined;
  const total = Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
  return total > 0 && total <= 100_000 ? total : undefined;
}

/** One well-known language → its code; several, or another, → absent. */
function language(value: string | undefined): string | undefined {
  const languages = list(value);
  return languages.length === 1 ? LANGUAGES[languages[0]!.toLowerCase()] : undefined;
}

function posterUrl(value: string | undefined): string | undefined {
  const url = known(value, 2_000);
  return url && /^https?:\/\//.test(url) ? url : undefined;
}

// ---- Matching ----

export interface OmdbCandidate {
  imdbId: string;
  kind: 'movie' | 'series';
  title: string;
  year?: number;
  posterUrl?: string;
}

export type OmdbMatch =
  | { imdbId: string; confidence: MatchConfidence; candidates: OmdbCandidate[] }
  /** Nothing fits well enough, or several fit equally well: the user chooses. */
  | { imdbId: null; confidence: null; candidates: OmdbCandidate[] };

/**
 * Which OMDb (IMDb) entry a library title is, on matchTitle's terms (../tmdb/match.ts):
 *
 * 1. An IMDb id whose entry is of the title's kind is an `id` match (one request). An id
 *    OMDb does not know, or of another kind, falls through to the search.
 * 2. Search with the year: exactly one result with the same normalised title (`titleKey`)
 *    and year → `exact` (without a year: exactly one with the same title).
 * 3. Otherwise, with a year, search the year before and the year after (OMDb's year filter
 *    is exact): exactly one result with the same title a year off → `fuzzy`.
 * 4. Anything else is not guessed; the results come back as candidates (at most 10), same
 *    title first, then nearest year, then OMDb's order. null when OMDb has nothing at all.
 *    When the searches by year find nothing, one search without the year looks for candidates.
 *
 * Failures (offline, bad key, rate limited) are thrown as the client's RequestErrors.
 */
export async function omdbMatch(
  client: OmdbClient,
  query: MatchQuery,
  options: OmdbCallOptions = {},
): Promise<OmdbMatch | null> {
  const byId = await matchById(client, query, options);
  if (byId) return byId;

  const key = titleKey(query.title);
  // OMDb searches by words: a title of punctuation alone cannot be searched for.
  if (!key || !/[\p{L}\p{N}]/u.test(query.title)) return null;
  const search = async (year?: number) =>
    (await client.search(query.title, year, query.kind, options)).results.flatMap((s) =>
      candidate(s, query.kind),
    );
  const sameTitle = (c: OmdbCandidate) => titleKey(c.title) === key;
  const yearOff = (c: OmdbCandidate) =>
    query.year === undefined ? 0 : c.year === undefined ? Infinity : Math.abs(c.year - query.year);

  let found = await search(query.year);
  let best = found.filter((c) => sameTitle(c) && yearOff(c) === 0);
  let confidence: MatchConfidence = 'exact';
  if (best.length === 0 && query.year !== undefined) {
    found = mergeById(found, await search(query.year - 1), await search(query.year + 1));
    best = found.filter((c) => sameTitle(c) && yearOff(c) <= 1);
    confidence = 'fuzzy';
    if (found.length === 0) found = await search();
  }
  if (found.length === 0) return null;

  const candidates = found
    .map((c, i) => ({ c, i }))
    .sort(
      (a, b) =>
        Number(sameTitle(b.c)) - Number(sameTitle(a.c)) ||
        Math.min(yearOff(a.c), 2) - Math.min(yearOff(b.c), 2) ||
        a.i - b.i,
    )
    .map(({ c }) => c)
    .slice(0, MAX_OMDB_CANDIDATES);
  return best.length === 1
    ? { imdbId: best[0]!.imdbId, confidence, candidates }
    : { imdbId: null, confidence: null, candidates };
}

/** How many candidates come back for a person to choose from. */
export const MAX_OMDB_CANDIDATES = 10;

async function matchById(
  client: OmdbClient,
  query: MatchQuery,
  options: OmdbCallOptions,
): Promise<OmdbMatch | undefined> {
  const imdb = query.ids?.imdb;
  if (!imdb) return undefined;
  try {
    const title = await client.byImdbId(imdb, options);
    const found = candidate(title, query.kind);
    return found.length === 1 ? { imdbId: found[0]!.imdbId, confidence: 'id', candidates: found } : undefined;
  } catch (error) {
    if (error instanceof RequestError && error.failure === 'not-found') return undefined;
    throw error;
  }
}

/** A search result (or title) of the kind asked for; none for other kinds (episodes, games). */
function candidate(s: OmdbSummary, kind: 'movie' | 'series'): OmdbCandidate[] {
  if (s.Type !== kind || !/^tt\d{7,10}$/.test(s.imdbID)) return [];
  const title = known(s.Title, 500);
  if (!title) return [];
  const year = firstYear(s.Year);
  const poster = posterUrl(s.Poster);
  return [
    {
      imdbId: s.imdbID,
      kind,
      title,
      ...(year !== undefined && { year }),
      ...(poster !== undefined && { posterUrl: poster }),
    },
  ];
}

function mergeById(...lists: OmdbCandidate[][]): OmdbCandidate[] {
  const seen = new Set<string>();
  return lists.flat().filter((c) => !seen.has(c.imdbId) && !!seen.add(c.imdbId));
}
