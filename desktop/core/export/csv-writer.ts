/** A tiny RFC 4180 writer: what our exports need, nothing more. */

export type Cell = string | number | boolean | null | undefined;

export interface CsvOptions {
  /**
   * Start with a UTF-8 byte order mark: spreadsheet apps (Excel above all) otherwise read
   * the file in the system's legacy code page and mangle accents.
   */
  bom: boolean;
  /**
   * A text cell starting with = + - @ (or tab / carriage return) is prefixed with ' so a
   * spreadsheet shows it instead of running it as a formula (CSV injection). Off for files
   * that go to another program's importer, which would keep the quote as part of a title.
   */
  guardFormulas: boolean;
}

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: Cell, guardFormulas: boolean): string {
  if (value === null || value === undefined) return '';
  // Numbers are written as numbers: -3 is a value, not a formula.
  let text = String(value);
  if (typeof value === 'string' && guardFormulas && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV file's text and how many data rows it holds (cells may contain line breaks, so lines are not rows). */
export interface CsvExport {
  text: string;
  rows: number;
}

/** One header row, then the rows; CRLF line ends as RFC 4180 says. */
export function csvDocument(
  header: readonly string[],
  rows: Iterable<readonly Cell[]>,
  options: CsvOptions,
): CsvExport {
  const lines: string[] = [header.map((h) => csvCell(h, false)).join(',')];
  for (const row of rows) lines.push(row.map((c) => csvCell(c, options.guardFormulas)).join(','));
  return { text: `${options.bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`, rows: lines.length - 1 };
}
