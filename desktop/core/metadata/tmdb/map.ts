/**
 * TMDb's answers → what the library stores. The output fits the shared domain schemas
 * (TitleInput, CreditInput): values TMDb uses for "unknown" ("" dates, runtime 0, language
 * "xx") become absent, so enrichment never writes a placeholder over a real value.
 */
import type { CreditInput, ExternalIds } from '@reelshelf/shared/domain';
import type { TmdbConfiguration, TmdbImage, TmdbMovieDetails, TmdbSeason, TmdbTvDetails } from './schemas';

export interface ImageRef {
  path: string;
  /** ISO 639-1; null for an image without text. */
  language: string | null;
  width: number;
  height: number;
  vote: number;
  votes: number;
}

export interface WatchProviderNames {
  flatrate: string[];
  rent: string[];
  buy: string[];
}

export interface TmdbTitleDetails {
  kind: 'movie' | 'series';
  title: string;
  originalTitle?: string;
  overview?: string;
  releaseDate?: string;
  year?: number;
  runtimeMinutes?: number;
  genres: string[];
  language?: string;
  externalIds: ExternalIds;
  /** Cast in billing order (top 30), then the crew jobs people look for. */
  credits: CreditInput[];
  /** Photos of the people in the credits, by TMDb person id (served as `profile` artwork). */
  profiles: { tmdbId: number; path: string }[];
  keywords: string[];
  /** Country (ISO 3166-1) → rating, e.g. {US: 'R', DE: '16'}. */
  certification: Record<string, string>;
  /** Region → provider names by kind of offer. */
  watchProviders: Record<string, WatchProviderNames>;
  images: { posters: ImageRef[]; backdrops: ImageRef[] };
}

export interface EpisodeDetails {
  seasonNumber: number;
  episodeNumber: number;
  title: string;
  overview?: string;
  airDate?: string;
  runtimeMinutes?: number;
  stillPath?: string;
}

export const TOP_CAST = 30;

/** The crew jobs kept, in the order they are listed. */
export const CREW_JOBS = [
  'Creator',
  'Director',
  'Writer',
  'Screenplay',
  'Original Music Composer',
  'Director of Photography',
] as const;

/** release_dates types: 3 is the theatrical release, whose rating is the one people quote. */
const THEATRICAL = 3;

export function mapMovie(movie: TmdbMovieDetails): TmdbTitleDetails {
  const releaseDate = isoDate(movie.release_date);
  return {
    kind: 'movie',
    title: clean(movie.title, 500) ?? clean(movie.original_title, 500) ?? `TMDb movie ${movie.id}`,
    originalTitle: clean(movie.original_title, 500),
    overview: clean(movie.overview, 20_000),
    releaseDate,
    year: yearOf(releaseDate),
    runtimeMinutes: positive(movie.runtime),
    genres: genres(movie.genres),
    language: languageCode(movie.original_language),
    externalIds: externalIds(movie.id, movie.external_ids?.imdb_id ?? movie.imdb_id, undefined),
    credits: credits(movie.credits, []),
    profiles: profiles(movie.credits),
    keywords: names(movie.keywords?.keywords ?? []),
    certification: movieCertifications(movie.release_dates?.results ?? []),
    watchProviders: watchProviders(movie['watch/providers']?.results ?? {}),
    images: images(movie.images),
  };
}

export function mapTv(tv: TmdbTvDetails): TmdbTitleDetails {
  const releaseDate = isoDate(tv.first_air_date);
  const certification: Record<string, string> = {};
  for (const r of tv.content_ratings?.results ?? []) {
    const rating = clean(r.rating, 20);
    if (rating) certification[r.iso_3166_1.toUpperCase()] = rating;
  }
  return {
    kind: 'series',
    title: clean(tv.name, 500) ?? clean(tv.original_name, 500) ?? `TMDb series ${tv.id}`,
    originalTitle: clean(tv.original_name, 500),
    overview: clean(tv.overview, 20_000),
    releaseDate,
    year: yearOf(releaseDate),
    // episode_run_time is empty for most newer series; the latest episode's runtime is the next best.
    runtimeMinutes: positive(tv.episode_run_time[0]) ?? positive(tv.last_episode_to_air?.runtime),
    genres: genres(tv.genres),
    language: languageCode(tv.original_language),
    externalIds: externalIds(tv.id, tv.external_ids?.imdb_id, tv.external_ids?.tvdb_id),
    credits: credits(tv.credits, tv.created_by),
    profiles: profiles(tv.credits),
    keywords: names(tv.keywords?.results ?? []),
    certification,
    watchProviders: watchProviders(tv['watch/providers']?.results ?? {}),
    images: images(tv.images),
  };
}

export function mapSeason(season: TmdbSeason): EpisodeDetails[] {
  return season.episodes
    .map((e) => ({
      seasonNumber: e.season_number,
      episodeNumber: e.episode_number,
      title: clean(e.name, 500) ?? `Episode ${e.episode_number}`,
      overview: clean(e.overview, 20_000),
      airDate: isoDate(e.air_date),
      runtimeMinutes: positive(e.runtime),
      stillPath: clean(e.still_path, 500),
    }))
    .sort((a, b) => a.episodeNumber - b.episodeNumber);
}

/**
 * The poster to show for a language: one in that language, else one without text, else the
 * best voted of the rest. Within each group the best voted wins.
 */
export function bestPoster(posters: readonly ImageRef[], language: string): ImageRef | undefined {
  const own = language.split('-')[0]!.toLowerCase();
  const group = (image: ImageRef) => (image.language === own ? 0 : image.language === null ? 1 : 2);
  return [...posters].sort(
    (a, b) => group(a) - group(b) || b.vote - a.vote || b.votes - a.votes || b.width - a.width,
  )[0];
}

