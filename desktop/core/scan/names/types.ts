/** What a media file's name and folders say about it, before any metadata lookup. */
export interface ParsedName {
  kind: 'movie' | 'episode';
  /** Title as written (dots/underscores become spaces, release tags removed); '' when nothing is left. */
  title: string;
  year: number | null;
  season: number | null;
  /** One episode, several (`S01E01E02`, `S01E01-E03`), or none known. */
  episode: number | number[] | null;
  /** Ids written in the name (`[tmdbid-603]`, `{imdb-tt0133093}`); they beat any title match. */
  ids: { tmdb: number | null; imdb: string | null; tvdb: number | null };
  /** `{edition-Director's Cut}`, a Plex ` - Label` version, or scene words such as EXTENDED. */
  edition: string | null;
  /** Stacking: `-cd1`, `-part2`, `disc 3` → 1, 2, 3. */
  part: number | null;
  /** Air date of a date-based episode, YYYY-MM-DD. */
  date: string | null;
  isSample: boolean;
  /** Trailers, featurettes, deleted scenes…: not the feature itself. */
  isExtra: boolean;
  /** File extension in lower case (`mkv`), or null when the name has none we know. */
  container: string | null;
  /** Disc structure the file belongs to, if any. */
  disc: 'dvd' | 'bluray' | 'iso' | 'stub' | null;
  /** `2160p`, `1080p`, `1080i`, `720p`, `576p`, `480p`… from the name. */
  resolution: string | null;
}

/** What one path segment (a file name or a folder name) says on its own. */
export interface SegmentInfo {
  title: string;
  year: number | null;
  season: number | null;
  episode: number | number[] | null;
  /** True when the name held an episode marker (SxxEyy, 1x02, a date, an absolute number…). */
  hasEpisode: boolean;
  /** True when the name says a season but no episode (`Season 02`, `Show.S02.1080p`). */
  seasonOnly: boolean;
  date: string | null;
  ids: ParsedName['ids'];
  edition: string | null;
  part: number | null;
  resolution: string | null;
  isSample: boolean;
  isExtra: boolean;
  /** The name had release tags, a year or a marker: it is more than a bare word. */
  informative: boolean;
}
