import { describe, expect, it } from 'vitest';
import { CoreError } from '@reelshelf/shared/contracts';
import { findColumn, parseCsvRecords, readCsvTable, type CsvRow } from './csv';
import { decodeText } from './decode';

const file = (bytes: Buffer, name = 'diary.csv') => ({ name, bytes });

describe('decodeText', () => {
  it('reads UTF-8 with and without a BOM, dropping the BOM', () => {
    const body = Buffer.from('Name\nAmélie\n', 'utf8');
    expect(decodeText(file(body))).toBe('Name\nAmélie\n');
    expect(decodeText(file(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body])))).toBe('Name\nAmélie\n');
  });

  it('reads UTF-16 little- and big-endian files that start with a BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Name\nAmélie 東京\n', 'utf16le')]);
    expect(decodeText(file(le))).toBe('Name\nAmélie 東京\n');
    const be = Buffer.from(le);
    be.swap16();
    expect(decodeText(file(be))).toBe('Name\nAmélie 東京\n');
  });

  it('reads files that are not valid UTF-8 as Windows-1252, the way old IMDb exports were written', () => {
    expect(decodeText(file(Buffer.from('"Amélie","La vita è bella"', 'latin1')))).toBe(
      '"Amélie","La vita è bella"',
    );
    // 0x93/0x94 are curly quotes in Windows-1252 (control characters in strict Latin-1).
    expect(decodeText(file(Buffer.from([0x93, 0x48, 0x69, 0x94])))).toBe('“Hi”');
  });

  it('refuses a binary file, naming it', () => {
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]);
    expect(() => decodeText(file(zip))).toThrow(CoreError);
    expect(() => decodeText(file(zip))).toThrow('diary.csv is not a text file');
  });
});

describe('parseCsvRecords', () => {
  it('gives each record the line it starts on, with quoted line breaks, CRLF and blank lines', () => {
    const text = 'Name,Review\r\n"Amélie","one\r\n\r\nthree"\r\n\r\nThe Matrix,"Whoa, ""Neo"""\r\n';
    const { records, unclosedQuoteLine } = parseCsvRecords(text);
    expect(records.map((r) => [r.line, r.cells])).toEqual([
      [1, ['Name', 'Review']],
      [2, ['Amélie', 'one\n\nthree']],
      [6, ['The Matrix', 'Whoa, "Neo"']],
    ]);
    expect(unclosedQuoteLine).toBeUndefined();
  });

  it('keeps a stray quote inside an unquoted cell as text', () => {
    expect(parseCsvRecords('Name\n3.5" Floppy\nNext\n').records.map((r) => r.cells[0])).toEqual([
      'Name',
      '3.5" Floppy',
      'Next',
    ]);
  });

  it('reports where a quote that is never closed starts, keeping the records before it', () => {
    const { records, unclosedQuoteLine } = parseCsvRecords(
      'Name,Year\nAmélie,2001\n\n"Broken,2002\nMore,2003\n',
    );
    expect(records.map((r) => r.cells[0])).toEqual(['Name', 'Amélie']);
    expect(unclosedQuoteLine).toBe(4);
  });
});

describe('readCsvTable', () => {
  const rows = (text: string) => [...readCsvTable('diary.csv', text).rows];

  it('keys cells by header without case or spaces, keeping the raw row as written', () => {
    const [row] = rows('Date,Letterboxd URI,Watched Date\n2023-01-08,https://boxd.it/x,2023-01-07\n');
    expect(row?.kind).toBe('row');
    const { cells, raw, line } = row as CsvRow;
    expect(line).toBe(2);
    expect(cells.get('letterboxduri')).toBe('https://boxd.it/x');
    expect(cells.get('watcheddate')).toBe('2023-01-07');
    expect(raw).toEqual({
      Date: '2023-01-08',
      'Letterboxd URI': 'https://boxd.it/x',
      'Watched Date': '2023-01-07',
    });
  });

  it('rejects a row with the wrong number of cells by line and goes on with the next', () => {
    const out = rows('a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n');
    expect(out.map((r) => (r.kind === 'rejected' ? `line ${r.source.line}: ${r.reason}` : r.line))).toEqual([
      2,
      'line 3: 2 columns, expected 3',
      'line 4: 4 columns, expected 3',
      5,
    ]);
  });

  it('accepts empty trailing cells some exporters add', () => {
    const out = rows('a,b\n1,2,\n3,4,,\n');
    expect(out.map((r) => r.kind)).toEqual(['row', 'row']);
  });

  it('ends with a rejected row where an unclosed quote starts, not an exception', () => {
    const out = rows('Name,Year\nAmélie,2001\n"Broken,2002\nMore,2003\n');
    expect(out).toHaveLength(2);
    expect(out[1]).toMatchObject({ kind: 'rejected', source: { file: 'diary.csv', line: 3 } });
    expect(out[1]?.kind === 'rejected' && out[1].reason).toContain('quoted cell is never closed');
  });

  it('has no header and no rows for an empty file', () => {
    const table = readCsvTable('empty.csv', '');
    expect(table.header.names).toEqual([]);
    expect([...table.rows]).toEqual([]);
  });

  it('finds a column by any of its names, old or new', () => {
    const header = { line: 1, names: ['position', 'const', 'You rated', 'Title type'] };
    expect(findColumn(header, ['Your Rating', 'You rated'])).toEqual({ name: 'You rated', key: 'yourated' });
    expect(findColumn(header, ['Title Type'])?.name).toBe('Title type');
    expect(findColumn(header, ['Date Rated'])).toBeUndefined();
  });
});
