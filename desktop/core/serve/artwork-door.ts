/**
 * Which picture a title has: artwork saved next to its media (poster.jpg, fanart.jpg —
 * the person's own choice) before the poster TMDb gave it. Used by the `/artwork/` route,
 * which serves the browser, the TV view and the Electron window (it loads this server).
 */
import { dirname, join } from 'node:path';
import type { Core } from '../core';
import { ArtworkStore, artworkDirFor, findLocalArtwork, type ArtworkKind } from '../artwork';
import type { ArtworkSourceInfo, ResolveArtworkSource } from '../artwork/serve';
import { statement } from '../db/statements';

/** TMDb's image server; `original` is resized here once, into our own sizes. */
export const TMDB_IMAGES = 'https://image.tmdb.org/t/p/original';

interface TitleArt {
  kind: string;
  title: string;
  year: number | null;
  poster: string | null;
  backdrop: string | null;
  /** A media file of the title, or for a series one of its episodes'. */
  file: string | null;
}

export function titleArtworkSource(
  core: Core,
  imageBase = process.env.REELSHELF_TMDB_IMAGE_URL || TMDB_IMAGES,
): ResolveArtworkSource {
  return async (titleId: string, kind: ArtworkKind): Promise<ArtworkSourceInfo | undefined> => {
    // `profile` artwork is a person's photo: the id is a person's.
    if (kind === 'profile') {
      const person = statement(
        core.library.sqlite,
        'SELECT name, profile_path AS path FROM people WHERE id = ?',
      ).get(titleId) as { name: string; path: string | null } | undefined;
      if (!person) return undefined;
      return { title: person.name, year: null, ...(person.path && { url: `${imageBase}${person.path}` }) };
    }
    const art = statement(
      core.library.sqlite,
      `SELECT t.kind, t.title, t.year, t.poster_path AS poster, t.backdrop_path AS backdrop,
              coalesce(
                (SELECT c.file_path FROM copies c WHERE c.title_id = t.id AND c.file_path IS NOT NULL LIMIT 1),
                (SELECT c.file_path FROM titles s JOIN titles e ON e.parent_id = s.id JOIN copies c ON c.title_id = e.id
                  WHERE s.parent_id = t.id AND c.file_path IS NOT NULL LIMIT 1)) AS file
         FROM titles t WHERE t.id = ?`,
    ).get(titleId) as TitleArt | undefined;
    if (!art) return undefined;
    // A series' own pictures sit in its folder, above `Season 1/`: look there, not beside an episode.
    const media = art.file && art.kind === 'series' ? join(dirname(dirname(art.file)), 'series') : art.file;
    const localPath = media ? await findLocalArtwork(media, kind) : undefined;
    // An episode's still is kept in its poster column (metadata/apply-details.ts).
    const path =
      kind === 'poster' || kind === 'still' ? art.poster : kind === 'backdrop' ? art.backdrop : null;
    return {
      title: art.title,
      year: art.year,
      ...(localPath && { localPath }),
      // TMDb gives paths on its image server; OMDb (the second source) full addresses.
      ...(path && { url: /^https?:\/\//.test(path) ? path : `${imageBase}${path}` }),
    };
  };
}

/** The artwork cache of a library: beside the library file, in `artwork/`. */
export function openArtworkStore(core: Core, capBytes?: number): ArtworkStore {
  return ArtworkStore.open(artworkDirFor(core.library.path), { capBytes });
}
