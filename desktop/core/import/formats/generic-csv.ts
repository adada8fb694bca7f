/**
 * Any CSV, given which column holds what: spreadsheets people kept by hand, exports of
 * apps we have no reader for. The mapping names columns by header (case and spaces do not
 * matter); a header the file lacks stops the import before any row is read, because a
 * mistyped column would otherwise import every row without the facts the person meant.
 */
import { z } from 'zod';
import { CoreError } from '@reelshelf/shared/contracts';
import { WATCH_STATUSES, type WatchStatus } from '@reelshelf/shared/domain';
import type {
  Fact,
  ImportItem,
  InputFile,
  ListTarget,
  Reader,
  ReaderOutput,
  RejectedRow,
  TitleRef,
} from '../records';
import {
  imdbIdCell,
  isoDateCell,
  numericIdCell,
  realDate,
  scoreCell,
  splitList,
  yearCell,
  type Problems,
} from '../text/cells';
import { cellOf, findColumn, readCsvTable, type CsvColumn, type CsvHeader, type CsvRow } from '../text/csv';
import { decodeText } from '../text/decode';

const Header = z.string().trim().min(1, 'name a column by its header');

export const DATE_FORMATS = ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY'] as const;

export const CsvMapping = z.object({
  title: Header,
  year: Header.optional(),
  imdb: Header.optional(),
  tmdb: Header.optional(),
  tvdb: Header.optional(),
  /** Cells such as movie, film, series, show, episode; movie when absent. */
  kind: Header.optional(),
  watchedOn: Header.optional(),
  rating: Header.optional(),
  /** What the best rating in the file is: 5 (stars), 10 or 100. */
  ratingScale: z.union([z.literal(5), z.literal(10), z.literal(100)]).default(5),
  /** The list a row belongs to; "watchlist" and "favorites" are the system lists. */
  list: Header.optional(),
  tags: Header.optional(),
  tagSeparator: z.string().min(1).default(','),
  review: Header.optional(),
  status: Header.optional(),
  dateFormat: z.enum(DATE_FORMATS).default('YYYY-MM-DD'),
});
export type CsvMapping = z.output<typeof CsvMapping>;

const COLUMN_ROLES = [
  'title',
  'year',
  'imdb',
  'tmdb',
  'tvdb',
  'kind',
  'watchedOn',
  'rating',
  'list',
  'tags',
  'review',
  'status',
] as const;
type Role = (typeof COLUMN_ROLES)[number];
type Columns = Partial<Record<Role, CsvColumn>>;

export function genericCsvReader(mapping: CsvMapping): Reader {
  return {
    format: 'csv',
    *read(files: InputFile[]): Generator<ReaderOutput> {
      // Every file's header is checked before the first row of any file is produced.
      const tables = files.map((file) => {
        const table = readCsvTable(file.name, decodeText(file));
        return {
          file: file.name,
          rows: table.rows,
          columns: mappedColumns(file.name, table.header, mapping),
        };
      });
      for (const { file, rows, columns } of tables) {
        for (const row of rows) yield row.kind === 'rejected' ? row : mappedRow(file, row, columns, mapping);
      }
    },
  };
}

function mappedColumns(file: string, header: CsvHeader, mapping: CsvMapping): Columns {
  const columns: Columns = {};
  for (const role of COLUMN_ROLES) {
    const name = mapping[role];
    if (name === undefined) continue;
    const column = findColumn(header, [name]);
    if (column === undefined) {
      throw new CoreError('invalid_argument', `${file} has no column "${name}" (mapped as ${role})`);
    }
    columns[role] = column;
  }
  return columns;
}

