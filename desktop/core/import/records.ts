/**
 * What every importer produces. A reader (Letterboxd, IMDb, Trakt, NFO, generic CSV)
 * turns the rows of a file into `ImportItem`s — one per source row, each naming a title
 * and the facts the row states about it — or `RejectedRow`s that say which file, which
 * line and why. Readers never touch the library: matching the title and writing the facts
 * (idempotently, in one transaction) is the job of `plan.ts` and `apply.ts`, the same for
 * every format.
 */
import type { CreditInput, ExternalIds, WatchStatus } from '@reelshelf/shared/domain';
import type { ImportFormat } from '@reelshelf/shared/contracts';

export { IMPORT_FORMATS, type ImportFormat } from '@reelshelf/shared/contracts';

/** Where a row came from: shown in the report and kept with an unmatched row. */
export interface SourceRef {
  /** File name as the user knows it; inside a ZIP `export.zip/diary.csv`. */
  file: string;
  /** 1-based line (CSV: the line the record starts on) or entry number for JSON arrays. */
  line: number;
  /** The original row, verbatim (CSV: header → cell; JSON: the object), for the review queue. */
  raw: unknown;
}

/** What a row says about which title it is. Ids, when present, decide; title + year otherwise. */
export interface TitleRef {
  kind: 'movie' | 'series' | 'season' | 'episode';
  /** Movie/series name; for an episode, its own name when known (not needed to match). */
  title?: string;
  year?: number;
  ids: ExternalIds;
  /** Episodes and seasons: the series they belong to, and their numbers. */
  show?: { title?: string; year?: number; ids: ExternalIds };
  season?: number;
  episode?: number;
  /** Extra data a file carries (NFO): used when the title is created, never to overwrite. */
  details?: TitleDetailsInput;
}

export interface TitleDetailsInput {
  originalTitle?: string;
  overview?: string;
  runtimeMinutes?: number;
  releaseDate?: string;
  genres?: string[];
  language?: string;
  certification?: string;
  credits?: CreditInput[];
}

/**
 * A list a row belongs to. `system` lists exist in every profile; custom lists are found
 * by name (case-insensitive) and created when missing.
 */
export type ListTarget =
  { system: 'watchlist' | 'favorites' } | { name: string; description?: string; ranked?: boolean };

export type Fact =
  /**
   * A viewing. `on` = YYYY-MM-DD or null when the date is unknown. `key` is the source's own
   * id for this viewing (Letterboxd diary entry URI, Trakt history id) when it has one:
   * re-importing the same viewing then never adds a second one even if its date changed.
   */
  | { type: 'watch'; on: string | null; key?: string; rewatch?: boolean }
  /** "Watched at some point" without a viewing of its own (Letterboxd watched.csv, IMDb ratings, playcount): adds an undated watch only if the title has none. */
  | { type: 'watched' }
  /** Half stars 0.5–5 (readers convert 1–10 scales: stars = score / 2, rounded to a half). `on` = when rated. */
  | { type: 'rating'; stars: number; on?: string }
  | { type: 'list'; list: ListTarget; position?: number; note?: string; on?: string }
  | { type: 'review'; text: string; containsSpoilers: boolean; on?: string; key?: string }
  | { type: 'tag'; tag: string }
  | { type: 'status'; status: WatchStatus }
  /** A copy the person owns (Trakt collection). Files found by the folder scan are not imported this way. */
  | { type: 'owned'; format: 'dvd' | 'blu-ray' | '4k-uhd' | 'digital-purchase'; on?: string };

export interface ImportItem {
  kind: 'item';
  source: SourceRef;
  title: TitleRef;
  facts: Fact[];
}

export interface RejectedRow {
  kind: 'rejected';
  source: SourceRef;
  /** Names the field and the problem: `Rating: "7" is not between 0.5 and 5`. */
  reason: string;
}

export type ReaderOutput = ImportItem | RejectedRow;

/** A file handed to a reader: its name (for reports and detection) and its bytes. */
export interface InputFile {
  name: string;
  bytes: Buffer;
}

/**
 * A reader for one format. `files` are the relevant files of a ZIP (already size-checked)
 * or the single file the user chose. Readers yield in file order and may be synchronous
 * generators; they must never throw for bad rows (reject them) and throw a `CoreError` only
 * when a whole file cannot be read (its message names the file).
 */
export interface Reader {
  format: ImportFormat;
  read(files: InputFile[]): Iterable<ReaderOutput>;
}
