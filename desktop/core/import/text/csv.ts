/**
 * CSV text → rows with their line numbers, on top of csv-parse. Exports are read as
 * leniently as their meaning allows: one broken row is rejected with its line and the rest
 * of the file still imports; columns are found by header name (case and spaces do not
 * matter), never by position, because every exporter has reordered or renamed them.
 */
import { parse } from 'csv-parse/sync';
import type { RejectedRow } from '../records';

/** One CSV record as written: `line` is where it starts (a quoted cell may span lines). */
export interface CsvRecord {
  line: number;
  /** The line it ends on; a gap to the next record's `line` means blank lines between. */
  lastLine: number;
  cells: string[];
}

export interface ParsedCsv {
  records: CsvRecord[];
  /** A quote opened and never closed swallows the rest of the file: that record is rejected. */
  unclosedQuoteLine?: number;
}

/** Every non-blank record of `text` with the line it starts on. */
export function parseCsvRecords(text: string): ParsedCsv {
  // csv-parse counts a CRLF inside a quoted cell as two lines; with one kind of line end its
  // line numbers are exact, and a review's line breaks read the same from any exporter.
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const records: CsvRecord[] = [];
  let lastLineSeen = 0;
  let unclosedQuoteLine: number | undefined;
  parse(source, {
    relax_column_count: true,
    // A stray quote inside an unquoted cell (`5" Floppy`) is kept as text, not an error.
    relax_quotes: true,
    // Blank lines come through as records so that every record's first line is known: it
    // is the line after the previous record's last one (csv-parse reports the last).
    skip_empty_lines: false,
    skip_records_with_error: true,
    on_skip: (error) => {
      if (error === undefined) return;
      if (error.code === 'CSV_QUOTE_NOT_CLOSED') unclosedQuoteLine = lastLineSeen + 1;
      if (typeof error.lines === 'number') lastLineSeen = error.lines;
    },
    on_record: (cells, { lines }) => {
      const line = lastLineSeen + 1;
      lastLineSeen = lines;
      if (!(cells.length === 1 && cells[0]!.trim() === '')) records.push({ line, lastLine: lines, cells });
      // Records are collected here; csv-parse's own result array is not needed.
      return null;
    },
  });
  return unclosedQuoteLine === undefined ? { records } : { records, unclosedQuoteLine };
}

/** Header names compare without case and without spaces: `Title type` = `Title Type`. */
export function normaliseHeader(name: string): string {
  return name.replace(/\s+/g, '').toLowerCase();
}

/** A column the file has: `name` as the file spells it (for messages), `key` to look cells up. */
export interface CsvColumn {
  name: string;
  key: string;
}

export interface CsvHeader {
  line: number;
  names: string[];
}

/** The first of `aliases` the header has (old and new exports name the same column differently). */
export function findColumn(header: CsvHeader, aliases: readonly string[]): CsvColumn | undefined {
  for (const alias of aliases) {
    const key = normaliseHeader(alias);
    const name = header.names.find((n) => normaliseHeader(n) === key);
    if (name !== undefined) return { name, key };
  }
  return undefined;
}

/** Columns of a reader by role: each role's aliases, resolved against one file's header. */
export function findColumns<K extends string>(
  header: CsvHeader,
  spec: Record<K, readonly string[]>,
): Record<K, CsvColumn | undefined> {
  const found = {} as Record<K, CsvColumn | undefined>;
  for (const role of Object.keys(spec) as K[]) found[role] = findColumn(header, spec[role]);
  return found;
}

export interface CsvRow {
  kind: 'row';
  line: number;
  /** Normalised header → cell. */
  cells: Map<string, string>;
  /** Header as written → cell, kept verbatim for the review queue. */
  raw: Record<string, string>;
}

/** The trimmed cell of `column`, '' when the file has no such column or the cell is empty. */
export function cellOf(row: CsvRow, column: CsvColumn | undefined): string {
  return column === undefined ? '' : (row.cells.get(column.key)?.trim() ?? '');
}

/**
 * Data records under a header → rows keyed by header, or a rejected row for a record with
 * the wrong number of cells. Extra cells that are all empty (a trailing comma some
 * exporters add) are not an error.
 */
export function* rowsUnder(
  file: string,
  header: CsvHeader,
  records: Iterable<CsvRecord>,
): Generator<CsvRow | RejectedRow> {
  const keys = header.names.map(normaliseHeader);
  const expected = keys.length;
  for (const { line, cells } of records) {
    const extraIsEmpty = cells.slice(expected).every((c) => c.trim() === '');
    if (cells.length < expected || !extraIsEmpty) {
      yield {
        kind: 'rejected',
        source: { file, line, raw: cells },
        reason: `${cells.length} columns, expected ${expected}`,
      };
      continue;
    }
    const map = new Map<string, string>();
    const raw: Record<string, string> = {};
    keys.forEach((key, i) => {
      // A duplicated header keeps its first cell, as a reader would look it up.
      if (!map.has(key)) map.set(key, cells[i]!);
      raw[header.names[i]!] = cells[i]!;
    });
    yield { kind: 'row', line, cells: map, raw };
  }
}

export interface CsvTable {
  header: CsvHeader;
  rows: Iterable<CsvRow | RejectedRow>;
}

/**
 * A plain CSV file: the first record is the header, every other one a row. A file with no
 * records at all has an empty header and no rows.
 */
export function readCsvTable(file: string, text: string): CsvTable {
  const parsed = parseCsvRecords(text);
  const [first, ...data] = parsed.records;
  const header: CsvHeader = first
    ? { line: first.line, names: first.cells.map((c) => c.trim()) }
    : { line: 1, names: [] };
  return { header, rows: withUnclosedQuote(file, parsed, rowsUnder(file, header, data)) };
}

/** The rows, then the record an unclosed quote made unreadable (it is always the last one). */
export function* withUnclosedQuote<T>(
  file: string,
  parsed: ParsedCsv,
  rows: Iterable<T>,
): Generator<T | RejectedRow> {
  yield* rows;
  if (parsed.unclosedQuoteLine !== undefined) {
    yield {
      kind: 'rejected',
      source: { file, line: parsed.unclosedQuoteLine, raw: null },
      reason: 'a quoted cell is never closed: the rest of the file cannot be read',
    };
  }
}

/** The first line's cells, for detecting a format without parsing the whole file. */
export function firstRecord(text: string): string[] {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r\n?|\n/, 1)[0] ?? '';
  return parseCsvRecords(firstLine).records[0]?.cells.map((c) => c.trim()) ?? [];
}
