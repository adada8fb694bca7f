import { z } from 'zod';
import { Id, IsoDate } from '../domain';
import type { TitleSummary } from './commands';

/**
 * Read-mostly views the UI builds screens from: charts for the stats page, a series'
 * episode guide and "next up", placeholder discovery rows and similar titles.
 */
export const libraryViewCommandInputs = {
  /** Only watches on or after `since` count (undated watches then count nowhere). */
  'stats.charts': z.object({ since: IsoDate.optional() }).default({}),
  'series.episodes': z.object({ seriesId: Id }),
  /** One watch for every episode of the season not watched yet: on `on`, today, or with no date. */
  'series.markSeasonWatched': z
    .object({ seasonId: Id, on: IsoDate.optional(), dateUnknown: z.boolean().default(false) })
    .refine((o) => !(o.dateUnknown && o.on !== undefined), {
      message: 'give a date or dateUnknown, not both',
      path: ['dateUnknown'],
    }),
  'series.nextUp': z.object({ limit: z.number().int().min(1).max(500).default(20) }).default({ limit: 20 }),
  'discover.rows': z.object({}).default({}),
  'catalog.similar': z.object({ id: Id, limit: z.number().int().min(1).max(100).default(12) }),
} satisfies Record<string, z.ZodType>;

export interface MonthWatchTime {
  /** YYYY-MM */
  month: string;
  minutes: number;
  watches: number;
}

export interface WatchStreaks {
  /** Days in a row up to today, or up to yesterday when nothing is logged today yet; 0 otherwise. */
  currentDays: number;
  longestDays: number;
  /** YYYY-MM-DD; null when there is no dated watch. The most recent run wins a tie. */
  longestFrom: string | null;
  longestTo: string | null;
}

export interface StatsCharts {
  watchTimeByMonth: MonthWatchTime[];
  streaks: WatchStreaks;
  genres: { genre: string; titles: number; watches: number }[];
  /** decade: 1990 for 1990–1999. */
  decades: { decade: number; titles: number; watches: number }[];
  topDirectors: ChartPerson[];
  topActors: ChartPerson[];
  collectionByFormat: { format: string; copies: number }[];
}

export interface ChartPerson {
  personId: string;
  name: string;
  /** Distinct watched films and series (an episode counts as its series). */
  titles: number;
  watches: number;
}

export interface EpisodeEntry {
  id: string;
  episodeNumber: number | null;
  title: string;
  /** YYYY-MM-DD */
  airDate: string | null;
  watched: boolean;
  watchCount: number;
}

export interface SeasonEntry {
  id: string;
  seasonNumber: number | null;
  title: string;
  episodes: EpisodeEntry[];
  watchedCount: number;
  episodeCount: number;
}

export interface NextEpisode {
  episodeId: string;
  seasonNumber: number | null;
  episodeNumber: number | null;
  title: string;
}

export interface SeriesEpisodes {
  series: { id: string; title: string; year: number | null };
  /** Season order; specials (season 0) last. */
  seasons: SeasonEntry[];
  nextUp: NextEpisode | null;
}

export interface NextUpEntry {
  seriesId: string;
  seriesTitle: string;
  episodeId: string;
  seasonNumber: number | null;
  episodeNumber: number | null;
  episodeTitle: string;
}

/** Stable keys the UI translates into a row heading. */
export const DISCOVER_REASONS = [
  'owned-unwatched',
  'watchlist',
  'top-rated-rewatch',
  'popular-unwatched',
] as const;
export type DiscoverReason = (typeof DISCOVER_REASONS)[number];

export interface DiscoverRow {
  id: string;
  reason: DiscoverReason;
  titles: TitleSummary[];
}

export interface LibraryViewCommandResults {
  'stats.charts': StatsCharts;
  'series.episodes': SeriesEpisodes;
  'series.markSeasonWatched': SeriesEpisodes;
  'series.nextUp': NextUpEntry[];
  'discover.rows': { rows: DiscoverRow[] };
  'catalog.similar': TitleSummary[];
}
