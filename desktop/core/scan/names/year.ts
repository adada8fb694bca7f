/** The first year a film could have; earlier four-digit numbers are titles ("1492"…). */
const MIN_YEAR = 1880;
/** Next year's releases are named already; later numbers are titles ("Blade Runner 2049"). */
export const MAX_YEAR = new Date().getUTCFullYear() + 1;

export interface YearCandidate {
  year: number;
  index: number;
  end: number;
  /** Written as `(1999)` or `[1999]`, the way libraries mark a year on purpose. */
  bracketed: boolean;
}

const YEAR =
  /(?<![\p{L}\p{N}])([([]\s?)?((?:18|19|20)\d{2})(?:\s?[-–]\s?(?:(?:18|19|20)\d{2})?)?(\s?[)\]])?(?![\p{L}\p{N}])/gu;

/** Every number in a name that could be its year, outside the spans given (a date's year). */
export function yearCandidates(text: string, skip: [number, number][] = []): YearCandidate[] {
  const out: YearCandidate[] = [];
  for (const m of text.matchAll(YEAR)) {
    const year = Number(m[2]);
    if (year < MIN_YEAR || year > MAX_YEAR) continue;
    const index = m.index;
    if (skip.some(([a, b]) => index < b && index + m[0].length > a)) continue;
    out.push({ year, index, end: index + m[0].length, bracketed: Boolean(m[1] && m[3]) });
  }
  return out;
}

/**
 * The year a name means: a bracketed year wins, otherwise the last year before `limit` (the
 * first release tag or episode marker), as long as some title comes before it —
 * `2001 A Space Odyssey (1968)` is 1968, `Blade.Runner.2049.2017` is 2017, and `1917.1080p`
 * has no year at all because 1917 is the whole title.
 */
export function chooseYear(
  cands: YearCandidate[],
  limit: number,
  allowAfterLimit: boolean,
): YearCandidate | null {
  const before = cands.filter((c) => c.index > 0 && c.index < limit);
  const bracketed = before.filter((c) => c.bracketed);
  if (bracketed.length) return bracketed[bracketed.length - 1]!;
  if (before.length) return before[before.length - 1]!;
  if (allowAfterLimit) return cands.find((c) => c.index >= limit && c.index > 0) ?? null;
  return null;
}
