import {
  DISC_FOLDERS,
  EXTRAS_FOLDERS,
  SEASON_FOLDER,
  SPECIALS_FOLDER,
  STACK_FOLDER,
  VIDEO_EXTENSIONS,
} from './vocabulary';

export interface SplitPath {
  /** The name that carries the title: the file's base name, or the folder above a disc structure. */
  name: string;
  /** Folders above `name`, nearest first, without extras, stacking (`CD1`) or disc-structure folders. */
  folders: string[];
  container: string | null;
  disc: 'dvd' | 'bluray' | 'iso' | 'stub' | null;
  inExtrasFolder: boolean;
  inSampleFolder: boolean;
}

/** `name.mkv` → `mkv`; only extensions we know, so `Show.S01E02.720p.HDTV.x264-GRP` keeps its end. */
function splitExtension(file: string): { base: string; container: string | null } {
  const m = /\.([A-Za-z0-9-]{1,6})$/.exec(file);
  if (m && VIDEO_EXTENSIONS.has(m[1]!.toLowerCase()))
    return { base: file.slice(0, m.index), container: m[1]!.toLowerCase() };
  return { base: file, container: null };
}

/**
 * Splits a relative path (either slash) into the name to parse and its folders. Disc
 * structures (`Movie (1999)/VIDEO_TS/VTS_01_1.VOB`, `…/BDMV/STREAM/00001.m2ts`) are named by
 * the folder above them; extras and sample folders are noted and skipped.
 */
export function splitMediaPath(input: string): SplitPath {
  const segments = input
    .split(/[\\/]+/)
    .map((s) => s.trim())
    .filter((s) => s && s !== '.' && s !== '..');
  const file = segments.pop() ?? '';
  const { base, container } = splitExtension(file);
  let name = base;
  let disc: SplitPath['disc'] = null;
  if (container === 'iso' || container === 'img') disc = 'iso';
  else if (container === 'disc') disc = 'stub';

  // The first disc folder from the top: everything below it belongs to the disc.
  const discAt = segments.findIndex((s) => DISC_FOLDERS[s.toLowerCase()] !== undefined);
  let folders = segments;
  if (discAt >= 0) {
    disc = DISC_FOLDERS[segments[discAt]!.toLowerCase()]!;
    folders = segments.slice(0, discAt);
    name = folders.pop() ?? name;
  } else if (/^(?:video_ts|index)$/i.test(name) && ['ifo', 'bup', 'bdmv'].includes(container ?? '')) {
    disc = container === 'bdmv' ? 'bluray' : 'dvd';
    name = folders[folders.length - 1] ?? name;
    folders = folders.slice(0, -1);
  }

  let inExtrasFolder = false;
  let inSampleFolder = false;
  const kept: string[] = [];
  for (const folder of folders) {
    const lower = folder.toLowerCase();
    if (lower === 'sample' || lower === 'samples') inSampleFolder = true;
    else if (EXTRAS_FOLDERS.has(lower)) inExtrasFolder = true;
    else if (!STACK_FOLDER.test(folder)) kept.push(folder);
  }
  return { name, folders: kept.reverse(), container, disc, inExtrasFolder, inSampleFolder };
}

/** `Season 02`, `Staffel 2`, `S02`, `Specials` → the season number; anything else → null. */
export function seasonOfFolder(folder: string): number | null {
  const f = folder.trim();
  if (SPECIALS_FOLDER.test(f)) return 0;
  const m = SEASON_FOLDER.exec(f) ?? /^S(\d{1,3})$/i.exec(f);
  return m ? Number(m[1]) : null;
}