function mappedRow(
  file: string,
  row: CsvRow,
  columns: Columns,
  mapping: CsvMapping,
): ImportItem | RejectedRow {
  const problems: Problems = [];
  const source = { file, line: row.line, raw: row.raw };
  const cell = (role: Role) => cellOf(row, columns[role]);
  const nameOf = (role: Role) => columns[role]?.name ?? role;

  const title = cell('title');
  if (title === '') problems.push(`${nameOf('title')}: missing`);
  const year = yearCell(cell('year'), nameOf('year'), problems);
  const imdb = imdbIdCell(cell('imdb'), nameOf('imdb'), problems);
  const tmdb = numericIdCell(cell('tmdb'), nameOf('tmdb'), problems);
  const tvdb = numericIdCell(cell('tvdb'), nameOf('tvdb'), problems);
  const kind = kindCell(cell('kind'), nameOf('kind'), problems);

  const facts: Fact[] = [];
  const watchedOn = dateCell(cell('watchedOn'), mapping.dateFormat, nameOf('watchedOn'), problems);
  if (watchedOn !== undefined) facts.push({ type: 'watch', on: watchedOn });
  const stars = scoreCell(cell('rating'), mapping.ratingScale, nameOf('rating'), problems);
  if (stars !== undefined)
    facts.push({ type: 'rating', stars, ...(watchedOn === undefined ? {} : { on: watchedOn }) });
  const review = cell('review');
  if (review !== '') {
    facts.push({
      type: 'review',
      text: review,
      containsSpoilers: false,
      ...(watchedOn === undefined ? {} : { on: watchedOn }),
    });
  }
  const list = cell('list');
  if (list !== '') facts.push({ type: 'list', list: listTarget(list) });
  for (const tag of splitList(cell('tags'), mapping.tagSeparator)) facts.push({ type: 'tag', tag });
  const status = statusCell(cell('status'), nameOf('status'), problems);
  if (status !== undefined) facts.push({ type: 'status', status });

  if (problems.length > 0 || kind === undefined)
    return { kind: 'rejected', source, reason: problems.join('; ') };
  const ref: TitleRef = {
    kind,
    title,
    ...(year === undefined ? {} : { year }),
    ids: {
      ...(imdb === undefined ? {} : { imdb }),
      ...(tmdb === undefined ? {} : { tmdb }),
      ...(tvdb === undefined ? {} : { tvdb }),
    },
  };
  return { kind: 'item', source, title: ref, facts };
}

const KIND_WORDS: Record<string, TitleRef['kind']> = {
  movie: 'movie',
  film: 'movie',
  series: 'series',
  show: 'series',
  tv: 'series',
  tvshow: 'series',
  tvseries: 'series',
  episode: 'episode',
};

function kindCell(value: string, column: string, problems: Problems): TitleRef['kind'] | undefined {
  if (value === '') return 'movie';
  const kind = KIND_WORDS[value.toLowerCase().replace(/[\s_-]/g, '')];
  if (kind === undefined) problems.push(`${column}: "${value}" is not movie, series or episode`);
  return kind;
}

/** The cell's date in the mapping's format; day and month may have one digit, separators / - or . */
function dateCell(
  value: string,
  format: CsvMapping['dateFormat'],
  column: string,
  problems: Problems,
): string | undefined {
  if (value === '') return undefined;
  if (format === 'YYYY-MM-DD') return isoDateCell(value, column, problems);
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (!m) {
    problems.push(`${column}: "${value}" is not a date as ${format}`);
    return undefined;
  }
  const [first, second] = [Number(m[1]), Number(m[2])];
  const [day, month] = format === 'DD/MM/YYYY' ? [first, second] : [second, first];
  return realDate(Number(m[3]), month, day, value, column, problems);
}

function listTarget(name: string): ListTarget {
  const key = name.toLowerCase().replace(/\s+/g, '');
  if (key === 'watchlist') return { system: 'watchlist' };
  if (key === 'favorites' || key === 'favourites') return { system: 'favorites' };
  return { name };
}

const STATUS_WORDS: Record<string, WatchStatus> = {
  ...Object.fromEntries(WATCH_STATUSES.map((s) => [s.replace('-', ''), s])),
  plantowatch: 'planned',
  watched: 'completed',
  finished: 'completed',
  paused: 'on-hold',
};

function statusCell(value: string, column: string, problems: Problems): WatchStatus | undefined {
  if (value === '') return undefined;
  const status = STATUS_WORDS[value.toLowerCase().replace(/[\s_-]/g, '')];
  if (status === undefined) problems.push(`${column}: "${value}" is not one of ${WATCH_STATUSES.join(', ')}`);
  return status;
}
