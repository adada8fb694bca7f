import { extractTaggedEdition, findEdition } from './edition';
import { findEpisodeMarker, type EpisodeMarker } from './episode';
import { extractIds } from './ids';
import { normalizeName, tidyTitle } from './normalize';
import { findResolution } from './quality';
import { findStacking } from './stacking';
import type { SegmentInfo } from './types';
import { EDITION_WORDS, EXTRAS_SUFFIX, STRONG_TAGS, WEAK_TAGS } from './vocabulary';
import { chooseYear, MAX_YEAR, yearCandidates } from './year';

/** Limits the work on absurd input; no real name is this long. */
const MAX_NAME = 512;

export interface SegmentOptions {
  /** The season a folder above says: lets `01 - Pilot.mkv` and `102.mkv` be episodes. */
  seasonContext?: number | null;
}

/** First release tag that is not the very first word (a title may start with "Web" or "UHD"). */
function firstStrongTag(text: string): number {
  STRONG_TAGS.lastIndex = 0;
  for (const m of text.matchAll(STRONG_TAGS)) if (m.index > 0) return m.index;
  return text.length;
}

/**
 * Tags in capitals left at the end of a title (`The.Matrix.EXTENDED.1999`, `Movie UNRATED`);
 * ordinary capitalised words ("Web", "Limited") stay. Returns the title and any edition found.
 */
function stripTrailingTags(title: string): { title: string; edition: string | null } {
  const words = title.split(' ');
  let edition: string | null = null;
  while (words.length > 1) {
    const last = words[words.length - 1]!;
    const capitals = last === last.toUpperCase() && /\p{Lu}/u.test(last);
    const scene = /^[a-z][A-Z]+$/.test(last); // iNTERNAL, MULTi-like spellings
    if (!(WEAK_TAGS.test(last) && (capitals || scene))) break;
    if (EDITION_WORDS.test(last)) edition = last;
    words.pop();
  }
  return { title: words.join(' '), edition };
}

/** `[Group][Title][12]`: when every word is in brackets, the first bracket with words is the title. */
function bracketedTitle(text: string): string {
  for (const m of text.matchAll(/\[([^\]]*)\]|【([^】]*)】/g)) {
    const inner = tidyTitle(m[1] ?? m[2] ?? '');
    if (/\p{L}/u.test(inner)) return inner;
  }
  return '';
}

/** A name with season context and no marker: `01 - Pilot`, `01`, `102 Title` (season 1). */
function contextualEpisode(text: string, season: number): EpisodeMarker | null {
  const lead = /^(\d{1,3})(?:v\d)?(?=\s|$|-|\.)/.exec(text);
  if (lead) {
    const n = lead[1]!;
    if (n.length === 3 && Number(n[0]) === season && season > 0)
      return { index: 0, end: 3, season, episode: Number(n.slice(1)), date: null, seasonOnly: false };
    return { index: 0, end: lead[0].length, season, episode: Number(n), date: null, seasonOnly: false };
  }
  if (season > 0 && season < 10) {
    const compact = new RegExp(`(?<=\\s)${season}(\\d{2})(?=\\s|$)`).exec(text);
    if (compact)
      return {
        index: compact.index,
        end: compact.index + 3,
        season,
        episode: Number(compact[1]),
        date: null,
        seasonOnly: false,
      };
  }
  return null;
}

/** What one file or folder name says on its own (folders are combined in `parseMediaPath`). */
export function parseSegment(raw: string, options: SegmentOptions = {}): SegmentInfo {
  const input = raw.length > MAX_NAME ? raw.slice(0, MAX_NAME) : raw;
  const { ids, rest: noIds } = extractIds(input);
  const tagged = extractTaggedEdition(noIds);
  const { text, hadGroup } = normalizeName(tagged.rest);

  let ep = findEpisodeMarker(text, hadGroup, MAX_YEAR);
  if (!ep && options.seasonContext != null) ep = contextualEpisode(text, options.seasonContext);

  const tagIndex = firstStrongTag(text);
  const skip: [number, number][] = ep?.date ? [[ep.index, ep.end]] : [];
  const limit = Math.min(tagIndex, ep ? ep.index : text.length);
  const year = chooseYear(yearCandidates(text, skip), limit, !ep);

  let titleEnd = limit;
  if (year && year.index < titleEnd) titleEnd = year.index;
  const stack = findStacking(text, titleEnd);
  if (stack && stack.index < titleEnd) titleEnd = stack.index;

  const cleaned = stripTrailingTags(tidyTitle(text.slice(0, titleEnd)));
  let title = cleaned.title || bracketedTitle(text.slice(0, titleEnd));
  // A name that is nothing but a tag or a year ("1080p", "2012") is its own title.
  if (!title && !ep)
    title = tidyTitle(text.slice(0, year ? year.end : Math.max(tagIndex, 1)).replace(/[()[\]]/g, ''));
  if (!title && !ep && !year) title = tidyTitle(text) || text;

  const after = year ? text.slice(year.end) : text.slice(titleEnd);
  const edition =
    tagged.edition ??
    (ep
      ? null
      : findEdition(
          stack ? after.slice(0, Math.max(0, stack.index - (year?.end ?? titleEnd))) : after,
          Boolean(year?.bracketed),
        )) ??
    cleaned.edition;

  const base = input.replace(/\s+$/, '');
  return {
    title,
    year: year?.year ?? null,
    season: ep?.season ?? null,
    episode: ep?.episode ?? null,
    hasEpisode: Boolean(ep && !ep.seasonOnly),
    seasonOnly: Boolean(ep?.seasonOnly),
    date: ep?.date ?? null,
    ids,
    edition,
    part: stack?.part ?? null,
    resolution: findResolution(text),
    isSample: /(?<![\p{L}\p{N}])sample(?![\p{L}\p{N}])/iu.test(base),
    isExtra: EXTRAS_SUFFIX.test(base),
    informative: Boolean(ep || year || tagIndex < text.length || ids.tmdb || ids.imdb || ids.tvdb),
  };
}
