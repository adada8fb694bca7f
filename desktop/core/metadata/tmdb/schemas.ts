/**
 * The parts of TMDb's v3 answers Reelshelf reads. Fields TMDb documents as possibly missing or
 * null are nullish here, so a sparse entry (a new film, a local series) still enriches; what
 * we cannot do without (ids, names) is required, so a broken answer is reported, not stored.
 * Unknown fields are dropped.
 */
import { z } from 'zod';

const text = z.string().nullish();
const count = z.number().nullish();

const Named = z.object({ id: z.number().int(), name: z.string() });

export const TmdbMovieSummary = z.object({
  id: z.number().int(),
  title: z.string(),
  original_title: text,
  original_language: text,
  /** "" when TMDb does not know it. */
  release_date: text,
  overview: text,
  popularity: count,
  vote_count: count,
  poster_path: text,
});
export type TmdbMovieSummary = z.output<typeof TmdbMovieSummary>;

export const TmdbTvSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  original_name: text,
  original_language: text,
  first_air_date: text,
  overview: text,
  popularity: count,
  vote_count: count,
  poster_path: text,
});
export type TmdbTvSummary = z.output<typeof TmdbTvSummary>;

const page = <T extends z.ZodType>(item: T) =>
  z.object({
    page: z.number().int(),
    results: z.array(item),
    total_results: z.number().int(),
    total_pages: z.number().int(),
  });

export const TmdbMovieSearch = page(TmdbMovieSummary);
export type TmdbMovieSearch = z.output<typeof TmdbMovieSearch>;
export const TmdbTvSearch = page(TmdbTvSummary);
export type TmdbTvSearch = z.output<typeof TmdbTvSearch>;

export const TmdbCast = z.object({
  id: z.number().int(),
  name: z.string(),
  character: text,
  order: z.number().int().nullish(),
  profile_path: z.string().nullish(),
});
export const TmdbCrew = z.object({
  id: z.number().int(),
  name: z.string(),
  job: z.string(),
  department: text,
  profile_path: z.string().nullish(),
});
const Credits = z.object({ cast: z.array(TmdbCast).default([]), crew: z.array(TmdbCrew).default([]) });

export const TmdbImage = z.object({
  file_path: z.string(),
  iso_639_1: z.string().nullish(),
  width: z.number().int(),
  height: z.number().int(),
  vote_average: count,
  vote_count: count,
});
export type TmdbImage = z.output<typeof TmdbImage>;
const Images = z.object({
  posters: z.array(TmdbImage).default([]),
  backdrops: z.array(TmdbImage).default([]),
});

const Provider = z.object({ provider_name: z.string() });
const WatchProviders = z.object({
  results: z.record(
    z.string(),
    z.object({
      flatrate: z.array(Provider).nullish(),
      rent: z.array(Provider).nullish(),
      buy: z.array(Provider).nullish(),
    }),
  ),
});

const ExternalIds = z.object({ imdb_id: text, tvdb_id: z.number().int().nullish() });

const common = {
  id: z.number().int(),
  overview: text,
  original_language: text,
  genres: z.array(Named).default([]),
  popularity: count,
  poster_path: text,
  credits: Credits.optional(),
  external_ids: ExternalIds.optional(),
  images: Images.optional(),
  'watch/providers': WatchProviders.optional(),
};

export const TmdbMovieDetails = z.object({
  ...common,
  title: z.string(),
  original_title: text,
  release_date: text,
  runtime: z.number().int().nullish(),
  imdb_id: text,
  keywords: z.object({ keywords: z.array(Named).default([]) }).optional(),
  release_dates: z
    .object({
      results: z.array(
        z.object({
          iso_3166_1: z.string(),
          release_dates: z.array(z.object({ certification: z.string().nullish(), type: z.number().int() })),
        }),
      ),
    })
    .optional(),
});
export type TmdbMovieDetails = z.output<typeof TmdbMovieDetails>;

export const TmdbTvDetails = z.object({
  ...common,
  name: z.string(),
  original_name: text,
  first_air_date: text,
  episode_run_time: z.array(z.number().int()).default([]),
  last_episode_to_air: z.object({ runtime: z.number().int().nullish() }).nullish(),
  created_by: z.array(Named).default([]),
  // TV keywords come under "results", movie keywords under "keywords".
  keywords: z.object({ results: z.array(Named).default([]) }).optional(),
  content_ratings: z
    .object({ results: z.array(z.object({ iso_3166_1: z.string(), rating: z.string().nullish() })) })
    .optional(),
});
export type TmdbTvDetails = z.output<typeof TmdbTvDetails>;

export const TmdbSeason = z.object({
  id: z.number().int(),
  season_number: z.number().int(),
  name: text,
  air_date: text,
  episodes: z.array(
    z.object({
      id: z.number().int(),
      season_number: z.number().int(),
      episode_number: z.number().int(),
      name: text,
      overview: text,
      air_date: text,
      runtime: z.number().int().nullish(),
      still_path: text,
    }),
  ),
});
export type TmdbSeason = z.output<typeof TmdbSeason>;

export const TmdbFind = z.object({
  movie_results: z.array(TmdbMovieSummary).default([]),
  tv_results: z.array(TmdbTvSummary).default([]),
});
export type TmdbFind = z.output<typeof TmdbFind>;

export const TmdbConfiguration = z.object({
  images: z.object({
    base_url: z.string(),
    secure_base_url: z.string(),
    backdrop_sizes: z.array(z.string()),
    logo_sizes: z.array(z.string()).default([]),
    poster_sizes: z.array(z.string()),
    profile_sizes: z.array(z.string()).default([]),
    still_sizes: z.array(z.string()).default([]),
  }),
});
export type TmdbConfiguration = z.output<typeof TmdbConfiguration>;
