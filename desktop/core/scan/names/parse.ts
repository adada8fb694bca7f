import { mergeIds } from './ids';
import { seasonOfFolder, splitMediaPath } from './path';
import { parseSegment } from './segment';
import type { ParsedName, SegmentInfo } from './types';
import { GENERIC_NAME, LIBRARY_ROOT } from './vocabulary';

/** Letters and digits only, lower case: `Marvel's Agents of S.H.I.E.L.D.` ≈ `Marvels Agents of SHIELD`. */
function key(title: string): string {
  return title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Two titles for the same thing, one perhaps with more words (`The Office` / `The Office (US)`). */
function sameTitle(a: string, b: string): boolean {
  const ka = key(a);
  const kb = key(b);
  return ka.length > 0 && kb.length > 0 && (ka.startsWith(kb) || kb.startsWith(ka));
}

/**
 * Scene releases put a short code on the file inside a well-named folder
 * (`The.Matrix.1999.1080p.BluRay.x264-GRP/grp-tm-1080p.mkv`).
 */
function looksObfuscated(name: string, seg: SegmentInfo): boolean {
  return !seg.year && !seg.hasEpisode && /^[a-z0-9]+-[a-z0-9.-]+$/.test(name);
}

/**
 * Parses a library-relative path or a bare file name. The file name says most; the
 * folders above it fill in what it leaves out: the show and season (`Show (2008)/Season 02/…`),
 * the film of a disc structure or of a `movie.mkv`, a year the file name omits.
 */
export function parseMediaPath(relativePathOrName: string): ParsedName {
  const split = splitMediaPath(String(relativePathOrName ?? ''));
  const folders = split.folders;

  // A season folder (`Season 02`, `Specials`) or a season release folder (`Show.S02.1080p-GRP`).
  let season: number | null = null;
  let show: SegmentInfo | null = null;
  // `Show/Season 3/file`: the folder above a season folder is the library's own name for the show,
  // better than a file's abbreviation (`Star Trek TNG - 3x15`) or its release name.
  let showFolder = false;
  let parent: SegmentInfo | null = null;
  const nearest = folders[0];
  if (nearest !== undefined) {
    const n = seasonOfFolder(nearest);
    if (n !== null) {
      season = n;
      if (folders[1] !== undefined) {
        show = parseSegment(folders[1]);
        showFolder = !LIBRARY_ROOT.test(folders[1].trim());
        if (!showFolder && !show.informative) show = null;
      }
    } else {
      parent = parseSegment(nearest);
      if (parent.seasonOnly) {
        season = parent.season;
        show = parent.title ? parent : folders[1] !== undefined ? parseSegment(folders[1]) : null;
      }
    }
  }

  const file = parseSegment(split.name, { seasonContext: season });
  const generic = GENERIC_NAME.test(split.name.trim()) || !file.title;
  const folderInfo = show ?? parent;
  // The file's own words are used unless they say nothing or are a scene code.
  const useFolder =
    folderInfo !== null &&
    folderInfo.title !== '' &&
    (generic ||
      (looksObfuscated(split.name, file) &&
        folderInfo.informative &&
        !sameTitle(file.title, folderInfo.title)));
  const primary = useFolder && parent && !show && !file.hasEpisode ? parent : file;

  const isEpisode =
    primary.hasEpisode || primary.seasonOnly || file.hasEpisode || file.seasonOnly || season !== null;
  let title = primary.title;
  let year = primary.year;
  if (
    isEpisode &&
    show &&
    show.title &&
    (showFolder || !file.title || !file.hasEpisode || sameTitle(file.title, show.title))
  ) {
    // The library's show folder is the curated name (punctuation the release name dropped).
    title = show.title;
    year = file.year ?? show.year;
  } else if (useFolder && folderInfo) {
    title = folderInfo.title;
    year = primary.year ?? folderInfo.year;
  } else if (folderInfo && !year && sameTitle(title, folderInfo.title)) {
    year = folderInfo.year;
  }

  // A daily show's name has no year but its air date's (`The.Daily.Show.2024.03.14`): that is the
  // year people and other parsers give it. It comes last so a show's own year (`Show (1996)`,
  // `Doctor.Who.2005`) still wins. Season stays null: nothing in the name says one, and the
  // season a database files it under (often the year) is a lookup, not a reading.
  const date = primary.date ?? file.date;
  if (year === null && date !== null && isEpisode) year = Number(date.slice(0, 4));

  const ids = mergeIds([
    file.ids,
    ...(parent ? [parent.ids] : []),
    ...(show && show !== parent ? [show.ids] : []),
  ]);
  return {
    kind: isEpisode ? 'episode' : 'movie',
    title,
    year,
    season: isEpisode ? (primary.season ?? file.season ?? season) : null,
    episode: isEpisode ? (primary.episode ?? file.episode) : null,
    ids,
    edition: file.edition ?? (primary !== file ? primary.edition : null),
    part: file.part,
    date,
    isSample: file.isSample || split.inSampleFolder,
    isExtra: file.isExtra || split.inExtrasFolder,
    container: split.container,
    disc: split.disc,
    resolution: file.resolution ?? folderInfo?.resolution ?? null,
  };
}
