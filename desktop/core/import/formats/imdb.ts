/**
 * IMDb's CSV exports: "Your ratings", the watchlist and other lists. Three layouts are in
 * the wild (ratings, lists since 2017, and the older all-lists layout with lower-case
 * headers and dates such as `Sat Jan 02 00:00:00 2016`), so every column is found by name.
 * Titles carry their IMDb id, which decides the match; the other columns are passed as
 * details so that a title the library does not have yet is created complete.
 */
import { CoreError } from '@reelshelf/shared/contracts';
import type { CreditInput } from '@reelshelf/shared/domain';
import type {
  Fact,
  ImportItem,
  InputFile,
  ListTarget,
  Reader,
  ReaderOutput,
  RejectedRow,
  TitleDetailsInput,
  TitleRef,
} from '../records';
import {
  imdbIdCell,
  isoDateCell,
  realDate,
  scoreCell,
  splitList,
  yearCell,
  type Problems,
} from '../text/cells';
import {
  cellOf,
  findColumn,
  findColumns,
  firstRecord,
  readCsvTable,
  type CsvColumn,
  type CsvRow,
} from '../text/csv';
import { decodeText } from '../text/decode';

const COLUMNS = {
  id: ['Const'],
  title: ['Title'],
  originalTitle: ['Original Title'],
  titleType: ['Title Type'],
  year: ['Year'],
  yourRating: ['Your Rating', 'You rated'],
  dateRated: ['Date Rated'],
  created: ['Created'],
  position: ['Position'],
  description: ['Description'],
  runtime: ['Runtime (mins)'],
  genres: ['Genres'],
  releaseDate: ['Release Date', 'Release Date (month/day/year)'],
  directors: ['Directors'],
} as const;
type Columns = Record<keyof typeof COLUMNS, CsvColumn | undefined>;

/** An IMDb export: a `Const` column of title ids next to a `Title Type` column. */
export function detectImdb(file: InputFile): boolean {
  let header: string[];
  try {
    header = firstRecord(decodeText({ name: file.name, bytes: file.bytes.subarray(0, 65_536) }));
  } catch {
    return false;
  }
  const names = { line: 1, names: header };
  return findColumn(names, COLUMNS.id) !== undefined && findColumn(names, COLUMNS.titleType) !== undefined;
}

export const imdbReader: Reader = {
  format: 'imdb',
  *read(files: InputFile[]): Generator<ReaderOutput> {
    for (const file of files) yield* readImdbFile(file);
  },
};

/** What membership a row of this file means: none (ratings), the watchlist or a list named after the file. */
function listOfFile(name: string, columns: Columns): ListTarget | undefined {
  const base = (name.split('/').pop() ?? name).replace(/\.csv$/i, '');
  if (/watchlist/i.test(base)) return { system: 'watchlist' };
  // Old ratings exports have a position column too; they are told apart by their name.
  if (columns.position === undefined || /ratings/i.test(base)) return undefined;
  return { name: base };
}

function* readImdbFile(file: InputFile): Generator<ReaderOutput> {
  const { header, rows } = readCsvTable(file.name, decodeText(file));
  if (header.names.length === 0) return;
  const columns = findColumns(header, COLUMNS);
  if (!columns.id) throw new CoreError('invalid_argument', `${file.name} has no "Const" column of IMDb ids`);
  const list = listOfFile(file.name, columns);
  for (const row of rows) yield row.kind === 'rejected' ? row : imdbRow(file.name, row, columns, list);
}

function imdbRow(
  file: string,
  row: CsvRow,
  columns: Columns,
  list: ListTarget | undefined,
): ImportItem | RejectedRow {
  const problems: Problems = [];
  const source = { file, line: row.line, raw: row.raw };
  const cell = (column: CsvColumn | undefined) => cellOf(row, column);
  const named = (column: CsvColumn | undefined, fallback: string) => column?.name ?? fallback;

  const imdb = imdbIdCell(cell(columns.id), named(columns.id, 'Const'), problems);
  if (cell(columns.id) === '') problems.push(`${named(columns.id, 'Const')}: missing`);
  const kind = kindOfType(cell(columns.titleType), named(columns.titleType, 'Title Type'), problems);
  const year = yearCell(cell(columns.year), named(columns.year, 'Year'), problems);
  const facts: Fact[] = [];

  const stars = scoreCell(cell(columns.yourRating), 10, named(columns.yourRating, 'Your Rating'), problems);
  if (stars !== undefined) {
    // Old layouts have no rating date; there the row was created when the title was rated.
    const ratedColumn = columns.dateRated ?? columns.created;
    const on = imdbDate(cell(ratedColumn), named(ratedColumn, 'Date Rated'), problems);
    facts.push({ type: 'rating', stars, ...(on === undefined ? {} : { on }) }, { type: 'watched' });
  }
  if (list !== undefined) {
    const on = imdbDate(cell(columns.created), named(columns.created, 'Created'), problems);
    const position = positionOf(cell(columns.position), named(columns.position, 'Position'), problems);
    const note = cell(columns.description);
    facts.push({
      type: 'list',
      list,
      // The watchlist has no order of its own in Reelshelf: IMDb's is the order added.
      ...('name' in list && position !== undefined ? { position } : {}),
      ...(note === '' ? {} : { note }),
      ...(on === undefined ? {} : { on }),
    });
  }
  if (problems.length > 0 || imdb === undefined || kind === undefined) {
    return { kind: 'rejected', source, reason: problems.join('; ') };
  }
  const title: TitleRef = {
    kind,
    ...(cell(columns.title) === '' ? {} : { title: cell(columns.title) }),
    ...(year === undefined ? {} : { year }),
    ids: { imdb },
    details: detailsOf(row, columns),
  };
  return { kind: 'item', source, title, facts };
}

