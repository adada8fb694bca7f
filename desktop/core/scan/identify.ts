/**
 * Found files → library items → title references. The file's path (relative to the folder
 * above the library folder, so a library folder named after a show still names it) goes
 * through parseMediaPath; stacked parts of one film become one item; sidecar NFOs beat the
 * name, and ids written in the name beat everything. Nothing here touches the library:
 * the references are resolved to titles by the import's TitleResolver in the write step.
 */
import { dirname, relative, sep } from 'node:path';
import type { ExternalIds } from '@reelshelf/shared/domain';
import { titleKey } from '../import/match';
import type { TitleRef } from '../import/records';
import { parseMediaPath, type ParsedName } from './names';
import type { NfoInfo } from './sidecars';
import type { FoundFile } from './walk';

export interface ScanItem {
  /** The film's or episode's files: one, or the stacked parts in order. */
  files: FoundFile[];
  /** The file a player opens first: the only file, or part 1. */
  primary: FoundFile;
  parsed: ParsedName;
  /** All parts together. */
  size: number;
  /** True when no other item shares its folder (folder artwork is then its own). */
  alone: boolean;
}

/** The path parseMediaPath reads: disc structures end in the file that marks them. */
export function nameToParse(root: string, file: FoundFile): string {
  const rel = relative(dirname(root), file.path).split(sep).join('/');
  if (file.disc === 'dvd') return `${rel}/VIDEO_TS.IFO`;
  if (file.disc === 'bluray') return `${rel}/index.bdmv`;
  return rel;
}

/**
 * One folder's media files → items, samples and extras left out. Parts of one film (same
 * title, year and edition, each with a part number) are one item.
 */
export function itemsOfFolder(root: string, files: FoundFile[]): { items: ScanItem[]; skipped: number } {
  const items: ScanItem[] = [];
  const stacks = new Map<string, { file: FoundFile; parsed: ParsedName }[]>();
  let skipped = 0;
  for (const file of files) {
    const parsed = parseMediaPath(nameToParse(root, file));
    if (parsed.isSample || parsed.isExtra) {
      skipped++;
      continue;
    }
    if (parsed.kind === 'movie' && parsed.part !== null && !file.disc) {
      const key = `${titleKey(parsed.title)}|${parsed.year ?? ''}|${parsed.edition ?? ''}|${parsed.container}`;
      const stack = stacks.get(key);
      if (stack) stack.push({ file, parsed });
      else stacks.set(key, [{ file, parsed }]);
      continue;
    }
    items.push({ files: [file], primary: file, parsed, size: file.size, alone: false });
  }
  for (const parts of stacks.values()) {
    parts.sort((a, b) => a.parsed.part! - b.parsed.part! || (a.file.name < b.file.name ? -1 : 1));
    const first = parts[0]!;
    items.push({
      files: parts.map((p) => p.file),
      primary: first.file,
      parsed: first.parsed,
      size: parts.reduce((sum, p) => sum + p.file.size, 0),
      alone: false,
    });
  }
  if (items.length === 1) items[0]!.alone = true;
  return { items, skipped };
}

const hasIds = (ids: ExternalIds) =>
  ids.imdb !== undefined || ids.tmdb !== undefined || ids.tvdb !== undefined;

function idsOfName(parsed: ParsedName): ExternalIds {
  const ids: ExternalIds = {};
  if (parsed.ids.imdb) ids.imdb = parsed.ids.imdb;
  if (parsed.ids.tmdb !== null) ids.tmdb = parsed.ids.tmdb;
  if (parsed.ids.tvdb !== null) ids.tvdb = parsed.ids.tvdb;
  return ids;
}

/** Two sets of ids that name different titles of the same database. */
function contradict(a: ExternalIds, b: ExternalIds): boolean {
  return (
    (a.imdb !== undefined && b.imdb !== undefined && a.imdb !== b.imdb) ||
    (a.tmdb !== undefined && b.tmdb !== undefined && a.tmdb !== b.tmdb) ||
    (a.tvdb !== undefined && b.tvdb !== undefined && a.tvdb !== b.tvdb)
  );
}

/**
 * The NFO's title, year and ids beat the name's, unless the name carries ids: then the name's
 * ids decide, and the NFO counts only if it does not name another title.
 */
function merge(
  name: { title: string; year: number | null; ids: ExternalIds },
  nfo: TitleRef | undefined,
): { title?: string; year?: number; ids: ExternalIds; details?: TitleRef['details'] } {
  const nameIds = name.ids;
  const usable = nfo && !(hasIds(nameIds) && contradict(nameIds, nfo.ids)) ? nfo : undefined;
  const title = usable?.title ?? (name.title || undefined);
  const year = usable?.year ?? name.year ?? undefined;
  const ids = hasIds(nameIds) ? { ...usable?.ids, ...nameIds } : { ...usable?.ids };
  return {
    ...(title ? { title } : {}),
    ...(year ? { year } : {}),
    ids,
    ...(usable?.details ? { details: usable.details } : {}),
  };
}

/**
 * What titles a file is: one film, or one reference per episode (a multi-episode file is a
 * copy of each of its episodes). A reason instead when the name cannot say which episode.
 */
export function titleRefsOf(parsed: ParsedName, nfo?: NfoInfo): TitleRef[] | { reason: string } {
  const name = { title: parsed.title, year: parsed.year, ids: idsOfName(parsed) };
  if (parsed.kind === 'movie') {
    const ref = merge(name, nfo?.own[0]);
    return [{ kind: 'movie', ...ref }];
  }
  // Ids in an episode's name are its series' (`Show (2010) [tvdbid-12345]/Season 01/…`).
  const show = merge(name, nfo?.show);
  const showRef = {
    ...(show.title ? { title: show.title } : {}),
    ...(show.year ? { year: show.year } : {}),
    ids: show.ids,
  };
  const fromNfo = (nfo?.own ?? []).filter((r) => r.season !== undefined && r.episode !== undefined);
  if (fromNfo.length) {
    return fromNfo.map((r) => ({
      kind: 'episode' as const,
      ...(r.title ? { title: r.title } : {}),
      ids: r.ids,
      show: showRef,
      season: r.season,
      episode: r.episode,
      ...(r.details ? { details: r.details } : {}),
    }));
  }
  const episodes = Array.isArray(parsed.episode)
    ? parsed.episode
    : parsed.episode !== null
      ? [parsed.episode]
      : [];
  if (parsed.date && episodes.length === 0) {
    // A daily show: the season is the year, the episode its month and day (Plex does the same).
    const [y, m, d] = parsed.date.split('-').map(Number) as [number, number, number];
    return [{ kind: 'episode', title: parsed.date, ids: {}, show: showRef, season: y, episode: m * 100 + d }];
  }
  if (episodes.length === 0) {
    return {
      reason:
        parsed.season !== null
          ? `season ${parsed.season} of "${parsed.title}", but the name does not say which episode`
          : `"${parsed.title}" looks like an episode, but the name does not say which one`,
    };
  }
  // Absolute numbering (`[Group] Show - 12`) without a season: season 1, as Plex and Jellyfin read it.
  const season = parsed.season ?? 1;
  return episodes.map((episode) => ({ kind: 'episode' as const, ids: {}, show: showRef, season, episode }));
}
