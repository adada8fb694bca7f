import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InteractionLogBuilder, type InteractionLog, type ItemContent } from '@reelshelf/shared/recs';

export interface MovieLens {
  /** Every rating is an interaction, weight = the rating (0.5–5). */
  readonly ratings: InteractionLog;
  /** Genres per item index of `ratings` (MovieLens' "(no genres listed)" → none). */
  readonly genres: ReadonlyArray<ReadonlySet<string>>;
  readonly titles: readonly string[];
  readonly years: ReadonlyArray<number | undefined>;
  /** Free-text tags users attached, per item index (used as keywords). */
  readonly tags: ReadonlyArray<readonly string[]>;
}

/** Reads an ml-latest-small style folder (ratings.csv, movies.csv, tags.csv). */
export function loadMovieLens(folder: string): MovieLens {
  const builder = new InteractionLogBuilder();
  const ratingLines = readCsvLines(join(folder, 'ratings.csv'));
  ratingLines.forEach((fields, at) => {
    const [user, movie, rating] = fields;
    builder.add(user ?? '', movie ?? '', Number(rating), at + 2);
  });
  const ratings = builder.build();
  const index = new Map(ratings.items.map((id, i) => [id, i]));
  const genres: Array<Set<string>> = ratings.items.map(() => new Set());
  const titles: string[] = ratings.items.map((id) => id);
  const years: Array<number | undefined> = ratings.items.map(() => undefined);
  for (const [movie, title, genreList] of readCsvLines(join(folder, 'movies.csv'))) {
    const i = index.get(movie ?? '');
    if (i === undefined) continue;
    titles[i] = title ?? '';
    const year = /\((\d{4})\)\s*$/.exec(title ?? '')?.[1];
    years[i] = year === undefined ? undefined : Number(year);
    for (const g of (genreList ?? '').split('|'))
      if (g !== '(no genres listed)' && g !== '') genres[i]!.add(g);
  }
  const tags: string[][] = ratings.items.map(() => []);
  for (const [, movie, tag] of readCsvLines(join(folder, 'tags.csv'))) {
    const i = index.get(movie ?? '');
    if (i !== undefined && tag) tags[i]!.push(tag);
  }
  return { ratings, genres, titles, years, tags };
}

/** MovieLens CSV: a header line, commas, and double quotes around fields that contain commas. */
function readCsvLines(file: string): string[][] {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  return lines
    .slice(1)
    .filter((line) => line !== '')
    .map(parseCsvLine);
}

function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

/** What MovieLens says about each title, as engine content: genres, decade, and user tags as keywords. */
export function movieLensContent(ml: MovieLens): ItemContent[] {
  return ml.ratings.items.map((item, i) => ({
    item,
    genres: [...ml.genres[i]!],
    cast: [],
    directors: [],
    keywords: [...new Set(ml.tags[i]!.map((t) => t.toLowerCase()))],
    ...(ml.years[i] === undefined ? {} : { year: ml.years[i] }),
  }));
}