/** The address of an image at a size from configuration() ("original" is always there). */
export function imageUrl(config: TmdbConfiguration, path: string, size = 'original'): string {
  const sizes = [
    ...config.images.poster_sizes,
    ...config.images.backdrop_sizes,
    ...config.images.still_sizes,
  ];
  const known = size === 'original' || sizes.includes(size);
  return `${config.images.secure_base_url.replace(/\/+$/, '')}/${known ? size : 'original'}${path}`;
}

// ---- Pieces ----

function profiles(tmdb: TmdbMovieDetails['credits']): TmdbTitleDetails['profiles'] {
  const byId = new Map<number, string>();
  for (const p of [...(tmdb?.cast ?? []), ...(tmdb?.crew ?? [])]) {
    const path = clean(p.profile_path, 300);
    if (path && !byId.has(p.id)) byId.set(p.id, path);
  }
  return [...byId].map(([tmdbId, path]) => ({ tmdbId, path }));
}

function credits(
  tmdb: TmdbMovieDetails['credits'],
  creators: readonly { id: number; name: string }[],
): CreditInput[] {
  const cast: CreditInput[] = [...(tmdb?.cast ?? [])]
    .map((c, i) => ({ c, order: c.order ?? Number.MAX_SAFE_INTEGER, i }))
    .sort((a, b) => a.order - b.order || a.i - b.i)
    .flatMap(({ c }) => {
      const name = clean(c.name, 300);
      return name ? [{ c, name }] : [];
    })
    .slice(0, TOP_CAST)
    .map(({ c, name }, order) => ({
      role: 'cast',
      person: { name, tmdbId: c.id },
      character: clean(c.character, 300),
      order,
    }));

  const crew = [
    ...creators.map((p) => ({ ...p, job: 'Creator', department: 'Writing' })),
    ...(tmdb?.crew ?? []),
  ];
  const seen = new Set<string>();
  const kept: CreditInput[] = [];
  for (const job of CREW_JOBS) {
    for (const c of crew) {
      const name = clean(c.name, 300);
      if (c.job !== job || !name || seen.has(`${c.id}|${job}`)) continue;
      seen.add(`${c.id}|${job}`);
      kept.push({
        role: 'crew',
        person: { name, tmdbId: c.id },
        job,
        department: clean(c.department, 100),
      });
    }
  }
  return [...cast, ...kept];
}

function movieCertifications(
  countries: NonNullable<TmdbMovieDetails['release_dates']>['results'],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const country of countries) {
    const rated = country.release_dates
      .map((r) => ({ type: r.type, certification: clean(r.certification, 20) }))
      .filter((r): r is { type: number; certification: string } => !!r.certification)
      // Theatrical first, then the other releases in TMDb's type order (premiere, limited, digital, …).
      .sort((a, b) => Number(b.type === THEATRICAL) - Number(a.type === THEATRICAL) || a.type - b.type);
    if (rated[0]) out[country.iso_3166_1.toUpperCase()] = rated[0].certification;
  }
  return out;
}

function watchProviders(
  regions: NonNullable<TmdbMovieDetails['watch/providers']>['results'],
): Record<string, WatchProviderNames> {
  const out: Record<string, WatchProviderNames> = {};
  for (const [region, offers] of Object.entries(regions)) {
    const list = (providers: { provider_name: string }[] | null | undefined) => [
      ...new Set((providers ?? []).map((p) => p.provider_name.trim()).filter(Boolean)),
    ];
    const names = { flatrate: list(offers.flatrate), rent: list(offers.rent), buy: list(offers.buy) };
    if (names.flatrate.length + names.rent.length + names.buy.length > 0) out[region.toUpperCase()] = names;
  }
  return out;
}

function images(tmdb: TmdbMovieDetails['images']): TmdbTitleDetails['images'] {
  const ref = (i: TmdbImage): ImageRef => ({
    path: i.file_path,
    language: i.iso_639_1 ?? null,
    width: i.width,
    height: i.height,
    vote: i.vote_average ?? 0,
    votes: i.vote_count ?? 0,
  });
  return { posters: (tmdb?.posters ?? []).map(ref), backdrops: (tmdb?.backdrops ?? []).map(ref) };
}

function externalIds(
  tmdb: number,
  imdb: string | null | undefined,
  tvdb: number | null | undefined,
): ExternalIds {
  const ids: ExternalIds = { tmdb };
  const imdbId = imdb?.trim();
  if (imdbId && /^tt\d{7,10}$/.test(imdbId)) ids.imdb = imdbId;
  if (tvdb && tvdb > 0) ids.tvdb = tvdb;
  return ids;
}

function genres(list: readonly { name: string }[]): string[] {
  return names(list)
    .filter((g) => g.length <= 60)
    .slice(0, 30);
}

function names(list: readonly { name: string }[]): string[] {
  return [...new Set(list.map((item) => item.name.trim()).filter(Boolean))];
}

function clean(value: string | null | undefined, max: number): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed.slice(0, max) : undefined;
}

function positive(n: number | null | undefined): number | undefined {
  return n && n > 0 ? n : undefined;
}

function isoDate(value: string | null | undefined): string | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value ? value : undefined;
}

function yearOf(date: string | undefined): number | undefined {
  const year = date ? Number(date.slice(0, 4)) : undefined;
  return year && year >= 1870 && year <= 2200 ? year : undefined;
}

/** TMDb's "xx" means no language. */
function languageCode(code: string | null | undefined): string | undefined {
  const c = code?.trim().toLowerCase();
  return c && c !== 'xx' && /^[a-z]{2,3}$/.test(c) ? c : undefined;
}
