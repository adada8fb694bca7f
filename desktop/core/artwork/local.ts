import { readdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { ArtworkKind } from './sizes';

/**
 * Names media centers (Kodi, Jellyfin, Plex) give artwork saved next to the media, best first.
 * `<stem>` is the media file's name without its extension (`Heat (1995)-poster.jpg`).
 */
const NAMES: Record<ArtworkKind, string[]> = {
  poster: ['<stem>-poster', 'poster', 'folder', 'cover', 'movie'],
  backdrop: ['<stem>-fanart', 'fanart', 'backdrop', 'background'],
  still: ['<stem>-thumb', '<stem>'],
  profile: [],
};
const EXTENSIONS = ['.jpg', '.jpeg', '.png', '.webp'];

/**
 * The local artwork file of this kind for a media file, if its folder has one. Names are
 * compared case-insensitively (folder.JPG on a Windows share), one directory read per call.
 */
export async function findLocalArtwork(mediaPath: string, kind: ArtworkKind): Promise<string | undefined> {
  const folder = join(mediaPath, '..');
  const stem = basename(mediaPath, extname(mediaPath)).toLowerCase();
  let entries: string[];
  try {
    entries = await readdir(folder);
  } catch {
    return undefined;
  }
  const byName = new Map(entries.map((e) => [e.toLowerCase(), e]));
  for (const pattern of NAMES[kind]) {
    const name = pattern.replace('<stem>', stem);
    for (const ext of EXTENSIONS) {
      const found = byName.get(`${name}${ext}`);
      if (found) return join(folder, found);
    }
  }
  return undefined;
}
