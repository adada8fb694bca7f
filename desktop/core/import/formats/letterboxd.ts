/**
 * Letterboxd's data export (Settings → Import & Export): a ZIP of CSV files, or one of
 * those files on its own. Every row is a film; which facts it carries depends on the file.
 * The diary and the reviews describe the same viewings (a review is a diary entry with
 * text), so both give a viewing the entry's own URI as its key and the importer counts it
 * once.
 */
import { CoreError } from '@reelshelf/shared/contracts';
import type { Fact, ImportItem, InputFile, Reader, ReaderOutput, RejectedRow } from '../records';
import { halfStarsCell, isoDateCell, splitList, yearCell, type Problems } from '../text/cells';
import {
  cellOf,
  findColumns,
  firstRecord,
  normaliseHeader,
  parseCsvRecords,
  readCsvTable,
  rowsUnder,
  withUnclosedQuote,
  type CsvColumn,
  type CsvHeader,
  type CsvRecord,
  type CsvRow,
} from '../text/csv';
import { decodeText } from '../text/decode';

type FileKind = 'diary' | 'reviews' | 'watched' | 'ratings' | 'watchlist' | 'likes' | 'list';

/** Read in this order: viewings first, so later files about the same film find it matched. */
const READ_ORDER: readonly FileKind[] = [
  'diary',
  'reviews',
  'watched',
  'ratings',
  'watchlist',
  'likes',
  'list',
];

const ROOT_FILES: Record<string, FileKind> = {
  'diary.csv': 'diary',
  'reviews.csv': 'reviews',
  'watched.csv': 'watched',
  'ratings.csv': 'ratings',
  'watchlist.csv': 'watchlist',
};

/** Folders of the export itself; `likes/` also holds liked reviews and lists of other people. */
const EXPORT_FOLDERS = new Set(['lists', 'likes', 'deleted', 'orphaned']);
/** Entries the person removed on Letterboxd: importing them would bring them back. */
const REMOVED_FOLDERS = new Set(['deleted', 'orphaned']);

/**
 * Which entries of an export ZIP to read, in reading order, and which to leave (deleted and
 * orphaned entries, the profile and comments — they hold the account's email and other
 * people's words — and anything unknown), so the caller can list what it skipped.
 */
export function letterboxdFiles(names: string[]): { read: string[]; skipped: string[] } {
  const files = names.filter((n) => !n.endsWith('/'));
  const order = (name: string) => READ_ORDER.indexOf(kindOfPath(name)!);
  const read = files
    .filter((n) => kindOfPath(n) !== undefined)
    .sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  const skipped = files.filter((n) => kindOfPath(n) === undefined);
  return { read, skipped };
}

/**
 * The kind of an export file by its path. Only the end of the path counts: names arrive as
 * `export.zip/diary.csv`, and a re-zipped export has one more folder in front.
 */
function kindOfPath(name: string): FileKind | undefined {
  const segments = name.toLowerCase().split('/');
  const file = segments.pop() ?? '';
  if (segments.some((s) => REMOVED_FOLDERS.has(s))) return undefined;
  const folder = segments.at(-1);
  if (folder === 'lists') return file.endsWith('.csv') ? 'list' : undefined;
  if (folder === 'likes') return file === 'films.csv' ? 'likes' : undefined;
  if (folder !== undefined && EXPORT_FOLDERS.has(folder)) return undefined;
  return ROOT_FILES[file];
}

const LIST_MARKER = /^Letterboxd list export v\d+$/i;

/** A Letterboxd file: its header names the `Letterboxd URI` column, or it is a list export. */
export function detectLetterboxd(file: InputFile): boolean {
  let first: string[];
  try {
    // The header is at the start; a multi-byte character cut at the end does not matter.
    first = firstRecord(decodeText({ name: file.name, bytes: file.bytes.subarray(0, 65_536) }));
  } catch {
    return false;
  }
  return isListMarker(first) || first.some((c) => normaliseHeader(c) === 'letterboxduri');
}

function isListMarker(cells: string[]): boolean {
  return LIST_MARKER.test(cells[0]?.trim() ?? '') && cells.slice(1).every((c) => c.trim() === '');
}

export const letterboxdReader: Reader = {
  format: 'letterboxd',
  *read(files: InputFile[]): Generator<ReaderOutput> {
    for (const file of files) {
      const text = decodeText(file);
      const kind = kindOfPath(file.name) ?? kindFromContent(file.name, text);
      if (kind === 'list') yield* readList(file.name, text);
      else yield* readFilmFile(file.name, text, kind);
    }
  },
};

/**
 * A file chosen on its own may be renamed (`diary (1).csv`): its columns tell the diary,
 * reviews and ratings apart; the files with only Date, Name, Year and URI differ only by name.
 */
