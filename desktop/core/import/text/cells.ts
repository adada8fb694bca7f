/**
 * Cell values → typed values for import readers. Each parser takes the cell, the column
 * name as the file spells it and the row's problem list: a bad value adds a problem that
 * names the column (`Rating: "7" is not between 0.5 and 5`) and returns undefined, so a
 * reader can collect every problem of a row and reject it once.
 */
import type { ExternalIds } from '@reelshelf/shared/domain';

export type Problems = string[];

const MIN_YEAR = 1870;
const MAX_YEAR = 2200;

/** An empty cell is no year; anything else must be one. */
export function yearCell(value: string, column: string, problems: Problems): number | undefined {
  if (value === '') return undefined;
  const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
  if (year >= MIN_YEAR && year <= MAX_YEAR) return year;
  problems.push(`${column}: "${value}" is not a year`);
  return undefined;
}

/** YYYY-MM-DD that names a real day, or undefined with a problem. */
export function isoDateCell(value: string, column: string, problems: Problems): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) {
    problems.push(`${column}: "${value}" is not a date as YYYY-MM-DD`);
    return undefined;
  }
  return realDate(Number(m[1]), Number(m[2]), Number(m[3]), value, column, problems);
}

/** The ISO form of a day given by its parts, with a problem when there is no such day (30 February). */
export function realDate(
  year: number,
  month: number,
  day: number,
  value: string,
  column: string,
  problems: Problems,
): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) {
    return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
  }
  problems.push(`${column}: "${value}" is not a real date`);
  return undefined;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Half stars 0.5–5 exactly as written (Letterboxd): a value between halves is an error, not rounded. */
export function halfStarsCell(value: string, column: string, problems: Problems): number | undefined {
  if (value === '') return undefined;
  const stars = Number(value);
  if (!Number.isFinite(stars) || stars < 0.5 || stars > 5) {
    problems.push(`${column}: "${value}" is not between 0.5 and 5`);
    return undefined;
  }
  if (!Number.isInteger(stars * 2)) {
    problems.push(`${column}: "${value}" is not a whole or half star`);
    return undefined;
  }
  return stars;
}

/** A score on a 1–`scale` scale → half stars; 10 → 5 stars, 7 → 3.5, the lowest score → 0.5 at least. */
export function scoreCell(
  value: string,
  scale: number,
  column: string,
  problems: Problems,
): number | undefined {
  if (value === '') return undefined;
  const score = Number(value);
  const lowest = scale === 5 ? 0.5 : 1;
  if (!Number.isFinite(score) || score < lowest || score > scale) {
    problems.push(`${column}: "${value}" is not between ${lowest} and ${scale}`);
    return undefined;
  }
  return Math.max(0.5, Math.round((score / scale) * 10) / 2 + 0);
}

const IMDB_ID = /^tt\d{7,10}$/;

/** An IMDb title id; links (`https://www.imdb.com/title/tt0133093/`) are accepted for their id. */
export function imdbIdCell(value: string, column: string, problems: Problems): ExternalIds['imdb'] {
  if (value === '') return undefined;
  const id = IMDB_ID.test(value) ? value : /\/title\/(tt\d{7,10})(?:\/|$|\?)/.exec(value)?.[1];
  if (id !== undefined) return id;
  problems.push(`${column}: "${value}" is not an IMDb id such as tt0133093`);
  return undefined;
}

/** A positive whole number id (TMDb, TVDB). */
export function numericIdCell(value: string, column: string, problems: Problems): number | undefined {
  if (value === '') return undefined;
  if (/^\d+$/.test(value) && Number(value) > 0) return Number(value);
  problems.push(`${column}: "${value}" is not a numeric id`);
  return undefined;
}

/** Comma-separated words (tags, genres, names), trimmed, empties and repeats dropped. */
export function splitList(value: string, separator = ','): string[] {
  const parts = value.split(separator).map((p) => p.trim());
  return [...new Set(parts.filter((p) => p !== ''))];
}
