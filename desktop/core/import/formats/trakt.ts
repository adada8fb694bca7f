/**
 * Trakt's data export: a ZIP of JSON arrays in the shapes of the Trakt API v2 (or one of
 * those files on its own). Which files are read is decided by a whitelist of names, because
 * the same ZIP holds account files (settings, profile) with the user's e-mail address: those
 * are never decompressed, let alone parsed.
 */
import { z } from 'zod';
import type { ExternalIds } from '@reelshelf/shared/domain';
import type { Fact, InputFile, ListTarget, Reader, RejectedRow, TitleRef } from '../records';

type Role = 'history' | 'ratings' | 'watchlist' | 'list' | 'list-index' | 'collection';

/** Lower-case file names, without folders. Split files (`watched-history-2.json`) carry a number. */
const DATA_FILES: [RegExp, Role][] = [
  [/^watched-history(-\d+)?\.json$/, 'history'],
  [/^ratings-(movies|shows|seasons|episodes)(-\d+)?\.json$/, 'ratings'],
  [/^watchlist(-(movies|shows|seasons|episodes))?(-\d+)?\.json$/, 'watchlist'],
  // Trakt's own export names the watchlist as one of the lists; it is the watchlist all the same.
  [/^lists-watchlist(-\d+)?\.json$/, 'watchlist'],
  [/^lists(-lists)?(-\d+)?\.json$/, 'list-index'],
  [/^lists-[a-z0-9][a-z0-9_-]*\.json$/, 'list'],
  [/^collection-(movies|shows)(-\d+)?\.json$/, 'collection'],
];

function baseName(name: string): string {
  return name.split(/[\\/]/).pop() ?? name;
}

function roleOf(name: string): Role | null {
  const base = baseName(name).toLowerCase();
  return DATA_FILES.find(([pattern]) => pattern.test(base))?.[1] ?? null;
}

/** Which entries of an export to read; everything else (account data above all) stays compressed. */
export function traktFiles(names: string[]): { read: string[]; skipped: string[] } {
  const read: string[] = [];
  const skipped: string[] = [];
  for (const name of names) (roleOf(name) ? read : skipped).push(name);
  return { read, skipped };
}

// ---- entry shapes (Trakt API v2) -------------------------------------------------------------

const Ids = z.record(z.string(), z.unknown()).nullish();
const Movie = z.object({ title: z.string().nullish(), year: z.number().nullish(), ids: Ids });
const Show = Movie;
const Season = z.object({ number: z.number().int().min(0), ids: Ids });
const Episode = z.object({
  season: z.number().int().min(0),
  number: z.number().int().min(0),
  title: z.string().nullish(),
  ids: Ids,
});

const Timestamp = z.string().refine((s) => toUtcDate(s) !== null, 'is not a date');
const Rank = z.number().int().nullish();
const Media = z.object({
  type: z.enum(['movie', 'show', 'season', 'episode', 'person', 'list']),
  movie: Movie.nullish(),
  show: Show.nullish(),
  season: Season.nullish(),
  episode: Episode.nullish(),
});

const History = Media.extend({
  id: z.number().int().nullish(),
  watched_at: Timestamp,
  type: z.enum(['movie', 'episode']),
});
const Rating = Media.extend({
  rated_at: Timestamp,
  rating: z.number().int().min(1).max(10),
});
const Listed = Media.extend({
  rank: Rank,
  listed_at: Timestamp.nullish(),
  notes: z.string().nullish(),
});
const CollectedMovie = z.object({
  collected_at: Timestamp.nullish(),
  movie: Movie,
  metadata: z.record(z.string(), z.unknown()).nullish(),
});
const CollectedShow = z.object({
  last_collected_at: Timestamp.nullish(),
  show: Show,
  seasons: z.array(
    z.object({
      number: z.number().int().min(0),
      episodes: z.array(
        z.object({
          number: z.number().int().min(0),
          collected_at: Timestamp.nullish(),
          metadata: z.record(z.string(), z.unknown()).nullish(),
        }),
      ),
    }),
  ),
});
const ListInfo = z.object({
  name: z.string().trim().min(1),
  description: z.string().nullish(),
  display_numbers: z.boolean().nullish(),
  ids: z.object({ slug: z.string().nullish() }).nullish(),
});

// ---- reading -------------------------------------------------------------------------------

