/**
 * Files that lie next to the media and say something about it: Kodi/Jellyfin/Emby NFO files
 * (their ids and title beat the file name) and artwork (recorded for the artwork cache).
 * The walk already listed every folder's NFO and image names, so finding them costs no
 * extra directory reads; an NFO is read only for media that is being identified.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseNfo } from '../import/formats/nfo';
import type { TitleRef } from '../import/records';
import type { FoundFile } from './walk';

/** What the sidecar NFOs of one item say. */
export interface NfoInfo {
  /** `<video>.nfo` or `movie.nfo`: the film, or the episode(s) of the file. */
  own: TitleRef[];
  /** `tvshow.nfo` in the series folder. */
  show?: TitleRef;
  /** NFOs that could not be read: they are ignored, and the report says why. */
  problems: string[];
}

const stem = (name: string) => name.replace(/\.[^.]+$/, '');

function findName(names: string[] | undefined, wanted: string): string | undefined {
  const lower = wanted.toLowerCase();
  return names?.find((n) => n.toLowerCase() === lower);
}

/**
 * The NFO files of an item: `<video name>.nfo` (for a disc, `<folder>.nfo` or `VIDEO_TS.nfo`
 * beside it), `movie.nfo` in a film's folder, and `tvshow.nfo` in the series folder for an
 * episode (the episode's folder, or the one above a season folder).
 */
export function nfoPaths(
  item: FoundFile,
  kind: 'movie' | 'episode',
  sidecars: Map<string, string[]>,
  root: string,
): { own: string[]; show?: string } {
  const here = sidecars.get(item.dir);
  const own: string[] = [];
  const add = (name: string | undefined, dir = item.dir) => {
    if (name) own.push(join(dir, name));
  };
  if (item.disc) {
    add(findName(here, `${basename(item.dir)}.nfo`));
    add(findName(here, `${item.name}.nfo`));
  } else add(findName(here, `${stem(item.name)}.nfo`));
  if (kind === 'movie' && own.length === 0) add(findName(here, 'movie.nfo'));
  if (kind === 'movie') return { own };
  for (let dir = item.dir, depth = 0; depth < 3; depth++, dir = dirname(dir)) {
    const show = findName(sidecars.get(dir), 'tvshow.nfo');
    if (show) return { own, show: join(dir, show) };
    if (dir === root || dirname(dir) === dir) break;
  }
  return { own };
}

export async function readNfos(
  paths: { own: string[]; show?: string },
  kind: 'movie' | 'episode',
): Promise<NfoInfo> {
  const info: NfoInfo = { own: [], problems: [] };
  const read = async (path: string, fallback: 'movie' | 'series' | 'episode'): Promise<TitleRef[]> => {
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (e) {
      info.problems.push(`${path}: ${e instanceof Error ? e.message : String(e)}`);
      return [];
    }
    const refs: TitleRef[] = [];
    for (const out of parseNfo({ name: path, bytes }, fallback)) {
      if (out.kind === 'item') refs.push(out.title);
      else info.problems.push(`${path}: ${out.reason}`);
    }
    return refs;
  };
  for (const path of paths.own) {
    const refs = await read(path, kind);
    // A film's NFO describes a film, an episode's an episode; anything else is not about this file.
    info.own.push(...refs.filter((r) => r.kind === kind));
    if (info.own.length) break;
  }
  if (paths.show) info.show = (await read(paths.show, 'series')).find((r) => r.kind === 'series');
  return info;
}

const FOLDER_ART =
  /^(?:poster|folder|cover|fanart|backdrop|background|banner|clearlogo|logo|landscape|thumb|disc|discart)\.(?:jpe?g|png|webp|tbn)$/i;

/**
 * Images that belong to an item: `<name>-poster.jpg`, `<name>-fanart.jpg`, `<name>.jpg`
 * always; folder art (`poster.jpg`, `folder.jpg`, `fanart.jpg`…) only when the item has the
 * folder to itself, since in a folder of many films it belongs to none of them.
 */
export function artworkFor(item: FoundFile, sidecars: Map<string, string[]>, alone: boolean): string[] {
  const here = sidecars.get(item.dir) ?? [];
  const own = item.disc ? basename(item.dir) : stem(item.name);
  const prefix = own.toLowerCase();
  const images: string[] = [];
  for (const name of here) {
    if (/\.nfo$/i.test(name)) continue;
    const lower = stem(name).toLowerCase();
    if (lower === prefix || (lower.startsWith(`${prefix}-`) && !lower.slice(prefix.length + 1).includes(' ')))
      images.push(join(item.dir, name));
    else if (alone && FOLDER_ART.test(name)) images.push(join(item.dir, name));
  }
  return images;
}
