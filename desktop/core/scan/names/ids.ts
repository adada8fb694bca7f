import type { ParsedName } from './types';

type Ids = ParsedName['ids'];

/** Jellyfin `[tmdbid-603]`, Plex `{tmdb-603}`, and the `=`/`:` spellings people also use. */
const TAGGED_ID = /[[{(]\s*(tmdb|imdb|tvdb)(?:id)?\s*[-=:\s]\s*(tt\d{5,10}|\d{1,10})\s*[\]})]/gi;
/** An IMDb id on its own (`Movie.tt0133093.mkv`) is unambiguous enough to trust. */
const BARE_IMDB = /(?<![\p{L}\p{N}])tt\d{7,8}(?![\p{L}\p{N}])/giu;

export function noIds(): Ids {
  return { tmdb: null, imdb: null, tvdb: null };
}

/** Takes provider ids out of a name; the rest of the parser never sees them. */
export function extractIds(text: string): { ids: Ids; rest: string } {
  const ids = noIds();
  let rest = text.replace(TAGGED_ID, (_m, provider: string, value: string) => {
    const p = provider.toLowerCase();
    if (p === 'imdb') {
      if (/^tt\d+$/i.test(value)) ids.imdb ??= value.toLowerCase();
    } else if (/^\d+$/.test(value)) {
      const n = Number(value);
      if (p === 'tmdb') ids.tmdb ??= n;
      else ids.tvdb ??= n;
    }
    return ' ';
  });
  rest = rest.replace(BARE_IMDB, (m) => {
    ids.imdb ??= m.toLowerCase();
    return ' ';
  });
  return { ids, rest };
}

/** Ids from the file name first, then from the folders nearest to it. */
export function mergeIds(nearestFirst: Ids[]): Ids {
  const out = noIds();
  for (const ids of nearestFirst) {
    out.tmdb ??= ids.tmdb;
    out.imdb ??= ids.imdb;
    out.tvdb ??= ids.tvdb;
  }
  return out;
}
