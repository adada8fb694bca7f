/**
 * A `titles` row as plain SQL returns it (`SELECT * FROM titles`), column names as in the
 * table. Code that reads titles without drizzle (sync codecs, backups, metadata) shares it.
 */
export interface TitleRecord {
  pk: number;
  id: string;
  kind: 'movie' | 'series' | 'season' | 'episode';
  title: string;
  original_title: string | null;
  sort_title: string;
  year: number | null;
  release_date: string | null;
  runtime_minutes: number | null;
  overview: string | null;
  language: string | null;
  certification: string | null;
  tmdb_id: number | null;
  imdb_id: string | null;
  tvdb_id: number | null;
  parent_id: string | null;
  season_number: number | null;
  episode_number: number | null;
  poster_path: string | null;
  backdrop_path: string | null;
  /** JSON array of field names. */
  locked_fields: string | null;
  search_words: number;
  created_at: string;
  updated_at: string;
}