export const traktReader: Reader = {
  format: 'trakt',
  *read(files) {
    const single = files.length === 1;
    const chosen = files.flatMap((file) => {
      const role = roleOf(file.name) ?? (single && !isAccountFile(file.name) ? sniffRole(file) : null);
      return role ? [{ file, role }] : [];
    });
    // List names live in their own file, which may come after the lists themselves.
    const lists = new Map<string, ListTarget & { name: string }>();
    for (const { file, role } of chosen) {
      if (role !== 'list-index') continue;
      const parsed = parseArray(file);
      if (!Array.isArray(parsed)) {
        yield parsed;
        continue;
      }
      for (const entry of parsed) {
        const info = ListInfo.safeParse(entry);
        const slug = info.data?.ids?.slug ?? (info.data ? slugOf(info.data.name) : null);
        if (!info.success || !slug) continue;
        lists.set(slug.toLowerCase(), {
          name: info.data.name,
          ...(info.data.description ? { description: info.data.description } : {}),
          ...(info.data.display_numbers != null ? { ranked: info.data.display_numbers } : {}),
        });
      }
    }
    for (const { file, role } of chosen) {
      if (role === 'list-index') continue;
      const entries = parseArray(file);
      if (!Array.isArray(entries)) {
        yield entries;
        continue;
      }
      const target = role === 'list' ? listTargetOf(file.name, lists) : null;
      for (let i = 0; i < entries.length; i++) {
        const source = { file: file.name, line: i + 1, raw: entries[i] };
        for (const result of readEntry(role, entries[i], target)) {
          yield typeof result === 'string'
            ? { kind: 'rejected', source, reason: `entry ${i + 1}: ${result}` }
            : { kind: 'item', source, title: result.title, facts: result.facts };
        }
      }
    }
  },
};

/** A single JSON file that looks like a Trakt export file (history, ratings, a list, the collection). */
export function detectTrakt(file: InputFile): boolean {
  return !isAccountFile(file.name) && (roleOf(file.name) !== null || sniffRole(file) !== null);
}

function isAccountFile(name: string): boolean {
  return /^(user|account|settings|profile)\b/i.test(baseName(name));
}

function sniffRole(file: InputFile): Role | null {
  // Every file the person picks is sniffed: a CSV must not be decoded whole to learn it is not JSON.
  if (!decode(file.bytes.subarray(0, 1_024)).trimStart().startsWith('[')) return null;
  const text = decode(file.bytes);
  let first: unknown;
  try {
    first = (JSON.parse(text) as unknown[])[0];
  } catch {
    return null;
  }
  if (typeof first !== 'object' || first === null) return null;
  const has = (key: string) => key in first;
  if (!['movie', 'show', 'episode', 'season'].some(has)) return null;
  if (has('watched_at')) return 'history';
  if (has('rated_at')) return 'ratings';
  if (has('listed_at')) return /watchlist/i.test(baseName(file.name)) ? 'watchlist' : 'list';
  if (has('collected_at') || has('last_collected_at')) return 'collection';
  return null;
}