function kindFromContent(name: string, text: string): FileKind {
  const first = firstRecord(text);
  if (isListMarker(first)) return 'list';
  const has = (column: string) => first.some((c) => normaliseHeader(c) === normaliseHeader(column));
  if (has('Review')) return 'reviews';
  if (has('Watched Date') || has('Rewatch')) return 'diary';
  if (has('Rating')) return 'ratings';
  const base = name.toLowerCase();
  if (base.includes('watchlist')) return 'watchlist';
  if (base.includes('like')) return 'likes';
  if (base.includes('watched')) return 'watched';
  throw new CoreError(
    'invalid_argument',
    `${name} is not a Letterboxd export file Reelshelf knows (diary.csv, reviews.csv, watched.csv, ratings.csv, watchlist.csv, likes/films.csv or a list)`,
  );
}

const FILM_COLUMNS = {
  date: ['Date'],
  name: ['Name'],
  year: ['Year'],
  uri: ['Letterboxd URI', 'URL'],
  rating: ['Rating'],
  rewatch: ['Rewatch'],
  tags: ['Tags'],
  watchedDate: ['Watched Date'],
  review: ['Review'],
  spoilers: ['Spoilers', 'Contains Spoilers'],
  position: ['Position'],
  description: ['Description'],
} as const;
type FilmColumns = Record<keyof typeof FILM_COLUMNS, CsvColumn | undefined>;

function* readFilmFile(file: string, text: string, kind: FileKind): Generator<ReaderOutput> {
  const { header, rows } = readCsvTable(file, text);
  if (header.names.length === 0) return;
  const columns = filmColumns(file, header);
  for (const row of rows) {
    yield row.kind === 'rejected' ? row : filmRow(file, row, columns, factsOf(kind, row, columns));
  }
}

function filmColumns(file: string, header: CsvHeader): FilmColumns {
  const columns = findColumns(header, FILM_COLUMNS);
  if (!columns.name) throw new CoreError('invalid_argument', `${file} has no "Name" column`);
  return columns;
}

/** The film a row names, with the facts `facts` reads; every problem of the row rejects it once. */
function filmRow(
  file: string,
  row: CsvRow,
  columns: FilmColumns,
  facts: (problems: Problems) => Fact[],
): ImportItem | RejectedRow {
  const problems: Problems = [];
  const name = cellOf(row, columns.name);
  if (name === '') problems.push(`${columns.name?.name ?? 'Name'}: missing`);
  const year = yearCell(cellOf(row, columns.year), columns.year?.name ?? 'Year', problems);
  const rowFacts = facts(problems);
  const source = { file, line: row.line, raw: row.raw };
  if (problems.length > 0) return { kind: 'rejected', source, reason: problems.join('; ') };
  return {
    kind: 'item',
    source,
    title: { kind: 'movie', title: name, ...(year === undefined ? {} : { year }), ids: {} },
    facts: rowFacts,
  };
}

function factsOf(kind: FileKind, row: CsvRow, columns: FilmColumns): (problems: Problems) => Fact[] {
  return (problems) => {
    const date = () => optionalDate(row, columns.date, problems);
    switch (kind) {
      case 'diary':
        return viewingFacts(row, columns, problems);
      case 'reviews':
        return reviewFacts(row, columns, problems);
      case 'watched':
        return [{ type: 'watched' }];
      case 'ratings': {
        const on = date();
        const stars = halfStarsCell(cellOf(row, columns.rating), columns.rating?.name ?? 'Rating', problems);
        if (stars === undefined) {
          if (cellOf(row, columns.rating) === '')
            problems.push(`${columns.rating?.name ?? 'Rating'}: missing`);
          return [];
        }
        return [{ type: 'rating', stars, ...(on === undefined ? {} : { on }) }];
      }
      case 'watchlist':
        return [listFact({ system: 'watchlist' }, date())];
      case 'likes':
        return [listFact({ system: 'favorites' }, date())];
      case 'list':
        throw new Error('list files are read by readList');
    }
  };
}

function listFact(list: { system: 'watchlist' | 'favorites' }, on: string | undefined): Fact {
  return { type: 'list', list, ...(on === undefined ? {} : { on }) };
}

/** A diary entry: the viewing (keyed by the entry's URI), its rating and its tags. */
function viewingFacts(row: CsvRow, columns: FilmColumns, problems: Problems): Fact[] {
  const on = viewingDate(row, columns, problems) ?? null;
  const uri = cellOf(row, columns.uri);
  const facts: Fact[] = [
    {
      type: 'watch',
      on,
      ...(uri === '' ? {} : { key: `letterboxd:${uri}` }),
      rewatch: cellOf(row, columns.rewatch).toLowerCase() === 'yes',
    },
  ];
  const stars = halfStarsCell(cellOf(row, columns.rating), columns.rating?.name ?? 'Rating', problems);
  if (stars !== undefined) facts.push({ type: 'rating', stars, ...(on === null ? {} : { on }) });
  for (const tag of splitList(cellOf(row, columns.tags))) facts.push({ type: 'tag', tag });
  return facts;
}