const MOVIE_TYPES = [
  'movie',
  'tvmovie',
  'short',
  'video',
  'tvspecial',
  'tvshort',
  'featurefilm',
  'shortfilm',
  'documentary',
];
const SERIES_TYPES = ['tvseries', 'tvminiseries', 'miniseries'];
const EPISODE_TYPES = ['tvepisode'];

/** IMDb's title types, in both spellings (`tvMiniSeries`, `TV Mini Series`), → our kinds. */
function kindOfType(value: string, column: string, problems: Problems): TitleRef['kind'] | undefined {
  // Exports from before title types existed list only films.
  if (value === '') return 'movie';
  const type = value.toLowerCase().replace(/[\s-]/g, '');
  if (MOVIE_TYPES.includes(type)) return 'movie';
  if (SERIES_TYPES.includes(type)) return 'series';
  if (EPISODE_TYPES.includes(type)) return 'episode';
  problems.push(`${column}: ${value} is not a film or TV title`);
  return undefined;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** YYYY-MM-DD, or the old exports' `Sat Jan 02 00:00:00 2016` (a time zone may sit before the year). */
function imdbDate(value: string, column: string, problems: Problems): string | undefined {
  if (value === '') return undefined;
  const old = /^[A-Za-z]{3} ([A-Za-z]{3}) (\d{1,2}) \d{2}:\d{2}:\d{2} (?:[A-Za-z]{2,5} )?(\d{4})$/.exec(
    value,
  );
  if (old) {
    const month = MONTHS.indexOf(old[1]!.toLowerCase()) + 1;
    if (month > 0) return realDate(Number(old[3]), month, Number(old[2]), value, column, problems);
  }
  return isoDateCell(value, column, problems);
}

function positionOf(value: string, column: string, problems: Problems): number | undefined {
  if (value === '') return undefined;
  if (/^\d+$/.test(value) && Number(value) >= 1) return Number(value) - 1;
  problems.push(`${column}: "${value}" is not a position (1, 2, 3 …)`);
  return undefined;
}

/**
 * Details for creating the title. They are a convenience, not facts: a value that does not
 * parse is left out rather than rejecting the row.
 */
function detailsOf(row: CsvRow, columns: Columns): TitleDetailsInput {
  const cell = (column: CsvColumn | undefined) => cellOf(row, column);
  const details: TitleDetailsInput = {};
  const title = cell(columns.title);
  const originalTitle = cell(columns.originalTitle);
  if (originalTitle !== '' && originalTitle !== title) details.originalTitle = originalTitle;
  const runtime = Number(cell(columns.runtime));
  if (Number.isInteger(runtime) && runtime > 0) details.runtimeMinutes = runtime;
  const genres = splitList(cell(columns.genres));
  if (genres.length > 0) details.genres = genres;
  const releaseDate = releaseDateOf(cell(columns.releaseDate));
  if (releaseDate !== undefined) details.releaseDate = releaseDate;
  const credits: CreditInput[] = splitList(cell(columns.directors)).map((name) => ({
    role: 'crew',
    job: 'Director',
    department: 'Directing',
    person: { name },
  }));
  if (credits.length > 0) details.credits = credits;
  return details;
}

/** Release dates are ISO in current exports and month/day/year in old ones. */
function releaseDateOf(value: string): string | undefined {
  const ignored: Problems = [];
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (us) return realDate(Number(us[3]), Number(us[1]), Number(us[2]), value, '', ignored);
  return value === '' ? undefined : isoDateCell(value, '', ignored);
}