function decode(bytes: Buffer): string {
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

function parseArray(file: InputFile): unknown[] | RejectedRow {
  const name = baseName(file.name);
  const reject = (line: number, reason: string): RejectedRow => ({
    kind: 'rejected',
    source: { file: file.name, line, raw: null },
    reason,
  });
  const text = decode(file.bytes);
  if (!text.trim()) return reject(1, `${name} is empty`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const line = position ? text.slice(0, Number(position[1])).split('\n').length : 1;
    return reject(line, `${name} is not valid JSON; it may be damaged or cut off (${message})`);
  }
  if (!Array.isArray(parsed))
    return reject(1, `${name} is not a Trakt export file: expected a list of entries`);
  return parsed;
}

function slugOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** `lists-<slug>.json` → the list's name from the index, or a name made from the slug. */
function listTargetOf(fileName: string, lists: Map<string, ListTarget & { name: string }>): ListTarget {
  const stem = baseName(fileName)
    .toLowerCase()
    .replace(/\.json$/, '');
  const slug = stem.replace(/^lists-/, '');
  const known = lists.get(slug) ?? lists.get(slug.replace(/-\d+$/, ''));
  if (known) return known;
  const words = slug.replace(/[-_]+/g, ' ').trim() || stem;
  return { name: words.charAt(0).toUpperCase() + words.slice(1) };
}

type EntryResult = { title: TitleRef; facts: Fact[] } | string;

function readEntry(role: Role, entry: unknown, list: ListTarget | null): EntryResult[] {
  switch (role) {
    case 'history':
      return [readHistory(entry)];
    case 'ratings':
      return [readRating(entry)];
    case 'watchlist':
      return [readListed(entry, { system: 'watchlist' })];
    case 'list':
      return [readListed(entry, list ?? { name: 'Trakt list' })];
    case 'collection':
      return readCollected(entry);
    case 'list-index':
      return [];
  }
}

function readHistory(entry: unknown): EntryResult {
  const parsed = History.safeParse(entry, { reportInput: true });
  if (!parsed.success) return describe(parsed.error);
  const title = titleOf(parsed.data);
  if (typeof title === 'string') return title;
  const key = parsed.data.id != null ? { key: `trakt:history:${parsed.data.id}` } : {};
  return { title, facts: [{ type: 'watch', on: toUtcDate(parsed.data.watched_at), ...key }] };
}

function readRating(entry: unknown): EntryResult {
  const parsed = Rating.safeParse(entry, { reportInput: true });
  if (!parsed.success) return describe(parsed.error);
  const title = titleOf(parsed.data);
  if (typeof title === 'string') return title;
  const on = toUtcDate(parsed.data.rated_at)!;
  const facts: Fact[] = [{ type: 'rating', stars: starsOf(parsed.data.rating), on }];
  // Trakt only lets you rate what you have seen (films and episodes; a show can be rated mid-way).
  if (title.kind === 'movie' || title.kind === 'episode') facts.push({ type: 'watched' });
  return { title, facts };
}

function readListed(entry: unknown, list: ListTarget): EntryResult {
  const parsed = Listed.safeParse(entry, { reportInput: true });
  if (!parsed.success) return describe(parsed.error);
  const title = titleOf(parsed.data);
  if (typeof title === 'string') return title;
  const { rank, listed_at, notes } = parsed.data;
  const on = listed_at ? toUtcDate(listed_at) : null;
  return {
    title,
    facts: [
      {
        type: 'list',
        list,
        ...(rank != null && rank >= 1 ? { position: rank - 1 } : {}),
        ...(notes?.trim() ? { note: notes.trim() } : {}),
        ...(on ? { on } : {}),
      },
    ],
  };
}

function readCollected(entry: unknown): EntryResult[] {
  if (typeof entry === 'object' && entry !== null && 'show' in entry) {
    const parsed = CollectedShow.safeParse(entry, { reportInput: true });
    if (!parsed.success) return [describe(parsed.error)];
    const show = showOf(parsed.data.show);
    if (typeof show === 'string') return [show];
    return parsed.data.seasons.flatMap((season) =>
      season.episodes.map((episode) => ({
        title: { kind: 'episode' as const, ids: {}, show, season: season.number, episode: episode.number },
        facts: [owned(episode.metadata, episode.collected_at ?? parsed.data.last_collected_at)],
      })),
    );
  }
  const parsed = CollectedMovie.safeParse(entry, { reportInput: true });
  if (!parsed.success) return [describe(parsed.error)];
  const movie = titleOf({ type: 'movie', movie: parsed.data.movie });
  if (typeof movie === 'string') return [movie];
  return [{ title: movie, facts: [owned(parsed.data.metadata, parsed.data.collected_at)] }];
}

/**
 * Trakt's collection says when, rarely what: `metadata.media_type` is only there when the
 * user filled it in. Without it the copy counts as a digital purchase.
 */
function owned(metadata: Record<string, unknown> | null | undefined, at: string | null | undefined): Fact {
  const media = metadata?.media_type;
  const uhd = metadata?.resolution === 'uhd_4k';
  const format =
    media === 'bluray' || media === 'hddvd'
      ? uhd
        ? '4k-uhd'
        : 'blu-ray'
      : media === 'dvd'
        ? 'dvd'
        : 'digital-purchase';
  const on = at ? toUtcDate(at) : null;
  return { type: 'owned', format, ...(on ? { on } : {}) };
}

// ---- titles --------------------------------------------------------------------------------

type MediaEntry = Partial<Pick<z.infer<typeof Media>, 'movie' | 'show' | 'season' | 'episode'>> & {
  type: z.infer<typeof Media>['type'];
};

function titleOf(entry: MediaEntry): TitleRef | string {
  const missing = (field: string) => `${field} is missing`;
  switch (entry.type) {
    case 'movie': {
      if (!entry.movie) return missing('movie');
      const { title, year, ids } = namedRef(entry.movie);
      if (!title && isEmpty(ids)) return 'movie has neither a title nor an id';
      return { kind: 'movie', ...(title ? { title } : {}), ...(year ? { year } : {}), ids };
    }
    case 'show': {
      const show = entry.show ? showOf(entry.show) : missing('show');
      if (typeof show === 'string') return show;
      return { kind: 'series', ...show };
    }
    case 'season': {
      if (!entry.season) return missing('season');
      const show = entry.show ? showOf(entry.show) : missing('show');
      if (typeof show === 'string') return show;
      // A season's own Trakt/TMDb ids are not title ids: the show and the number find it.
      return { kind: 'season', ids: {}, show, season: entry.season.number };
    }
    case 'episode': {
      if (!entry.episode) return missing('episode');
      const show = entry.show ? showOf(entry.show) : missing('show');
      if (typeof show === 'string') return show;
      const { title, number, season, ids } = entry.episode;
      return {
        kind: 'episode',
        ...(title?.trim() ? { title: title.trim() } : {}),
        ids: externalIds(ids),
        show,
        season,
        episode: number,
      };
    }
    case 'person':
      return 'a person, not a film or show: people are not imported';
    case 'list':
      return 'a list, not a film or show';
  }
}

function showOf(show: z.infer<typeof Show>): NonNullable<TitleRef['show']> | string {
  const ref = namedRef(show);
  if (!ref.title && isEmpty(ref.ids)) return 'show has neither a title nor an id';
  return {
    ...(ref.title ? { title: ref.title } : {}),
    ...(ref.year ? { year: ref.year } : {}),
    ids: ref.ids,
  };
}

function namedRef(value: z.infer<typeof Movie>) {
  const title = value.title?.trim() || undefined;
  const year =
    value.year != null && Number.isInteger(value.year) && value.year >= 1870 && value.year <= 2200
      ? value.year
      : undefined;
  return { title, year, ids: externalIds(value.ids) };
}

/** Only ids that can identify a title here; Trakt's own ids and slugs are dropped, as are nulls and junk. */
function externalIds(ids: Record<string, unknown> | null | undefined): ExternalIds {
  const out: ExternalIds = {};
  if (!ids) return out;
  if (typeof ids.imdb === 'string' && /^tt\d{7,10}$/.test(ids.imdb)) out.imdb = ids.imdb;
  const tmdb = positiveInt(ids.tmdb);
  if (tmdb) out.tmdb = tmdb;
  const tvdb = positiveInt(ids.tvdb);
  if (tvdb) out.tvdb = tvdb;
  return out;
}

function positiveInt(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

function isEmpty(ids: ExternalIds): boolean {
  return Object.keys(ids).length === 0;
}

// ---- values --------------------------------------------------------------------------------

/** Trakt's 1–10 → half stars. */
function starsOf(rating: number): number {
  return Math.max(0.5, Math.round(rating) / 2);
}

/** The calendar day (UTC) of a Trakt timestamp; a timestamp without a zone is UTC, as Trakt writes them. */
export function toUtcDate(value: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/.exec(
    value.trim(),
  );
  if (!m) return null;
  const iso = m[2] ? `${m[1]}T${m[2]}${m[3] ?? 'Z'}` : `${m[1]}T00:00:00Z`;
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return null;
  // `2023-02-30` rolls over in Date; refuse it instead.
  if (!m[2] && time.toISOString().slice(0, 10) !== m[1]) return null;
  return time.toISOString().slice(0, 10);
}

/** The first problem of an entry, in words: `watched_at is not a date`, `movie.title should be text`. */
function describe(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const field = issue.path.join('.') || 'the entry';
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined || input === null) return `${field} is missing`;
      return `${field} should be ${TYPE_WORDS[issue.expected] ?? issue.expected}, not ${JSON.stringify(input)}`;
    case 'invalid_value':
      return `${field} is ${JSON.stringify(input)}, expected one of ${issue.values.join(', ')}`;
    case 'too_small':
    case 'too_big':
      return field === 'rating'
        ? `rating ${JSON.stringify(input)} is not between 1 and 10`
        : `${field} ${JSON.stringify(input)} is out of range`;
    default:
      return `${field} ${issue.message}`;
  }
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  object: 'an object',
  array: 'a list',
  boolean: 'true or false',
};
