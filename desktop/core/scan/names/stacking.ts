/**
 * Stacking: one film split over several files (`-cd1`, `-part2`, `Disc 3`). "Part" is also a
 * word in titles ("Deathly Hallows Part 1 (2010)"), so it stacks only after the year or the
 * release tags, or when glued on with a dash the way Plex and Kodi write it.
 */

export interface StackMarker {
  part: number;
  index: number;
}

const STACK = /(?<![\p{L}\p{N}])(cd|dvd|dis[ck]|pt|part)[ .]?(?:-[ .]?)?(\d{1,2}|[a-d])(?![\p{L}\p{N}])/giu;
const LETTERS = 'abcd';

export function findStacking(text: string, titleEnd: number): StackMarker | null {
  for (const m of text.matchAll(STACK)) {
    if (m.index === 0) continue;
    const word = m[1]!.toLowerCase();
    const raw = m[2]!.toLowerCase();
    const part = /\d/.test(raw) ? Number(raw) : LETTERS.indexOf(raw) + 1;
    if (part < 1) continue;
    const before = text.slice(0, m.index);
    const glued = /-\s?$/.test(before);
    // "Part 1" before the year is the title's; "Part A" is a title word unless glued on.
    if (word === 'part' && !glued && (m.index < titleEnd || !/\d/.test(raw))) continue;
    return { part, index: m.index };
  }
  return null;
}