/** A review is a diary entry with text: the same viewing facts, plus the review under the same key. */
function reviewFacts(row: CsvRow, columns: FilmColumns, problems: Problems): Fact[] {
  const facts = viewingFacts(row, columns, problems);
  const text = cellOf(row, columns.review);
  if (text === '') return facts;
  const on = viewingDate(row, columns, []);
  const uri = cellOf(row, columns.uri);
  const review: Fact = {
    type: 'review',
    text,
    containsSpoilers: ['yes', 'true', '1'].includes(cellOf(row, columns.spoilers).toLowerCase()),
    ...(on === undefined ? {} : { on }),
    ...(uri === '' ? {} : { key: `letterboxd:${uri}` }),
  };
  // The review goes right after the viewing and its rating, before the tags.
  const firstTag = facts.findIndex((f) => f.type === 'tag');
  facts.splice(firstTag === -1 ? facts.length : firstTag, 0, review);
  return facts;
}

/** The day watched, or the day logged when the entry has no watched date. */
function viewingDate(row: CsvRow, columns: FilmColumns, problems: Problems): string | undefined {
  if (cellOf(row, columns.watchedDate) !== '') return optionalDate(row, columns.watchedDate, problems);
  return optionalDate(row, columns.date, problems);
}

function optionalDate(row: CsvRow, column: CsvColumn | undefined, problems: Problems): string | undefined {
  const value = cellOf(row, column);
  return value === '' || column === undefined ? undefined : isoDateCell(value, column.name, problems);
}

/**
 * "Letterboxd list export v7": the marker line, a header and one row about the list (name,
 * description), a blank line, then a header starting with Position and one row per film.
 */
function* readList(file: string, text: string): Generator<ReaderOutput> {
  const parsed = parseCsvRecords(text);
  const [marker, listHeader, ...rest] = parsed.records;
  if (!marker || !isListMarker(marker.cells) || !listHeader) {
    throw new CoreError('invalid_argument', `${file} is not a Letterboxd list export`);
  }
  const filmsAt = rest.findIndex((r) => normaliseHeader(r.cells[0] ?? '') === 'position');
  const aboutRecords = filmsAt === -1 ? rest : rest.slice(0, filmsAt);
  const list = aboutList(file, headerOf(listHeader), aboutRecords);
  if (filmsAt === -1) return yield* withUnclosedQuote(file, parsed, [] as ReaderOutput[]);

  const filmsHeader = headerOf(rest[filmsAt]!);
  const columns = filmColumns(file, filmsHeader);
  const rows = [...rowsUnder(file, filmsHeader, rest.slice(filmsAt + 1))];
  // An unranked list exports its films with an empty Position.
  const ranked = rows.some((r) => r.kind === 'row' && cellOf(r, columns.position) !== '');
  const target = { ...list, ranked };
  const items = rows.map((row) =>
    row.kind === 'rejected'
      ? row
      : filmRow(file, row, columns, (problems) => {
          const position = positionCell(row, columns.position, problems);
          const note = cellOf(row, columns.description);
          return [
            {
              type: 'list',
              list: target,
              ...(position === undefined ? {} : { position }),
              ...(note === '' ? {} : { note }),
            },
          ];
        }),
  );
  yield* withUnclosedQuote(file, parsed, items);
}

function headerOf(record: CsvRecord): CsvHeader {
  return { line: record.line, names: record.cells.map((c) => c.trim()) };
}

/** The list's name and description; a list row without a name is named after its file. */
function aboutList(
  file: string,
  header: CsvHeader,
  records: CsvRecord[],
): { name: string; description?: string } {
  const columns = findColumns(header, { name: ['Name'], description: ['Description'] });
  let name = '';
  let description = '';
  for (const row of rowsUnder(file, header, records.slice(0, 1))) {
    if (row.kind === 'row') {
      name = cellOf(row, columns.name);
      description = cellOf(row, columns.description);
    }
  }
  if (name === '') name = (file.split('/').pop() ?? file).replace(/\.csv$/i, '');
  return description === '' ? { name } : { name, description };
}

/** Position 1 is the top of a ranked list; facts count from 0. */
function positionCell(row: CsvRow, column: CsvColumn | undefined, problems: Problems): number | undefined {
  const value = cellOf(row, column);
  if (value === '' || column === undefined) return undefined;
  if (/^\d+$/.test(value) && Number(value) >= 1) return Number(value) - 1;
  problems.push(`${column.name}: "${value}" is not a position (1, 2, 3 …)`);
  return undefined;
}
